"""The genogram and the network map: the same persons, their relations, and where they sit."""

from typing import Annotated, Literal, get_args

import msgspec

from shared_schema.ids import EntityBase, Id, IntentBase, OpId

Sex = Literal["female", "male", "other", "unknown"]
"""Drawn as circle, square, diamond (other) and a question-marked diamond (unknown); in this
order on the phone."""

CoupleKind = Literal["married", "cohabiting", "separated", "divorced"]
ParentKind = Literal["biological", "adopted", "foster"]
EmotionalKind = Literal["close", "conflict", "distant", "cut_off"]
RelationKind = Literal[
    "married",
    "cohabiting",
    "separated",
    "divorced",
    "biological",
    "adopted",
    "foster",
    "close",
    "conflict",
    "distant",
    "cut_off",
]
"""Couple, parent–child (a is the parent, b the child) or emotional."""

Sector = Literal["family", "friends", "school", "professionals"]
"""The network map's sectors: familie · venner og naboer · skole og fritid · fagpersoner."""

Kinship = Literal[
    "mor",
    "far",
    "mormor",
    "morfar",
    "farmor",
    "farfar",
    "moster",
    "morbror",
    "faster",
    "farbror",
    "soester",
    "bror",
    "plejemor",
    "plejefar",
    "anden",
]
"""What a person says from the phone: "Jeg er barnets …", in the order the phone lists them.
`anden` places no relation."""

COUPLE_KINDS: tuple[RelationKind, ...] = get_args(CoupleKind)
PARENT_KINDS: tuple[RelationKind, ...] = get_args(ParentKind)
EMOTIONAL_KINDS: tuple[RelationKind, ...] = get_args(EmotionalKind)
"""The three groups of relation kinds; a line changes kind only within its group."""
KINSHIPS: tuple[Kinship, ...] = get_args(Kinship)
SEXES: tuple[Sex, ...] = get_args(Sex)

Year = Annotated[int, msgspec.Meta(ge=1880, le=2100)]
Ring = Annotated[int, msgspec.Meta(ge=1, le=4)]
Offset = Annotated[float, msgspec.Meta(ge=-2000, le=2000)]
Angle = Annotated[float, msgspec.Meta(ge=0, le=1)]
Screen = Literal["board", "genogram", "network", "scale", "agreements", "safety"]


class PersonDetails(msgspec.Struct, kw_only=True):
    """What is said of a person: written by the facilitator (or by the person, of themselves),
    carried by a person's intents and kept by the person."""

    name: str
    """A first name or initials: nothing more is collected."""
    sex: Sex = "unknown"
    born: Year | None = None
    deceased: bool = False
    died: Year | None = None
    focus: bool = False
    """The child in focus (double outline, the centre of the network map)."""
    household: str = ""
    """People with the same household label live together (a dotted boundary)."""
    note: str = ""
    in_genogram: bool = True
    can_help: str = ""
    """"Kan hjælpe med": what this person can help with."""


class Person(PersonDetails, tag="person", kw_only=True):
    """Someone in the child's life. In the genogram unless `in_genogram` is false (a teacher),
    on the network map once it has a ring and a sector. An entity like the others, with its id
    after the details it shares with its intents."""

    id: Id
    participant: Id | None = None
    """The participant who added themselves as this person, if any."""
    dx: float = 0
    dy: float = 0
    """The facilitator's nudge from the automatic layout, kept."""
    ring: int | None = None
    """Closeness on the network map: 1 is closest; None is not placed yet."""
    sector: Sector | None = None
    angle: float = 0.5
    """Where in its sector, 0 (start) to 1 (end)."""


class Relation(EntityBase, tag="relation", kw_only=True):
    """A line in the genogram. For a parent–child kind `a` is the parent and `b` the child."""

    kind: RelationKind
    a: Id
    b: Id


class ScreenView(EntityBase, tag="screen_view", kw_only=True):
    """What the room's screen shows; its id is the meeting id. Absent means the board."""

    shows: Screen
    at: float = 0
    """When the facilitator chose it: a scaling question put on the screen later goes first."""


class PersonFields(PersonDetails, kw_only=True):
    """What a person's intents carry: its details, then the op id and the person's id."""

    id: OpId
    person_id: Id


class AddPerson(PersonFields, tag="person.add", kw_only=True):
    """The facilitator adds a person to the genogram (or, `in_genogram` false, the map only)."""


class EditPerson(PersonFields, tag="person.edit", kw_only=True):
    """The facilitator, or the participant who is this person, changes its details."""


class PersonIntent(IntentBase, kw_only=True):
    """An intent about one person of the genogram or the network map."""

    person_id: Id


class DeletePerson(PersonIntent, tag="person.delete", kw_only=True):
    """Removes the person and every line to them."""


class NudgePerson(PersonIntent, tag="person.nudge", kw_only=True):
    """Moves a person away from where the automatic layout put them; kept until nudged again."""

    dx: Offset
    dy: Offset


class PlacePerson(PersonIntent, tag="person.place", kw_only=True):
    """Puts a person on the network map (a ring and a sector), or takes them off (ring null)."""

    ring: Ring | None = None
    sector: Sector | None = None
    angle: Angle = 0.5


class JoinGenogram(PersonIntent, tag="genogram.join", kw_only=True):
    """From the phone: "Jeg er barnets mormor". Adds the participant as a person and the lines
    the kinship implies; a missing link (the mother of a grandmother's grandchild) is added as a
    placeholder the facilitator can name later."""

    kinship: Kinship
    sex: Sex | None = None
    """Only needed for `anden`; the kinship says it otherwise."""
    born: Year | None = None
    can_help: str = ""


class RelationIntent(IntentBase, kw_only=True):
    """An intent about one line between two persons."""

    relation_id: Id


class AddRelation(RelationIntent, tag="relation.add", kw_only=True):
    relation_kind: RelationKind
    a: Id
    b: Id


class EditRelation(RelationIntent, tag="relation.edit", kw_only=True):
    """Changes a line's kind within its group, e.g. married to divorced."""

    relation_kind: RelationKind


class DeleteRelation(RelationIntent, tag="relation.delete", kw_only=True):
    """Remove a line between two persons."""


class ShowOnScreen(IntentBase, tag="screen.show", kw_only=True):
    """The facilitator chooses what the room's screen shows: the board, genogram or map."""

    shows: Screen


GenogramIntent = (
    AddPerson
    | EditPerson
    | DeletePerson
    | NudgePerson
    | PlacePerson
    | JoinGenogram
    | AddRelation
    | EditRelation
    | DeleteRelation
    | ShowOnScreen
)
