"""What the integration tests share: the real server as a process, HTTP calls, socket peers."""

import asyncio
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pyotp
import socketio

from .authenticator import Authenticator

ROOT = Path(__file__).resolve().parents[2]
WAIT = 10.0
"""How long a test waits for something that should happen at once on loopback."""
TLS = ssl.create_default_context()
"""Made once: httpx would build one per client, which costs more than a request here."""

# -- the Holm family's meeting (tests/integration/holm.json, from shared/scenarios) -------------

HOLM: dict[str, Any] = json.loads(Path(__file__).with_name("holm.json").read_text("utf-8"))
_ROLES = {
    "familie": "familie",
    "privat netværk": "privat",
    "fagperson": "fagperson",
    "rådgiver": "raadgiver",
}
_COLUMNS = {"bekymrer": "worries", "fungerer": "works", "skal_ske": "next"}
PASSWORD = "Emil-kommer-i-skole-2025"


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    relation: str
    remote: bool


@dataclass(frozen=True)
class Note:
    by: str
    column: str
    text: str


PEOPLE: list[Person] = [
    Person(p["name"], _ROLES[p["role"]], p["relation"], p["remote"]) for p in HOLM["participants"]
]
NOTES: list[Note] = [
    Note(note["by"], _COLUMNS[section], note["text"])
    for section, notes in HOLM["notes"].items()
    for note in notes
]
FACILITATOR: dict[str, str] = HOLM["facilitator"]


def person(name: str) -> Person:
    return next(p for p in PEOPLE if p.name == name)


def notes_by(name: str) -> list[Note]:
    return [note for note in NOTES if note.by == name]


def op_id() -> str:
    """A fresh client-made intent id, as a phone's outbox makes one."""
    return "op-" + secrets.token_hex(10)


def card_id() -> str:
    return "card-" + secrets.token_hex(8)


def intent(kind: str, **fields: Any) -> dict[str, Any]:
    """An intent as a client makes it: its type, a fresh id and its fields."""
    return {"type": kind, "id": op_id(), **fields}


def add_card(note: Note | str, column: str = "works", card: str | None = None) -> dict[str, Any]:
    text, column = (note.text, note.column) if isinstance(note, Note) else (note, column)
    return intent("card.add", card_id=card or card_id(), column=column, text=text)


# -- the server process ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """`kreds serve` on loopback with its own data directory; stopped, killed, restarted."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.extra_env = env or {}
        """Settings of this server's own, e.g. its OpenID provider."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = data_dir.parent / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("KREDS_") and key not in ("HOST", "PORT", "FORWARDED_ALLOW_IPS")
        }
        return {
            **inherited,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "KREDS_DATA": str(self.data_dir),
            **self.extra_env,
        }

    def start(self, timeout: float = 30.0) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "server.cli", "serve"],
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                raise RuntimeError(f"the server exited with {code}:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1.0, verify=TLS).text == "ok":
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer /healthz:\n{self.log_tail()}")
            time.sleep(0.05)

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, and SIGKILL when it does not stop in time; the exit code."""
        process = self.process
        if process is None or process.poll() is not None:
            return process.returncode if process else 0
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise RuntimeError(f"the server ignored SIGTERM:\n{self.log_tail()}") from None

    def kill(self) -> None:
        """kill -9: no drain, no snapshot, no goodbye."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text("utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")


# -- HTTP --------------------------------------------------------------------------------------


@dataclass
class Account:
    name: str
    email: str
    password: str
    session: str
    totp_secret: str = ""
    """The authenticator app's secret, as the enrolment showed it."""
    passkey: Authenticator | None = None
    recovery_codes: list[str] = field(default_factory=list)

    @property
    def cookie(self) -> dict[str, str]:
        return {"Cookie": f"kreds_session={self.session}"}


_TOTP_USED: dict[str, int] = {}
"""The newest step whose code this test run has used, per secret: the server takes each once."""


def totp_code(secret: str) -> str:
    """The code an authenticator app shows, of a step not used yet: now's or the next one
    (the server allows a step of clock drift), waiting for a fresh step when both are used."""
    while True:
        step = int(time.time() // 30)
        for candidate in (step, step + 1):
            if candidate > _TOTP_USED.get(secret, 0):
                _TOTP_USED[secret] = candidate
                return str(pyotp.TOTP(secret).at(candidate * 30))
        time.sleep(max(0.05, (step + 1) * 30 - time.time()))


def _call(server: Server, path: str, body: Any, session: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}{path}",
        json=body,
        headers={"Origin": server.url, "Cookie": f"kreds_session={session}"},
        timeout=WAIT,
        verify=TLS,
    )


def enrol(server: Server, half_signed_in: httpx.Response, name: str, password: str) -> Account:
    """A new account's first sign-in: an authenticator app (its code computed with pyotp),
    then a passkey (a software authenticator) added once signed in, through the real API."""
    assert half_signed_in.json()["stage"] == "enrol", half_signed_in.text
    pending = half_signed_in.cookies["kreds_session"]
    new = _call(server, "/api/2fa/totp/new", {}, pending)
    assert new.status_code == 200, new.text
    secret = new.json()["secret"]
    confirmed = _call(server, "/api/2fa/totp/confirm", {"code": totp_code(secret)}, pending)
    assert confirmed.status_code == 200, confirmed.text
    user = confirmed.json()["user"]
    session = confirmed.cookies["kreds_session"]
    passkey = Authenticator()
    options = _call(server, "/api/2fa/passkey/register/options", {}, session)
    assert options.status_code == 200, options.text
    made = passkey.create(options.json(), server.url)
    added = _call(server, "/api/2fa/passkey/register", {"credential": made}, session)
    assert added.status_code == 200, added.text
    return Account(
        name=user["name"],
        email=user["email"],
        password=password,
        session=session,
        totp_secret=secret,
        passkey=passkey,
        recovery_codes=confirmed.json()["recovery_codes"],
    )


def sign_in_with_passkey(server: Server, account: Account, *, password: str = "") -> Account:
    """A new session of the account: its password, then its passkey."""
    login = httpx.post(
        f"{server.url}/api/login",
        json={"email": account.email, "password": password or account.password},
        headers={"Origin": server.url},
        timeout=WAIT,
        verify=TLS,
    )
    assert login.status_code == 200 and login.json()["stage"] == "second_factor", login.text
    pending = login.cookies["kreds_session"]
    assert account.passkey is not None
    options = _call(server, "/api/2fa/passkey/options", {}, pending)
    assert options.status_code == 200, options.text
    answer = account.passkey.get(options.json(), server.url)
    done = _call(server, "/api/2fa/passkey", {"credential": answer}, pending)
    assert done.status_code == 200, done.text
    return replace(account, session=done.cookies["kreds_session"])


async def sign_in(server: Server, account: Account) -> Account:
    """A new session of the account, signed in with both factors."""
    return await asyncio.to_thread(sign_in_with_passkey, server, account)


def setup_first(server: Server) -> Account:
    """POST /api/setup: the first facilitator (the admin), enrolled and signed in."""
    body = {"name": FACILITATOR["name"], "email": FACILITATOR["email"], "password": PASSWORD}
    response = httpx.post(
        f"{server.url}/api/setup",
        json=body,
        headers={"Origin": server.url},
        timeout=WAIT,
        verify=TLS,
    )
    assert response.status_code == 201, response.text
    return enrol(server, response, body["name"], PASSWORD)


async def post(
    server: Server,
    path: str,
    body: Any,
    *,
    account: Account | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """A POST as the web app sends it: JSON, from the server's own origin."""
    sent = {"Origin": server.url, **(account.cookie if account else {}), **(headers or {})}
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT, verify=TLS) as http:
        return await http.post(path, json=body, headers=sent)


async def get(
    server: Server,
    path: str,
    *,
    account: Account | None = None,
    headers: dict[str, str] | None = None,
    wait: float = WAIT,
) -> httpx.Response:
    sent = {**(account.cookie if account else {}), **(headers or {})}
    async with httpx.AsyncClient(base_url=server.url, timeout=wait, verify=TLS) as http:
        return await http.get(path, headers=sent)


FIRST_TEAM = "Afdelingen"
"""The team POST /api/setup makes when it is given no name."""


async def add_facilitator(server: Server, email: str, name: str, team: str = FIRST_TEAM) -> Account:
    """Another facilitator account (`kreds user add`, as an operator would), signed in; in the
    first facilitator's team, or in `team` (made when new)."""
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        "user",
        "add",
        email,
        name,
        "--team",
        team,
        cwd=ROOT,
        env={**server.env(), "KREDS_PASSWORD": PASSWORD},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await command.communicate()
    assert command.returncode == 0, output.decode()
    response = await post(server, "/api/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return await asyncio.to_thread(enrol, server, response, name, PASSWORD)


@dataclass(frozen=True)
class MeetingLinks:
    id: str
    title: str
    join_url: str
    join_code: str
    screen_url: str

    @property
    def join_token(self) -> str:
        return self.join_url.split("#", 1)[1]

    @property
    def screen_token(self) -> str:
        return self.screen_url.split("#", 1)[1]


async def create_meeting(
    server: Server,
    account: Account,
    title: str = "Netværksmøde om Emil, 9 år",
    template: str = "three_columns",
) -> MeetingLinks:
    """POST /api/meetings, then read its links from GET /api/meetings/{id}."""
    created = await post(
        server, "/api/meetings", {"title": title, "template": template}, account=account
    )
    assert created.status_code == 201, created.text
    meeting_id = created.json()["id"]
    shown = await get(server, f"/api/meetings/{meeting_id}", account=account)
    assert shown.status_code == 200, shown.text
    links = shown.json()["links"]
    return MeetingLinks(
        id=meeting_id,
        title=shown.json()["title"],
        join_url=links["join_url"],
        join_code=links["join_code"],
        screen_url=links["screen_url"],
    )


@dataclass(frozen=True)
class Joined:
    person: Person
    participant_token: str
    participant_id: str
    meeting_id: str


async def join(server: Server, join_token: str, who: Person) -> Joined:
    """POST /api/join with the token from a join link (the phone is then in the lobby)."""
    body = {
        "join_token": join_token,
        "name": who.name,
        "role": who.role,
        "relation": who.relation,
        "remote": who.remote,
    }
    response = await post(server, "/api/join", body)
    assert response.status_code == 201, response.text
    answer = response.json()
    return Joined(who, answer["participant_token"], answer["participant_id"], answer["meeting_id"])


async def join_by_code(server: Server, code: str, who: Person) -> Joined:
    """The eight digits typed on a phone, then POST /api/join."""
    response = await post(server, "/api/join/code", {"code": code})
    assert response.status_code == 200, response.text
    return await join(server, response.json()["join_token"], who)


# -- what a client knows -----------------------------------------------------------------------

EntityKey = tuple[str, str]


class Replica:
    """A client's copy of a meeting: entities by (type, id) and the last seq applied, kept the
    way the web client keeps it (sync answer, then `changes` in seq order)."""

    def __init__(self) -> None:
        self.seq: int | None = None
        self.entities: dict[EntityKey, dict[str, Any]] = {}
        self.early: dict[int, list[dict[str, Any]]] = {}
        """Changes received ahead of a missing seq: empty unless there is a gap."""
        self.log: dict[int, list[dict[str, Any]]] = {}
        """The changes of every op applied one by one (not those folded into a snapshot)."""

    def load(self, sync: dict[str, Any]) -> None:
        if sync.get("snapshot") is not None:
            assert sync["seq"] >= (self.seq or 0), f"snapshot {sync['seq']} is behind {self.seq}"
            self.entities = {(e["type"], e["id"]): e for e in sync["snapshot"]}
            self.seq = sync["seq"]
        else:
            self.seq = self.seq or 0
            for op in sync["ops"]:
                if op["seq"] <= self.seq:
                    continue
                assert op["seq"] == self.seq + 1, f"sync skipped from {self.seq} to {op['seq']}"
                self._apply(op["seq"], op["changes"])
            assert self.seq >= sync["seq"]
        self._catch_up()

    def receive(self, seq: int, changes: list[dict[str, Any]]) -> None:
        if self.seq is not None and seq <= self.seq:
            return
        self.early[seq] = changes
        self._catch_up()

    def _catch_up(self) -> None:
        if self.seq is None:
            return
        for seq in sorted(self.early):
            if seq <= self.seq:
                del self.early[seq]
            elif seq == self.seq + 1:
                self._apply(seq, self.early.pop(seq))

    def _apply(self, seq: int, changes: list[dict[str, Any]]) -> None:
        for change in changes:
            if change["type"] == "upsert":
                entity = change["entity"]
                self.entities[(entity["type"], entity["id"])] = entity
            else:
                self.entities.pop((change["kind"], change["id"]), None)
        self.log[seq] = changes
        self.seq = seq

    def of(self, kind: str) -> dict[str, dict[str, Any]]:
        return {key[1]: entity for key, entity in self.entities.items() if key[0] == kind}

    @property
    def cards(self) -> dict[str, dict[str, Any]]:
        return self.of("card")

    @property
    def participants(self) -> dict[str, dict[str, Any]]:
        return self.of("participant")


class Peer:
    """One python-socketio client: records every event it receives, keeps a Replica."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.sio = socketio.AsyncClient(reconnection=False)
        self.events: list[tuple[str, Any]] = []
        self.replica = Replica()
        self.welcome: dict[str, Any] | None = None
        self.server_now: float | None = None
        self.online: set[str] = set()
        self.refused: Any = None
        self.disconnected = False
        self._news = asyncio.Condition()
        self._pending: set[asyncio.Future[Any]] = set()
        self.sio.on("*", self._on_event)
        self.sio.on("connect_error", self._on_refused)
        self.sio.on("disconnect", self._on_disconnect)

    async def connect(self, server: Server, auth: dict[str, Any], headers: dict[str, str]) -> None:
        await self.sio.connect(
            server.url, auth=auth, headers=headers, transports=["websocket"], wait_timeout=WAIT
        )

    async def _on_event(self, event: str, *args: Any) -> None:
        data = args[0] if len(args) == 1 else list(args)
        self.events.append((event, data))
        if event == "welcome":
            self.welcome = data
        elif event == "presence":
            self.online = set(data["online"])
        elif event == "changes":
            self.replica.receive(data["seq"], data["changes"])
        await self._notify()

    async def _on_refused(self, data: Any = None) -> None:
        self.refused = data
        await self._notify()

    async def _on_disconnect(self, reason: Any = None) -> None:
        self.disconnected = True
        for pending in self._pending:
            if not pending.done():
                pending.set_exception(ConnectionError(f"{self.label} was disconnected: {reason}"))
        await self._notify()

    async def _notify(self) -> None:
        async with self._news:
            self._news.notify_all()

    async def wait_for(
        self, condition: Callable[[], bool], what: str, within: float = WAIT
    ) -> None:
        """Wait until `condition()` holds, re-checked on every event this peer receives."""
        try:
            async with self._news:
                await asyncio.wait_for(self._news.wait_for(condition), within)
        except TimeoutError:
            raise AssertionError(f"{self.label}: no {what} within {within} s") from None

    def named(self, event: str) -> list[Any]:
        return [data for name, data in self.events if name == event]

    # -- asking the server ---------------------------------------------------------------------

    async def call(self, event: str, data: Any, within: float = WAIT) -> Any:
        """Emit and wait for the server's acknowledgement (its answer)."""
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.add(answer)

        def acknowledged(*args: Any) -> None:
            if not answer.done():
                answer.set_result(args[0] if args else None)

        try:
            await self.sio.emit(event, data, callback=acknowledged)
            return await asyncio.wait_for(answer, within)
        finally:
            self._pending.discard(answer)

    async def hello(self, last_seq: int | None = None) -> dict[str, Any]:
        """Say the last seq applied (the replica's by default) and apply the answer."""
        given = (self.replica.seq or 0) if last_seq is None else last_seq
        answer: dict[str, Any] = await self.call("hello", {"last_seq": given})
        if "seq" in answer and "ok" not in answer:
            self.replica.load(answer)
        return answer

    async def send(self, made: dict[str, Any]) -> dict[str, Any]:
        """Send one intent and return its ack."""
        ack: dict[str, Any] = await self.call("intent", made)
        self.server_now = ack.pop("now", None)  # the clock, not part of what was acked
        return ack

    async def intent(self, kind: str, **fields: Any) -> dict[str, Any]:
        return await self.send(intent(kind, **fields))

    async def add_note(
        self, note: Note | str, column: str = "works", card: str | None = None
    ) -> dict[str, Any]:
        return await self.send(add_card(note, column, card))

    async def send_patiently(self, intents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send intents one after another as the web client's outbox does: one refused as
        rate_limited goes again, with the same id, a moment later."""
        acks = []
        for made in intents:
            for _ in range(int(WAIT / 0.1)):
                ack = await self.send(made)
                if ack.get("code") != "rate_limited":
                    break
                await asyncio.sleep(0.1)
            acks.append(ack)
        return acks

    async def unchanged_since(self, seq: int) -> None:
        """Assert the meeting has had no op after `seq`."""
        answer = await self.call("hello", {"last_seq": seq})
        assert answer == {"seq": seq, "ops": []}, answer

    async def close(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()
        # A failed or dropped connection keeps its aiohttp session open otherwise.
        http = self.sio.eio.http
        if http is not None and not http.closed:
            await http.close()


class Clients:
    """Every socket client a test opens, closed when it ends."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.peers: list[Peer] = []

    async def connect(
        self, label: str, auth: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Peer:
        peer = Peer(label)
        self.peers.append(peer)
        await peer.connect(self.server, auth, headers or {})
        await peer.wait_for(lambda: peer.welcome is not None, "welcome")
        return peer

    async def facilitator(self, account: Account, meeting: MeetingLinks, sync: bool = True) -> Peer:
        peer = await self.connect(
            f"mødeleder {account.name}", {"meeting_id": meeting.id}, account.cookie
        )
        if sync:
            await peer.hello()
        return peer

    async def phone(self, joined: Joined, sync: bool = True) -> Peer:
        peer = await self.connect(
            f"telefon {joined.person.name}", {"participant_token": joined.participant_token}
        )
        assert peer.welcome is not None
        if sync and peer.welcome["admitted"]:
            await peer.hello()
        return peer

    async def screen(self, meeting: MeetingLinks, sync: bool = True) -> Peer:
        peer = await self.connect("skærm", {"screen_token": meeting.screen_token})
        if sync:
            await peer.hello()
        return peer

    async def close(self) -> None:
        await asyncio.gather(*(peer.close() for peer in self.peers), return_exceptions=True)


async def admit(facilitator: Peer, joined: Joined) -> None:
    """The facilitator lets a phone in from the lobby."""
    ack = await facilitator.intent("participant.admit", participant_id=joined.participant_id)
    assert ack["ok"], ack


@dataclass
class Meeting:
    """A meeting in progress: its links, the facilitator's client and admitted phones."""

    links: MeetingLinks
    facilitator: Peer
    joined: list[Joined]
    phones: list[Peer]


async def holm_meeting(
    server: Server,
    account: Account,
    clients: Clients,
    names: list[str],
    *,
    title: str = "Netværksmøde om Emil, 9 år",
    template: str = "three_columns",
) -> Meeting:
    """A fresh meeting with the named people from the Holm scenario joined and admitted."""
    links = await create_meeting(server, account, title, template)
    facilitator = await clients.facilitator(account, links)
    joined = [await join(server, links.join_token, person(name)) for name in names]
    for someone in joined:
        await admit(facilitator, someone)
    phones = [await clients.phone(someone) for someone in joined]
    return Meeting(links, facilitator, joined, phones)
