"""The one schema: what crosses to the web client, and the constants both sides use."""

from typing import get_args

import msgspec

from server.domain import genogram, text
from shared_schema import ErrorCode, RelationKind, export, limits
from shared_schema.genogram import COUPLE_KINDS, EMOTIONAL_KINDS, PARENT_KINDS


def test_relation_groups_cover_every_kind_once() -> None:
    grouped = [*COUPLE_KINDS, *PARENT_KINDS, *EMOTIONAL_KINDS]
    assert sorted(grouped) == sorted(get_args(RelationKind))
    assert len(set(grouped)) == len(grouped)


def test_the_domain_groups_relations_by_the_shared_constants() -> None:
    assert genogram.group("divorced") == frozenset(COUPLE_KINDS)
    assert genogram.group("foster") == frozenset(PARENT_KINDS)
    assert genogram.group("cut_off") == frozenset(EMOTIONAL_KINDS)


def test_the_domain_bounds_text_by_the_shared_limits() -> None:
    assert text.NOTE_MAX == limits.NOTE_MAX
    text.clean("a" * limits.NAME_MAX, limit=text.NAME_MAX)


def test_every_error_code_reaches_the_web_client() -> None:
    exported = export.json_schema()["x-constants"]["ERROR_CODES"]
    assert exported == {"value": list(get_args(ErrorCode)), "items": "ErrorCode"}


def test_every_constant_names_a_type_the_schema_defines() -> None:
    schema = export.json_schema()
    for name, constant in schema["x-constants"].items():
        assert name.isupper()
        if "items" in constant:
            assert constant["items"] in schema["$defs"]
            msgspec.convert(constant["value"], list[str])
        else:
            assert isinstance(constant["value"], int)
