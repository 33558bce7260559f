"""What clients (and the server itself) ask a meeting to do; each carries a client-made id."""

from shared_schema.agreements import AgreementsIntent
from shared_schema.entities import ColumnKey, Meeting, Participant
from shared_schema.facilitation import FacilitationIntent
from shared_schema.followup import Carried
from shared_schema.genogram import GenogramIntent
from shared_schema.ids import Id, IntentBase, ParticipantIntent
from shared_schema.safety import SafetyIntent
from shared_schema.scaling import ScalingIntent


class CardIntent(IntentBase, kw_only=True):
    """An intent about one card on the board."""

    card_id: Id


class AddCard(CardIntent, tag="card.add", kw_only=True):
    column: ColumnKey
    text: str


class EditCard(CardIntent, tag="card.edit", kw_only=True):
    text: str


class MoveCard(CardIntent, tag="card.move", kw_only=True):
    """Put a card in a column right after another card, or first when `after` is null."""

    column: ColumnKey
    after: Id | None = None


class DeleteCard(CardIntent, tag="card.delete", kw_only=True):
    """Remove a card from the board."""


class AdmitParticipant(ParticipantIntent, tag="participant.admit", kw_only=True):
    """Let someone in from the lobby."""


class RejectParticipant(ParticipantIntent, tag="participant.reject", kw_only=True):
    """Send someone away from the lobby (or out of the meeting); their link stops working."""


class RejectWaiting(IntentBase, tag="participant.reject_waiting", kw_only=True):
    """Turn away everyone waiting in the lobby at once (a flood of joins); their links stop
    working. Nobody already in the meeting is touched."""


class SetAutoAdmit(IntentBase, tag="meeting.auto_admit", kw_only=True):
    """Let joiners in without the lobby; turning it on lets in those already waiting too."""

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
    | AgreementsIntent
    | GenogramIntent
    | ScalingIntent
    | FacilitationIntent
    | SafetyIntent
)


class CreateMeeting(IntentBase, tag="meeting.create", kw_only=True):
    """Made by the server when a facilitator creates a meeting; always seq 1."""

    meeting: Meeting
    facilitator: Participant
    carried: Carried | None = None
    """What a follow-up meeting in a case brings from the case's earlier meetings."""


class JoinMeeting(IntentBase, tag="participant.join", kw_only=True):
    """Made by the server when a phone joins by link or code."""

    participant: Participant


SystemIntent = CreateMeeting | JoinMeeting
