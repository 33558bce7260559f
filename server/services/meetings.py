"""Creating meetings and joining them: the steps before a person is in a Room."""

import io
import secrets
import time
from collections.abc import Sequence

import segno
from msgspec.structs import replace

from server import domain
from server.domain.text import TITLE_MAX, clean
from server.domain.visibility import OpView
from server.live.room import Room
from server.live.rooms import Rooms
from server.services.auth import Keys, new_id, new_token
from server.store import MeetingRow, Store, UserRow
from server.store.protocol import Ops, Quiet, Tokens
from server.store.read_through import ReadThrough
from shared_schema import (
    COLUMNS,
    Carried,
    ChangesEvent,
    CreateMeeting,
    JoinMeeting,
    Meeting,
    Participant,
    ParticipantRole,
    Template,
)
from shared_schema.http import Joined, MeetingLinks


async def create_meeting(
    store: Store,
    keys: Keys,
    owner: UserRow,
    title: str,
    template: Template,
    case_id: str | None = None,
    carried: Carried | None = None,
) -> MeetingRow:
    """A new meeting, in its first op; a follow-up in a case starts with what it `carried` of
    the case's earlier meetings. Refused, it writes nothing."""
    now = time.time()
    meeting_id, facilitator_id = new_id(), new_id()
    intent = CreateMeeting(
        id=new_id(),
        meeting=Meeting(
            id=meeting_id,
            title=clean(title, limit=TITLE_MAX),
            template=template,
            columns=list(COLUMNS[template]),
            created_at=now,
        ),
        facilitator=Participant(
            id=facilitator_id, name=owner.name, role="facilitator", admitted=True, joined_at=now
        ),
        carried=None if carried is None else _proposed_by(carried, facilitator_id),
    )
    nonce = await _free_nonce(store, keys, meeting_id)
    row = MeetingRow(
        id=meeting_id,
        owner=owner.id,
        title=intent.meeting.title,
        template=template,
        created_at=now,
        link_nonce=nonce,
        join_hash=keys.digest(keys.join_token(meeting_id, nonce)),
        screen_hash=keys.digest(keys.screen_token(meeting_id, nonce)),
        code_hash=keys.digest(keys.join_code(meeting_id, nonce)),
        facilitator_id=facilitator_id,
        case_id=case_id,
    )
    # The first op is written as every op is, by a Room; only its store also writes the
    # meeting's row, in the same transaction. Nobody can see a meeting before that commits,
    # so this Room publishes to nobody, and the meeting's live Room loads it from the store.
    room = Room(meeting_id, _WithMeetingRow(store, row), _nobody)
    ack = await room.submit_system(intent)
    if not ack.ok:
        raise domain.Rejected(ack.code or "unavailable", ack.message)
    return row


def _proposed_by(carried: Carried, facilitator_id: str) -> Carried:
    """What is carried stands as the new meeting's facilitator proposed it."""
    return replace(
        carried,
        agreements=[replace(a, proposed_by=facilitator_id) for a in carried.agreements],
        safety=[replace(item, proposed_by=facilitator_id) for item in carried.safety],
    )


class _WithMeetingRow(ReadThrough):
    """A new meeting's op log: its first op is written together with the meeting's row."""

    def __init__(self, store: Store, row: MeetingRow) -> None:
        super().__init__(store)
        self._records = store
        self._row = row

    async def append(self, ops: Ops, tokens: Tokens = (), quiet: Quiet = ()) -> None:
        assert len(ops) == 1 and ops[0].seq == 1 and not tokens and not quiet
        await self._records.create_meeting(self._row, ops[0])


async def _nobody(meeting_id: str, event: ChangesEvent, seen: OpView) -> None:
    """No page is open on a meeting whose first op is being written."""


async def _free_nonce(store: Store, keys: Keys, meeting_id: str) -> bytes:
    """A nonce whose join code no other meeting has: eight digits can collide, so draw again
    until it is free."""
    nonce = secrets.token_bytes(16)
    while await store.meeting_by_hash("code_hash", keys.digest(keys.join_code(meeting_id, nonce))):
        nonce = secrets.token_bytes(16)
    return nonce


def _join_nonce(meeting: MeetingRow) -> bytes:
    return meeting.join_nonce or meeting.link_nonce


def join_token(keys: Keys, meeting: MeetingRow) -> str:
    """The token in the meeting's join link (and what its code is exchanged for)."""
    return keys.join_token(meeting.id, _join_nonce(meeting))


async def renew_join(store: Store, keys: Keys, meeting: MeetingRow) -> MeetingRow:
    """A new join link and code for a meeting (a link that went too far, a flood of joins): the
    old ones stop working at once. The screen link and everyone already joined keep theirs."""
    nonce = await _free_nonce(store, keys, meeting.id)
    join_hash = keys.digest(keys.join_token(meeting.id, nonce))
    code_hash = keys.digest(keys.join_code(meeting.id, nonce))
    await store.renew_join(meeting.id, nonce, join_hash, code_hash)
    return replace(meeting, join_nonce=nonce, join_hash=join_hash, code_hash=code_hash)


def links(keys: Keys, meeting: MeetingRow, base_url: str) -> MeetingLinks:
    join_url = f"{base_url}/j#{join_token(keys, meeting)}"
    # The meeting's id in the query lets a proxy route the screen to the meeting's node; the
    # token (the fragment) is what lets it in.
    screen_token = keys.screen_token(meeting.id, meeting.link_nonce)
    svg = io.BytesIO()
    # A standalone document (xmlns, viewBox, no fixed size): it is shown as an <img> and scaled.
    segno.make(join_url, error="m").save(
        svg,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=2,
        dark="#000",
        light="#fff",
    )
    return MeetingLinks(
        join_url=join_url,
        join_code=keys.join_code(meeting.id, _join_nonce(meeting)),
        join_qr_svg=svg.getvalue().decode(),
        screen_url=f"{base_url}/s?meeting={meeting.id}#{screen_token}",
    )


async def delete(rooms: Rooms, store: Store, meeting_ids: Sequence[str]) -> None:
    """Erase meetings with all they hold while phones may still be writing: each Room stops
    first (an intent racing the deletion is refused, never acked; one already handed to the
    store is written before the deletion and deleted with it), then the store deletes every row
    of them (and refuses any later write for them), then every open page is told and closed."""
    for meeting_id in meeting_ids:
        rooms.forget(meeting_id, "deleted")
    await store.delete_meetings(meeting_ids)
    await rooms.deleted(meeting_ids)


async def end_deleted_elsewhere(rooms: Rooms, store: Store) -> None:
    """Meetings another process deleted (`kreds purge` beside a running server, another node):
    their Rooms stop and their open pages are told, as when they are deleted here. Run every
    few seconds."""
    live = [room.id for room in rooms.live()]
    if not live:
        return
    gone = sorted(set(live) - await store.meetings_present(live))
    for meeting_id in gone:
        rooms.forget(meeting_id, "deleted")
    await rooms.deleted(gone)


async def delete_case(rooms: Rooms, store: Store, case_id: str, meeting_ids: Sequence[str]) -> None:
    """A case and every meeting in it, as `delete` erases one meeting."""
    for meeting_id in meeting_ids:
        rooms.forget(meeting_id, "deleted")
    await store.delete_case(case_id)
    await rooms.deleted(meeting_ids)


async def join(
    rooms: Rooms,
    keys: Keys,
    meeting: MeetingRow,
    name: str,
    role: ParticipantRole,
    relation: str,
    remote: bool,
) -> Joined:
    """Put a new person in the meeting's lobby (or straight in, when it admits automatically)."""
    room = await rooms.get(meeting.id)
    participant_id, token = new_id(), new_token()
    intent = JoinMeeting(
        id=new_id(),
        participant=Participant(
            id=participant_id,
            name=name,
            role=role,
            relation=relation,
            remote=remote,
            joined_at=time.time(),
        ),
    )
    ack = await room.submit_system(intent, (keys.digest(token), meeting.id, participant_id))
    if not ack.ok:
        raise domain.Rejected(ack.code or "unavailable", say=ack.message, params=ack.params)
    return Joined(participant_token=token, participant_id=participant_id, meeting_id=meeting.id)
