"""A Room's op log and snapshots, in the SQL both stores share."""

from server.store.protocol import OpRow, Ops, Quiet, Tokens
from server.store.rows import INSERT_OP, OP_COLUMNS, Statement, params
from server.store.writer import GroupCommit


def append_statements(ops: Ops, tokens: Tokens, quiet: Quiet) -> list[Statement]:
    """Ops, the tokens of people who joined in them, and the ids of intents that changed
    nothing: what one append writes."""
    statements: list[Statement] = [(INSERT_OP, params(op)) for op in ops]
    statements += [
        ("INSERT INTO participants (token_hash, meeting, id) VALUES (?, ?, ?)", token)
        for token in tokens
    ]
    statements += [
        (
            "INSERT INTO quiet_intents (meeting, client_id, seq) VALUES (?, ?, ?)",
            (intent.meeting, intent.client_id, intent.seq),
        )
        for intent in quiet
    ]
    return statements


class OpLogSql(GroupCommit):
    async def append(self, ops: Ops, tokens: Tokens = (), quiet: Quiet = ()) -> None:
        """Durable together; refused when the meeting is gone."""
        await self._submit(append_statements(ops, tokens, quiet), bulk=True)

    async def ops_after(self, meeting_id: str, seq: int, limit: int) -> list[OpRow]:
        rows = await self._all(
            f"SELECT {OP_COLUMNS} FROM ops WHERE meeting = ? AND seq > ? ORDER BY seq LIMIT ?",
            (meeting_id, seq, limit),
        )
        return [OpRow(**dict(row)) for row in rows]

    async def client_ids(self, meeting_id: str) -> dict[str, int]:
        rows = await self._all(
            "SELECT client_id, seq FROM ops WHERE meeting = ?"
            " UNION ALL SELECT client_id, seq FROM quiet_intents WHERE meeting = ?",
            (meeting_id, meeting_id),
        )
        return {str(row[0]): int(row[1]) for row in rows}

    async def latest_snapshot(self, meeting_id: str) -> tuple[int, bytes] | None:
        row = await self._one(
            "SELECT seq, state FROM snapshots WHERE meeting = ? ORDER BY seq DESC LIMIT 1",
            (meeting_id,),
        )
        return None if row is None else (int(row[0]), bytes(row[1]))

    async def save_snapshot(self, meeting_id: str, seq: int, state: bytes) -> None:
        await self._submit(
            [
                (
                    "INSERT INTO snapshots (meeting, seq, state) VALUES (?, ?, ?)"
                    " ON CONFLICT (meeting, seq) DO UPDATE SET state = excluded.state",
                    (meeting_id, seq, state),
                ),
                ("DELETE FROM snapshots WHERE meeting = ? AND seq < ?", (meeting_id, seq)),
            ],
            bulk=True,
        )
