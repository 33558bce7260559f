"""Fractional order keys, so that a move never renumbers a column."""

from fractional_indexing import generate_key_between  # type: ignore[import-untyped]


def key_between(before: str | None, after: str | None) -> str:
    """A key that sorts after `before` and before `after` (either may be open)."""
    key: str = generate_key_between(before, after)
    return key
