"""What a follow-up meeting brings from its case's earlier meetings: the open agreements, the
safety plan, and the family's genogram and network map, so that nobody has to draw the family
again."""

import msgspec

from shared_schema.agreements import Agreement
from shared_schema.genogram import Person, Relation
from shared_schema.ids import EntityBase, Id
from shared_schema.safety import SafetyItem


class CarriedDrawing(EntityBase, tag="carried_drawing", kw_only=True):
    """Says that the drawing was brought over, and from when; its id is the meeting id. The
    notice in the drawing view reads it."""

    from_meeting: Id
    held_at: float
    """When the earlier meeting was held (closed): the date the notice names."""
    persons: int
    relations: int


class DrawingCopy(msgspec.Struct, kw_only=True):
    """A copy of the persons (with their network-map places and layout nudges) and lines of the
    case's latest earlier meeting with a drawing, under new ids and tied to no participant."""

    from_meeting: Id
    held_at: float
    """When the earlier meeting was held (closed): the date the notice names."""
    persons: list[Person]
    relations: list[Relation]


class Carried(msgspec.Struct, kw_only=True):
    """What a follow-up meeting starts with, made by the server from the case's earlier, closed
    meetings: all of it is in the meeting's first op."""

    agreements: list[Agreement] = []
    """The open agreements of the case's last closed meeting."""
    safety: list[SafetyItem] = []
    """The last closed meeting's safety plan: its rules to review, its warning signs and whom
    to call."""
    drawing: DrawingCopy | None = None
    """The drawing of the case's latest closed meeting that has one."""
