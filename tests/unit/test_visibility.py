"""Who sees what: one module decides it for live ops, resyncs and records; what a viewer may not
see reaches them by no route, and naming it is naming nothing."""

from typing import Any

import msgspec
import pytest

from server.domain import Rejected, State, apply, visibility
from server.domain.visibility import RECORD, SUMMARY, Viewer
from server.render import referat
from shared_schema import Card, RejectParticipant, Remove, Upsert
from tests.fixtures import LOUISE, NOW, act, holm, op_id, write

from .meetings import intent
from .seen import act_seen

FACILITATOR = Viewer(role="facilitator", participant_id=LOUISE)
SCREEN = Viewer(role="screen")
SARA = Viewer(role="familie", participant_id="sara")
BIRTHE = Viewer(role="privat", participant_id="birthe")
HANNE = Viewer(role="privat", participant_id="hanne")
METTE = Viewer(role="fagperson", participant_id="mette")
KATRINE = Viewer(role="raadgiver", participant_id="katrine")
PROFESSIONALS = [FACILITATOR, SCREEN, METTE, KATRINE]

SECRET = "Jeg er bange for, at Thomas drikker igen."


def text_of(shown: Any) -> str:
    return msgspec.json.encode(shown).decode()


def hidden_note(state: State) -> Card:
    act(state, intent("writing.private", column="next"), LOUISE)
    return write(state, "sara", SECRET, "next")


# -- the lobby -------------------------------------------------------------------------------


def test_a_name_in_the_lobby_reaches_the_facilitator_and_the_person_alone() -> None:
    state = holm(waiting=("hanne",))
    hanne = state.participants["hanne"]
    assert visibility.seen(state, hanne, FACILITATOR) == hanne
    assert visibility.seen(state, hanne, HANNE) == hanne
    for viewer in (SCREEN, SARA, METTE):
        assert visibility.seen(state, hanne, viewer) is None
        assert "hanne" not in {e.id for e in visibility.entities(state, viewer)}


@pytest.mark.parametrize("viewer", [SCREEN, SARA, METTE], ids=["screen", "family", "pro"])
def test_turning_someone_away_from_the_lobby_tells_the_others_nothing(viewer: Viewer) -> None:
    state = holm(waiting=("hanne",))
    _, op = act_seen(state, RejectParticipant(id=op_id(), participant_id="hanne"), LOUISE)
    assert op.changes_for(viewer) == []
    assert op.changes_for(FACILITATOR) != []


def test_someone_sent_away_keeps_their_name_on_the_notes_they_wrote() -> None:
    state = holm()
    [change], op = act_seen(state, RejectParticipant(id=op_id(), participant_id="mette"), LOUISE)
    assert isinstance(change, Upsert)
    for viewer in (FACILITATOR, SCREEN, SARA):
        assert op.changes_for(viewer) == [change]


@pytest.mark.parametrize("viewer", [SCREEN, SARA, KATRINE], ids=["screen", "family", "pro"])
def test_sending_away_the_writer_of_an_anonymous_note_looks_like_sending_away_a_silent_one(
    viewer: Viewer,
) -> None:
    state = holm(notes=False)
    act(state, intent("writing.anonymous", on=True), LOUISE)
    write(state, "mette", "Emil er meget alene i frikvartererne.", "worries")
    silent = msgspec.msgpack.decode(msgspec.msgpack.encode(state), type=State)
    silent.cards.clear()
    kept, op = act_seen(state, RejectParticipant(id=op_id(), participant_id="mette"), LOUISE)
    gone, silent_op = act_seen(
        silent, RejectParticipant(id=op_id(), participant_id="mette"), LOUISE
    )
    assert kept != gone  # the state keeps her for her note; the other one forgets her
    assert op.changes_for(viewer) == silent_op.changes_for(viewer)
    assert "mette" not in {e.id for e in visibility.entities(state, viewer)}
    assert state.participants["mette"] in visibility.entities(state, FACILITATOR)


# -- a hidden note leaves no trace -----------------------------------------------------------


@pytest.mark.parametrize("viewer", [*PROFESSIONALS, BIRTHE], ids=str)
def test_a_hidden_note_and_its_deletion_reach_nobody_but_its_author(viewer: Viewer) -> None:
    state = holm()
    act(state, intent("writing.private", column="next"), LOUISE)
    _, written = act_seen(
        state, intent("card.add", card_id="c-hemmelig", column="next", text=SECRET), "sara"
    )
    _, deleted = act_seen(state, intent("card.delete", card_id="c-hemmelig"), "sara")
    for op in (written, deleted):
        assert op.changes_for(viewer) == []
        assert "c-hemmelig" not in text_of(op.changes_for(viewer))
    assert written.changes_for(SARA) != [] and deleted.changes_for(SARA) != []


def test_the_facilitator_cannot_tie_an_agreement_to_a_hidden_note() -> None:
    state = holm()
    note = hidden_note(state)
    tied = intent(
        "agreement.add",
        agreement_id="a1",
        what="Thomas går til AA",
        who_names=["Thomas"],
        when_text="hver mandag",
        serves=note.id,
    )
    untied = intent(
        "agreement.add",
        agreement_id="a1",
        what="Thomas går til AA",
        who_names=["Thomas"],
        when_text="hver mandag",
        serves="findes-ikke",
    )
    assert refusal(state, tied, LOUISE) == refusal(state, untied, LOUISE)
    assert refusal(state, tied, LOUISE)[0] == "not_found"


def test_an_agreement_tied_to_a_family_note_shows_neither_text_nor_id_to_others() -> None:
    state = holm(notes=False)
    act(state, intent("family.start"), LOUISE)
    note = write(state, "sara", SECRET, "next")
    proposal = intent(
        "agreement.propose",
        agreement_id="a1",
        what="Mormor henter Emil",
        who_names=["Birthe"],
        when_text="hver onsdag",
        serves=note.id,
    )
    act(state, proposal, "sara")
    act(state, intent("meeting.close"), LOUISE)
    for viewer in PROFESSIONALS:
        assert note.id not in text_of(visibility.entities(state, viewer))
    for made in (referat.build(state), referat.build(state, viewer=SUMMARY)):
        assert SECRET not in referat.plain_text(made)
        assert SECRET not in referat.page(made)
        assert "Mormor henter Emil" not in referat.plain_text(made)


def test_a_visible_agreement_loses_its_tie_for_whoever_may_not_see_the_note() -> None:
    state = holm(notes=False)
    act(state, intent("family.start"), LOUISE)
    note = write(state, "sara", SECRET, "next")
    act(
        state,
        intent(
            "agreement.propose",
            agreement_id="a1",
            what="Mormor henter Emil",
            who_names=["Birthe"],
            when_text="hver onsdag",
            serves=note.id,
        ),
        "sara",
    )
    agreement = state.agreements["a1"]
    assert visibility.seen(state, agreement, BIRTHE) == agreement
    assert visibility.seen(state, agreement, METTE) is None
    _, released = act_seen(state, intent("family.release"), "thomas")
    shown = [c.entity for c in released.changes_for(METTE) if isinstance(c, Upsert)]
    assert state.agreements["a1"] in shown and state.cards[note.id] in shown


# -- not_found: no oracle --------------------------------------------------------------------


def refusal(state: State, given: Any, actor: str) -> tuple[str, str]:
    before = msgspec.msgpack.encode(state)
    with pytest.raises(Rejected) as refused:
        apply(state, given, actor, NOW)
    assert msgspec.msgpack.encode(state) == before
    return refused.value.code, f"{refused.value.say} {sorted(refused.value.params.items())}"


NAMING = [
    ("card.edit", {"text": "Ny tekst"}, "card_id", LOUISE),
    ("card.edit", {"text": "Ny tekst"}, "card_id", "birthe"),
    ("card.move", {"column": "next"}, "card_id", LOUISE),
    ("card.move", {"column": "next"}, "card_id", "mette"),
    ("card.delete", {}, "card_id", LOUISE),
    ("card.delete", {}, "card_id", "birthe"),
]


@pytest.mark.parametrize(("kind", "fields", "field", "actor"), NAMING)
def test_naming_a_hidden_note_is_answered_as_naming_none(
    kind: str, fields: dict[str, Any], field: str, actor: str
) -> None:
    state = holm()
    note = hidden_note(state)
    hidden = refusal(state, intent(kind, **{field: note.id}, **fields), actor)
    missing = refusal(state, intent(kind, **{field: "findes-ikke"}, **fields), actor)
    assert hidden == missing


def test_moving_a_note_after_a_hidden_one_is_answered_as_after_none() -> None:
    state = holm()
    note = hidden_note(state)
    shown = next(c for c in state.cards.values() if not c.hidden and c.column == "next")
    hidden = refusal(
        state, intent("card.move", card_id=shown.id, column="next", after=note.id), LOUISE
    )
    missing = refusal(
        state, intent("card.move", card_id=shown.id, column="next", after="findes-ikke"), LOUISE
    )
    assert hidden == missing and hidden[0] == "not_found"


@pytest.mark.parametrize("kind", ["agreement.accept", "agreement.delete", "agreement.edit"])
def test_naming_a_family_proposal_is_answered_as_naming_none(kind: str) -> None:
    state = holm(notes=False)
    act(state, intent("family.start"), LOUISE)
    act(
        state,
        intent(
            "agreement.propose",
            agreement_id="a1",
            what="Mormor henter Emil",
            who_names=["Birthe"],
            when_text="hver onsdag",
        ),
        "sara",
    )
    fields: dict[str, Any] = (
        {"what": "x", "who_names": ["Birthe"], "when_text": "nu"}
        if kind == "agreement.edit"
        else {}
    )
    hidden = refusal(state, intent(kind, agreement_id="a1", **fields), LOUISE)
    missing = refusal(state, intent(kind, agreement_id="findes-ikke", **fields), LOUISE)
    assert hidden == missing and hidden[0] == "not_found"


# -- derived records ----------------------------------------------------------------------------


def test_talk_time_is_in_the_facilitators_referat_and_not_in_the_summary() -> None:
    state = holm(notes=False)
    act(state, intent("turn.give", participant_id="sara"), LOUISE, NOW)
    act(state, intent("turn.give", participant_id="mette"), LOUISE, NOW + 90)
    act(state, intent("meeting.close"), LOUISE, NOW + 120)
    assert referat.build(state, viewer=RECORD).talk != []
    summary = referat.build(state, viewer=SUMMARY)
    assert summary.talk == []
    assert "Taletid" not in referat.page(summary)


def test_deleting_an_anonymous_note_does_not_name_its_author_by_taking_them_along() -> None:
    state = holm(notes=False)
    act(state, intent("writing.anonymous", on=True), LOUISE)
    note = write(state, "mette", "Emil er meget alene i frikvartererne.", "worries")
    act(state, RejectParticipant(id=op_id(), participant_id="mette"), LOUISE)
    changes, op = act_seen(state, intent("card.delete", card_id=note.id), LOUISE)
    assert Remove(kind="participant", id="mette") in changes  # kept only for her note
    for viewer in (SARA, SCREEN, KATRINE):
        assert op.changes_for(viewer) == [Remove(kind="card", id=note.id)]
    assert "mette" in text_of(op.changes_for(FACILITATOR))
