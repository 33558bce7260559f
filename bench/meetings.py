"""The meetings of a run: a facilitator, meetings that admit at once, phones that joined."""

import asyncio
from typing import Any

import aiohttp
import pyotp

from bench.messages import Device, MeetingPlan
from bench.mix import HOLM, PEOPLE, SCALE_ID
from bench.wire import Wire

PASSWORD = "Emil-kommer-i-skole-2025"
PARALLEL = 16
"""HTTP requests in flight while setting up: enough to be quick, few enough to be polite."""


async def _post(
    http: aiohttp.ClientSession,
    url: str,
    path: str,
    body: Any,
    cookie: str = "",
    address: str | None = None,
) -> Any:
    headers = {"Origin": url, **({"Cookie": cookie} if cookie else {})}
    if address is not None:
        # Kreds trusts the loopback proxy's X-Forwarded-For, as behind HAProxy or nginx.
        headers["X-Forwarded-For"] = address
    async with http.post(url + path, json=body, headers=headers) as response:
        if response.status >= 300:
            raise RuntimeError(f"POST {path}: {response.status} {await response.text()}")
        return await response.json()


async def _get(http: aiohttp.ClientSession, url: str, path: str, cookie: str) -> Any:
    async with http.get(url + path, headers={"Cookie": cookie}) as response:
        if response.status >= 300:
            raise RuntimeError(f"GET {path}: {response.status} {await response.text()}")
        return await response.json()


async def _sign_up(http: aiohttp.ClientSession, url: str) -> str:
    """The first account, enrolled with an authenticator app (its code made with pyotp)."""
    facilitator = HOLM["facilitator"]
    body = {"name": facilitator["name"], "email": facilitator["email"], "password": PASSWORD}
    async with http.post(url + "/api/setup", json=body, headers={"Origin": url}) as response:
        if response.status != 201:
            raise RuntimeError(f"setup: {response.status} {await response.text()}")
        pending = f"kreds_session={response.cookies['kreds_session'].value}"
    secret = (await _post(http, url, "/api/2fa/totp/new", {}, pending))["secret"]
    code = {"code": pyotp.TOTP(secret).now()}
    headers = {"Origin": url, "Cookie": pending}
    async with http.post(url + "/api/2fa/totp/confirm", json=code, headers=headers) as response:
        if response.status != 200:
            raise RuntimeError(f"enrolment: {response.status} {await response.text()}")
        return response.cookies["kreds_session"].value


async def _open_meeting(
    http: aiohttp.ClientSession, url: str, meeting_id: str, cookie: str
) -> None:
    """From the facilitator's socket: let phones in automatically, and ask the safety scale
    that the phones' votes go to."""
    wire = Wire(http, url, lambda *_: None, meeting_id)
    await wire.connect({"meeting_id": meeting_id}, {"Cookie": cookie}, deflate=False)
    for intent in (
        {"type": "meeting.auto_admit", "id": f"auto-admit-{meeting_id}", "on": True},
        {"type": "scale.ask", "id": f"ask-{meeting_id}", "scale_id": SCALE_ID, "preset": "safety"},
    ):
        ack = await wire.call("intent", intent)
        if not ack.get("ok"):
            await wire.close()
            raise RuntimeError(f"{intent['type']} refused: {ack}")
    await wire.close()


def _phone_person(index: int) -> dict[str, Any]:
    person = dict(PEOPLE[index % len(PEOPLE)])
    if index >= len(PEOPLE):
        person["name"] = f"{person['name']} {index // len(PEOPLE) + 1}"
    return person


def _room_address(number: int) -> str:
    """Each meeting's phones join from an address of their own (the meeting room's network):
    Kreds limits the joins from one address."""
    return f"10.{number // 250 % 250}.{number % 250}.1"


async def _meeting(
    http: aiohttp.ClientSession, url: str, cookie: str, number: int, phones: int
) -> MeetingPlan:
    title = f"Netværksmøde om {HOLM['case']['title']} (nr. {number + 1})"
    body = {"title": title, "template": "three_columns"}
    meeting_id = (await _post(http, url, "/api/meetings", body, cookie))["id"]
    shown = await _get(http, url, f"/api/meetings/{meeting_id}", cookie)
    join_token = shown["links"]["join_url"].split("#", 1)[1]
    await _open_meeting(http, url, meeting_id, cookie)
    devices = [
        Device(auth={"meeting_id": meeting_id}, headers={"Cookie": cookie}, facilitator=True)
    ]
    for index in range(phones - 1):
        joined = await _post(
            http,
            url,
            f"/api/join?meeting={meeting_id}",  # as the web client: routed to the meeting's node
            {"join_token": join_token, **_phone_person(index)},
            address=_room_address(number),
        )
        devices.append(Device(auth={"participant_token": joined["participant_token"]}))
    return MeetingPlan(id=meeting_id, devices=devices)


async def prepare_kreds(url: str, meetings: int, phones: int) -> list[MeetingPlan]:
    """Sign up the facilitator, create the meetings and join every phone (admitted at once)."""
    async with aiohttp.ClientSession() as http:
        session = await _sign_up(http, url)
        cookie = f"kreds_session={session}"
        gate = asyncio.Semaphore(PARALLEL)

        async def one(number: int) -> MeetingPlan:
            async with gate:
                return await _meeting(http, url, cookie, number, phones)

        return list(await asyncio.gather(*(one(n) for n in range(meetings))))


def prepare_baseline(meetings: int, phones: int) -> list[MeetingPlan]:
    """The bare relay has no accounts: a device just names its meeting."""
    return [
        MeetingPlan(
            id=f"m{number:04d}",
            devices=[
                Device(auth={"meeting": f"m{number:04d}"}, facilitator=index == 0)
                for index in range(phones)
            ],
        )
        for number in range(meetings)
    ]
