"""A follow-up meeting's drawing through the pure domain: the Holm family's genogram and network
map copied from the first meeting under new ids, tied to nobody, held to the tree's rules, and
created with the meeting in its first op."""

import itertools
from collections.abc import Callable

import pytest
from msgspec.structs import replace

from server.domain import State, apply_system, evolve
from server.domain.followup import CopyRefused, copy_drawing
from server.domain.genogram import PERSONS_MAX
from server.render import referat
from shared_schema import (
    Carried,
    CarriedDrawing,
    CreateMeeting,
    DrawingCopy,
    JoinGenogram,
    Meeting,
    Person,
    Relation,
    Upsert,
)
from tests.fixtures import (
    LOUISE,
    NOW,
    act,
    creating,
    encoded,
    join,
    new_meeting,
    op_id,
    refused_system,
)
from tests.unit.test_genogram import holm_genogram, intent

FIRST_MEETING = "forste-moede"
HELD_AT = NOW - 42 * 86400
"""Six weeks before the follow-up."""


def ids(prefix: str = "ny") -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"{prefix}-{next(numbers):04d}"


def first_meeting() -> State:
    """The Holm drawing as the first meeting left it: Birthe added herself from her phone, the
    facilitator nudged Jonas and put him and the school teacher on the network map."""
    state = holm_genogram()
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor"), "birthe")
    act(state, intent("person.nudge", person_id="jonas", dx=40, dy=-12), LOUISE)
    act(
        state,
        intent("person.place", person_id="jonas", ring=1, sector="friends", angle=0.3),
        LOUISE,
    )
    act(
        state,
        intent(
            "person.add", person_id="mette", name="Mette", in_genogram=False, can_help="Lektier"
        ),
        LOUISE,
    )
    act(state, intent("person.place", person_id="mette", ring=2, sector="school"), LOUISE)
    return state


def carried() -> DrawingCopy:
    made = copy_drawing(first_meeting(), FIRST_MEETING, HELD_AT, ids())
    assert made is not None
    return made


def following(copy: DrawingCopy) -> CreateMeeting:
    """The first op of Louise's follow-up meeting, carrying `copy`."""
    return creating("loeft", carried=Carried(drawing=copy))


def follow_up(copy: DrawingCopy | None = None) -> State:
    state = State()
    evolve(state, apply_system(state, following(copy or carried()), NOW))
    return state


def refused_copy(copy: DrawingCopy) -> tuple[str, str]:
    """The code and the id a follow-up carrying `copy` is refused with, the refusal of the
    copy (so the meeting opens without it); fails when it is created."""
    state = State()
    with pytest.raises(CopyRefused) as refusal:
        apply_system(state, following(copy), NOW)
    assert encoded(state) == encoded(State())
    return refusal.value.code, refusal.value.say


def without_id(person: Person) -> Person:
    return replace(person, id="", participant=None)


# -- the copy ----------------------------------------------------------------------------------


def test_the_copy_has_the_same_persons_places_and_nudges_under_new_ids() -> None:
    earlier = first_meeting()
    copy = carried()
    assert not {p.id for p in copy.persons} & set(earlier.persons)
    assert not {r.id for r in copy.relations} & set(earlier.relations)
    assert len({p.id for p in copy.persons} | {r.id for r in copy.relations}) == (
        len(copy.persons) + len(copy.relations)
    )
    assert [without_id(p) for p in copy.persons] == [
        without_id(p) for p in earlier.persons.values()
    ]
    jonas = next(p for p in copy.persons if p.name == "Jonas")
    assert (jonas.dx, jonas.dy, jonas.ring, jonas.sector, jonas.angle) == (
        40,
        -12,
        1,
        "friends",
        0.3,
    )
    mette = next(p for p in copy.persons if p.name == "Mette")
    assert (mette.in_genogram, mette.ring, mette.sector, mette.can_help) == (
        False,
        2,
        "school",
        "Lektier",
    )
    assert (copy.from_meeting, copy.held_at) == (FIRST_MEETING, HELD_AT)


def test_every_copied_line_joins_the_copied_persons_it_joined_before() -> None:
    earlier = first_meeting()
    copy = carried()
    names = {p.id: p.name for p in copy.persons}

    def named(relations: list[Relation], names: dict[str, str]) -> set[tuple[str, str, str]]:
        return {(names[r.a], names[r.b], r.kind) for r in relations}

    assert named(copy.relations, names) == named(
        list(earlier.relations.values()), {p.id: p.name for p in earlier.persons.values()}
    )
    assert len(copy.relations) == len(earlier.relations)


def test_nobody_in_the_copy_is_tied_to_a_participant_of_the_earlier_meeting() -> None:
    earlier = first_meeting()
    assert any(p.participant == "birthe" for p in earlier.persons.values())
    assert all(p.participant is None for p in carried().persons)


def test_a_meeting_without_a_drawing_gives_nothing_to_copy() -> None:
    assert copy_drawing(new_meeting(), FIRST_MEETING, HELD_AT, ids()) is None


def test_the_copy_leaves_the_earlier_meeting_as_it_was() -> None:
    earlier = first_meeting()
    before = encoded(earlier)
    copy_drawing(earlier, FIRST_MEETING, HELD_AT, ids())
    assert encoded(earlier) == before


# -- the follow-up meeting ---------------------------------------------------------------------


def test_the_follow_up_starts_with_the_drawing_and_says_where_it_came_from() -> None:
    copy = carried()
    state = follow_up(copy)
    assert state.meeting is not None and state.meeting.id == "holm-emil-9"
    assert [state.persons[p.id] for p in copy.persons] == copy.persons
    assert list(state.relations.values()) == copy.relations
    origin = state.carried_drawing
    assert origin is not None
    assert (origin.id, origin.from_meeting, origin.held_at) == (
        "holm-emil-9",
        FIRST_MEETING,
        HELD_AT,
    )
    assert (origin.persons, origin.relations) == (len(copy.persons), len(copy.relations))


def test_the_meeting_and_its_drawing_are_one_first_op_that_replays_to_the_same_state() -> None:
    state = State()
    changes = apply_system(state, following(carried()), NOW)
    assert isinstance(changes[0], Upsert) and isinstance(changes[0].entity, Meeting)
    assert isinstance(changes[-1], Upsert) and isinstance(changes[-1].entity, CarriedDrawing)
    evolve(state, changes)
    replayed = State()
    evolve(replayed, changes)
    assert encoded(replayed) == encoded(state)


def test_the_family_edits_the_carried_drawing() -> None:
    state = follow_up()
    join(state, "birthe")
    join(state, "jonas")
    thomas = next(p for p in state.persons.values() if p.name == "Thomas")
    act(
        state,
        intent("person.edit", person_id=thomas.id, name="Thomas", sex="male", born=1989),
        LOUISE,
    )
    assert state.persons[thomas.id].born == 1989
    # Birthe says she is the grandmother again: her drawing becomes hers, not drawn twice.
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe-2", kinship="mormor"), "birthe")
    birthes = [p for p in state.persons.values() if p.name == "Birthe"]
    assert len(birthes) == 1 and birthes[0].participant == "birthe"
    assert "g-birthe-2" not in state.persons


def test_an_uncle_an_aunt_and_a_neighbour_find_themselves_in_the_carried_drawing() -> None:
    earlier = first_meeting()
    act(
        earlier,
        intent("person.add", person_id="hanne", name="Hanne", sex="female", in_genogram=False),
        LOUISE,
    )
    copy = copy_drawing(earlier, FIRST_MEETING, HELD_AT, ids())
    assert copy is not None
    state = follow_up(copy)
    for person_id, kinship, sex in [
        ("jonas", "morbror", None),
        ("maria", "faster", None),
        ("hanne", "anden", "female"),
    ]:
        join(state, person_id)
        act(
            state,
            JoinGenogram(id=op_id(), person_id=f"g-{person_id}", kinship=kinship, sex=sex),
            person_id,
        )
    assert len(state.persons) == len(copy.persons)
    assert len(state.relations) == len(copy.relations)
    tied = {p.name: p.participant for p in state.persons.values() if p.participant}
    assert tied == {"Jonas": "jonas", "Maria": "maria", "Hanne": "hanne"}
    assert not next(p for p in state.persons.values() if p.name == "Hanne").in_genogram


def test_a_namesake_of_the_child_does_not_take_the_childs_place() -> None:
    state = new_meeting("loeft")
    act(state, intent("person.add", person_id="emil", name="Emil", sex="male", focus=True), LOUISE)
    join(state, "jonas")
    # A friend of the family who happens to share the child's name.
    evolve(state, [Upsert(entity=replace(state.participants["jonas"], name="Emil"))])
    act(state, JoinGenogram(id=op_id(), person_id="g-emil", kinship="anden", sex="male"), "jonas")
    assert state.persons["emil"].participant is None
    assert state.persons["g-emil"].participant == "jonas"


def test_a_drawing_is_carried_into_a_meeting_only_once() -> None:
    state = follow_up()
    assert refused_system(state, following(carried())) == "conflict"


def test_a_meeting_that_has_a_drawing_already_gets_no_copy() -> None:
    state = new_meeting("loeft")
    act(state, intent("person.add", person_id="emil", name="Emil", focus=True), LOUISE)
    assert refused_system(state, following(carried())) == "conflict"
    assert list(state.persons) == ["emil"] and state.carried_drawing is None


def test_a_closed_meeting_gets_no_copy() -> None:
    state = new_meeting("loeft")
    act(state, intent("meeting.close"), LOUISE)
    assert refused_system(state, following(carried())) == "conflict"
    assert not state.persons and state.carried_drawing is None


def test_a_copy_tied_to_a_participant_is_refused_even_one_in_the_meeting() -> None:
    copy = carried()
    for participant in ["birthe", LOUISE]:  # of the earlier meeting; the new one's facilitator
        tied = replace(
            copy, persons=[replace(copy.persons[0], participant=participant), *copy.persons[1:]]
        )
        assert refused_copy(tied) == ("invalid", "carry.tied")


@pytest.mark.parametrize(
    ("broken", "code", "say"),
    [
        (lambda c: replace(c, persons=[]), "invalid", "carry.no_persons"),
        (
            lambda c: replace(
                c, relations=[*c.relations, replace(c.relations[0], id="ny-extra", b="nobody")]
            ),
            "invalid",
            "carry.same_person",
        ),
        (
            lambda c: replace(
                c,
                relations=[
                    *c.relations,
                    replace(c.relations[0], id="ny-extra", b=c.relations[0].a),
                ],
            ),
            "invalid",
            "carry.same_person",
        ),
        (lambda c: replace(c, persons=[*c.persons, c.persons[0]]), "conflict", "person.exists"),
        (
            lambda c: replace(c, relations=[*c.relations, c.relations[0]]),
            "conflict",
            "relation.exists",
        ),
        (
            lambda c: replace(
                c,
                persons=[
                    *c.persons,
                    *(Person(id=f"x{n}", name=f"Person {n}") for n in range(PERSONS_MAX)),
                ],
            ),
            "too_large",
            "carry.too_large",
        ),
        (lambda c: replace(c, persons=[replace(c.persons[0], name="  ")]), "invalid", "text.empty"),
        (
            lambda c: replace(c, persons=[replace(c.persons[0], note="010190-1234")]),
            "cpr_detected",
            "cpr_detected",
        ),
        (
            lambda c: replace(c, persons=[replace(c.persons[0], ring=2)]),
            "invalid",
            "carry.ring_and_sector",
        ),
        (
            lambda c: replace(
                c,
                persons=[replace(p, ring=1, sector="family") if p.focus else p for p in c.persons],
            ),
            "invalid",
            "carry.ring_and_sector",
        ),
    ],
    ids=[
        "empty",
        "line-to-nobody",
        "line-to-self",
        "person-twice",
        "line-twice",
        "too-many-persons",
        "no-name",
        "cpr-in-note",
        "ring-without-sector",
        "child-on-a-ring",
    ],
)
def test_a_malformed_copy_is_refused_and_changes_nothing(
    broken: Callable[[DrawingCopy], DrawingCopy], code: str, say: str
) -> None:
    assert refused_copy(broken(carried())) == (code, say)


def test_a_copy_that_breaks_a_rule_of_the_tree_is_refused() -> None:
    copy = carried()
    by_name = {p.name: p.id for p in copy.persons}
    third = Relation(id="third-parent", kind="biological", a=by_name["Line"], b=by_name["Emil"])
    assert refused_copy(replace(copy, relations=[*copy.relations, third])) == (
        "too_many_parents",
        "genogram.too_many_parents",
    )


# -- the record --------------------------------------------------------------------------------


def test_the_referat_says_the_drawing_was_brought_over_and_from_when() -> None:
    state = follow_up()
    # HELD_AT is Monday 6 October 2025, six weeks before the Holm follow-up.
    text = referat.plain_text(referat.build(state))
    assert "GENOGRAM\nHentet fra mødet mandag den 6. oktober 2025.\n- Emil" in text
    assert text.count("Hentet fra mødet") == 1
    html = referat.page(referat.build(state))
    assert (
        '<h2 id="r-genogram">Genogram</h2>\n<p class="muted" data-testid="referat-carried">'
        "Hentet fra mødet mandag den 6. oktober 2025.</p>" in html
    )


def test_a_map_without_a_genogram_carries_the_note_under_its_own_heading() -> None:
    earlier = new_meeting()
    act(
        earlier,
        intent("person.add", person_id="mette", name="Mette", in_genogram=False),
        LOUISE,
    )
    act(earlier, intent("person.place", person_id="mette", ring=2, sector="school"), LOUISE)
    state = follow_up(copy_drawing(earlier, FIRST_MEETING, HELD_AT, ids()))
    text = referat.plain_text(referat.build(state))
    assert "NETVÆRKSKORT\nHentet fra mødet mandag den 6. oktober 2025.\nSkole og fritid:" in text


def test_a_meeting_that_drew_its_own_has_no_such_note() -> None:
    state = first_meeting()
    assert "Hentet fra mødet" not in referat.plain_text(referat.build(state))
