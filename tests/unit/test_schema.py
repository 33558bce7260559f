"""The one schema: what crosses to the web client, and the constants both sides use."""

from typing import get_args

import msgspec
import pytest

from server.domain import genogram, text
from shared_schema import ErrorCode, Intent, Links, RelationKind, SystemIntent, export, http, limits
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


def test_every_request_body_refuses_a_field_the_server_does_not_know() -> None:
    for body in http.REQUESTS:
        assert body.__struct_config__.forbid_unknown_fields, body.__name__
    with pytest.raises(msgspec.ValidationError, match="unknown field `remote_admin`"):
        msgspec.json.decode(
            b'{"join_token": "t", "name": "Else", "role": "familie", "remote_admin": true}',
            type=http.JoinBody,
        )


def test_a_meeting_detail_is_its_summary_then_its_links() -> None:
    links = http.MeetingLinks(
        join_url="https://kreds.test/j#t",
        join_code="1234 5678",
        join_qr_svg="<svg/>",
        screen_url="https://kreds.test/s#s",
    )
    detail = http.MeetingDetail(
        id="m1",
        title="Netværksmøde om L.",
        template="loeft",
        created_at=1.0,
        case_id=None,
        closed_at=None,
        next_meeting=None,
        keep_until=None,
        links=links,
    )
    assert list(msgspec.json.decode(msgspec.json.encode(detail))) == [
        "id",
        "title",
        "template",
        "created_at",
        "case_id",
        "closed_at",
        "next_meeting",
        "keep_until",
        "links",
    ]
    assert links.for_screen() == Links(
        join_url=links.join_url, join_code=links.join_code, join_qr_svg=links.join_qr_svg
    )


def test_a_summary_link_keeps_its_whole_second_expiry() -> None:
    link = http.ExpiringLink(url="https://kreds.test/o/t", expires_at=1_767_225_600)
    assert msgspec.json.encode(link) == b'{"url":"https://kreds.test/o/t","expires_at":1767225600}'


def test_every_intent_still_carries_its_op_id_first_unless_its_fields_come_first() -> None:
    for cls in get_args(Intent) + get_args(SystemIntent):
        fields = cls.__struct_fields__
        assert "id" in fields, cls.__name__
        # After the fields it carries come the op id and, where it has one, the target's id.
        after = fields[fields.index("id") + 1 :]
        assert fields[0] == "id" or after == () or (len(after) == 1 and after[0].endswith("_id")), (
            cls.__name__
        )
