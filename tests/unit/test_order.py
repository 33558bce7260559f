"""Fractional order keys: a new key always fits between two others, so nothing is renumbered."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from server.domain.order import key_between


def test_the_first_key_of_an_empty_column() -> None:
    assert isinstance(key_between(None, None), str)


def test_a_key_after_the_last_sorts_after_it() -> None:
    last = key_between(None, None)
    assert key_between(last, None) > last


def test_a_key_before_the_first_sorts_before_it() -> None:
    first = key_between(None, None)
    assert key_between(None, first) < first


def test_a_key_between_two_neighbours_sorts_between_them() -> None:
    first = key_between(None, None)
    second = key_between(first, None)
    middle = key_between(first, second)
    assert first < middle < second


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=60))
def test_any_sequence_of_inserts_keeps_keys_strictly_increasing(slots: list[int]) -> None:
    keys: list[str] = []
    for slot in slots:
        index = slot % (len(keys) + 1)
        before = keys[index - 1] if index > 0 else None
        after = keys[index] if index < len(keys) else None
        keys.insert(index, key_between(before, after))
    assert all(a < b for a, b in itertools.pairwise(keys))
