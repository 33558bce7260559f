"""Bounds on free text that both sides know: the server refuses text beyond them
(`server/domain/text.py`), the web client stops typing at them (generated into schema.gen.ts)."""

NOTE_MAX = 500
"""A note on the board or under a scaling question."""
NAME_MAX = 40
"""A participant's or a person's name."""
RELATION_MAX = 80
"""How a participant says they know the child ("morfar", "klasselærer")."""
TITLE_MAX = 80
"""A meeting's or a case's title."""
