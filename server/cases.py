"""Cases: a child's meetings under a pseudonymous title, and what a follow-up carries forward."""

import time

from msgspec.structs import replace

from server.auth import new_id
from server.domain.text import TITLE_MAX, clean
from server.rooms import Rooms
from server.store import CaseRow, MeetingRow, Store, UserRow
from shared_schema import Agreement


async def create_case(store: Store, owner: UserRow, title: str) -> CaseRow:
    case = CaseRow(
        id=new_id(), owner=owner.id, title=clean(title, limit=TITLE_MAX), created_at=time.time()
    )
    await store.create_case(case)
    return case


def last_closed(meetings: list[MeetingRow]) -> MeetingRow | None:
    closed = [m for m in meetings if m.closed_at is not None]
    return max(closed, key=lambda m: m.closed_at or 0.0, default=None)


async def open_agreements(rooms: Rooms, previous: MeetingRow) -> list[Agreement]:
    """The agreements of the previous meeting that are still open: all it made, and those it
    carried that were not done. People are named, since the new meeting has new participants."""
    state = (await rooms.get(previous.id)).state
    carried: list[Agreement] = []
    for agreement in sorted(state.agreements.values(), key=lambda a: (a.order, a.id)):
        if agreement.status != "agreed" or agreement.review == "done":
            continue
        names = [
            state.participants[pid].name
            for pid in agreement.who_participants
            if pid in state.participants
        ]
        carried.append(
            replace(
                agreement,
                id=new_id()[:32],
                who_participants=[],
                who_names=names + [n for n in agreement.who_names if n not in names],
                serves=None,
                carried_from=previous.id,
                review=None,
                review_comment="",
            )
        )
    return carried
