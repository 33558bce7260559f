"""Notes on the board: what adding, editing, moving and deleting changes, and when it is refused."""

import itertools

import pytest

from server.domain.cards import CARDS_MAX
from server.domain.state import evolve
from shared_schema import (
    AddCard,
    Card,
    ColumnKey,
    DeleteCard,
    EditCard,
    MoveCard,
    Participant,
    RejectParticipant,
    Remove,
    Upsert,
)
from tests.fixtures import (
    LOUISE,
    NOW,
    ONE_OF_EACH_ROLE,
    act,
    card_by_text,
    column_texts,
    holm,
    join,
    new_meeting,
    op_id,
    refused,
    write,
)

FOOTBALL = "Emil elsker fodbold og har ikke misset en eneste træning i år."
BAKING = "Jeg henter Emil hver onsdag, og vi bager sammen."
MORNINGS = "Om morgenen er jeg alene, når jeg har det dårligt."
LONG = "Emil kommer for sent 2–3 dage om ugen. " * 20


def add(text: str, column: ColumnKey = "works", card_id: str = "note-ny") -> AddCard:
    return AddCard(id=op_id(), card_id=card_id, column=column, text=text)


def move(card_id: str, column: ColumnKey, after: str | None = None) -> MoveCard:
    return MoveCard(id=op_id(), card_id=card_id, column=column, after=after)


def edit(card_id: str, text: str) -> EditCard:
    return EditCard(id=op_id(), card_id=card_id, text=text)


def delete(card_id: str) -> DeleteCard:
    return DeleteCard(id=op_id(), card_id=card_id)


# -- adding ------------------------------------------------------------------------------------


def test_added_note_is_last_in_its_column_with_its_author_and_time() -> None:
    state = holm()
    changes = act(state, add("Birthe kan tage morgenerne mandag og tirsdag."), "birthe", NOW + 60)

    [upsert] = changes
    assert isinstance(upsert, Upsert) and isinstance(upsert.entity, Card)
    card = upsert.entity
    assert (card.id, card.column, card.author) == ("note-ny", "works", "birthe")
    assert card.created_at == NOW + 60 and card.edited_at is None
    assert column_texts(state, "works")[-1] == "Birthe kan tage morgenerne mandag og tirsdag."
    keys = [c.order for c in state.column_cards("works")]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_first_note_in_an_empty_column_gets_a_key() -> None:
    state = new_meeting()
    act(state, add("Sara og Thomas taler ikke sammen om Emil.", "worries"), LOUISE)
    assert column_texts(state, "worries") == ["Sara og Thomas taler ikke sammen om Emil."]


@pytest.mark.parametrize("person_id", [LOUISE, *ONE_OF_EACH_ROLE.values()])
def test_every_admitted_role_can_add_a_note(person_id: str) -> None:
    state = holm(notes=False)
    act(state, add("Emil skal have en ven at lege med efter skole."), person_id)
    assert state.cards["note-ny"].author == person_id


def test_added_note_text_is_trimmed_and_keeps_its_line_breaks() -> None:
    state = holm(notes=False)
    act(state, add("  Morgener:\tmandag  og tirsdag\n\n\n\nBirthe kommer kl. 7  "), "birthe")
    assert state.cards["note-ny"].text == "Morgener: mandag og tirsdag\n\nBirthe kommer kl. 7"


def test_note_of_exactly_500_characters_is_kept_whole() -> None:
    state = holm(notes=False)
    text = LONG[:499] + "."
    act(state, add(text), "mette")
    assert len(state.cards["note-ny"].text) == 500


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "invalid"),
        ("   \n\t  ", "invalid"),
        (LONG[:500] + ".", "too_large"),
        ("Emils CPR-nummer er 120317-4321, hvis I skal bruge det.", "cpr_detected"),
        ("Emil 1203174321", "cpr_detected"),
    ],
    ids=["empty", "only-whitespace", "501-characters", "cpr-with-dash", "cpr-without-dash"],
)
def test_note_text_that_cannot_be_kept_is_refused(text: str, code: str) -> None:
    state = holm(notes=False)
    assert refused(state, add(text), "mette") == code
    assert state.cards == {}


def test_note_in_a_column_the_template_does_not_have_is_refused() -> None:
    state = holm(notes=False)  # three columns: no agreements column
    assert refused(state, add("Birthe følger Emil i skole.", "agreements"), LOUISE) == "invalid"
    assert refused(state, add("Et godt hus.", "house_good"), LOUISE) == "invalid"


def test_note_in_the_agreements_column_is_kept_in_a_loeft_meeting() -> None:
    state = holm("loeft", notes=False)
    act(state, add("Birthe følger Emil i skole mandag og tirsdag.", "agreements"), LOUISE)
    assert column_texts(state, "agreements") == ["Birthe følger Emil i skole mandag og tirsdag."]


def test_note_with_an_id_already_on_the_board_is_refused_as_a_conflict() -> None:
    state = holm(notes=False)
    act(state, add(FOOTBALL, card_id="note-jonas-1"), "jonas")
    assert refused(state, add(BAKING, card_id="note-jonas-1"), "birthe") == "conflict"
    assert state.cards["note-jonas-1"].text == FOOTBALL


def test_note_beyond_the_meeting_limit_is_refused() -> None:
    state = holm(notes=False)
    for number in range(CARDS_MAX):
        evolve(
            state,
            [
                Upsert(
                    entity=Card(
                        id=f"note-{number}",
                        column="works",
                        text=f"Idé nummer {number}",
                        author=LOUISE,
                        order=f"a{number:04d}",
                        created_at=NOW,
                    )
                )
            ],
        )
    assert refused(state, add("Én note for meget."), LOUISE) == "too_large"
    assert len(state.cards) == CARDS_MAX


# -- editing -----------------------------------------------------------------------------------


def test_author_can_edit_own_note_and_it_is_marked_edited() -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    changes = act(state, edit(card.id, "Om morgenen er jeg alene, når jeg har det svært."), "sara")

    assert len(changes) == 1
    edited = state.cards[card.id]
    assert edited.text == "Om morgenen er jeg alene, når jeg har det svært."
    assert edited.edited_at == NOW
    assert (edited.author, edited.column, edited.order) == (card.author, card.column, card.order)


def test_facilitator_can_edit_anyones_note_and_the_author_stays() -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    act(state, edit(card.id, "Emil elsker fodbold og har ikke misset én træning i år."), LOUISE)
    assert state.cards[card.id].text == "Emil elsker fodbold og har ikke misset én træning i år."
    assert state.cards[card.id].author == "jonas"


@pytest.mark.parametrize("person_id", ONE_OF_EACH_ROLE.values())
def test_participant_cannot_edit_someone_elses_note(person_id: str) -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)  # Jonas wrote it
    assert refused(state, edit(card.id, "Emil kan ikke lide fodbold."), person_id) == "not_allowed"


def test_editing_a_note_to_the_same_text_changes_nothing() -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    assert act(state, edit(card.id, f"  {MORNINGS}  "), "sara") == []
    assert state.cards[card.id].edited_at is None


def test_editing_a_note_that_is_gone_is_refused_as_not_found() -> None:
    state = holm()
    assert refused(state, edit("note-slettet", "Ny tekst"), LOUISE) == "not_found"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (" ", "invalid"),
        ("x" * 501, "too_large"),
        ("Saras CPR: 010392-1234", "cpr_detected"),
        ("Saras CPR: 0103921234", "cpr_detected"),
    ],
    ids=["blank", "501-characters", "cpr-with-dash", "cpr-without-dash"],
)
def test_edit_to_text_that_cannot_be_kept_is_refused_and_the_note_stays(
    text: str, code: str
) -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    assert refused(state, edit(card.id, text), "sara") == code
    assert state.cards[card.id].text == MORNINGS


# -- moving ------------------------------------------------------------------------------------


def test_facilitator_moves_a_note_first_in_another_column() -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    act(state, move(card.id, "next"), LOUISE)
    assert column_texts(state, "next")[0] == MORNINGS
    assert MORNINGS not in column_texts(state, "worries")
    assert state.cards[card.id].author == "sara"


def test_facilitator_moves_a_note_right_after_another() -> None:
    state = holm()
    moved = card_by_text(state, BAKING)
    anchor = card_by_text(state, "Nogen skal hjælpe med morgenerne i de dårlige perioder.")
    act(state, move(moved.id, "next", after=anchor.id), LOUISE)
    texts = column_texts(state, "next")
    assert texts.index(BAKING) == texts.index(anchor.text) + 1


def test_moving_a_note_to_the_end_of_its_own_column() -> None:
    state = holm()
    works = state.column_cards("works")
    act(state, move(works[0].id, "works", after=works[-1].id), LOUISE)
    assert column_texts(state, "works") == [c.text for c in [*works[1:], works[0]]]


def test_a_move_changes_only_the_moved_note() -> None:
    state = holm()
    before = {card.id: card for card in state.cards.values()}
    moved = card_by_text(state, FOOTBALL)
    changes = act(
        state, move(moved.id, "worries", after=state.column_cards("worries")[1].id), LOUISE
    )

    assert [change.entity.id for change in changes if isinstance(change, Upsert)] == [moved.id]
    for card_id, card in before.items():
        if card_id != moved.id:
            assert state.cards[card_id] == card


def test_many_moves_keep_keys_strictly_increasing_and_never_renumber() -> None:
    state = holm()
    cards = state.column_cards("works")
    # Always between the first two: the gap the keys must split keeps getting smaller.
    for _ in range(40):
        first, *_rest, last = state.column_cards("works")
        others = {c.id: c.order for c in state.cards.values() if c.id != last.id}
        act(state, move(last.id, "works", after=first.id), LOUISE)
        assert state.column_cards("works")[1].id == last.id
        assert {c.id: c.order for c in state.cards.values() if c.id != last.id} == others
        keys = [c.order for c in state.column_cards("works")]
        assert all(a < b for a, b in itertools.pairwise(keys))
    assert {c.id for c in state.column_cards("works")} == {c.id for c in cards}


@pytest.mark.parametrize("person_id", ONE_OF_EACH_ROLE.values())
def test_participant_cannot_move_notes_not_even_their_own(person_id: str) -> None:
    state = holm(notes=False)
    own = write(state, person_id, "Emil skal have en ven at lege med efter skole.")
    assert refused(state, move(own.id, "next"), person_id) == "not_allowed"


def test_moving_a_note_that_is_gone_is_refused_as_not_found() -> None:
    state = holm()
    assert refused(state, move("note-slettet", "next"), LOUISE) == "not_found"


def test_moving_a_note_after_itself_is_refused_as_invalid() -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    assert refused(state, move(card.id, "works", after=card.id), LOUISE) == "invalid"


def test_moving_after_a_note_in_another_column_is_refused_as_not_found() -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    elsewhere = card_by_text(state, MORNINGS)  # in worries
    assert refused(state, move(card.id, "next", after=elsewhere.id), LOUISE) == "not_found"


def test_moving_after_an_unknown_note_is_refused_as_not_found() -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    assert refused(state, move(card.id, "next", after="note-ukendt"), LOUISE) == "not_found"


def test_moving_to_a_column_the_template_does_not_have_is_refused() -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    assert refused(state, move(card.id, "agreements"), LOUISE) == "invalid"


# -- deleting ----------------------------------------------------------------------------------


def test_author_can_delete_own_note() -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    assert act(state, delete(card.id), "sara") == [Remove(kind="card", id=card.id)]
    assert card.id not in state.cards


def test_facilitator_can_delete_anyones_note() -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    act(state, delete(card.id), LOUISE)
    assert FOOTBALL not in column_texts(state, "works")


@pytest.mark.parametrize("person_id", ONE_OF_EACH_ROLE.values())
def test_participant_cannot_delete_someone_elses_note(person_id: str) -> None:
    state = holm()
    card = card_by_text(state, FOOTBALL)
    assert refused(state, delete(card.id), person_id) == "not_allowed"
    assert card.id in state.cards


def test_deleting_a_note_that_is_gone_is_refused_as_not_found() -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    act(state, delete(card.id), "sara")
    assert refused(state, delete(card.id), "sara") == "not_found"


def test_deleting_the_last_note_of_someone_sent_away_lets_them_go_too() -> None:
    state = holm()
    jonas_notes = [c for c in state.cards.values() if c.author == "jonas"]
    act(state, RejectParticipant(id=op_id(), participant_id="jonas"), LOUISE)

    act(state, delete(jonas_notes[0].id), LOUISE)
    assert state.participants["jonas"].removed  # one note left, so he is kept for it
    changes = act(state, delete(jonas_notes[1].id), LOUISE)

    assert Remove(kind="participant", id="jonas") in changes
    assert "jonas" not in state.participants


def test_deleting_a_note_of_someone_still_here_keeps_them() -> None:
    state = holm()
    card = card_by_text(state, MORNINGS)
    other_sara_notes = [c for c in state.cards.values() if c.author == "sara" and c.id != card.id]
    for other in other_sara_notes:
        act(state, delete(other.id), "sara")
    act(state, delete(card.id), "sara")
    assert isinstance(state.participants["sara"], Participant)
    assert state.participants["sara"].admitted


def test_a_late_joiner_can_add_once_admitted() -> None:
    state = new_meeting()
    join(state, "anders")
    act(state, add("Jeg kan tale med Emil på skolen hver anden uge."), "anders")
    assert state.cards["note-ny"].author == "anders"
