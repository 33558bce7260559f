"""A participant draws themselves into the genogram from the phone ("Jeg er barnets …"): by
their kinship to the child in focus, with the parents and grandparents it takes as
placeholders for the facilitator to name, or as the person already drawn by their name."""

import re

from msgspec.structs import replace

from server.domain.errors import require
from server.domain.genogram import CAN_HELP_MAX, RELATIONS_MAX, check_tree, room_for
from server.domain.state import State
from server.domain.text import clean
from shared_schema import (
    Change,
    JoinGenogram,
    Kinship,
    Participant,
    Person,
    Relation,
    RelationKind,
    Sex,
    Upsert,
)

_SEX: dict[Kinship, Sex] = {
    "mor": "female",
    "plejemor": "female",
    "mormor": "female",
    "farmor": "female",
    "moster": "female",
    "faster": "female",
    "soester": "female",
    "far": "male",
    "plejefar": "male",
    "morfar": "male",
    "farfar": "male",
    "morbror": "male",
    "farbror": "male",
    "bror": "male",
}


class _Draft:
    """Persons and lines a kinship adds, with ids made from the new person's id."""

    def __init__(self, state: State, base: str) -> None:
        self.state = state
        self.base = base[:34]
        self.persons: dict[str, Person] = {}
        self.relations: list[Relation] = []

    def all_persons(self) -> dict[str, Person]:
        return {**self.state.persons, **self.persons}

    def placeholder(self, name: str, sex: Sex) -> Person:
        person_id = f"{self.base}-p{len(self.persons)}"
        require(person_id not in self.state.persons, "conflict", say="person.exists")
        person = Person(id=person_id, name=name, sex=sex)
        self.persons[person_id] = person
        return person

    def line(self, kind: RelationKind, parent: str, child: str) -> None:
        relation_id = f"{self.base}-r{len(self.relations)}"
        require(relation_id not in self.state.relations, "conflict", say="relation.exists")
        self.relations.append(Relation(id=relation_id, kind=kind, a=parent, b=child))

    def parents(
        self, child: str, sex: Sex | None = None, kinds: tuple[str, ...] = ("biological", "adopted")
    ) -> list[Person]:
        everyone = self.all_persons()
        lines = [*self.state.relations.values(), *self.relations]
        found = [everyone[r.a] for r in lines if r.b == child and r.kind in kinds]
        return [p for p in found if sex is None or p.sex == sex]

    def children(self, parents: list[Person], besides: str) -> list[Person]:
        """The children of any of these parents but one: the siblings of `besides`."""
        everyone = self.all_persons()
        ids = {parent.id for parent in parents}
        lines = [*self.state.relations.values(), *self.relations]
        found = {
            r.b
            for r in lines
            if r.a in ids and r.b != besides and r.kind in ("biological", "adopted")
        }
        return [everyone[person_id] for person_id in sorted(found)]

    def parent(self, child: str, sex: Sex, name: str) -> Person:
        """The child's mother or father, or a placeholder the facilitator can name later."""
        known = self.parents(child, sex)
        if known:
            return known[0]
        made = self.placeholder(name, sex)
        self.line("biological", made.id, child)
        return made

    def grandparents(self, parent: Person, name: str) -> list[Person]:
        known = self.parents(parent.id)
        if known:
            return known
        made = self.placeholder(name, "unknown")
        self.line("biological", made.id, parent.id)
        return [made]


PLACEHOLDERS = frozenset({"Mor", "Far", "Mors forælder", "Fars forælder", "Forælder"})


def _already_drawn(candidates: list[Person], me: Person) -> Person | None:
    """Someone in the drawing who must be the person joining: a placeholder made for them, or
    the facilitator's drawing of them by the same name. Nobody's yet, and of their sex (a
    placeholder may be of unknown sex)."""
    for person in candidates:
        if person.participant is not None:
            continue
        if person.name in PLACEHOLDERS and person.sex in (me.sex, "unknown"):
            return person
        if person.name.casefold() == me.name.casefold() and person.sex == me.sex:
            return person
    return None


CHILD_PLACEHOLDER = "Barnet"


def child_name(title: str) -> str:
    """The child's name as the meeting's title gives it ("Emil, 9 år – opfølgning" is Emil's):
    the words before the first comma, dash or bracket, when they look like a first name; else
    "Barnet", for the facilitator to name."""
    head = re.split(r"[,(–—:/]| - ", title, maxsplit=1)[0].strip()
    words = head.split()
    if 1 <= len(words) <= 2 and len(head) <= 40 and not any(c.isdigit() for c in head):
        return head
    return CHILD_PLACEHOLDER


def _focus_child(state: State, draft: _Draft) -> Person:
    """The child in focus; before the facilitator has drawn one, the child the meeting is
    about, drawn now from the meeting's title, so nobody waits to say who they are to it."""
    for person in state.persons.values():
        if person.focus:
            return person
    assert state.meeting is not None
    child = draft.placeholder(child_name(state.meeting.title), "unknown")
    child = replace(child, focus=True)
    draft.persons[child.id] = child
    return child


def join_genogram(
    state: State, intent: JoinGenogram, actor: Participant, now: float
) -> list[Change]:
    """A participant adds themselves with their kinship to the child in focus."""
    require(
        all(person.participant != actor.id for person in state.persons.values()),
        "conflict",
        say="person.joined",
    )
    require(intent.person_id not in state.persons, "conflict", say="person.exists")
    draft = _Draft(state, intent.person_id)
    child = _focus_child(state, draft)
    kin = intent.kinship
    me = Person(
        id=intent.person_id,
        name=actor.name,
        sex=_SEX.get(kin, intent.sex or "unknown"),
        born=intent.born,
        participant=actor.id,
        can_help=clean(intent.can_help, limit=CAN_HELP_MAX, required=False),
    )
    drawn: Person | None = None
    if kin in ("mor", "far"):
        drawn = _already_drawn(draft.parents(child.id), me)
        if drawn is None:
            draft.line("biological", me.id, child.id)
    elif kin in ("plejemor", "plejefar"):
        drawn = _already_drawn(draft.parents(child.id, kinds=("foster",)), me)
        if drawn is None:
            draft.line("foster", me.id, child.id)
    elif kin in ("mormor", "morfar", "farmor", "farfar"):
        mother_side = kin.startswith("mor")
        parent = draft.parent(
            child.id, "female" if mother_side else "male", "Mor" if mother_side else "Far"
        )
        drawn = _already_drawn(draft.parents(parent.id), me)
        if drawn is None:
            draft.line("biological", me.id, parent.id)
    elif kin in ("moster", "morbror", "faster", "farbror"):
        mother_side = kin in ("moster", "morbror")
        parent = draft.parent(
            child.id, "female" if mother_side else "male", "Mor" if mother_side else "Far"
        )
        grandparents = draft.grandparents(
            parent, "Mors forælder" if mother_side else "Fars forælder"
        )
        drawn = _already_drawn(draft.children(grandparents, besides=parent.id), me)
        if drawn is None:
            for grandparent in grandparents:
                draft.line("biological", grandparent.id, me.id)
    elif kin in ("soester", "bror"):
        parents = draft.parents(child.id) or [draft.parent(child.id, "unknown", "Forælder")]
        drawn = _already_drawn(draft.children(parents, besides=child.id), me)
        if drawn is None:
            for parent in parents:
                draft.line("biological", parent.id, me.id)
    else:
        # `anden`: in the genogram without a line, for the facilitator to draw; or the person
        # by their name drawn already (a follow-up's copied drawing holds everyone).
        drawn = _already_drawn(
            [p for p in state.persons.values() if p.name not in PLACEHOLDERS and not p.focus], me
        )
    if drawn is None:
        draft.persons[me.id] = me
    else:
        # The person is drawn already (by the facilitator, or as a placeholder): it becomes
        # theirs, keeping its lines; a placeholder takes their name.
        draft.persons[drawn.id] = replace(
            drawn,
            name=me.name if drawn.name in PLACEHOLDERS else drawn.name,
            sex=me.sex,
            born=drawn.born if me.born is None else me.born,
            participant=actor.id,
            can_help=me.can_help or drawn.can_help,
        )
    room_for(state, len(set(draft.persons) - set(state.persons)))
    require(
        len(state.relations) + len(draft.relations) <= RELATIONS_MAX,
        "too_large",
        say="relation.too_many",
        params={"max": RELATIONS_MAX},
    )
    check_tree(draft.all_persons(), [*state.relations.values(), *draft.relations])
    return [
        *(Upsert(entity=person) for person in draft.persons.values()),
        *(Upsert(entity=relation) for relation in draft.relations),
    ]
