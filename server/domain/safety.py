"""The sikkerhedsplan: rules with their keepers, warning signs and whom to call. Phones
propose, the facilitator accepts, edits and removes; keepers confirm their rules themselves."""

import re
import unicodedata

from msgspec.structs import replace

from server.domain import permissions
from server.domain.errors import Rejected, existing, require
from server.domain.order import key_between
from server.domain.state import State, upsert_if_changed
from server.domain.text import NAME_MAX, clean
from shared_schema import (
    AcceptSafetyItem,
    AddSafetyContact,
    AddSafetyRule,
    AddWarningSign,
    Change,
    ConfirmSafetyRule,
    DeleteSafetyItem,
    EditSafetyContact,
    EditSafetyRule,
    EditWarningSign,
    Participant,
    Remove,
    ReviewSafetyRule,
    SafetyContact,
    SafetyRule,
    SignStep,
    Upsert,
    WarningSign,
)
from shared_schema.safety import ContactFields, RuleFields, SignFields, SignStepFields

ITEMS_MAX = 60
"""Rules, signs and contacts together: a plan longer than this is no longer read."""
RULE_MAX = 300
DOES_MAX = 200
NOTE_MAX = 200
COMMENT_MAX = 300

SafetyItem = SafetyRule | WarningSign | SafetyContact

# Eight digits, the first 2-9 (Danish numbers starting 0 or 1 are not subscriber numbers),
# written together, in pairs or in fours, with or without +45 in front.
_PHONE = re.compile(r"^(?:\+45 ?)?([2-9]\d) ?(\d{2}) ?(\d{2}) ?(\d{2})$")


def phone_number(text: str) -> str:
    """A Danish phone number as `20 30 40 50`; raises Rejected("invalid_phone") otherwise."""
    found = _PHONE.match(" ".join(unicodedata.normalize("NFKC", text).split()))
    if found is None:
        raise Rejected("invalid_phone")
    return " ".join(found.groups())


def unkept(state: State) -> list[SafetyRule]:
    """Agreed rules that nobody keeps: the facilitator is shown them until someone does."""
    return [
        rule
        for rule in sorted(state.safety_rules.values(), key=lambda rule: (rule.order, rule.id))
        if rule.status == "agreed"
        and rule.carried_from is None
        and not rule.keeper_participants
        and not rule.keeper_persons
    ]


def _items(state: State) -> int:
    return len(state.safety_rules) + len(state.safety_signs) + len(state.safety_contacts)


def _status(actor: Participant) -> str:
    """The facilitator's items are part of the plan at once; a phone's wait for acceptance."""
    if permissions.may(AcceptSafetyItem, actor.role):
        return "agreed"
    return "proposed"


def _new_item_fields(
    state: State, item_id: str, actor: Participant, now: float
) -> dict[str, object]:
    require(
        item_id not in state.safety_rules
        and item_id not in state.safety_signs
        and item_id not in state.safety_contacts,
        "conflict",
        say="safety.exists",
    )
    require(
        _items(state) < ITEMS_MAX,
        "too_large",
        say="safety.too_many",
        params={"max": ITEMS_MAX},
    )
    last = max(
        (
            item.order
            for group in (state.safety_rules, state.safety_signs, state.safety_contacts)
            for item in group.values()
        ),
        default=None,
    )
    return {
        "id": item_id,
        "status": _status(actor),
        "proposed_by": actor.id,
        "order": key_between(last, None),
        "created_at": now,
        "family": permissions.in_family_time(state),
    }


def _participant(state: State, participant_id: str) -> None:
    person = state.participants.get(participant_id)
    require(
        person is not None and not person.removed and person.admitted,
        "not_found",
        say="participant.some_gone",
    )


def _person(state: State, person_id: str) -> None:
    require(
        person_id in state.persons,
        "not_found",
        say="safety.person_gone",
    )


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _rule_fields(state: State, given: RuleFields) -> dict[str, object]:
    for participant_id in given.keeper_participants:
        _participant(state, participant_id)
    for person_id in given.keeper_persons:
        _person(state, person_id)
    return {
        "must": given.must,
        "text": clean(given.text, limit=RULE_MAX),
        "keeper_participants": _unique(given.keeper_participants),
        "keeper_persons": _unique(given.keeper_persons),
    }


def _step(state: State, given: SignStepFields) -> SignStep:
    named = sum((given.participant is not None, given.person is not None, bool(given.name)))
    require(named == 1, "invalid", say="safety.who_missing")
    if given.participant is not None:
        _participant(state, given.participant)
    if given.person is not None:
        _person(state, given.person)
    return SignStep(
        participant=given.participant,
        person=given.person,
        name=clean(given.name, limit=NAME_MAX, required=False),
        does=clean(given.does, limit=DOES_MAX),
    )


def _sign_fields(state: State, given: SignFields) -> dict[str, object]:
    return {
        "text": clean(given.text, limit=RULE_MAX),
        "steps": [_step(state, step) for step in given.steps],
    }


def _contact_fields(given: ContactFields) -> dict[str, object]:
    return {
        "name": clean(given.name, limit=NAME_MAX),
        "phone": phone_number(given.phone),
        "note": clean(given.note, limit=NOTE_MAX, required=False),
    }


def _editable(rule: SafetyRule) -> None:
    require(
        rule.carried_from is None,
        "not_allowed",
        say="safety.carried_change",
    )


def _find(state: State, item_id: str) -> SafetyItem:
    for group in (state.safety_rules, state.safety_signs, state.safety_contacts):
        found: SafetyItem | None = group.get(item_id)
        if found is not None:
            return found
    raise Rejected("not_found", say="safety.gone")


def _rule(state: State, rule_id: str) -> SafetyRule:
    return existing(state.safety_rules, rule_id, "safety.rule_gone")


def add_rule(state: State, intent: AddSafetyRule, actor: Participant, now: float) -> list[Change]:
    made = _new_item_fields(state, intent.rule_id, actor, now) | _rule_fields(state, intent)
    return [Upsert(entity=SafetyRule(**made))]  # type: ignore[arg-type]


def edit_rule(state: State, intent: EditSafetyRule, actor: Participant, now: float) -> list[Change]:
    rule = _rule(state, intent.rule_id)
    _editable(rule)
    edited = replace(rule, **_rule_fields(state, intent))
    if edited == rule:
        return []
    # A keeper confirmed the rule as it read; what changed is asked again, of who still keeps it.
    changed = (edited.must, edited.text) != (rule.must, rule.text)
    keepers = _keeping(state, edited)
    confirmed = [] if changed else [p for p in rule.confirmed_by if p in keepers]
    return [Upsert(entity=replace(edited, confirmed_by=confirmed))]


def _keeping(state: State, rule: SafetyRule) -> set[str]:
    """The participants who keep the rule: named themselves, or as their genogram person."""
    through_persons = {
        person.participant
        for person_id in rule.keeper_persons
        if (person := state.persons.get(person_id)) is not None and person.participant is not None
    }
    return set(rule.keeper_participants) | through_persons


def confirm_rule(
    state: State, intent: ConfirmSafetyRule, actor: Participant, now: float
) -> list[Change]:
    rule = _rule(state, intent.rule_id)
    require(rule.status == "agreed", "invalid", say="safety.rule_not_agreed")
    require(
        actor.id in _keeping(state, rule),
        "not_allowed",
        say="safety.keepers_confirm",
    )
    if actor.id in rule.confirmed_by:
        return []
    return [Upsert(entity=replace(rule, confirmed_by=[*rule.confirmed_by, actor.id]))]


def review_rule(
    state: State, intent: ReviewSafetyRule, actor: Participant, now: float
) -> list[Change]:
    rule = _rule(state, intent.rule_id)
    require(rule.carried_from is not None, "invalid", say="safety.review_carried_only")
    comment = clean(intent.comment, limit=COMMENT_MAX, required=False, multiline=True)
    reviewed = replace(rule, review=intent.review, review_comment=comment)
    return upsert_if_changed(rule, reviewed)


def add_sign(state: State, intent: AddWarningSign, actor: Participant, now: float) -> list[Change]:
    made = _new_item_fields(state, intent.sign_id, actor, now) | _sign_fields(state, intent)
    return [Upsert(entity=WarningSign(**made))]  # type: ignore[arg-type]


def edit_sign(
    state: State, intent: EditWarningSign, actor: Participant, now: float
) -> list[Change]:
    sign = existing(state.safety_signs, intent.sign_id, "safety.sign_gone")
    return upsert_if_changed(sign, replace(sign, **_sign_fields(state, intent)))


def add_contact(
    state: State, intent: AddSafetyContact, actor: Participant, now: float
) -> list[Change]:
    made = _new_item_fields(state, intent.contact_id, actor, now) | _contact_fields(intent)
    return [Upsert(entity=SafetyContact(**made))]  # type: ignore[arg-type]


def edit_contact(
    state: State, intent: EditSafetyContact, actor: Participant, now: float
) -> list[Change]:
    contact = existing(state.safety_contacts, intent.contact_id, "safety.contact_gone")
    return upsert_if_changed(contact, replace(contact, **_contact_fields(intent)))


def accept(state: State, intent: AcceptSafetyItem, actor: Participant, now: float) -> list[Change]:
    item = _find(state, intent.item_id)
    if item.status == "agreed":
        return []
    return [Upsert(entity=replace(item, status="agreed"))]


def delete(state: State, intent: DeleteSafetyItem, actor: Participant, now: float) -> list[Change]:
    item = _find(state, intent.item_id)
    own_proposal = item.status == "proposed" and item.proposed_by == actor.id
    permissions.require_own(DeleteSafetyItem, actor, own_proposal)
    require(
        not isinstance(item, SafetyRule) or item.carried_from is None,
        "not_allowed",
        say="safety.carried_delete",
    )
    return [Remove(kind=item.__struct_config__.tag, id=item.id)]  # type: ignore[arg-type]


def drop_proposals(state: State) -> list[Change]:
    """At closing: what nobody accepted is not part of the plan and does not outlive it."""
    return [
        Remove(kind=item.__struct_config__.tag, id=item.id)  # type: ignore[arg-type]
        for group in (state.safety_rules, state.safety_signs, state.safety_contacts)
        for item in group.values()
        if item.status == "proposed"
    ]


def release_family(state: State) -> list[Change]:
    """The family shares its plan: what it wrote of the safety plan reaches everyone."""
    return [
        Upsert(entity=replace(item, family=False))
        for group in (state.safety_rules, state.safety_signs, state.safety_contacts)
        for item in group.values()
        if item.family
    ]


def forget_person(state: State, participant_id: str) -> list[Change]:
    """Someone is sent away: their waiting proposals go, and no rule or sign names them."""
    changes: list[Change] = []
    for group in (state.safety_rules, state.safety_signs, state.safety_contacts):
        for item in group.values():
            if item.status == "proposed" and item.proposed_by == participant_id:
                changes.append(Remove(kind=item.__struct_config__.tag, id=item.id))  # type: ignore[arg-type]
    removed = {change.id for change in changes if isinstance(change, Remove)}
    for rule in state.safety_rules.values():
        if rule.id not in removed and participant_id in rule.keeper_participants:
            kept = replace(
                rule,
                keeper_participants=[p for p in rule.keeper_participants if p != participant_id],
                confirmed_by=[p for p in rule.confirmed_by if p != participant_id],
            )
            changes.append(Upsert(entity=kept))
    for sign in state.safety_signs.values():
        if sign.id not in removed and any(s.participant == participant_id for s in sign.steps):
            name = state.participants[participant_id].name
            steps = [
                replace(s, participant=None, name=name) if s.participant == participant_id else s
                for s in sign.steps
            ]
            changes.append(Upsert(entity=replace(sign, steps=steps)))
    return changes


def forget_genogram_person(state: State, person_id: str) -> list[Change]:
    """A person taken out of the genogram keeps no rule and is named in no sign any more."""
    person = state.persons[person_id]
    changes: list[Change] = []
    for rule in state.safety_rules.values():
        if person_id in rule.keeper_persons:
            kept = replace(rule, keeper_persons=[p for p in rule.keeper_persons if p != person_id])
            still = _keeping(state, kept)
            changes.append(
                Upsert(
                    entity=replace(kept, confirmed_by=[p for p in kept.confirmed_by if p in still])
                )
            )
    for sign in state.safety_signs.values():
        if any(s.person == person_id for s in sign.steps):
            steps = [
                replace(s, person=None, name=person.name) if s.person == person_id else s
                for s in sign.steps
            ]
            changes.append(Upsert(entity=replace(sign, steps=steps)))
    return changes
