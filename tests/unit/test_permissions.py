"""Who may do what: every row of the permission table, and the same rules seen through apply()."""

from collections.abc import Callable
from typing import get_args

import pytest

from server.domain import State
from server.domain.permissions import PERMISSIONS, Action, can
from shared_schema import (
    AddAgreement,
    AddCard,
    AddPerson,
    AddScaleNote,
    AdmitParticipant,
    AskScale,
    CastVote,
    CloseMeeting,
    CloseScale,
    ConfirmAgreements,
    DeleteAgreement,
    DeleteCard,
    EditCard,
    Intent,
    JoinGenogram,
    MoveCard,
    PlacePerson,
    ProposeAgreement,
    RejectParticipant,
    Role,
    SetAutoAdmit,
    ShowOnScreen,
    StartReadback,
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

# Written out by hand on purpose: the test must not read the table it checks.
EXPECTED: dict[Action, set[Role]] = {
    "card.add": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "card.edit.own": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "card.edit.any": {"facilitator"},
    "card.move": {"facilitator"},
    "card.delete.own": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "card.delete.any": {"facilitator"},
    "participant.admit": {"facilitator"},
    "participant.reject": {"facilitator"},
    "meeting.auto_admit": {"facilitator"},
    "agreement.write": {"facilitator"},
    "agreement.propose": {"familie", "privat", "fagperson", "raadgiver"},
    "agreement.withdraw.own": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "agreement.confirm": {"familie", "privat", "fagperson", "raadgiver"},
    "meeting.close": {"facilitator"},
    "genogram.edit": {"facilitator"},
    "genogram.join": {"familie", "privat", "fagperson", "raadgiver"},
    "network.place": {"facilitator"},
    "screen.show": {"facilitator"},
    "scale.ask": {"facilitator"},
    "scale.vote": {"familie", "privat", "fagperson", "raadgiver"},
    "scale.close": {"facilitator"},
    "scale.note": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "agenda.edit": {"facilitator"},
    "phase.change": {"facilitator"},
    "concern.write": {"facilitator", "raadgiver"},
    "turn.take": {"familie", "privat", "fagperson", "raadgiver"},
    "turns.run": {"facilitator"},
    "timer.run": {"facilitator"},
    "writing.run": {"facilitator"},
    "family.start": {"facilitator"},
    "family.release": {"familie", "privat"},
    "family.end": {"facilitator"},
    "facilitator.handoff": {"facilitator"},
    "safety.write": {"facilitator"},
    "safety.propose": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "safety.withdraw.own": {"facilitator", "familie", "privat", "fagperson", "raadgiver"},
    "safety.confirm": {"familie", "privat", "fagperson", "raadgiver"},
}

ROWS = [(role, action) for action in get_args(Action) for role in ROLES]


def test_the_table_has_a_row_for_every_action() -> None:
    assert set(PERMISSIONS) == set(get_args(Action)) == set(EXPECTED)


@pytest.mark.parametrize(("role", "action"), ROWS, ids=[f"{r}-{a}" for r, a in ROWS])
def test_permission_table_row(role: Role, action: Action) -> None:
    assert can(role, action) is (role in EXPECTED[action])


# -- the same rules, seen through apply() -------------------------------------------------------

WAITING = "hanne"
"""In the lobby, for admit and reject to act on."""
LOBBY = ("hanne", "anders")


def actor_of(role: Role) -> str:
    return LOUISE if role == "facilitator" else ONE_OF_EACH_ROLE[role]


def jonas_note(state: State) -> str:
    return next(c.id for c in state.cards.values() if c.author == "jonas")


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


@pytest.mark.parametrize(("role", "action"), ROWS, ids=[f"{r}-{a}" for r, a in ROWS])
def test_apply_follows_the_permission_table(role: Role, action: Action) -> None:
    state = holm(waiting=LOBBY)
    actor = actor_of(role)
    own = write(state, actor, "Jeg kan hjælpe med morgenerne om tirsdagen.", "next").id
    PREPARE.get(action, lambda _: None)(state)
    intent = BY_ACTION[action](own, jonas_note(state))
    if role in EXPECTED[action]:
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


@pytest.mark.parametrize("action", get_args(Action))
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_someone_not_in_the_meeting_may_do_nothing(outsider: str, action: Action) -> None:
    state = holm(waiting=LOBBY)
    actor = OUTSIDERS[outsider](state)
    # Only Thomas, sent away, still has notes of his own; the others get Jonas's.
    own = next((c.id for c in state.cards.values() if c.author == actor), jonas_note(state))
    assert refused(state, BY_ACTION[action](own, jonas_note(state)), actor) == "not_allowed"
