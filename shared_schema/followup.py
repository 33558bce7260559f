"""What a follow-up meeting brings from its case's earlier meeting besides the agreements: the
family's genogram and network map, so that nobody has to draw the family again."""

from shared_schema.genogram import Person, Relation
from shared_schema.ids import EntityBase, Id, IntentBase


class CarriedDrawing(EntityBase, tag="carried_drawing", kw_only=True):
    """Says that the drawing was brought over, and from when; its id is the meeting id. The
    notice in the drawing view reads it."""

    from_meeting: Id
    held_at: float
    """When the earlier meeting was held (closed): the date the notice names."""
    persons: int
    relations: int


class CarryDrawing(IntentBase, tag="drawing.carry", kw_only=True):
    """Made by the server right after a follow-up meeting is created: a copy of the persons
    (with their network-map places and layout nudges) and lines of the case's latest earlier
    meeting with a drawing, under new ids and tied to no participant."""

    from_meeting: Id
    held_at: float
    persons: list[Person]
    relations: list[Relation]
