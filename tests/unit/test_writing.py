"""Private writing, anonymous notes and family time: what each viewer receives of a note."""

from typing import Any

import pytest
from msgspec.structs import replace

from server.domain import State
from server.domain.visibility import Viewer, everyone_sees, view, visible
from shared_schema import Card, Remove, Upsert
from tests.fixtures import LOUISE, act, holm, refused, write

from .meetings import intent

FACILITATOR = Viewer(role="facilitator", participant_id=LOUISE)
SCREEN = Viewer(role="screen")
SARA = Viewer(role="familie", participant_id="sara")
BIRTHE = Viewer(role="privat", participant_id="birthe")
METTE = Viewer(role="fagperson", participant_id="mette")
KATRINE = Viewer(role="raadgiver", participant_id="katrine")
EVERYONE = [FACILITATOR, SCREEN, SARA, BIRTHE, METTE, KATRINE]


def do(state: State, actor: str, kind: str, **fields: Any) -> list[Any]:
    return act(state, intent(kind, **fields), actor)


def seen_by(card: Card, viewer: Viewer) -> Card | None:
    shown = view(Upsert(entity=card), viewer)
    if isinstance(shown, Remove):
        return None
    assert isinstance(shown, Upsert) and isinstance(shown.entity, Card)
    return shown.entity


def test_a_private_note_reaches_its_author_alone_until_revealed() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "writing.private", column="works")
    note = write(state, "sara", "Jeg er god til at lave mad med Emil.", "works")
    assert note.hidden
    assert not everyone_sees(Upsert(entity=note))
    for viewer in EVERYONE:
        assert (seen_by(note, viewer) is not None) == (viewer == SARA), viewer
    assert note not in visible(state.entities(), METTE)
    changes = do(state, LOUISE, "writing.reveal")
    shown = state.cards[note.id]
    assert not shown.hidden and Upsert(entity=shown) in changes
    assert all(seen_by(shown, viewer) == shown for viewer in EVERYONE)
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
    assert seen_by(note, FACILITATOR) == note
    assert seen_by(note, METTE) == note
    for viewer in (SCREEN, SARA, BIRTHE, KATRINE):
        seen = seen_by(note, viewer)
        assert seen is not None and seen.author == "" and seen.text == note.text
    assert all(e.author == "" for e in visible(state.entities(), SARA) if isinstance(e, Card))
    do(state, LOUISE, "writing.anonymous", on=False)
    assert not write(state, "mette", "Emil er glad for natur/teknologi.", "works").anonymous


def test_family_time_keeps_the_family_notes_from_the_professionals_until_released() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "family.start")
    note = write(state, "birthe", "Jeg tager morgenerne mandag og onsdag.", "next")
    assert note.family
    for viewer in (FACILITATOR, METTE, KATRINE):
        assert seen_by(note, viewer) is None
    for viewer in (SCREEN, SARA, BIRTHE):
        assert seen_by(note, viewer) == note
    assert refused(state, intent("card.add", card_id="k1", column="next", text="Ok"), "mette") == (
        "not_allowed"
    )
    proposal = intent(
        "agreement.propose", agreement_id="f1", what="Mormor henter", who_names=["Birthe"]
    )
    assert refused(state, proposal, "sara") == "not_allowed"
    do(state, "sara", "family.release")
    released = state.cards[note.id]
    assert not released.family
    assert all(seen_by(released, viewer) == released for viewer in EVERYONE)
    assert state.writing is not None and not state.writing.family


def test_the_facilitator_ends_family_time_and_the_family_keeps_its_notes() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "family.start")
    note = write(state, "birthe", "Vi vil gerne have en aftale om weekenderne.", "next")
    for who in ("sara", "mette", "katrine"):
        assert refused(state, intent("family.end"), who) == "not_allowed"
    changes = do(state, LOUISE, "family.end")
    # Ending is not releasing: nothing of the family's note reaches a professional.
    assert changes and all(not isinstance(c.entity, Card) for c in changes if isinstance(c, Upsert))
    assert state.writing is not None and not state.writing.family
    assert state.cards[note.id].family
    for viewer in (FACILITATOR, METTE, KATRINE):
        assert seen_by(state.cards[note.id], viewer) is None
    # The professionals write again; a new note is nobody's secret.
    assert not write(state, "mette", "Skolen kan tage en samtale i næste uge.", "next").family
    assert refused(state, intent("family.end"), LOUISE) == "conflict"
    # The family shares what it kept when it is ready.
    do(state, "sara", "family.release")
    assert not state.cards[note.id].family
    assert refused(state, intent("family.release"), "sara") == "conflict"


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
    change = Upsert(entity=state.turns)
    assert not everyone_sees(change)
    assert view(change, FACILITATOR) == change
    for viewer in (SCREEN, SARA, METTE):
        shown = view(change, viewer)
        assert isinstance(shown, Upsert)
        assert shown.entity == replace(state.turns, talk={}, turns={})
