"""Who looks: a viewer is a role (or the screen, or a record) and, for a person, their id."""

from typing import Literal

import msgspec

from shared_schema import Role

ViewerRole = Role | Literal["screen", "summary"]
"""A person's role; the room's screen; the participants' summary of a closed meeting."""

FAMILY_SIDE: frozenset[ViewerRole] = frozenset({"familie", "privat"})
"""Who takes part in family time and reads what the family writes in it. Not the screen: the
facilitator holds its link (docs/security.md)."""


class Viewer(msgspec.Struct, frozen=True, kw_only=True):
    role: ViewerRole
    participant_id: str | None = None

    @property
    def family_side(self) -> bool:
        return self.role in FAMILY_SIDE


RECORD = Viewer(role="facilitator")
"""The referat and its exports: what the facilitator may see of the room, and no note still
private to anyone (the facilitator's own included)."""

SUMMARY = Viewer(role="summary")
"""The participants' summary page and its calendar file: what every participant may see."""
