"""The pure core: a meeting's state and apply(intent) -> changes. No I/O, no asyncio."""

from collections.abc import Callable
from typing import Any

from server.domain import (
    agenda,
    agreements,
    cards,
    closing,
    concern,
    kinship,
    meeting,
    participants,
    permissions,
    roles,
    safety,
    scaling,
    timer,
    turns,
    visibility,
    writing,
)
from server.domain import genogram as genogram_rules
from server.domain.errors import MESSAGES, Rejected, require
from server.domain.state import State, evolve, from_entities
from shared_schema import (
    AcceptAgreement,
    AddAgreement,
    AddCard,
    AddPerson,
    AddRelation,
    AddScaleNote,
    AdmitParticipant,
    AskScale,
    CastVote,
    Change,
    CloseMeeting,
    CloseScale,
    ConfirmAgreements,
    CreateMeeting,
    DeleteAgreement,
    DeleteCard,
    DeletePerson,
    DeleteRelation,
    DeleteScale,
    EditAgreement,
    EditCard,
    EditPerson,
    EditRelation,
    Intent,
    JoinGenogram,
    JoinMeeting,
    MoveCard,
    NudgePerson,
    Participant,
    PlacePerson,
    ProposeAgreement,
    RejectParticipant,
    RejectWaiting,
    RevealScale,
    ReviewAgreement,
    SetAutoAdmit,
    ShowOnScreen,
    ShowScale,
    StartReadback,
    StopReadback,
    SystemIntent,
)
from shared_schema import facilitation as f
from shared_schema import safety as s

Handler = Callable[[State, Any, Participant, float], list[Change]]

APPLY: dict[type[Intent], Handler] = {
    AddCard: cards.add_card,
    EditCard: cards.edit_card,
    MoveCard: cards.move_card,
    DeleteCard: cards.delete_card,
    AdmitParticipant: participants.admit,
    RejectParticipant: participants.reject,
    RejectWaiting: participants.reject_waiting,
    SetAutoAdmit: meeting.set_auto_admit,
    AddAgreement: agreements.add,
    ProposeAgreement: agreements.propose,
    EditAgreement: agreements.edit,
    AcceptAgreement: agreements.accept,
    DeleteAgreement: agreements.delete,
    ReviewAgreement: agreements.review,
    StartReadback: agreements.start_readback,
    StopReadback: agreements.stop_readback,
    ConfirmAgreements: agreements.confirm,
    CloseMeeting: closing.close,
    AddPerson: genogram_rules.add_person,
    EditPerson: genogram_rules.edit_person,
    DeletePerson: genogram_rules.delete_person,
    NudgePerson: genogram_rules.nudge_person,
    PlacePerson: genogram_rules.place_person,
    JoinGenogram: kinship.join_genogram,
    AddRelation: genogram_rules.add_relation,
    EditRelation: genogram_rules.edit_relation,
    DeleteRelation: genogram_rules.delete_relation,
    ShowOnScreen: genogram_rules.show_on_screen,
    AskScale: scaling.ask,
    CastVote: scaling.vote,
    CloseScale: scaling.close,
    RevealScale: scaling.reveal,
    DeleteScale: scaling.delete,
    ShowScale: scaling.show,
    AddScaleNote: scaling.add_note,
    f.UseAgenda: agenda.use,
    f.AddPhase: agenda.add,
    f.RenamePhase: agenda.rename,
    f.MovePhase: agenda.move,
    f.SkipPhase: agenda.skip,
    f.GoToPhase: agenda.go,
    f.NextPhase: agenda.advance,
    f.PreviousPhase: agenda.back,
    f.EditConcern: concern.edit,
    f.RaiseHand: turns.raise_hand,
    f.LowerHand: turns.lower_hand,
    f.OrderQueue: turns.order_queue,
    f.GiveWord: turns.give,
    f.NextTurn: turns.next_turn,
    f.PassTurn: turns.pass_turn,
    f.StopTurns: turns.stop,
    f.SetSeats: turns.set_seats,
    f.MarkAbsent: turns.mark_absent,
    f.StartRound: turns.start_round,
    f.StartTimer: timer.start,
    f.ExtendTimer: timer.extend,
    f.PauseTimer: timer.pause,
    f.ResumeTimer: timer.resume,
    f.StopTimer: timer.stop,
    f.StartPrivateWriting: writing.start_private,
    f.RevealNotes: writing.reveal,
    f.SetAnonymous: writing.set_anonymous,
    f.StartFamilyTime: writing.start_family,
    f.ReleaseFamilyPlan: writing.release_family,
    f.EndFamilyTime: writing.end_family,
    f.HandOver: roles.hand_over,
    s.AddSafetyRule: safety.add_rule,
    s.EditSafetyRule: safety.edit_rule,
    s.ConfirmSafetyRule: safety.confirm_rule,
    s.ReviewSafetyRule: safety.review_rule,
    s.AddWarningSign: safety.add_sign,
    s.EditWarningSign: safety.edit_sign,
    s.AddSafetyContact: safety.add_contact,
    s.EditSafetyContact: safety.edit_contact,
    s.AcceptSafetyItem: safety.accept,
    s.DeleteSafetyItem: safety.delete,
}


def apply(state: State, intent: Intent, actor_id: str, now: float) -> list[Change]:
    """What an intent from a person changes; raises Rejected and changes nothing otherwise."""
    require(state.meeting is not None, "not_found", say="meeting.gone")
    closing.refuse_when_closed(state)
    actor = state.participants.get(actor_id)
    if actor is None or not actor.admitted or actor.removed:
        raise Rejected("not_allowed")
    # What the sender may not see does not exist for them: the rest runs as if it did not.
    intent = visibility.as_named_by(
        state, intent, visibility.Viewer(role=actor.role, participant_id=actor.id)
    )
    permissions.check(state, intent, actor)
    return APPLY[type(intent)](state, intent, actor, now)


def apply_system(state: State, intent: SystemIntent, now: float) -> list[Change]:
    """What an intent made by the server itself changes."""
    if isinstance(intent, CreateMeeting):
        return meeting.create(state, intent, now)
    require(state.meeting is not None, "not_found", say="meeting.gone")
    closing.refuse_when_closed(state)
    return participants.join(state, intent, now)


__all__ = [
    "APPLY",
    "MESSAGES",
    "JoinMeeting",
    "Rejected",
    "State",
    "apply",
    "apply_system",
    "evolve",
    "from_entities",
]
