"""The genogram and network map through the pure domain: the Holm family from the scenario, a
foster placement and twins; the three rules of a family tree, each refused with its own code."""

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from server.domain import Rejected, State, apply
from server.domain.genogram import PERSONS_MAX, check_tree
from server.domain.kinship import child_name
from server.render import referat
from shared_schema import (
    AddPerson,
    AddRelation,
    AskScale,
    DeletePerson,
    DeleteRelation,
    EditPerson,
    EditRelation,
    Intent,
    JoinGenogram,
    NudgePerson,
    Person,
    PlacePerson,
    RejectParticipant,
    Relation,
    ShowOnScreen,
)
from tests.fixtures import LOUISE, NOW, act, holm, op_id, refused

HOLM: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "integration" / "holm.json").read_text("utf-8")
)
SECTORS = {
    "familie": "family",
    "venner og naboer": "friends",
    "skole og fritid": "school",
    "fagpersoner": "professionals",
}


def intent(tag: str, **fields: Any) -> Intent:
    """An intent decoded as the server decodes one from a socket."""
    return msgspec.convert({"type": tag, "id": op_id(), **fields}, Intent)  # type: ignore[arg-type]


def add(state: State, person_id: str, name: str, **fields: Any) -> Person:
    act(state, intent("person.add", person_id=person_id, name=name, **fields), LOUISE)
    return state.persons[person_id]


def line(state: State, kind: str, a: str, b: str, relation_id: str | None = None) -> Relation:
    relation_id = relation_id or f"{a}-{kind}-{b}"
    act(
        state, intent("relation.add", relation_id=relation_id, relation_kind=kind, a=a, b=b), LOUISE
    )
    return state.relations[relation_id]


def holm_genogram() -> State:
    """The Holm family as the scenario draws it: Sara and Thomas divorced, Thomas living with
    Line and their daughter Alma (Emil's half-sister), Poul (mormor's husband) deceased."""
    state = holm(notes=False)
    for person in HOLM["genogram"]["persons"]:
        died = person.get("died")
        add(
            state,
            person["id"],
            person["name"],
            sex=person["sex"],
            born=person["born"],
            focus=person.get("focus", False),
            household=person.get("household", ""),
            deceased=died is not None,
            died=died,
        )
    for number, relation in enumerate(HOLM["genogram"]["relations"]):
        a = relation.get("a", relation.get("parent"))
        b = relation.get("b", relation.get("child"))
        line(state, relation["kind"], a, b, f"r{number}")
    return state


def foster_family() -> State:
    """Noah (6) lives with foster parents Karen and Ole; his mother Julie still sees him."""
    state = holm(notes=False)
    add(state, "noah", "Noah", sex="male", born=2019, focus=True, household="pleje")
    add(state, "julie", "Julie", sex="female", born=1998)
    add(state, "karen", "Karen", sex="female", born=1975, household="pleje")
    add(state, "ole", "Ole", sex="male", born=1972, household="pleje")
    line(state, "biological", "julie", "noah")
    line(state, "married", "karen", "ole")
    line(state, "foster", "karen", "noah")
    line(state, "foster", "ole", "noah")
    return state


def twins() -> State:
    """Ida and Ella, twins born 2015, to Anne and Mads who live together."""
    state = holm(notes=False)
    add(state, "ida", "Ida", sex="female", born=2015, focus=True)
    add(state, "ella", "Ella", sex="female", born=2015)
    add(state, "anne", "Anne", sex="female", born=1988)
    add(state, "mads", "Mads", sex="male", born=1986)
    line(state, "cohabiting", "anne", "mads")
    for child in ("ida", "ella"):
        for parent in ("anne", "mads"):
            line(state, "biological", parent, child)
    return state


# -- realistic families are accepted -----------------------------------------------------------


def test_the_holm_family_with_a_divorce_a_new_partner_and_a_half_sister_is_accepted() -> None:
    state = holm_genogram()
    assert len(state.persons) == len(HOLM["genogram"]["persons"])
    assert len(state.relations) == len(HOLM["genogram"]["relations"])
    kinds = {(r.a, r.b, r.kind) for r in state.relations.values()}
    assert {("sara", "thomas", "divorced"), ("sara", "thomas", "conflict")} <= kinds
    assert {("thomas", "line", "cohabiting"), ("thomas", "alma", "biological")} <= kinds
    assert state.persons["poul"].deceased and state.persons["poul"].died == 2019
    assert state.persons["emil"].focus


def test_a_foster_placement_lets_a_child_have_a_birth_mother_and_two_foster_parents() -> None:
    state = foster_family()
    parents = sorted((r.a, r.kind) for r in state.relations.values() if r.b == "noah")
    assert parents == [("julie", "biological"), ("karen", "foster"), ("ole", "foster")]


def test_twins_share_both_parents_and_a_birth_year() -> None:
    state = twins()
    for child in ("ida", "ella"):
        assert sorted(r.a for r in state.relations.values() if r.b == child) == ["anne", "mads"]


def test_a_marriage_becomes_a_divorce_by_editing_the_line() -> None:
    state = twins()
    couple = next(r for r in state.relations.values() if r.kind == "cohabiting")
    act(state, EditRelation(id=op_id(), relation_id=couple.id, relation_kind="separated"), LOUISE)
    assert state.relations[couple.id].kind == "separated"
    assert (
        refused(
            state, EditRelation(id=op_id(), relation_id=couple.id, relation_kind="foster"), LOUISE
        )
        == "invalid"
    )


# -- the three rules ---------------------------------------------------------------------------


def test_no_one_can_be_their_own_ancestor() -> None:
    state = holm_genogram()
    # Without birth years only the loop rule can stop Emil becoming Birthe's father.
    for person_id in ("emil", "birthe"):
        person = state.persons[person_id]
        act(
            state,
            EditPerson(
                id=op_id(),
                person_id=person_id,
                name=person.name,
                sex=person.sex,
                focus=person.focus,
                household=person.household,
            ),
            LOUISE,
        )
    attempt = AddRelation(
        id=op_id(), relation_id="loop", relation_kind="biological", a="emil", b="birthe"
    )
    assert refused(state, attempt, LOUISE) == "ancestry_loop"


def test_the_loop_message_is_danish_and_names_the_person() -> None:
    a = Person(id="a", name="Birthe")
    b = Person(id="b", name="Sara")
    with pytest.raises(Rejected) as refusal:
        check_tree(
            {"a": a, "b": b},
            [
                Relation(id="1", kind="biological", a="a", b="b"),
                Relation(id="2", kind="adopted", a="b", b="a"),
            ],
        )
    assert refusal.value.code == "ancestry_loop"
    assert refusal.value.say == "genogram.ancestry_loop"
    assert refusal.value.params["person"] in {"Birthe", "Sara"}


def test_a_child_has_at_most_two_biological_parents() -> None:
    state = holm_genogram()
    # Line is Alma's mother, not Emil's: a third biological parent is refused...
    third = AddRelation(
        id=op_id(), relation_id="third", relation_kind="biological", a="line", b="emil"
    )
    assert refused(state, third, LOUISE) == "too_many_parents"
    # ...but she may be his foster or adoptive parent.
    act(
        state,
        AddRelation(id=op_id(), relation_id="bonus", relation_kind="foster", a="line", b="emil"),
        LOUISE,
    )
    assert state.relations["bonus"].kind == "foster"


def test_a_parent_is_born_before_the_child() -> None:
    state = holm_genogram()
    too_young = EditPerson(
        id=op_id(), person_id="sara", name="Sara", sex="female", born=2018, household="sara"
    )
    assert refused(state, too_young, LOUISE) == "born_after_child"
    add(state, "kim", "Kim", born=2017)
    same_year = AddRelation(
        id=op_id(), relation_id="kim", relation_kind="adopted", a="kim", b="emil"
    )
    assert refused(state, same_year, LOUISE) == "born_after_child"


@pytest.mark.parametrize(
    ("code", "kind", "a", "b", "names"),
    [
        ("too_many_parents", "biological", "line", "emil", {"child": "Emil"}),
        ("born_after_child", "adopted", "alma", "jonas", {"parent": "Alma", "child": "Jonas"}),
    ],
)
def test_each_rule_refuses_with_a_message_naming_the_people(
    code: str, kind: str, a: str, b: str, names: dict[str, str]
) -> None:
    state = holm_genogram()
    attempt = intent("relation.add", relation_id="x", relation_kind=kind, a=a, b=b)
    with pytest.raises(Rejected) as refusal:
        apply(state, attempt, LOUISE, 0)
    assert refusal.value.code == code
    assert refusal.value.say == f"genogram.{code}"
    assert names.items() <= refusal.value.params.items()


# -- malformed, duplicate and unknown ----------------------------------------------------------


def test_a_line_needs_two_different_people_who_exist() -> None:
    state = twins()
    self_line = AddRelation(id=op_id(), relation_id="x", relation_kind="close", a="ida", b="ida")
    assert refused(state, self_line, LOUISE) == "invalid"
    unknown = AddRelation(id=op_id(), relation_id="x", relation_kind="close", a="ida", b="ukendt")
    assert refused(state, unknown, LOUISE) == "not_found"


def test_two_people_share_one_line_of_each_kind() -> None:
    state = twins()
    again = AddRelation(id=op_id(), relation_id="x", relation_kind="married", a="mads", b="anne")
    assert refused(state, again, LOUISE) == "conflict"
    act(
        state,
        AddRelation(id=op_id(), relation_id="x", relation_kind="close", a="mads", b="anne"),
        LOUISE,
    )
    duplicate_id = AddRelation(
        id=op_id(), relation_id="x", relation_kind="conflict", a="ida", b="ella"
    )
    assert refused(state, duplicate_id, LOUISE) == "conflict"


def test_a_person_id_is_used_once() -> None:
    state = twins()
    assert refused(state, AddPerson(id=op_id(), person_id="ida", name="Ida"), LOUISE) == "conflict"


def test_malformed_person_details_are_refused() -> None:
    state = twins()
    with pytest.raises(msgspec.ValidationError):
        intent("person.add", person_id="p", name="Per", born=1700)
    with pytest.raises(msgspec.ValidationError):
        intent("person.add", person_id="p", name="Per", sex="robot")
    assert refused(state, AddPerson(id=op_id(), person_id="p", name="  "), LOUISE) == "invalid"
    long_name = AddPerson(id=op_id(), person_id="p", name="P" * 41)
    assert refused(state, long_name, LOUISE) == "too_large"
    cpr = AddPerson(id=op_id(), person_id="p", name="Per", note="CPR 010203-1234")
    assert refused(state, cpr, LOUISE) == "cpr_detected"
    dead_first = AddPerson(
        id=op_id(), person_id="p", name="Per", born=1950, deceased=True, died=1940
    )
    assert refused(state, dead_first, LOUISE) == "invalid"


def test_the_genogram_has_a_limit_of_persons() -> None:
    state = holm(notes=False)
    for number in range(PERSONS_MAX):
        add(state, f"p{number}", f"P{number}")
    assert refused(state, AddPerson(id=op_id(), person_id="one-more", name="Ib"), LOUISE) == (
        "too_large"
    )


def test_deleting_a_person_removes_their_lines() -> None:
    state = holm_genogram()
    act(state, DeletePerson(id=op_id(), person_id="thomas"), LOUISE)
    assert "thomas" not in state.persons
    assert all("thomas" not in (r.a, r.b) for r in state.relations.values())
    assert refused(state, DeleteRelation(id=op_id(), relation_id="r0"), LOUISE) == "not_found"


def test_participants_may_not_draw_or_delete() -> None:
    state = holm_genogram()
    assert refused(state, AddPerson(id=op_id(), person_id="x", name="X"), "sara") == "not_allowed"
    assert refused(state, DeletePerson(id=op_id(), person_id="emil"), "sara") == "not_allowed"
    assert refused(state, NudgePerson(id=op_id(), person_id="emil", dx=5, dy=0), "jonas") == (
        "not_allowed"
    )
    edit_other = EditPerson(id=op_id(), person_id="emil", name="E")
    assert refused(state, edit_other, "sara") == "not_allowed"


# -- from the phone: "Jeg er barnets …" ---------------------------------------------------------


def emil_only() -> State:
    state = holm(notes=False)
    add(state, "emil", "Emil", sex="male", born=2017, focus=True)
    return state


def test_a_grandmother_adds_herself_and_a_placeholder_mother_links_her() -> None:
    state = emil_only()
    act(
        state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor", born=1964), "birthe"
    )
    birthe = state.persons["g-birthe"]
    assert (birthe.name, birthe.sex, birthe.participant) == ("Birthe", "female", "birthe")
    mother = next(p for p in state.persons.values() if p.name == "Mor")
    assert mother.sex == "female"
    lines = {(r.a, r.b, r.kind) for r in state.relations.values()}
    assert lines == {(mother.id, "emil", "biological"), ("g-birthe", mother.id, "biological")}


def test_an_uncle_on_the_mothers_side_becomes_the_grandmothers_son() -> None:
    state = emil_only()
    add(state, "sara", "Sara", sex="female", born=1992)
    line(state, "biological", "sara", "emil")
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor"), "birthe")
    act(state, JoinGenogram(id=op_id(), person_id="g-jonas", kinship="morbror", born=1996), "jonas")
    lines = {(r.a, r.b) for r in state.relations.values()}
    assert ("g-birthe", "sara") in lines and ("g-birthe", "g-jonas") in lines
    assert len(state.persons) == 4


def test_a_participant_adds_themselves_once() -> None:
    state = emil_only()
    act(state, JoinGenogram(id=op_id(), person_id="g-sara", kinship="mor"), "sara")
    again = JoinGenogram(id=op_id(), person_id="g-sara-2", kinship="mor")
    assert refused(state, again, "sara") == "conflict"


def test_joining_before_the_child_is_drawn_draws_the_child_from_the_meetings_title() -> None:
    state = holm(notes=False)
    assert state.meeting is not None and state.meeting.title.startswith("Emil")
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor"), "birthe")
    child = next(person for person in state.persons.values() if person.focus)
    assert child.name == "Emil"
    # Birthe is the mother's mother: the mother is a placeholder between them.
    mother = next(p for p in state.persons.values() if p.name == "Mor")
    lines = {(r.a, r.b) for r in state.relations.values()}
    assert (mother.id, child.id) in lines and ("g-birthe", mother.id) in lines
    # The next phone finds the same child.
    act(state, JoinGenogram(id=op_id(), person_id="g-sara", kinship="mor"), "sara")
    assert [p.name for p in state.persons.values() if p.focus] == ["Emil"]
    assert state.persons[mother.id].participant == "sara"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Emil, 9 år", "Emil"),
        ("Emil, 9 år – opfølgning", "Emil"),
        ("Ida Marie (opfølgning)", "Ida Marie"),
        ("Netværksmøde 12. marts", "Barnet"),
        ("", "Barnet"),
    ],
)
def test_the_childs_name_is_read_from_the_title_or_left_for_the_facilitator(
    title: str, name: str
) -> None:
    assert child_name(title) == name


def test_a_grandmother_younger_than_the_mother_is_refused_from_the_phone() -> None:
    state = emil_only()
    add(state, "sara", "Sara", sex="female", born=1992)
    line(state, "biological", "sara", "emil")
    young = JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor", born=1995)
    assert refused(state, young, "birthe") == "born_after_child"


def test_a_third_parent_from_the_phone_is_refused() -> None:
    state = holm_genogram()
    attempt = JoinGenogram(id=op_id(), person_id="g-hanne", kinship="mor")
    assert refused(state, attempt, "hanne") == "too_many_parents"


def test_a_participant_edits_the_person_they_added_but_not_the_focus() -> None:
    state = emil_only()
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor"), "birthe")
    mine = EditPerson(
        id=op_id(),
        person_id="g-birthe",
        name="Birthe",
        sex="female",
        born=1964,
        focus=True,
        can_help="Morgener mandag og tirsdag",
    )
    act(state, mine, "birthe")
    birthe = state.persons["g-birthe"]
    assert (birthe.born, birthe.focus, birthe.can_help) == (
        1964,
        False,
        "Morgener mandag og tirsdag",
    )


def test_someone_sent_away_stays_in_the_genogram_untied() -> None:
    state = emil_only()
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor"), "birthe")
    act(state, RejectParticipant(id=op_id(), participant_id="birthe"), LOUISE)
    assert state.persons["g-birthe"].participant is None


# -- nudging, the network map and the screen ---------------------------------------------------


def test_a_nudge_is_kept_on_the_person() -> None:
    state = holm_genogram()
    act(state, NudgePerson(id=op_id(), person_id="maria", dx=40, dy=-12.5), LOUISE)
    assert (state.persons["maria"].dx, state.persons["maria"].dy) == (40, -12.5)
    assert act(state, NudgePerson(id=op_id(), person_id="maria", dx=40, dy=-12.5), LOUISE) == []
    with pytest.raises(msgspec.ValidationError):
        intent("person.nudge", person_id="maria", dx=10_000, dy=0)


def test_the_network_map_places_people_on_rings_and_sectors() -> None:
    state = holm_genogram()
    for placed in HOLM["network_map"]:
        person_id = placed.get("person")
        if person_id is None:
            person_id = placed["name"].lower()
            add(
                state,
                person_id,
                placed["name"],
                in_genogram=False,
                can_help=placed.get("can_help", ""),
            )
        act(
            state,
            PlacePerson(
                id=op_id(),
                person_id=person_id,
                ring=placed["ring"],
                sector=SECTORS[placed["sector"]],
            ),
            LOUISE,
        )
    assert state.persons["birthe"].ring == 1 and state.persons["birthe"].sector == "family"
    assert state.persons["hanne"].can_help == "Kan låse Emil ind efter skole"
    assert not state.persons["hanne"].in_genogram
    act(state, PlacePerson(id=op_id(), person_id="hanne", ring=None), LOUISE)
    assert state.persons["hanne"].ring is None and state.persons["hanne"].sector is None


def test_the_child_stays_in_the_centre_and_a_ring_needs_a_sector() -> None:
    state = holm_genogram()
    centre = PlacePerson(id=op_id(), person_id="emil", ring=1, sector="family")
    assert refused(state, centre, LOUISE) == "invalid"
    no_sector = PlacePerson(id=op_id(), person_id="birthe", ring=2)
    assert refused(state, no_sector, LOUISE) == "invalid"
    with pytest.raises(msgspec.ValidationError):
        intent("person.place", person_id="birthe", ring=5, sector="family")


def test_the_facilitator_puts_the_genogram_on_the_screen() -> None:
    state = holm_genogram()
    act(state, ShowOnScreen(id=op_id(), shows="genogram"), LOUISE)
    assert state.screen_view is not None and state.screen_view.shows == "genogram"
    assert state.screen_view.at == NOW
    # Choosing the same again is a change: it puts the genogram back in front of a scale.
    assert act(state, ShowOnScreen(id=op_id(), shows="genogram"), LOUISE) != []
    assert refused(state, ShowOnScreen(id=op_id(), shows="network"), "sara") == "not_allowed"


def test_the_screen_shows_the_agreements_the_safety_plan_or_the_scale_when_there_is_one() -> None:
    state = holm_genogram()
    act(state, ShowOnScreen(id=op_id(), shows="agreements"), LOUISE)
    assert state.screen_view is not None and state.screen_view.shows == "agreements"
    # No question has been asked: there is no scale to show, and the screen stays as it was.
    assert refused(state, ShowOnScreen(id=op_id(), shows="scale"), LOUISE) == "not_found"
    assert state.screen_view.shows == "agreements"
    act(state, AskScale(id=op_id(), scale_id="s-safety", preset="safety"), LOUISE)
    act(state, ShowOnScreen(id=op_id(), shows="scale"), LOUISE)
    assert state.screen_view.shows == "scale"
    act(state, ShowOnScreen(id=op_id(), shows="safety"), LOUISE)
    assert state.screen_view.shows == "safety"
    with pytest.raises(msgspec.ValidationError):
        intent("screen.show", shows="speaker")


# -- the referat -------------------------------------------------------------------------------


def holm_with_map() -> State:
    state = holm_genogram()
    for placed in HOLM["network_map"]:
        person_id = placed.get("person") or placed["name"].lower()
        if person_id not in state.persons:
            add(state, person_id, placed["name"], in_genogram=False)
        act(
            state,
            EditPerson(
                id=op_id(),
                person_id=person_id,
                **{
                    field: getattr(state.persons[person_id], field)
                    for field in ("name", "sex", "born", "deceased", "died", "focus")
                },
                household=state.persons[person_id].household,
                in_genogram=state.persons[person_id].in_genogram,
                can_help=placed.get("can_help", ""),
            ),
            LOUISE,
        )
        sector = SECTORS[placed["sector"]]
        place = PlacePerson(id=op_id(), person_id=person_id, ring=placed["ring"], sector=sector)
        act(state, place, LOUISE)
    return state


def test_the_referat_lists_the_genogram_and_the_network_map() -> None:
    text = referat.plain_text(referat.build(holm_with_map()))
    genogram = text.index("GENOGRAM")
    assert text.index("HVAD SKAL DER SKE?") < genogram < text.index("AFTALER")
    assert "- Emil (mand, f. 2017) – barnet i fokus; husstand: sara" in text
    assert "- Poul (mand, 1960–2019, død)" in text
    assert "- Sara og Thomas: skilt" in text
    assert "- Thomas er biologisk forælder til Alma" in text
    assert "- Emil og Jonas: tæt forhold" in text
    network = text[text.index("NETVÆRKSKORT") :]
    assert "Familie:\n- Birthe (ring 1, tættest på) – kan hjælpe med: Morgener mandag og" in network
    assert "Venner og naboer:\n- Hanne (ring 2, tæt på) – kan hjælpe med: Kan låse Emil" in network
    assert "Fagpersoner:\n- Katrine (ring 2, tæt på)\n- Anders (ring 3, længere væk)" in network
    # Hanne, the neighbour, is on the map but not in the family tree.
    assert "- Hanne" not in text[genogram : text.index("NETVÆRKSKORT")]


def test_the_referat_page_escapes_what_people_wrote_in_the_drawings() -> None:
    state = holm_genogram()
    add(state, "kim", "<b>Kim</b>", note="Bor hos <mormor>")
    html = referat.page(referat.build(state))
    assert 'data-testid="referat-genogram"' in html
    assert "&lt;b&gt;Kim&lt;/b&gt;" in html and "<b>Kim</b>" not in html
    assert 'data-testid="referat-network"' not in html


def test_a_meeting_without_drawings_has_no_such_sections() -> None:
    text = referat.plain_text(referat.build(holm(notes=False)))
    assert "GENOGRAM" not in text and "NETVÆRKSKORT" not in text


def test_what_a_phone_sends_about_itself_is_checked_like_any_text() -> None:
    state = emil_only()
    long_help = JoinGenogram(id=op_id(), person_id="g-b", kinship="mormor", can_help="x" * 201)
    assert refused(state, long_help, "birthe") == "too_large"
    cpr = JoinGenogram(id=op_id(), person_id="g-b", kinship="mormor", can_help="150864-1234")
    assert refused(state, cpr, "birthe") == "cpr_detected"
    with pytest.raises(msgspec.ValidationError):
        intent("genogram.join", person_id="g-b", kinship="grandmother")
    taken = JoinGenogram(id=op_id(), person_id="emil", kinship="mormor")
    assert refused(state, taken, "birthe") == "conflict"
    assert refused(state, JoinGenogram(id=op_id(), person_id="g-l", kinship="mor"), LOUISE) == (
        "not_allowed"
    )


def test_a_sibling_from_the_phone_shares_the_childs_parents() -> None:
    state = holm_genogram()
    alma = JoinGenogram(id=op_id(), person_id="g-sis", kinship="soester", born=2020)
    act(state, alma, "maria")
    assert sorted(r.a for r in state.relations.values() if r.b == "g-sis") == ["sara", "thomas"]


def test_lines_are_changed_only_by_the_facilitator_and_only_if_they_exist() -> None:
    state = holm_genogram()
    assert refused(
        state, EditRelation(id=op_id(), relation_id="r0", relation_kind="married"), "sara"
    ) == ("not_allowed")
    missing = EditRelation(id=op_id(), relation_id="nope", relation_kind="married")
    assert refused(state, missing, LOUISE) == "not_found"
    assert refused(state, DeleteRelation(id=op_id(), relation_id="r0"), "jonas") == "not_allowed"
    # Editing a biological line to adopted frees the place for a third biological parent.
    act(state, EditRelation(id=op_id(), relation_id="r5", relation_kind="adopted"), LOUISE)
    act(
        state,
        AddRelation(id=op_id(), relation_id="x", relation_kind="biological", a="line", b="emil"),
        LOUISE,
    )


def test_a_mother_the_facilitator_drew_becomes_hers_when_she_adds_herself() -> None:
    state = emil_only()
    add(state, "sara-drawn", "Sara", sex="female", born=1992, household="Saras hjem")
    line(state, "biological", "sara-drawn", "emil")
    act(state, JoinGenogram(id=op_id(), person_id="g-sara", kinship="mor"), "sara")
    assert "g-sara" not in state.persons
    sara = state.persons["sara-drawn"]
    assert (sara.participant, sara.born, sara.household) == ("sara", 1992, "Saras hjem")
    assert len([r for r in state.relations.values() if r.b == "emil"]) == 1


def test_a_placeholder_takes_the_name_of_whoever_it_stood_for() -> None:
    state = emil_only()
    act(state, JoinGenogram(id=op_id(), person_id="g-jonas", kinship="morbror"), "jonas")
    placeholders = sorted(p.name for p in state.persons.values() if p.participant is None)
    assert placeholders == ["Emil", "Mor", "Mors forælder"]
    act(state, JoinGenogram(id=op_id(), person_id="g-birthe", kinship="mormor"), "birthe")
    act(state, JoinGenogram(id=op_id(), person_id="g-sara", kinship="mor", born=1992), "sara")
    names = sorted(p.name for p in state.persons.values())
    assert names == ["Birthe", "Emil", "Jonas", "Sara"]
    birthe = next(p for p in state.persons.values() if p.name == "Birthe")
    assert birthe.sex == "female" and birthe.participant == "birthe"
    jonas_parents = [r.a for r in state.relations.values() if r.b == "g-jonas"]
    assert jonas_parents == [birthe.id]


def test_someone_else_claiming_to_be_the_mother_does_not_take_her_place() -> None:
    state = holm_genogram()
    attempt = JoinGenogram(id=op_id(), person_id="g-hanne", kinship="mor")
    assert refused(state, attempt, "hanne") == "too_many_parents"
    assert state.persons["sara"].participant is None
