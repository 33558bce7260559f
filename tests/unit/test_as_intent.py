from typing import Any, get_args

import msgspec
import pytest

from server.live.connection import INTENT_TYPES, as_intent
from shared_schema import Intent


def outcome(convert: Any, data: Any) -> Any:
    try:
        return convert(data)
    except msgspec.ValidationError as error:
        return ("refused", str(error))


CASES: list[Any] = [
    {"type": "card.add", "id": "op-12345678", "card_id": "c-123", "column": "works", "text": "Hej"},
    {"type": "card.edit", "id": "op-12345678", "card_id": "c-123", "text": "Ny tekst"},
    {"type": "card.edit", "id": "op-12345678", "card_id": "c-123", "text": 7},
    {"type": "card.edit", "id": "op-12345678", "card_id": "c-123", "text": "x", "extra": 1},
    {"type": "card.edit", "id": "op-12345678"},
    {"type": "card.burn", "id": "op-12345678"},
    {"type": ["card.add"], "id": "op-12345678"},
    {"type": None},
    {"id": "op-12345678"},
    {},
    [],
    None,
    "card.add",
    7,
]


@pytest.mark.parametrize("data", CASES)
def test_by_its_tag_is_as_by_the_union(data: Any) -> None:
    by_union = outcome(lambda d: msgspec.convert(d, Intent), data)
    assert outcome(as_intent, data) == by_union


def test_every_intent_has_its_tag() -> None:
    kinds = get_args(Intent)
    assert len(INTENT_TYPES) == len(kinds)
    assert set(INTENT_TYPES.values()) == set(kinds)
