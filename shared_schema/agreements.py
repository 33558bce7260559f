"""Agreements (hvem gør hvad), their read-back and confirmations, and closing the meeting."""

from typing import Annotated, Literal

import msgspec

from shared_schema.ids import EntityBase, Id, IntentBase, OpId

AgreementStatus = Literal["proposed", "agreed"]
"""A proposal from a phone waits for the facilitator; an agreement is part of the plan."""

Review = Literal["done", "partly", "not_done"]
"""How an agreement carried from the last meeting went: done, partly, not done."""

IsoDate = Annotated[
    str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$", description="A date, YYYY-MM-DD")
]
IsoDateTime = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", description="Local time, YYYY-MM-DDTHH:MM"
    ),
]
Name = Annotated[str, msgspec.Meta(max_length=200)]


class AgreementTerms(msgspec.Struct, kw_only=True):
    """Who does what, by when, as an agreement's intents carry it and the agreement keeps it.
    `who` is participants, named people and/or the municipality."""

    what: str
    who_participants: list[Id] = []
    who_names: list[Name] = []
    """People who are not in the meeting (a grandmother, the school), by name."""
    who_municipality: bool = False
    when_date: IsoDate | None = None
    when_text: str = ""
    """A recurring or loose time, e.g. "hver tirsdag", "efter behov". With no `when_date`
    either, the agreement runs on (løbende) until the next meeting follows it up."""
    serves: Id | None = None
    """The note in "Hvad skal der ske?" it comes from."""


class Agreement(AgreementTerms, tag="agreement", kw_only=True):
    """Who does what, by when: an agreement in the plan, or proposed for it. An entity like
    the others, with its id after the terms it shares with its intents."""

    id: Id
    status: AgreementStatus
    proposed_by: Id
    order: str
    created_at: float
    carried_from: Id | None = None
    """Set when the agreement comes from the case's previous meeting, to be reviewed."""
    review: Review | None = None
    review_comment: str = ""
    family: bool = False
    """Proposed in family time and not yet released: the professionals do not receive it."""


class Confirmation(EntityBase, tag="confirmation", kw_only=True):
    """One person's answer to the read-back: agrees, or has a remark. Its id is theirs."""

    agrees: bool
    comment: str = ""
    at: float


class AgreementFields(AgreementTerms, kw_only=True):
    """What an agreement's intents carry: its terms, then the op id and the agreement's id."""

    id: OpId
    agreement_id: Id


class AddAgreement(AgreementFields, tag="agreement.add", kw_only=True):
    """The facilitator writes an agreement on the screen."""


class ProposeAgreement(AgreementFields, tag="agreement.propose", kw_only=True):
    """A participant proposes an agreement from the phone; the facilitator accepts or rejects."""


class EditAgreement(AgreementFields, tag="agreement.edit", kw_only=True):
    """Change an agreement's what, who or when."""


class AgreementIntent(IntentBase, kw_only=True):
    """An intent about one agreement."""

    agreement_id: Id


class AcceptAgreement(AgreementIntent, tag="agreement.accept", kw_only=True):
    """Take a proposed agreement into the plan: it becomes agreed."""


class DeleteAgreement(AgreementIntent, tag="agreement.delete", kw_only=True):
    """Remove an agreement, or reject a proposal (its proposer may withdraw it too)."""


class ReviewAgreement(AgreementIntent, tag="agreement.review", kw_only=True):
    """Mark an agreement carried from the last meeting as done, partly or not done."""

    review: Review
    comment: str = ""


class StartReadback(IntentBase, tag="readback.start", kw_only=True):
    """The facilitator reads the agreements back; phones ask each person to confirm."""


class StopReadback(IntentBase, tag="readback.stop", kw_only=True):
    """Back to writing agreements; the confirmations given so far are cleared."""


class ConfirmAgreements(IntentBase, tag="agreements.confirm", kw_only=True):
    """ "Jeg er enig" (agrees) or "Jeg har en bemærkning" (agrees=false, with a comment)."""

    agrees: bool
    comment: str = ""


class CloseMeeting(IntentBase, tag="meeting.close", kw_only=True):
    """Freeze the meeting: nothing changes after this. Sets the next meeting's time."""

    next_meeting: IsoDateTime | None = None


AgreementsIntent = (
    AddAgreement
    | ProposeAgreement
    | EditAgreement
    | AcceptAgreement
    | DeleteAgreement
    | ReviewAgreement
    | StartReadback
    | StopReadback
    | ConfirmAgreements
    | CloseMeeting
)
