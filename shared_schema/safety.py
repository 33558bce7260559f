"""The sikkerhedsplan (safety plan): the rules around the child, who keeps each rule, the
warning signs and what each person does then, and whom to call."""

from typing import Annotated, Literal

import msgspec

from shared_schema.ids import EntityBase, Id, IntentBase, OpId

SafetyStatus = Literal["proposed", "agreed"]
"""A proposal from a phone waits for the facilitator; an agreed item is part of the plan."""

RuleReview = Literal["kept", "broken", "changed"]
"""How a rule carried from the last meeting went: kept, broken, or changed since."""

Keepers = Annotated[list[Id], msgspec.Meta(max_length=30)]


class SafetyRule(EntityBase, tag="safety_rule", kw_only=True):
    """One rule of the plan and the named people who keep it: participants of the meeting
    and/or persons of the genogram. Each keeper confirms the rule from their own phone."""

    must: bool = True
    """What must happen around the child (true), or what must not (false)."""
    text: str
    keeper_participants: list[Id] = []
    keeper_persons: list[Id] = []
    keeper_names: list[str] = []
    """Who kept a rule carried from the last meeting, by name (participants are per meeting)."""
    confirmed_by: list[Id] = []
    """Participants who confirmed the rule as it reads now; a changed rule is asked again."""
    status: SafetyStatus
    proposed_by: Id
    order: str
    created_at: float
    family: bool = False
    """Written in family time and not yet released: the professionals do not receive it."""
    carried_from: Id | None = None
    """Set when the rule comes from the case's previous meeting, to be reviewed."""
    review: RuleReview | None = None
    review_comment: str = ""


class SignStep(msgspec.Struct, kw_only=True):
    """What one person does when the warning sign shows: a participant, a genogram person, or
    someone named."""

    participant: Id | None = None
    person: Id | None = None
    name: str = ""
    does: str


class WarningSign(EntityBase, tag="safety_sign", kw_only=True):
    """A warning sign to act on, and what each person does then."""

    text: str
    steps: list[SignStep] = []
    status: SafetyStatus
    proposed_by: Id
    order: str
    created_at: float
    family: bool = False


class SafetyContact(EntityBase, tag="safety_contact", kw_only=True):
    """Whom to call: a name and a Danish phone number, stored as `12 34 56 78`."""

    name: str
    phone: str
    note: str = ""
    """When to call them, e.g. "hvis mor ikke tager telefonen"."""
    status: SafetyStatus
    proposed_by: Id
    order: str
    created_at: float
    family: bool = False


class SignStepFields(msgspec.Struct, kw_only=True):
    participant: Id | None = None
    person: Id | None = None
    name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    does: Annotated[str, msgspec.Meta(max_length=2000)]


class RuleFields(msgspec.Struct, kw_only=True):
    """What a rule's intents carry: the rule, then the op id and the rule's id."""

    must: bool = True
    text: str
    keeper_participants: Keepers = []
    keeper_persons: Keepers = []
    id: OpId
    rule_id: Id


class SignFields(msgspec.Struct, kw_only=True):
    """What a warning sign's intents carry: the sign and its steps, then the op id and its id."""

    text: str
    steps: Annotated[list[SignStepFields], msgspec.Meta(max_length=30)] = []
    id: OpId
    sign_id: Id


class ContactFields(msgspec.Struct, kw_only=True):
    """What a contact's intents carry: whom to call, then the op id and the contact's id."""

    name: Annotated[str, msgspec.Meta(max_length=200)]
    phone: Annotated[str, msgspec.Meta(max_length=40)]
    note: str = ""
    id: OpId
    contact_id: Id


class AddSafetyRule(RuleFields, tag="safety.rule.add", kw_only=True):
    """The facilitator writes a rule (agreed at once); a phone proposes one."""


class EditSafetyRule(RuleFields, tag="safety.rule.edit", kw_only=True):
    """Change a rule's text, whether it must or must not, or who keeps it."""


class RuleIntent(IntentBase, kw_only=True):
    """An intent about one rule of the safety plan."""

    rule_id: Id


class ConfirmSafetyRule(RuleIntent, tag="safety.rule.confirm", kw_only=True):
    """A keeper of the rule says, from their own phone, that they keep it."""


class ReviewSafetyRule(RuleIntent, tag="safety.rule.review", kw_only=True):
    """Mark a rule carried from the last meeting as kept, broken or changed."""

    review: RuleReview
    comment: str = ""


class AddWarningSign(SignFields, tag="safety.sign.add", kw_only=True):
    """Add a warning sign and what each person does then."""


class EditWarningSign(SignFields, tag="safety.sign.edit", kw_only=True):
    """Change a warning sign or its steps."""


class AddSafetyContact(ContactFields, tag="safety.contact.add", kw_only=True):
    """Add someone to call."""


class EditSafetyContact(ContactFields, tag="safety.contact.edit", kw_only=True):
    """Change whom to call, or their number."""


class SafetyItemIntent(IntentBase, kw_only=True):
    """An intent about one rule, warning sign or contact of the safety plan."""

    item_id: Id


class AcceptSafetyItem(SafetyItemIntent, tag="safety.accept", kw_only=True):
    """The facilitator takes a proposed rule, sign or contact into the plan."""


class DeleteSafetyItem(SafetyItemIntent, tag="safety.delete", kw_only=True):
    """Remove a rule, sign or contact, or reject a proposal (its proposer may withdraw it)."""


SafetyItem = SafetyRule | WarningSign | SafetyContact

SafetyIntent = (
    AddSafetyRule
    | EditSafetyRule
    | ConfirmSafetyRule
    | ReviewSafetyRule
    | AddWarningSign
    | EditWarningSign
    | AddSafetyContact
    | EditSafetyContact
    | AcceptSafetyItem
    | DeleteSafetyItem
)
