"""Cases: a child's meetings under a pseudonymous title, and their scaling over time."""

import time

from server.domain import visibility
from server.domain.text import TITLE_MAX, clean
from server.domain.visibility import RECORD
from server.live.rooms import Rooms
from server.services.auth import new_id
from server.store import CaseRow, MeetingRow, Store, UserRow
from shared_schema.http import ScaleHistory, ScalePoint


async def create_case(store: Store, owner: UserRow, title: str) -> CaseRow:
    case = CaseRow(
        id=new_id(),
        owner=owner.id,
        title=clean(title, limit=TITLE_MAX),
        created_at=time.time(),
        team_id=owner.team_id,
    )
    await store.create_case(case)
    return case


async def scaling_history(rooms: Rooms, meetings: list[MeetingRow]) -> list[ScaleHistory]:
    """Every revealed scaling question of the case's meetings, grouped by its question key."""
    found: dict[str, ScaleHistory] = {}
    for row in sorted(meetings, key=lambda m: m.created_at):
        state = visibility.state_for((await rooms.get(row.id)).state, RECORD)
        for scale in sorted(state.scales.values(), key=lambda s: (s.created_at, s.id)):
            if scale.status != "revealed":
                continue
            history = found.setdefault(
                scale.key,
                ScaleHistory(
                    key=scale.key,
                    question=scale.question,
                    kind=scale.kind,
                    low=scale.low,
                    high=scale.high,
                    points=[],
                ),
            )
            history.points.append(
                ScalePoint(
                    meeting_id=row.id,
                    title=row.title,
                    at=scale.created_at,
                    values=[result.value for result in scale.results],
                    median=scale.median,
                    answered=scale.answered,
                )
            )
    return list(found.values())
