"""Scaling questions: asking, voting (changeable, skippable, sealed), closing, the reveal with its
median, the follow-up notes, and who sees which vote."""

import msgspec
import pytest

from server.domain import State, visibility
from server.domain.scaling import QUESTION_MAX, SCALES_MAX, median, question_key
from server.domain.visibility import Viewer
from shared_schema import (
    AddScaleNote,
    AskScale,
    CastVote,
    CloseScale,
    DeleteScale,
    Intent,
    RevealScale,
    Scale,
    ScaleResult,
    ShowScale,
    Upsert,
    Vote,
)
from tests.fixtures import LOUISE, PEOPLE, SCREEN, act, holm, op_id, refused
from tests.unit.seen import act_seen

VOTERS = ["sara", "thomas", "birthe", "mette", "katrine"]


def ask(
    state: State, preset: str = "safety", scale_id: str = "sikkerhed", **fields: object
) -> Scale:
    act(state, AskScale(id=op_id(), scale_id=scale_id, preset=preset, **fields), LOUISE)  # type: ignore[arg-type]
    return state.scales[scale_id]


def cast(state: State, voter: str, value: int | None, scale_id: str = "sikkerhed") -> Vote:
    act(state, CastVote(id=op_id(), scale_id=scale_id, vote_id=f"v-{voter}", value=value), voter)
    return next(v for v in state.votes.values() if v.voter == voter and v.scale == scale_id)


def reveal(state: State, scale_id: str = "sikkerhed") -> Scale:
    act(state, RevealScale(id=op_id(), scale_id=scale_id), LOUISE)
    return state.scales[scale_id]


# -- asking ------------------------------------------------------------------------------------


def test_the_safety_scale_carries_its_question_and_anchor_texts() -> None:
    scale = ask(holm())
    assert scale.key == "safety"
    assert scale.kind == "number"
    assert "0 til 10" in scale.question
    assert scale.low.startswith("Det er helt sikkert, at barnet vil blive skadet")
    assert scale.high.startswith("Alle ved, at barnet er sikkert nok")
    assert scale.anonymous and scale.status == "open" and scale.answered == 0


@pytest.mark.parametrize(
    ("preset", "kind"), [("worry", "number"), ("plan", "number"), ("mood", "smileys")]
)
def test_each_preset_has_its_kind_and_anchors(preset: str, kind: str) -> None:
    scale = ask(holm(), preset)
    assert scale.kind == kind and scale.key == preset
    assert scale.question and scale.low and scale.high


def test_a_custom_question_is_kept_in_its_words_and_tied_to_a_worry() -> None:
    scale = ask(
        holm(),
        "custom",
        question="  Hvor trygge er morgenerne hos Sara? ",
        tied_to="Emil kommer for sent i skole",
        anonymous=False,
    )
    assert scale.question == "Hvor trygge er morgenerne hos Sara?"
    assert scale.tied_to == "Emil kommer for sent i skole"
    assert scale.key == "custom:hvor trygge er morgenerne hos sara"
    assert not scale.anonymous


def test_the_same_custom_question_gets_the_same_key_despite_case_and_punctuation() -> None:
    assert question_key("custom", "Hvor trygge er morgenerne?") == question_key(
        "custom", "hvor  TRYGGE er morgenerne"
    )
    assert question_key("safety", "anything") == "safety"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"question": "   "}, "invalid"),
        ({"question": "Hvor sikker? " * 30}, "too_large"),
        ({"question": "Hvordan går det med 120317-4321?"}, "cpr_detected"),
        ({"question": "Hvordan går det?", "tied_to": "x" * 201}, "too_large"),
    ],
)
def test_a_bad_custom_question_is_refused(fields: dict[str, str], code: str) -> None:
    state = holm()
    intent = AskScale(id=op_id(), scale_id="s1", preset="custom", **fields)
    assert refused(state, intent, LOUISE) == code
    assert len("Hvor sikker? " * 30) > QUESTION_MAX


def test_a_second_question_waits_until_the_open_one_is_closed() -> None:
    state = holm()
    ask(state)
    assert refused(state, AskScale(id=op_id(), scale_id="s2", preset="worry"), LOUISE) == "conflict"
    act(state, CloseScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    assert ask(state, "worry", "s2").status == "open"


def test_a_scale_id_is_used_once() -> None:
    state = holm()
    ask(state)
    act(state, CloseScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    intent = AskScale(id=op_id(), scale_id="sikkerhed", preset="worry")
    assert refused(state, intent, LOUISE) == "conflict"


def test_a_meeting_holds_a_bounded_number_of_questions() -> None:
    state = holm()
    for number in range(SCALES_MAX):
        ask(state, "worry", f"s{number}")
        act(state, CloseScale(id=op_id(), scale_id=f"s{number}"), LOUISE)
    assert refused(state, AskScale(id=op_id(), scale_id="en-til", preset="plan"), LOUISE) == (
        "too_large"
    )


def test_an_unknown_preset_is_refused_at_the_edge() -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(
            {"type": "scale.ask", "id": op_id(), "scale_id": "s", "preset": "gladhed"}, Intent
        )


# -- voting ------------------------------------------------------------------------------------


def test_a_vote_counts_and_can_be_changed_until_the_facilitator_closes() -> None:
    state = holm()
    ask(state)
    first = cast(state, "sara", 4)
    assert state.scales["sikkerhed"].answered == 1
    changed = cast(state, "sara", 6)
    assert changed.id == first.id and changed.value == 6
    assert state.scales["sikkerhed"].answered == 1
    act(state, CloseScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    again = CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v-sara", value=7)
    assert refused(state, again, "sara") == "conflict"
    assert state.votes[first.id].value == 6


def test_changing_a_vote_does_not_touch_the_scale_everyone_sees() -> None:
    state = holm()
    ask(state)
    cast(state, "sara", 4)
    changes = act(
        state, CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v-other", value=5), "sara"
    )
    assert [type(c.entity) for c in changes if isinstance(c, Upsert)] == [Vote]


def test_spring_over_counts_as_an_answer_without_a_value() -> None:
    state = holm()
    ask(state)
    cast(state, "sara", None)
    cast(state, "birthe", 8)
    scale = state.scales["sikkerhed"]
    assert (scale.answered, scale.skipped) == (2, 1)
    cast(state, "sara", 5)
    assert state.scales["sikkerhed"].skipped == 0


@pytest.mark.parametrize(
    ("preset", "value"), [("safety", 11), ("safety", -1), ("mood", 0), ("mood", 6)]
)
def test_a_value_off_the_scale_is_refused(preset: str, value: int) -> None:
    state = holm()
    ask(state, preset, "s")
    assert refused(state, CastVote(id=op_id(), scale_id="s", vote_id="v", value=value), "sara") == (
        "invalid"
    )


def test_a_smiley_vote_is_one_to_five() -> None:
    state = holm()
    ask(state, "mood", "humoer")
    assert cast(state, "sara", 5, "humoer").value == 5


def test_voting_on_a_question_that_is_not_there_is_refused() -> None:
    intent = CastVote(id=op_id(), scale_id="findes-ikke", vote_id="v", value=3)
    assert refused(holm(), intent, "sara") == "not_found"


def test_a_vote_id_someone_else_used_is_refused() -> None:
    state = holm()
    ask(state)
    cast(state, "sara", 3)
    intent = CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v-sara", value=3)
    assert refused(state, intent, "birthe") == "conflict"


# -- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize("person", VOTERS)
def test_people_cannot_ask_close_reveal_or_delete(person: str) -> None:
    state = holm()
    ask(state)
    for intent in [
        AskScale(id=op_id(), scale_id="s2", preset="worry"),
        CloseScale(id=op_id(), scale_id="sikkerhed"),
        RevealScale(id=op_id(), scale_id="sikkerhed"),
        DeleteScale(id=op_id(), scale_id="sikkerhed"),
        ShowScale(id=op_id(), scale_id="sikkerhed", on=False),
    ]:
        assert refused(state, intent, person) == "not_allowed"


@pytest.mark.parametrize("outsider", [LOUISE, SCREEN, "ukendt-telefon"])
def test_the_facilitator_and_outsiders_do_not_vote(outsider: str) -> None:
    state = holm()
    ask(state)
    intent = CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v", value=5)
    assert refused(state, intent, outsider) == "not_allowed"


def test_someone_in_the_lobby_does_not_vote() -> None:
    state = holm(waiting=("hanne",))
    ask(state)
    intent = CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v", value=5)
    assert refused(state, intent, "hanne") == "not_allowed"


# -- the reveal and the median -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([7], 7.0), ([3, 9, 5], 5.0), ([2, 8, 4, 6], 5.0), ([4, 4, 5, 10, 0], 4.0)],
)
def test_median(values: list[int], expected: float | None) -> None:
    assert median(values) == expected


def test_an_anonymous_reveal_shows_sorted_values_without_names_and_the_median() -> None:
    state = holm()
    ask(state)
    for voter, value in zip(VOTERS, [6, 3, 7, None, 4], strict=True):
        cast(state, voter, value)
    scale = reveal(state)
    assert scale.status == "revealed"
    assert scale.results == [ScaleResult(value=v) for v in [3, 4, 6, 7]]
    assert scale.median == 5.0
    assert (scale.answered, scale.skipped) == (5, 1)


def test_a_named_reveal_shows_who_voted_what() -> None:
    state = holm()
    ask(state, anonymous=False)
    cast(state, "sara", 6)
    cast(state, "birthe", 3)
    assert reveal(state).results == [
        ScaleResult(value=3, participant="birthe"),
        ScaleResult(value=6, participant="sara"),
    ]


def test_revealing_twice_is_refused_and_after_a_reveal_nobody_votes() -> None:
    state = holm()
    ask(state)
    cast(state, "sara", 6)
    reveal(state)
    assert refused(state, RevealScale(id=op_id(), scale_id="sikkerhed"), LOUISE) == "conflict"
    intent = CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v-sara", value=2)
    assert refused(state, intent, "sara") == "conflict"
    assert refused(state, CloseScale(id=op_id(), scale_id="sikkerhed"), LOUISE) == "conflict"


def test_a_closed_scale_is_sealed_until_the_reveal() -> None:
    state = holm()
    ask(state)
    cast(state, "sara", 6)
    act(state, CloseScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    scale = state.scales["sikkerhed"]
    assert scale.status == "closed" and scale.results == [] and scale.median is None
    assert reveal(state).results == [ScaleResult(value=6)]


def test_deleting_a_question_takes_its_votes_and_notes() -> None:
    state = holm()
    ask(state)
    cast(state, "sara", 6)
    note = AddScaleNote(
        id=op_id(), note_id="n1", scale_id="sikkerhed", follow_up="one_step_up", text="Mormor"
    )
    act(state, note, "birthe")
    act(state, DeleteScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    assert state.scales == {} and state.votes == {} and state.scale_notes == {}


def test_the_newest_question_takes_the_screen_and_can_give_it_back_to_the_board() -> None:
    state = holm()
    assert ask(state).on_screen
    act(state, CloseScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    ask(state, "worry", "bekymring")
    assert not state.scales["sikkerhed"].on_screen and state.scales["bekymring"].on_screen
    act(state, ShowScale(id=op_id(), scale_id="bekymring", on=False), LOUISE)
    assert not any(scale.on_screen for scale in state.scales.values())
    assert act(state, ShowScale(id=op_id(), scale_id="bekymring", on=False), LOUISE) == []
    act(state, ShowScale(id=op_id(), scale_id="sikkerhed", on=True), LOUISE)
    assert [s.id for s in state.scales.values() if s.on_screen] == ["sikkerhed"]
    intent = ShowScale(id=op_id(), scale_id="sikkerhed", on=False)
    assert refused(state, intent, "sara") == "not_allowed"


# -- follow-up notes ---------------------------------------------------------------------------


def test_follow_up_answers_are_notes_tied_to_the_scale() -> None:
    state = holm()
    ask(state)
    reveal(state)
    act(
        state,
        AddScaleNote(
            id=op_id(),
            note_id="hvorfor",
            scale_id="sikkerhed",
            follow_up="why_not_lower",
            text="Birthe henter Emil hver onsdag.",
        ),
        "birthe",
    )
    act(
        state,
        AddScaleNote(
            id=op_id(),
            note_id="et-trin",
            scale_id="sikkerhed",
            follow_up="one_step_up",
            text="En voksen om morgenen i de dårlige perioder.",
        ),
        LOUISE,
    )
    assert state.scale_notes["hvorfor"].scale == "sikkerhed"
    assert state.scale_notes["hvorfor"].author == "birthe"
    assert state.scale_notes["et-trin"].follow_up == "one_step_up"


@pytest.mark.parametrize(
    ("text", "note_id", "scale_id", "code"),
    [
        ("   ", "n", "sikkerhed", "invalid"),
        ("lang " * 200, "n", "sikkerhed", "too_large"),
        ("Saras cpr 0103921234", "n", "sikkerhed", "cpr_detected"),
        ("Mormor", "n", "findes-ikke", "not_found"),
        ("Mormor", "brugt", "sikkerhed", "conflict"),
    ],
)
def test_a_bad_follow_up_note_is_refused(text: str, note_id: str, scale_id: str, code: str) -> None:
    state = holm()
    ask(state)
    act(
        state,
        AddScaleNote(
            id=op_id(), note_id="brugt", scale_id="sikkerhed", follow_up="one_step_up", text="Ja"
        ),
        "sara",
    )
    intent = AddScaleNote(
        id=op_id(), note_id=note_id, scale_id=scale_id, follow_up="why_not_lower", text=text
    )
    assert refused(state, intent, "sara") == code


# -- who sees which vote -----------------------------------------------------------------------

FACILITATOR = Viewer(role="facilitator", participant_id=LOUISE)
SARA = Viewer(role="familie", participant_id="sara")
BIRTHE = Viewer(role="privat", participant_id="birthe")
THE_SCREEN = Viewer(role="screen")


@pytest.mark.parametrize("anonymous", [True, False])
@pytest.mark.parametrize(
    "viewer", [FACILITATOR, BIRTHE, THE_SCREEN], ids=["fac", "other", "screen"]
)
def test_a_vote_reaches_nobody_but_the_voter(anonymous: bool, viewer: Viewer) -> None:
    state = holm()
    ask(state, anonymous=anonymous)
    _, op = act_seen(
        state, CastVote(id=op_id(), scale_id="sikkerhed", vote_id="v-sara", value=2), "sara"
    )
    vote = state.votes["v-sara"]
    assert not op.plain
    assert Upsert(entity=vote) in op.changes_for(SARA)
    assert all(
        not isinstance(c, Upsert) or not isinstance(c.entity, Vote) for c in op.changes_for(viewer)
    )
    assert "v-sara" not in msgspec.json.encode(op.changes_for(viewer)).decode()
    assert [e for e in visibility.entities(state, viewer) if isinstance(e, Vote)] == []
    assert [e for e in visibility.entities(state, SARA) if isinstance(e, Vote)] == [vote]


def test_before_the_reveal_others_see_only_the_count() -> None:
    state = holm()
    ask(state)
    for voter, value in zip(VOTERS, [6, 3, 7, 2, 4], strict=True):
        _, op = act_seen(
            state,
            CastVote(id=op_id(), scale_id="sikkerhed", vote_id=f"v-{voter}", value=value),
            voter,
        )
        for shown in op.changes_for(BIRTHE if voter != "birthe" else SARA):
            assert isinstance(shown, Upsert)
            if isinstance(shown, Upsert):
                assert isinstance(shown.entity, Scale)
                assert shown.entity.results == [] and shown.entity.median is None
    assert state.scales["sikkerhed"].answered == len(VOTERS)


def test_an_anonymous_reveal_names_nobody_to_anybody() -> None:
    state = holm()
    ask(state)
    for voter, value in zip(VOTERS, [6, 3, 7, 2, 4], strict=True):
        cast(state, voter, value)
    [change], op = act_seen(state, RevealScale(id=op_id(), scale_id="sikkerhed"), LOUISE)
    assert op.plain
    encoded = msgspec.json.encode(change).decode()
    for person in PEOPLE:
        assert f'"{person}"' not in encoded
