"""Who may do what: every row of the permission table, and the same rules seen through apply()."""

from collections.abc import Callable
from typing import Any

import pytest

from server.domain import APPLY, State
from server.domain.permissions import PERMISSIONS, may
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
    CloseMeeting,
    CloseScale,
    ConfirmAgreements,
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
    MoveCard,
    NudgePerson,
    PlacePerson,
    ProposeAgreement,
    RejectParticipant,
    RejectWaiting,
    RevealScale,
    ReviewAgreement,
    Role,
    SetAutoAdmit,
    ShowOnScreen,
    ShowScale,
    StartReadback,
    StopReadback,
)
from shared_schema import facilitation as f
from shared_schema import safety as s
from tests.fixtures import (
    LOUISE,
    ONE_OF_EACH_ROLE,
    SCREEN,
    act,
    encoded,
    holm,
    op_id,
    refused,
    write,
)

ROLES: list[Role] = ["facilitator", "familie", "privat", "fagperson", "raadgiver"]

EVERYONE: set[Role] = {"facilitator", "familie", "privat", "fagperson", "raadgiver"}
PHONES: set[Role] = {"familie", "privat", "fagperson", "raadgiver"}
LEADER: set[Role] = {"facilitator"}
NOBODY: set[Role] = set()

# Written out by hand on purpose: the test must not read the table it checks. For each intent:
# who may send it (about anyone's), and who about what is their own.
EXPECTED: dict[type[Any], tuple[set[Role], set[Role]]] = {
    AddCard: (EVERYONE, NOBODY),
    EditCard: (LEADER, EVERYONE),
    MoveCard: (LEADER, NOBODY),
    DeleteCard: (LEADER, EVERYONE),
    AdmitParticipant: (LEADER, NOBODY),
    RejectParticipant: (LEADER, NOBODY),
    RejectWaiting: (LEADER, NOBODY),
    SetAutoAdmit: (LEADER, NOBODY),
    AddAgreement: (LEADER, NOBODY),
    ProposeAgreement: (PHONES, NOBODY),
    EditAgreement: (LEADER, NOBODY),
    AcceptAgreement: (LEADER, NOBODY),
    DeleteAgreement: (LEADER, EVERYONE),
    ReviewAgreement: (LEADER, NOBODY),
    StartReadback: (LEADER, NOBODY),
    StopReadback: (LEADER, NOBODY),
    ConfirmAgreements: (PHONES, NOBODY),
    CloseMeeting: (LEADER, NOBODY),
    AddPerson: (LEADER, NOBODY),
    EditPerson: (LEADER, EVERYONE),
    DeletePerson: (LEADER, NOBODY),
    NudgePerson: (LEADER, NOBODY),
    PlacePerson: (LEADER, NOBODY),
    JoinGenogram: (PHONES, NOBODY),
    AddRelation: (LEADER, NOBODY),
    EditRelation: (LEADER, NOBODY),
    DeleteRelation: (LEADER, NOBODY),
    ShowOnScreen: (LEADER, NOBODY),
    AskScale: (LEADER, NOBODY),
    CastVote: (PHONES, NOBODY),
    CloseScale: (LEADER, NOBODY),
    RevealScale: (LEADER, NOBODY),
    DeleteScale: (LEADER, NOBODY),
    ShowScale: (LEADER, NOBODY),
    AddScaleNote: (EVERYONE, NOBODY),
    f.UseAgenda: (LEADER, NOBODY),
    f.AddPhase: (LEADER, NOBODY),
    f.RenamePhase: (LEADER, NOBODY),
    f.MovePhase: (LEADER, NOBODY),
    f.SkipPhase: (LEADER, NOBODY),
    f.GoToPhase: (LEADER, NOBODY),
    f.NextPhase: (LEADER, NOBODY),
    f.PreviousPhase: (LEADER, NOBODY),
    f.EditConcern: ({"facilitator", "raadgiver"}, NOBODY),
    f.RaiseHand: (PHONES, NOBODY),
    f.LowerHand: (LEADER, PHONES),
    f.OrderQueue: (LEADER, NOBODY),
    f.GiveWord: (LEADER, NOBODY),
    f.NextTurn: (LEADER, NOBODY),
    f.PassTurn: (LEADER, EVERYONE),
    f.StopTurns: (LEADER, NOBODY),
    f.SetSeats: (LEADER, NOBODY),
    f.MarkAbsent: (LEADER, NOBODY),
    f.StartRound: (LEADER, NOBODY),
    f.StartTimer: (LEADER, NOBODY),
    f.ExtendTimer: (LEADER, NOBODY),
    f.PauseTimer: (LEADER, NOBODY),
    f.ResumeTimer: (LEADER, NOBODY),
    f.StopTimer: (LEADER, NOBODY),
    f.StartPrivateWriting: (LEADER, NOBODY),
    f.RevealNotes: (LEADER, NOBODY),
    f.SetAnonymous: (LEADER, NOBODY),
    f.StartFamilyTime: (LEADER, NOBODY),
    f.ReleaseFamilyPlan: ({"familie", "privat"}, NOBODY),
    f.EndFamilyTime: (LEADER, NOBODY),
    f.HandOver: (LEADER, NOBODY),
    s.AddSafetyRule: (EVERYONE, NOBODY),
    s.EditSafetyRule: (LEADER, NOBODY),
    s.ConfirmSafetyRule: (PHONES, NOBODY),
    s.ReviewSafetyRule: (LEADER, NOBODY),
    s.AddWarningSign: (EVERYONE, NOBODY),
    s.EditWarningSign: (LEADER, NOBODY),
    s.AddSafetyContact: (EVERYONE, NOBODY),
    s.EditSafetyContact: (LEADER, NOBODY),
    s.AcceptSafetyItem: (LEADER, NOBODY),
    s.DeleteSafetyItem: (LEADER, EVERYONE),
}

WAITS_FOR_EVERYONE = {JoinGenogram, ConfirmAgreements}
"""What the family does not do in family time: the others would see it at once."""

KINDS = sorted(EXPECTED, key=lambda kind: kind.__name__)
ROWS = [(kind, role, own) for kind in KINDS for role in ROLES for own in (False, True)]


def test_the_table_has_a_row_for_every_intent() -> None:
    assert set(PERMISSIONS) == set(APPLY) == set(EXPECTED)


@pytest.mark.parametrize(
    ("kind", "role", "own"),
    ROWS,
    ids=[f"{k.__name__}-{r}-{'own' if o else 'any'}" for k, r, o in ROWS],
)
def test_permission_table_row(kind: type[Any], role: Role, own: bool) -> None:
    assert may(kind, role, own=own) is (role in EXPECTED[kind][own])


@pytest.mark.parametrize("kind", KINDS, ids=[kind.__name__ for kind in KINDS])
def test_in_family_time_the_professionals_wait_and_the_family_keeps_to_itself(
    kind: type[Any],
) -> None:
    anyone, own = EXPECTED[kind]
    present = LEADER if kind in WAITS_FOR_EVERYONE else {"familie", "privat", "facilitator"}
    assert PERMISSIONS[kind].family_time == (anyone | own) & present


# -- the same rules, seen through apply() -------------------------------------------------------

WAITING = "hanne"
"""In the lobby, for admit and reject to act on."""
LOBBY = ("hanne", "anders")


def actor_of(role: Role) -> str:
    return LOUISE if role == "facilitator" else ONE_OF_EACH_ROLE[role]


def jonas_note(state: State) -> str:
    return next(c.id for c in state.cards.values() if c.author == "jonas")


Action = str
"""One thing a person does, named for the test: an intent, about anyone's or about their own."""

KIND_OF: dict[Action, tuple[type[Any], bool]] = {
    "card.add": (AddCard, False),
    "card.edit.own": (EditCard, True),
    "card.edit.any": (EditCard, False),
    "card.move": (MoveCard, False),
    "card.delete.own": (DeleteCard, True),
    "card.delete.any": (DeleteCard, False),
    "participant.admit": (AdmitParticipant, False),
    "participant.reject": (RejectParticipant, False),
    "meeting.auto_admit": (SetAutoAdmit, False),
    "agreement.write": (AddAgreement, False),
    "agreement.propose": (ProposeAgreement, False),
    "agreement.withdraw.own": (DeleteAgreement, True),
    "agreement.confirm": (ConfirmAgreements, False),
    "meeting.close": (CloseMeeting, False),
    "genogram.edit": (AddPerson, False),
    "genogram.join": (JoinGenogram, False),
    "network.place": (PlacePerson, False),
    "screen.show": (ShowOnScreen, False),
    "scale.ask": (AskScale, False),
    "scale.vote": (CastVote, False),
    "scale.close": (CloseScale, False),
    "scale.note": (AddScaleNote, False),
    "agenda.edit": (f.AddPhase, False),
    "phase.change": (f.NextPhase, False),
    "concern.write": (f.EditConcern, False),
    "turn.take": (f.RaiseHand, False),
    "turns.run": (f.StartRound, False),
    "timer.run": (f.StartTimer, False),
    "writing.run": (f.StartPrivateWriting, False),
    "family.start": (f.StartFamilyTime, False),
    "family.release": (f.ReleaseFamilyPlan, False),
    "family.end": (f.EndFamilyTime, False),
    "facilitator.handoff": (f.HandOver, False),
    "safety.write": (s.AcceptSafetyItem, False),
    "safety.propose": (s.AddWarningSign, False),
    "safety.withdraw.own": (s.DeleteSafetyItem, True),
    "safety.confirm": (s.ConfirmSafetyRule, False),
}


def expected(role: Role, action: Action) -> bool:
    kind, own = KIND_OF[action]
    return role in EXPECTED[kind][own]


IntentFor = Callable[[str, str], Intent]
"""An intent for one action, given a note of the actor's own and one Jonas wrote."""

BY_ACTION: dict[Action, IntentFor] = {
    "card.add": lambda own, jonas: AddCard(
        id=op_id(), card_id="note-ny", column="next", text="Emil skal med til fodbold."
    ),
    "card.edit.own": lambda own, jonas: EditCard(
        id=op_id(), card_id=own, text="Jeg kan hjælpe om onsdagen."
    ),
    "card.edit.any": lambda own, jonas: EditCard(
        id=op_id(), card_id=jonas, text="Emil elsker fodbold."
    ),
    "card.move": lambda own, jonas: MoveCard(id=op_id(), card_id=own, column="next"),
    "card.delete.own": lambda own, jonas: DeleteCard(id=op_id(), card_id=own),
    "card.delete.any": lambda own, jonas: DeleteCard(id=op_id(), card_id=jonas),
    "participant.admit": lambda own, jonas: AdmitParticipant(id=op_id(), participant_id=WAITING),
    "participant.reject": lambda own, jonas: RejectParticipant(id=op_id(), participant_id=WAITING),
    "meeting.auto_admit": lambda own, jonas: SetAutoAdmit(id=op_id(), on=True),
    "agreement.write": lambda own, jonas: AddAgreement(
        id=op_id(),
        agreement_id="aftale-ny",
        what="Ringe til skolen",
        who_municipality=True,
        when_text="inden jul",
    ),
    "agreement.propose": lambda own, jonas: ProposeAgreement(
        id=op_id(),
        agreement_id="forslag-ny",
        what="Hente Emil om onsdagen",
        who_names=["Birthe"],
        when_text="hver onsdag",
    ),
    "agreement.withdraw.own": lambda own, jonas: DeleteAgreement(
        id=op_id(), agreement_id=f"forslag-{own}"
    ),
    "agreement.confirm": lambda own, jonas: ConfirmAgreements(id=op_id(), agrees=True),
    "meeting.close": lambda own, jonas: CloseMeeting(id=op_id(), next_meeting="2027-01-12T09:00"),
    "genogram.edit": lambda own, jonas: AddPerson(
        id=op_id(), person_id="hanne-nabo", name="Hanne", sex="female"
    ),
    "genogram.join": lambda own, jonas: JoinGenogram(id=op_id(), person_id="mig", kinship="anden"),
    "network.place": lambda own, jonas: PlacePerson(
        id=op_id(), person_id="birthe-mormor", ring=1, sector="family"
    ),
    "screen.show": lambda own, jonas: ShowOnScreen(id=op_id(), shows="genogram"),
    "scale.ask": lambda own, jonas: AskScale(id=op_id(), scale_id="ny-skala", preset="worry"),
    "scale.vote": lambda own, jonas: CastVote(
        id=op_id(), scale_id="sikkerhed", vote_id="stemme-ny", value=6
    ),
    "scale.close": lambda own, jonas: CloseScale(id=op_id(), scale_id="sikkerhed"),
    "scale.note": lambda own, jonas: AddScaleNote(
        id=op_id(),
        note_id="skala-note",
        scale_id="sikkerhed",
        follow_up="why_not_lower",
        text="Birthe henter Emil hver onsdag.",
    ),
    "agenda.edit": lambda own, jonas: f.AddPhase(id=op_id(), phase_id="pause", title="Pause"),
    "phase.change": lambda own, jonas: f.NextPhase(id=op_id(), from_phase="welcome"),
    "concern.write": lambda own, jonas: f.EditConcern(id=op_id(), who="Skolen og rådgiveren"),
    "turn.take": lambda own, jonas: f.RaiseHand(id=op_id()),
    "turns.run": lambda own, jonas: f.StartRound(id=op_id(), topic="Hvad fungerer godt?"),
    "timer.run": lambda own, jonas: f.StartTimer(id=op_id(), seconds=120),
    "writing.run": lambda own, jonas: f.StartPrivateWriting(id=op_id()),
    "family.start": lambda own, jonas: f.StartFamilyTime(id=op_id()),
    "family.release": lambda own, jonas: f.ReleaseFamilyPlan(id=op_id()),
    "family.end": lambda own, jonas: f.EndFamilyTime(id=op_id()),
    "facilitator.handoff": lambda own, jonas: f.HandOver(id=op_id(), participant_id="jonas"),
    "safety.write": lambda own, jonas: s.AcceptSafetyItem(id=op_id(), item_id="regel-jonas"),
    "safety.propose": lambda own, jonas: s.AddWarningSign(
        id=op_id(), sign_id="tegn-ny", text="Sara svarer ikke i telefonen om aftenen"
    ),
    "safety.withdraw.own": lambda own, jonas: s.DeleteSafetyItem(id=op_id(), item_id="regel-egen"),
    "safety.confirm": lambda own, jonas: s.ConfirmSafetyRule(id=op_id(), rule_id="regel-alle"),
}


def reading_back(state: State) -> None:
    """Confirming needs a read-back in progress, of at least one agreement."""
    act(state, BY_ACTION["agreement.write"]("", ""), LOUISE)
    act(state, StartReadback(id=op_id()), LOUISE)


def family_time(state: State) -> None:
    act(state, f.StartFamilyTime(id=op_id()), LOUISE)


def with_emil_and_birthe(state: State) -> None:
    """Joining the genogram needs a child in focus; placing on the map needs a person."""
    act(state, AddPerson(id=op_id(), person_id="emil", name="Emil", focus=True), LOUISE)
    act(state, AddPerson(id=op_id(), person_id="birthe-mormor", name="Birthe"), LOUISE)


def proposed_by_the_actor(state: State) -> None:
    """The actor's own proposal, named after the note they just wrote; the facilitator, who
    proposes nothing, gets one of Jonas's."""
    own = max(state.cards.values(), key=lambda card: card.id)
    proposer = own.author if state.participants[own.author].role != "facilitator" else "jonas"
    proposal = ProposeAgreement(
        id=op_id(),
        agreement_id=f"forslag-{own.id}",
        what="Hente Emil om onsdagen",
        who_names=["Birthe"],
        when_text="hver onsdag",
    )
    act(state, proposal, proposer)


def safety_rules(state: State) -> None:
    """A rule Jonas proposed, one of the actor's own (Jonas's for the facilitator), and one
    everyone on a phone keeps."""
    own = max(state.cards.values(), key=lambda card: card.id)
    proposer = own.author if state.participants[own.author].role != "facilitator" else "jonas"
    text = "Emil hentes af en voksen, der ikke har drukket"
    act(state, s.AddSafetyRule(id=op_id(), rule_id="regel-jonas", text=text), "jonas")
    act(state, s.AddSafetyRule(id=op_id(), rule_id="regel-egen", text=text), proposer)
    phones = [
        p.id
        for p in state.participants.values()
        if p.admitted and not p.removed and p.role != "facilitator"
    ]
    everyone = s.AddSafetyRule(
        id=op_id(), rule_id="regel-alle", text=text, keeper_participants=phones
    )
    act(state, everyone, LOUISE)


def scaling(state: State) -> None:
    """Voting, closing and notes need a question on the safety scale."""
    act(state, AskScale(id=op_id(), scale_id="sikkerhed", preset="safety"), LOUISE)


PREPARE: dict[Action, Callable[[State], None]] = {
    "agreement.confirm": reading_back,
    "family.release": family_time,
    "family.end": family_time,
    "agreement.withdraw.own": proposed_by_the_actor,
    "safety.write": safety_rules,
    "safety.withdraw.own": safety_rules,
    "safety.confirm": safety_rules,
    "scale.vote": scaling,
    "scale.close": scaling,
    "scale.note": scaling,
    "genogram.join": with_emil_and_birthe,
    "network.place": with_emil_and_birthe,
}


CASES = [(role, action) for action in KIND_OF for role in ROLES]


@pytest.mark.parametrize(("role", "action"), CASES, ids=[f"{r}-{a}" for r, a in CASES])
def test_apply_follows_the_permission_table(role: Role, action: Action) -> None:
    state = holm(waiting=LOBBY)
    actor = actor_of(role)
    own = write(state, actor, "Jeg kan hjælpe med morgenerne om tirsdagen.", "next").id
    PREPARE.get(action, lambda _: None)(state)
    intent = BY_ACTION[action](own, jonas_note(state))
    assert type(intent) is KIND_OF[action][0]
    if expected(role, action):
        before = encoded(state)
        assert act(state, intent, actor) != []
        assert encoded(state) != before
    else:
        assert refused(state, intent, actor) == "not_allowed"


# -- people who may do nothing at all ----------------------------------------------------------


def waiting_in_lobby(state: State) -> str:
    return "anders"


def sent_away_with_notes(state: State) -> str:
    act(state, RejectParticipant(id=op_id(), participant_id="thomas"), LOUISE)
    assert state.participants["thomas"].removed
    return "thomas"


def the_screen(state: State) -> str:
    return SCREEN


def an_unknown_phone(state: State) -> str:
    return "ukendt-telefon"


OUTSIDERS: dict[str, Callable[[State], str]] = {
    "waiting-in-lobby": waiting_in_lobby,
    "sent-away": sent_away_with_notes,
    "screen": the_screen,
    "unknown": an_unknown_phone,
}


@pytest.mark.parametrize("action", KIND_OF)
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_someone_not_in_the_meeting_may_do_nothing(outsider: str, action: Action) -> None:
    state = holm(waiting=LOBBY)
    actor = OUTSIDERS[outsider](state)
    # Only Thomas, sent away, still has notes of his own; the others get Jonas's.
    own = next((c.id for c in state.cards.values() if c.author == actor), jonas_note(state))
    assert refused(state, BY_ACTION[action](own, jonas_note(state)), actor) == "not_allowed"
