"""People: joining from a phone, being let in from the lobby, and being sent away."""

import msgspec
import pytest

from server.domain import State, apply_system, evolve
from server.domain.participants import LOBBY_MAX, PARTICIPANTS_MAX
from server.domain.text import NAME_MAX, RELATION_MAX
from shared_schema import (
    AddAgreement,
    AdmitParticipant,
    JoinMeeting,
    Participant,
    RejectParticipant,
    RejectWaiting,
    Remove,
    SetAutoAdmit,
    Upsert,
)
from tests.fixtures import (
    LOUISE,
    NOW,
    ONE_OF_EACH_ROLE,
    PEOPLE,
    act,
    holm,
    join,
    joining,
    new_meeting,
    op_id,
    refused,
    refused_system,
)

NAME_40 = "Birthe Margrethe Holm-Sørensen Andersens"
NAME_41 = "Birthe Margrethe Holm-Sørensen Kristensen"
RELATION_80 = "mormor, henter Emil hver onsdag og bager med ham, og hjælper om morgenen i ugen."
RELATION_81 = RELATION_80 + "!"


def admit(person_id: str) -> AdmitParticipant:
    return AdmitParticipant(id=op_id(), participant_id=person_id)


def reject(person_id: str) -> RejectParticipant:
    return RejectParticipant(id=op_id(), participant_id=person_id)


def joining_as(person_id: str, **fields: object) -> JoinMeeting:
    """A Holm person joining with some of what they typed changed."""
    intent = joining(person_id)
    return msgspec.structs.replace(
        intent, participant=msgspec.structs.replace(intent.participant, **fields)
    )


def system_join(state: State, intent: JoinMeeting, now: float = NOW) -> Participant:
    evolve(state, apply_system(state, intent, now))
    return state.participants[intent.participant.id]


# -- joining -----------------------------------------------------------------------------------


def test_person_who_joins_waits_in_the_lobby() -> None:
    state = new_meeting()
    maria = system_join(state, joining("maria"), NOW + 30)
    assert (maria.name, maria.role, maria.relation) == ("Maria", "privat", "faster (bor i Aarhus)")
    assert maria.remote and not maria.admitted and not maria.removed
    assert maria.joined_at == NOW + 30


def test_person_who_joins_goes_straight_in_when_the_meeting_admits_automatically() -> None:
    state = new_meeting(auto_admit=True)
    assert system_join(state, joining("hanne")).admitted


@pytest.mark.parametrize("role", ["familie", "privat", "fagperson", "raadgiver"])
def test_every_phone_role_can_join(role: str) -> None:
    state = new_meeting()
    assert system_join(state, joining_as("hanne", role=role)).role == role


def test_joining_as_facilitator_is_refused() -> None:
    state = new_meeting()
    assert refused_system(state, joining_as("thomas", role="facilitator")) == "invalid"
    assert "thomas" not in state.participants


def test_joining_twice_with_the_same_id_is_refused_as_a_conflict() -> None:
    state = new_meeting()
    system_join(state, joining("sara"))
    assert refused_system(state, joining_as("sara", name="Sara H.")) == "conflict"
    assert state.participants["sara"].name == "Sara"


def fill(state: State, count: int, *, admit_them: bool) -> None:
    """`count` neighbours join (and are let in, when told to)."""
    for number in range(count):
        person_id = f"nabo-{number}"
        system_join(state, joining_as("hanne", id=person_id, name=f"Nabo {number}"))
        if admit_them:
            act(state, admit(person_id), LOUISE)


def test_a_full_meeting_still_takes_people_into_its_lobby_but_lets_nobody_more_in() -> None:
    state = new_meeting()
    fill(state, PARTICIPANTS_MAX - 1, admit_them=True)
    birthe = system_join(state, joining("birthe"))
    assert not birthe.admitted
    assert refused(state, admit("birthe"), LOUISE) == "too_large"


def test_joining_a_full_meeting_that_admits_automatically_is_refused() -> None:
    state = new_meeting()
    fill(state, PARTICIPANTS_MAX - 1, admit_them=True)
    act(state, SetAutoAdmit(id=op_id(), on=True), LOUISE)
    assert refused_system(state, joining("birthe")) == "too_large"


def test_those_waiting_do_not_count_towards_the_participant_cap() -> None:
    state = new_meeting()
    fill(state, LOBBY_MAX, admit_them=False)
    act(state, RejectWaiting(id=op_id()), LOUISE)
    fill(state, PARTICIPANTS_MAX - 1, admit_them=True)
    assert sum(p.admitted for p in state.participants.values()) == PARTICIPANTS_MAX


def test_a_full_lobby_refuses_more_joins_until_someone_is_let_in_or_turned_away() -> None:
    state = new_meeting()
    fill(state, LOBBY_MAX, admit_them=False)
    assert refused_system(state, joining("birthe")) == "rate_limited"
    act(state, admit("nabo-0"), LOUISE)
    assert not system_join(state, joining("birthe")).admitted


# -- turning away everyone waiting -------------------------------------------------------------


def test_turning_away_everyone_waiting_removes_the_lobby_and_nobody_in_the_meeting() -> None:
    state = holm(waiting=("hanne", "anders"))
    fill(state, 5, admit_them=False)
    inside = {p.id for p in state.participants.values() if p.admitted}
    changes = act(state, RejectWaiting(id=op_id()), LOUISE)
    gone = {"hanne", "anders", *(f"nabo-{n}" for n in range(5))}
    assert {c.id for c in changes if isinstance(c, Remove)} == gone
    assert set(state.participants) == inside


def test_turning_away_an_empty_lobby_changes_nothing() -> None:
    state = holm()
    assert act(state, RejectWaiting(id=op_id()), LOUISE) == []


def test_an_agreement_given_to_someone_waiting_keeps_them_by_name_when_all_are_turned_away() -> (
    None
):
    state = holm(waiting=("hanne",))
    act(
        state,
        AddAgreement(
            id=op_id(),
            agreement_id="aftale-1",
            what="Henter Emil om onsdagen",
            who_participants=["hanne"],
            when_text="hver onsdag",
        ),
        LOUISE,
    )
    act(state, RejectWaiting(id=op_id()), LOUISE)
    agreement = state.agreements["aftale-1"]
    assert agreement.who_participants == []
    assert agreement.who_names == ["Hanne"]


@pytest.mark.parametrize("person_id", ["sara", "thomas", "birthe"])
def test_only_the_facilitator_can_turn_everyone_away(person_id: str) -> None:
    state = holm(waiting=("hanne",))
    assert refused(state, RejectWaiting(id=op_id()), person_id) == "not_allowed"
    assert "hanne" in state.participants


def test_joining_a_meeting_that_does_not_exist_is_refused() -> None:
    assert refused_system(State(), joining("sara")) == "not_found"


def test_name_and_relation_are_trimmed() -> None:
    state = new_meeting()
    jonas = system_join(
        state, joining_as("jonas", name="  Jonas\t ", relation=" morbror  og træner ")
    )
    assert (jonas.name, jonas.relation) == ("Jonas", "morbror og træner")


def test_relation_may_be_left_empty_but_the_name_may_not() -> None:
    state = new_meeting()
    assert system_join(state, joining_as("hanne", relation="  ")).relation == ""
    assert refused_system(state, joining_as("birthe", name="   ")) == "invalid"


def test_name_and_relation_up_to_their_limits_are_kept() -> None:
    state = new_meeting()
    birthe = system_join(state, joining_as("birthe", name=NAME_40, relation=RELATION_80))
    assert (len(birthe.name), len(birthe.relation)) == (NAME_MAX, RELATION_MAX)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": NAME_41}, "too_large"),
        ({"relation": RELATION_81}, "too_large"),
        ({"name": "Birthe 150864-1234"}, "cpr_detected"),
        ({"name": "Birthe 1508641234"}, "cpr_detected"),
        ({"relation": "mormor (Saras cpr 120392-1234)"}, "cpr_detected"),
        ({"relation": "mormor (Saras cpr 1203921234)"}, "cpr_detected"),
    ],
    ids=[
        "name-41",
        "relation-81",
        "name-cpr-dash",
        "name-cpr-plain",
        "relation-cpr-dash",
        "relation-cpr-plain",
    ],
)
def test_join_with_a_name_or_relation_that_cannot_be_kept_is_refused(
    fields: dict[str, str], code: str
) -> None:
    state = new_meeting()
    assert refused_system(state, joining_as("birthe", **fields)) == code
    assert "birthe" not in state.participants


# -- admitting ---------------------------------------------------------------------------------


def test_facilitator_lets_a_person_in_from_the_lobby() -> None:
    state = new_meeting()
    join(state, "katrine", admit=False)
    changes = act(state, admit("katrine"), LOUISE)
    assert len(changes) == 1 and isinstance(changes[0], Upsert)
    assert state.participants["katrine"].admitted


def test_letting_in_someone_already_in_changes_nothing() -> None:
    state = holm(notes=False)
    assert act(state, admit("katrine"), LOUISE) == []


@pytest.mark.parametrize("person_id", ONE_OF_EACH_ROLE.values())
def test_participant_cannot_let_anyone_in(person_id: str) -> None:
    state = holm(notes=False)
    system_join(state, joining_as("hanne", id="hannes-mand", name="Hannes mand"))
    assert refused(state, admit("hannes-mand"), person_id) == "not_allowed"
    assert not state.participants["hannes-mand"].admitted


def test_letting_in_an_unknown_person_is_refused_as_not_found() -> None:
    state = holm(notes=False)
    assert refused(state, admit("ukendt-telefon"), LOUISE) == "not_found"


def test_the_facilitator_cannot_be_let_in_or_sent_away() -> None:
    state = holm(notes=False)
    assert refused(state, admit(LOUISE), LOUISE) == "not_allowed"
    assert refused(state, reject(LOUISE), LOUISE) == "not_allowed"


def test_someone_sent_away_cannot_be_let_back_in() -> None:
    state = holm()
    act(state, reject("mette"), LOUISE)  # Mette has notes, so she is kept as removed
    assert refused(state, admit("mette"), LOUISE) == "not_allowed"
    assert not state.participants["mette"].admitted


# -- sending away ------------------------------------------------------------------------------


def test_sending_away_someone_without_notes_removes_them() -> None:
    state = holm()
    assert act(state, reject("hanne"), LOUISE) == [Remove(kind="participant", id="hanne")]
    assert "hanne" not in state.participants


def test_sending_away_someone_from_the_lobby_removes_them() -> None:
    state = new_meeting()
    join(state, "anders", admit=False)
    act(state, reject("anders"), LOUISE)
    assert "anders" not in state.participants


def test_sending_away_someone_with_notes_keeps_them_as_removed_and_their_notes_as_written() -> None:
    state = holm()
    notes_before = {c.id: c for c in state.cards.values() if c.author == "mette"}
    act(state, reject("mette"), LOUISE)

    mette = state.participants["mette"]
    assert mette.removed and not mette.admitted
    assert mette.name == "Mette" and mette.relation == "klasselærer"
    assert {c.id: c for c in state.cards.values() if c.author == "mette"} == notes_before


def test_sending_away_someone_already_sent_away_changes_nothing() -> None:
    state = holm()
    act(state, reject("mette"), LOUISE)
    assert act(state, reject("mette"), LOUISE) == []


def test_sending_away_an_unknown_person_is_refused_as_not_found() -> None:
    state = holm()
    assert refused(state, reject("ukendt-telefon"), LOUISE) == "not_found"


@pytest.mark.parametrize("person_id", ONE_OF_EACH_ROLE.values())
def test_participant_cannot_send_anyone_away(person_id: str) -> None:
    state = holm()
    assert refused(state, reject("jonas"), person_id) == "not_allowed"
    assert state.participants["jonas"].admitted


def test_a_person_sent_away_with_notes_can_do_nothing_more() -> None:
    state = holm()
    act(state, reject("thomas"), LOUISE)
    assert refused(state, SetAutoAdmit(id=op_id(), on=True), "thomas") == "not_allowed"
    assert refused(state, admit("sara"), "thomas") == "not_allowed"


def test_every_holm_person_can_join_and_be_let_in() -> None:
    state = holm(notes=False)
    assert {p.id for p in state.participants.values() if p.admitted} == {LOUISE, *PEOPLE}
