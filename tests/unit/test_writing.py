"""Private writing, anonymous notes and family time: what each viewer receives of a note."""

from typing import Any

import pytest
from msgspec.structs import replace

from server.domain import State, visibility
from server.domain.visibility import Viewer
from shared_schema import Card, Upsert
from tests.fixtures import LOUISE, act, holm, refused, write

from .meetings import intent
from .seen import act_seen

FACILITATOR = Viewer(role="facilitator", participant_id=LOUISE)
SCREEN = Viewer(role="screen")
SARA = Viewer(role="familie", participant_id="sara")
BIRTHE = Viewer(role="privat", participant_id="birthe")
METTE = Viewer(role="fagperson", participant_id="mette")
KATRINE = Viewer(role="raadgiver", participant_id="katrine")
EVERYONE = [FACILITATOR, SCREEN, SARA, BIRTHE, METTE, KATRINE]


def do(state: State, actor: str, kind: str, **fields: Any) -> list[Any]:
    return act(state, intent(kind, **fields), actor)


def seen_by(state: State, card: Card, viewer: Viewer) -> Card | None:
    shown = visibility.seen(state, card, viewer)
    assert shown is None or isinstance(shown, Card)
    return shown


def test_a_private_note_reaches_its_author_alone_until_revealed() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "writing.private", column="works")
    note = write(state, "sara", "Jeg er god til at lave mad med Emil.", "works")
    assert note.hidden
    assert not visibility.plain(state, note)
    for viewer in EVERYONE:
        assert (seen_by(state, note, viewer) is not None) == (viewer == SARA), viewer
    assert note not in visibility.entities(state, METTE)
    changes = do(state, LOUISE, "writing.reveal")
    shown = state.cards[note.id]
    assert not shown.hidden and Upsert(entity=shown) in changes
    assert all(seen_by(state, shown, viewer) == shown for viewer in EVERYONE)
    assert state.writing is not None and not state.writing.private


def test_private_writing_in_one_column_leaves_the_others_open() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "writing.private", column="works")
    assert not write(state, "sara", "Vi skal have hjælp om morgenen.", "next").hidden


def test_private_writing_needs_a_column_of_the_board() -> None:
    state = holm(notes=False)
    assert refused(state, intent("writing.private", column="house_good"), LOUISE) == "invalid"


def test_an_anonymous_note_shows_its_author_only_to_the_author_and_the_facilitator() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "writing.anonymous", on=True)
    note = write(state, "mette", "Emil er ofte alene i frikvarteret.", "worries")
    assert note.anonymous
    assert seen_by(state, note, FACILITATOR) == note
    assert seen_by(state, note, METTE) == note
    for viewer in (SCREEN, SARA, BIRTHE, KATRINE):
        seen = seen_by(state, note, viewer)
        assert seen is not None and seen.author == "" and seen.text == note.text
    assert all(e.author == "" for e in visibility.entities(state, SARA) if isinstance(e, Card))
    do(state, LOUISE, "writing.anonymous", on=False)
    assert not write(state, "mette", "Emil er glad for natur/teknologi.", "works").anonymous


def test_family_time_keeps_the_family_notes_from_the_professionals_until_released() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "family.start")
    note = write(state, "birthe", "Jeg tager morgenerne mandag og onsdag.", "next")
    assert note.family
    for viewer in (FACILITATOR, SCREEN, METTE, KATRINE):
        assert seen_by(state, note, viewer) is None
    for viewer in (SARA, BIRTHE):
        assert seen_by(state, note, viewer) == note
    assert refused(state, intent("card.add", card_id="k1", column="next", text="Ok"), "mette") == (
        "not_allowed"
    )
    proposal = intent(
        "agreement.propose",
        agreement_id="f1",
        what="Mormor henter",
        who_names=["Birthe"],
        when_text="hver onsdag",
    )
    _, op = act_seen(state, proposal, "sara")
    assert state.agreements["f1"].family
    assert op.changes_for(FACILITATOR) == op.changes_for(METTE) == []
    assert op.changes_for(SCREEN) == []
    assert op.changes_for(BIRTHE) == [Upsert(entity=state.agreements["f1"])]
    _, op = act_seen(state, intent("family.release"), "sara")
    released = state.cards[note.id]
    assert not released.family and not state.agreements["f1"].family
    assert all(seen_by(state, released, viewer) == released for viewer in EVERYONE)
    assert Upsert(entity=state.agreements["f1"]) in op.changes_for(FACILITATOR)
    assert state.writing is not None and not state.writing.family


def test_an_edit_in_family_time_reaches_the_professionals_only_when_shared() -> None:
    state = holm(notes=False)
    note = write(state, "sara", "Om morgenen er jeg alene.", "worries")
    do(state, LOUISE, "family.start")
    _, op = act_seen(
        state, intent("card.edit", card_id=note.id, text="Mormor kommer om morgenen."), "sara"
    )
    for viewer in (FACILITATOR, SCREEN, METTE, KATRINE):
        assert op.changes_for(viewer) == []
        assert seen_by(state, state.cards[note.id], viewer) == note
    assert [c.entity.text for c in op.changes_for(BIRTHE) if isinstance(c, Upsert)] == [  # type: ignore[union-attr]
        "Mormor kommer om morgenen."
    ]
    _, op = act_seen(state, intent("family.release"), "sara")
    [shown] = [
        c for c in op.changes_for(METTE) if isinstance(c, Upsert) and isinstance(c.entity, Card)
    ]
    assert isinstance(shown.entity, Card) and shown.entity.text == "Mormor kommer om morgenen."


def test_only_the_family_releases_and_only_in_family_time() -> None:
    state = holm(notes=False)
    assert refused(state, intent("family.release"), "sara") == "conflict"
    do(state, LOUISE, "family.start")
    assert refused(state, intent("family.release"), LOUISE) == "not_allowed"
    assert refused(state, intent("family.release"), "katrine") == "not_allowed"


@pytest.mark.parametrize(
    ("kind", "fields"),
    [("writing.private", {}), ("writing.reveal", {}), ("writing.anonymous", {"on": True})],
)
def test_only_the_facilitator_runs_private_writing(kind: str, fields: dict[str, Any]) -> None:
    assert refused(holm(notes=False), intent(kind, **fields), "sara") == "not_allowed"


def test_talk_time_reaches_the_facilitator_alone() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "turn.give", participant_id="sara")
    do(state, LOUISE, "turn.give", participant_id="mette")
    assert state.turns is not None and state.turns.talk
    assert not visibility.plain(state, state.turns)
    assert visibility.seen(state, state.turns, FACILITATOR) == state.turns
    for viewer in (SCREEN, SARA, METTE):
        assert visibility.seen(state, state.turns, viewer) == replace(
            state.turns, talk={}, turns={}
        )


def proposal(agreement_id: str) -> Any:
    return intent(
        "agreement.propose",
        agreement_id=agreement_id,
        what="Mormor henter Emil om onsdagen",
        who_names=["Birthe"],
        when_text="hver onsdag",
    )


def test_in_family_time_the_family_does_nothing_the_others_would_see_at_once() -> None:
    state = holm(notes=False)
    earlier = write(state, "sara", "Om morgenen er jeg alene.", "worries")
    act(state, proposal("tidligere"), "sara")
    do(state, LOUISE, "family.start")
    for refused_now in (
        intent("genogram.join", person_id="g-sara", kinship="mor"),
        intent("agreements.confirm", agrees=True),
        intent("card.delete", card_id=earlier.id),
        intent("agreement.delete", agreement_id="tidligere"),
    ):
        assert refused(state, refused_now, "sara") == "not_allowed", refused_now
    # What the family wrote in family time it may take back: nobody else ever saw it.
    mine = write(state, "sara", "Det vil jeg ikke alligevel.", "next")
    _, op = act_seen(state, intent("card.delete", card_id=mine.id), "sara")
    assert op.changes_for(METTE) == op.changes_for(FACILITATOR) == []
    act(state, proposal("familiens"), "birthe")
    _, op = act_seen(state, intent("agreement.delete", agreement_id="familiens"), "birthe")
    assert op.changes_for(FACILITATOR) == []


def test_the_facilitator_edits_a_note_as_they_see_it_while_the_family_edits_it_too() -> None:
    state = holm(notes=False)
    note = write(state, "sara", "Om morgenen er jeg alene.", "worries")
    do(state, LOUISE, "family.start")
    do(state, "sara", "card.edit", card_id=note.id, text="Mormor kommer om morgenen.")
    _, op = act_seen(
        state, intent("card.edit", card_id=note.id, text="Om morgenen er Sara alene."), LOUISE
    )
    [shown] = op.changes_for(METTE)
    assert isinstance(shown, Upsert) and isinstance(shown.entity, Card)
    assert shown.entity.text == "Om morgenen er Sara alene."
    [mine] = op.changes_for(SARA)
    assert isinstance(mine, Upsert) and isinstance(mine.entity, Card)
    assert mine.entity.text == "Mormor kommer om morgenen."
    do(state, "sara", "family.release")
    assert state.cards[note.id].text == "Mormor kommer om morgenen."
    assert state.cards[note.id].shared_text is None and not state.cards[note.id].family


def test_a_scaling_note_written_in_family_time_waits_for_the_plan() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "scale.ask", scale_id="sikkerhed", preset="safety")
    do(state, LOUISE, "family.start")
    _, op = act_seen(
        state,
        intent(
            "scale.note",
            note_id="trin-op",
            scale_id="sikkerhed",
            follow_up="one_step_up",
            text="Mormor hver morgen.",
        ),
        "birthe",
    )
    for viewer in (FACILITATOR, SCREEN, METTE, KATRINE):
        assert op.changes_for(viewer) == []
    assert op.changes_for(SARA) == [Upsert(entity=state.scale_notes["trin-op"])]
    _, op = act_seen(state, intent("family.release"), "sara")
    assert Upsert(entity=state.scale_notes["trin-op"]) in op.changes_for(METTE)
