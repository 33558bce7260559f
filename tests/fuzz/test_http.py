"""Every /api route under hypothesis-made bodies and headers: never a 5xx, every refusal the
documented {"code", "message"} shape, and nothing made that was not asked for properly."""

import asyncio
from typing import Any, get_args

import httpx
import msgspec
from hypothesis import given
from hypothesis import strategies as st

from shared_schema import ErrorCode
from tests.integration.kit import (
    TLS,
    Account,
    Clients,
    MeetingLinks,
    Server,
    create_meeting,
    get,
    join,
    person,
    sign_in,
)

from .budget import examples, json_values

CODES = set(get_args(ErrorCode))
ROUTES = [
    ("GET", "/api/session"),
    ("POST", "/api/setup"),
    ("POST", "/api/login"),
    ("POST", "/api/logout"),
    ("GET", "/api/meetings"),
    ("POST", "/api/meetings"),
    ("GET", "/api/meetings/{meeting}"),
    ("GET", "/api/meetings/{garbage}"),
    ("POST", "/api/join/code"),
    ("POST", "/api/join/info"),
    ("POST", "/api/join"),
    ("POST", "/api/meetings/{meeting}/summary-link"),
    ("POST", "/api/meetings/{meeting}/extend"),
    ("GET", "/api/cases"),
    ("POST", "/api/cases"),
    ("GET", "/api/cases/{garbage}"),
    ("POST", "/api/cases/{garbage}/delete"),
    ("POST", "/api/account/password"),
    ("POST", "/api/account/delete"),
    ("POST", "/api/2fa/totp/new"),
    ("POST", "/api/2fa/totp/confirm"),
    ("POST", "/api/2fa/totp"),
    ("POST", "/api/2fa/recovery"),
    ("POST", "/api/2fa/passkey/register/options"),
    ("POST", "/api/2fa/passkey/register"),
    ("POST", "/api/2fa/passkey/options"),
    ("POST", "/api/2fa/passkey"),
    ("POST", "/api/invitation"),
    ("POST", "/api/invitation/accept"),
    ("GET", "/api/admin"),
    ("GET", "/api/admin/audit"),
    ("POST", "/api/admin/invitations"),
    ("POST", "/api/admin/users/{garbage}/deactivate"),
]
header_text = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=40)


def _bodies(join_token: str) -> st.SearchStrategy[bytes]:
    """Bodies a client may send: JSON of any shape, near-misses of the real ones, raw bytes."""
    near: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
        {},
        optional={
            "name": json_values,
            "email": json_values,
            "password": json_values,
            "title": json_values,
            "template": st.sampled_from(["loeft", "tre", ""]) | json_values,
            "code": st.text(alphabet="0123456789 -x", max_size=12) | json_values,
            "join_token": st.sampled_from([join_token, join_token[:-1], ""]) | json_values,
            "role": st.sampled_from(["familie", "facilitator", "screen"]) | json_values,
            "relation": json_values,
            "remote": json_values,
        },
    )
    return (
        (json_values | near).map(msgspec.json.encode)
        | st.binary(max_size=200)
        | st.sampled_from([b"", b"{", b'{"a": 1', b"[" * 5000, b"\xff\xfe", b"0" * 20_000])
    )


async def _counts(server: Server, account: Account, meeting_id: str, clients: Clients) -> Any:
    meetings = (await get(server, "/api/meetings", account=account)).json()["meetings"]
    cases = (await get(server, "/api/cases", account=account)).json()["cases"]
    louise = await clients.facilitator(account, await _links(server, account, meeting_id))
    return len(meetings), len(cases), len(louise.replica.participants)


async def _links(server: Server, account: Account, meeting_id: str) -> MeetingLinks:
    shown = (await get(server, f"/api/meetings/{meeting_id}", account=account)).json()
    links = shown["links"]
    return MeetingLinks(
        meeting_id, shown["title"], links["join_url"], links["join_code"], links["screen_url"]
    )


async def test_api_routes_answer_any_request_with_a_documented_answer(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account, "Netværksmøde om Alma, 7 år")
    await join(server, meeting.join_token, person("Sara"))
    before = await _counts(server, account, meeting.id, clients)
    # A session of its own: the fuzz may well sign it out.
    session = (await sign_in(server, account)).session
    made = {"meetings": 0, "cases": 0, "participants": 0}
    answers: list[tuple[str, str, int, Any]] = []

    async with httpx.AsyncClient(base_url=server.url, timeout=10.0, verify=TLS) as http:

        async def one(
            route: tuple[str, str],
            garbage: str,
            body: bytes,
            content_type: str,
            origin: str,
            cookie: str,
        ) -> None:
            method, path = route
            path = path.format(meeting=meeting.id, garbage=garbage)
            headers = {"Content-Type": content_type, "Origin": origin, "Cookie": cookie}
            headers = {k: v for k, v in headers.items() if v != "-"}
            response = await http.request(
                method, path, content=body if method == "POST" else None, headers=headers
            )
            answers.append((method, path, response.status_code, response.content))
            assert response.status_code < 500, (method, path, body[:200], response.text)
            if response.status_code >= 400:
                error = response.json()
                assert (
                    {"code", "message", "say"} <= set(error) <= {"code", "message", "say", "params"}
                )
                assert error["code"] in CODES and isinstance(error["message"], str), error
                assert isinstance(error["say"], str) and isinstance(error.get("params", {}), dict)
            elif response.status_code == 201 and path in ("/api/meetings", "/api/cases"):
                made[path.rsplit("/", 1)[1]] += 1
            elif response.status_code == 201 and path == "/api/join":
                if response.json()["meeting_id"] == meeting.id:
                    made["participants"] += 1

        @examples(short=100, long=5_000)
        @given(
            route=st.sampled_from(ROUTES),
            garbage=st.from_regex(r"[A-Za-z0-9_-]{1,100}", fullmatch=True),
            body=_bodies(meeting.join_token),
            content_type=st.sampled_from(["application/json", "text/plain", "-"]) | header_text,
            origin=st.sampled_from([server.url, "-", "https://evil.example"]) | header_text,
            cookie=st.sampled_from([f"kreds_session={session}", "-"]) | header_text,
        )
        def fuzz(
            route: tuple[str, str],
            garbage: str,
            body: bytes,
            content_type: str,
            origin: str,
            cookie: str,
        ) -> None:
            future = asyncio.run_coroutine_threadsafe(
                one(route, garbage, body, content_type, origin, cookie), loop
            )
            future.result(30)

        loop = asyncio.get_running_loop()
        await asyncio.to_thread(fuzz)

    after = await _counts(server, account, meeting.id, clients)
    assert after == tuple(count + made[k] for count, k in zip(before, made, strict=True))
    assert any(status >= 400 for _, _, status, _ in answers)
