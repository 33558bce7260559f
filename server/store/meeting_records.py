"""Meetings, participants' tokens, cases, the audit log, closing and retention, in the SQL both
stores share."""

from collections.abc import Sequence

from server.store.protocol import AuditEvent, AuditRow, CaseRow, LinkColumn, MeetingRow, OpRow
from server.store.rows import (
    AUDIT_ROWS,
    CASE_COLUMNS,
    IDS_PER_QUERY,
    INSERT_OP,
    MEETING_COLUMNS,
    MEETING_TABLES,
    Statement,
    insert,
    meeting_from,
    params,
    placeholders,
)
from server.store.writer import GroupCommit


class MeetingsSql(GroupCommit):
    async def create_meeting(self, meeting: MeetingRow, first_op: OpRow) -> None:
        """The meeting's row and its first op, durable together."""
        await self._submit(
            [(insert("meetings", MeetingRow), params(meeting)), (INSERT_OP, params(first_op))]
        )

    async def meeting(self, meeting_id: str) -> MeetingRow | None:
        return meeting_from(
            await self._one(f"SELECT {MEETING_COLUMNS} FROM meetings WHERE id = ?", (meeting_id,))
        )

    async def meetings_present(self, meeting_ids: Sequence[str]) -> set[str]:
        present: set[str] = set()
        for start in range(0, len(meeting_ids), IDS_PER_QUERY):
            chunk = list(meeting_ids[start : start + IDS_PER_QUERY])
            rows = await self._all(
                f"SELECT id FROM meetings WHERE id IN ({placeholders(len(chunk))})", chunk
            )
            present.update(str(row[0]) for row in rows)
        return present

    async def meetings_of(self, owner: str) -> list[MeetingRow]:
        rows = await self._all(
            f"SELECT {MEETING_COLUMNS} FROM meetings WHERE owner = ? ORDER BY created_at DESC",
            (owner,),
        )
        return [MeetingRow(**dict(row)) for row in rows]

    async def meeting_by_hash(self, column: LinkColumn, digest: bytes) -> MeetingRow | None:
        assert column in ("join_hash", "screen_hash", "code_hash")
        return meeting_from(
            await self._one(f"SELECT {MEETING_COLUMNS} FROM meetings WHERE {column} = ?", (digest,))
        )

    async def renew_join(
        self, meeting_id: str, nonce: bytes, join_hash: bytes, code_hash: bytes
    ) -> None:
        """A new join link and code; the old ones match no meeting from now on."""
        await self._submit(
            [
                (
                    "UPDATE meetings SET join_nonce = ?, join_hash = ?, code_hash = ? WHERE id = ?",
                    (nonce, join_hash, code_hash, meeting_id),
                )
            ]
        )

    async def participant_by_token(self, token_hash: bytes) -> tuple[str, str] | None:
        row = await self._one(
            "SELECT meeting, id FROM participants WHERE token_hash = ?", (token_hash,)
        )
        return None if row is None else (str(row[0]), str(row[1]))

    async def audit(self, event: AuditEvent) -> None:
        await self._submit([(insert("audit", AuditEvent), params(event))], bulk=True)

    async def audit_log(self, owner: str, limit: int) -> list[AuditRow]:
        """What this facilitator did, what happened in their meetings, and what was done to
        their account or data; newest first."""
        rows = await self._all(
            f"{AUDIT_ROWS} WHERE a.owner = ? OR a.actor = ? OR m.owner = ?"
            " ORDER BY a.at DESC, a.id DESC LIMIT ?",
            (owner, owner, owner, limit),
        )
        return [AuditRow(**dict(row)) for row in rows]

    async def forget_audit(self, before: float) -> None:
        """Rows older than the audit log is kept; rows of a meeting go with the meeting."""
        await self._submit([("DELETE FROM audit WHERE at < ?", (before,))])

    async def create_case(self, case: CaseRow) -> None:
        await self._submit([(insert("cases", CaseRow), params(case))])

    async def case(self, case_id: str) -> CaseRow | None:
        row = await self._one(f"SELECT {CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,))
        return None if row is None else CaseRow(**dict(row))

    async def cases_of_team(self, team_id: str) -> list[CaseRow]:
        rows = await self._all(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE team_id = ? ORDER BY created_at DESC",
            (team_id,),
        )
        return [CaseRow(**dict(row)) for row in rows]

    async def meetings_in_case(self, case_id: str) -> list[MeetingRow]:
        rows = await self._all(
            f"SELECT {MEETING_COLUMNS} FROM meetings WHERE case_id = ? ORDER BY created_at",
            (case_id,),
        )
        return [MeetingRow(**dict(row)) for row in rows]

    async def mark_closed(self, meeting_id: str, at: float, next_meeting: str | None) -> None:
        await self._submit(
            [
                (
                    "UPDATE meetings SET closed_at = ?, next_meeting = ? WHERE id = ?",
                    (at, next_meeting, meeting_id),
                )
            ]
        )

    async def keep_until(self, meeting_id: str, until: float) -> None:
        await self._submit(
            [("UPDATE meetings SET keep_until = ? WHERE id = ?", (until, meeting_id))]
        )

    async def expired_meetings(self, closed_before: float, now: float) -> list[str]:
        rows = await self._all(
            "SELECT id FROM meetings WHERE closed_at IS NOT NULL AND closed_at < ?"
            " AND (keep_until IS NULL OR keep_until < ?)",
            (closed_before, now),
        )
        return [str(row[0]) for row in rows]

    async def delete_meetings(self, meeting_ids: Sequence[str]) -> None:
        """Everything of these meetings: op log, snapshots, participants, audit rows, the row."""
        statements: list[Statement] = []
        for meeting_id in meeting_ids:
            statements += [
                (f"DELETE FROM {table} WHERE meeting = ?", (meeting_id,))
                for table in MEETING_TABLES
            ]
            statements.append(("DELETE FROM meetings WHERE id = ?", (meeting_id,)))
        if statements:
            await self._submit(statements, erases=True)

    async def delete_case(self, case_id: str) -> None:
        """The case, every meeting in it, and the audit rows that name it: one transaction."""
        in_case = "(SELECT id FROM meetings WHERE case_id = ?)"
        statements: list[Statement] = [
            (f"DELETE FROM {table} WHERE meeting IN {in_case}", (case_id,))
            for table in MEETING_TABLES
        ]
        statements += [
            ("DELETE FROM meetings WHERE case_id = ?", (case_id,)),
            ("DELETE FROM audit WHERE detail = ?", (case_id,)),
            ("DELETE FROM cases WHERE id = ?", (case_id,)),
        ]
        await self._submit(statements, erases=True)
