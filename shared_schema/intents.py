"""What clients (and the server itself) ask a meeting to do; each carries a client-made id."""

import msgspec

from shared_schema.agreements import (
    AcceptAgreement,
    AddAgreement,
    Agreement,
    CloseMeeting,
    ConfirmAgreements,
    DeleteAgreement,
    EditAgreement,
    ProposeAgreement,
    ReviewAgreement,
    StartReadback,
    StopReadback,
)
from shared_schema.entities import ColumnKey, Meeting, Participant
from shared_schema.facilitation import FacilitationIntent
from shared_schema.followup import CarryDrawing
from shared_schema.genogram import (
    AddPerson,
    AddRelation,
    DeletePerson,
    DeleteRelation,
    EditPerson,
    EditRelation,
    JoinGenogram,
    NudgePerson,
    PlacePerson,
    ShowOnScreen,
)
from shared_schema.ids import Id, OpId
from shared_schema.scaling import (
    AddScaleNote,
    AskScale,
    CastVote,
    CloseScale,
    DeleteScale,
    RevealScale,
    ShowScale,
)


class AddCard(msgspec.Struct, tag="card.add", kw_only=True):
    id: OpId
    card_id: Id
    column: ColumnKey
    text: str


class EditCard(msgspec.Struct, tag="card.edit", kw_only=True):
    id: OpId
    card_id: Id
    text: str


class MoveCard(msgspec.Struct, tag="card.move", kw_only=True):
    """Put a card in a column right after another card, or first when `after` is null."""

    id: OpId
    card_id: Id
    column: ColumnKey
    after: Id | None = None


class DeleteCard(msgspec.Struct, tag="card.delete", kw_only=True):
    id: OpId
    card_id: Id


class AdmitParticipant(msgspec.Struct, tag="participant.admit", kw_only=True):
    id: OpId
    participant_id: Id


class RejectParticipant(msgspec.Struct, tag="participant.reject", kw_only=True):
    """Send someone away from the lobby (or out of the meeting); their link stops working."""

    id: OpId
    participant_id: Id


class RejectWaiting(msgspec.Struct, tag="participant.reject_waiting", kw_only=True):
    """Turn away everyone waiting in the lobby at once (a flood of joins); their links stop
    working. Nobody already in the meeting is touched."""

    id: OpId


class SetAutoAdmit(msgspec.Struct, tag="meeting.auto_admit", kw_only=True):
    """Let joiners in without the lobby; turning it on lets in those already waiting too."""

    id: OpId
    on: bool


Intent = (
    AddCard
    | EditCard
    | MoveCard
    | DeleteCard
    | AdmitParticipant
    | RejectParticipant
    | RejectWaiting
    | SetAutoAdmit
    | AddAgreement
    | ProposeAgreement
    | EditAgreement
    | AcceptAgreement
    | DeleteAgreement
    | ReviewAgreement
    | StartReadback
    | StopReadback
    | ConfirmAgreements
    | CloseMeeting
    | AddPerson
    | EditPerson
    | DeletePerson
    | NudgePerson
    | PlacePerson
    | JoinGenogram
    | AddRelation
    | EditRelation
    | DeleteRelation
    | ShowOnScreen
    | AskScale
    | CastVote
    | CloseScale
    | RevealScale
    | DeleteScale
    | ShowScale
    | AddScaleNote
    | FacilitationIntent
)


class CreateMeeting(msgspec.Struct, tag="meeting.create", kw_only=True):
    """Made by the server when a facilitator creates a meeting; always seq 1."""

    id: OpId
    meeting: Meeting
    facilitator: Participant
    carried: list[Agreement] = []
    """A follow-up meeting's open agreements from the case's previous meeting."""


class JoinMeeting(msgspec.Struct, tag="participant.join", kw_only=True):
    """Made by the server when a phone joins by link or code."""

    id: OpId
    participant: Participant


SystemIntent = CreateMeeting | JoinMeeting | CarryDrawing
