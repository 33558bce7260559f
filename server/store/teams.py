"""Teams, roles and invitations, and the installation's whole audit log (the admin's), in the
SQL both stores share."""

from server.store.protocol import AuditRow, InvitationRow, TeamRow, UserRow
from server.store.rows import (
    AUDIT_ROWS,
    INVITATION_COLUMNS,
    USER_COLUMNS,
    Statement,
    insert,
    params,
    placeholders,
)
from server.store.writer import GroupCommit


class TeamsSql(GroupCommit):
    async def create_team(self, team: TeamRow) -> None:
        await self._submit(
            [
                (
                    "INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)",
                    (team.id, team.name, team.created_at),
                )
            ]
        )

    async def team(self, team_id: str) -> TeamRow | None:
        row = await self._one("SELECT id, name, created_at FROM teams WHERE id = ?", (team_id,))
        return None if row is None else TeamRow(**dict(row))

    async def team_by_name(self, name: str) -> TeamRow | None:
        row = await self._one("SELECT id, name, created_at FROM teams WHERE name = ?", (name,))
        return None if row is None else TeamRow(**dict(row))

    async def teams(self) -> list[TeamRow]:
        rows = await self._all("SELECT id, name, created_at FROM teams ORDER BY name", ())
        return [TeamRow(**dict(row)) for row in rows]

    async def set_active(self, user_id: str, active: bool) -> None:
        """Deactivating ends every session of the account in the same transaction."""
        statements: list[Statement] = [
            ("UPDATE users SET active = ? WHERE id = ?", (int(active), user_id))
        ]
        if not active:
            statements.append(("DELETE FROM sessions WHERE user_id = ?", (user_id,)))
        await self._submit(statements)

    async def create_invitation(self, invitation: InvitationRow) -> None:
        """A new invitation replaces the unused ones to the same address."""
        await self._submit(
            [
                (
                    "DELETE FROM invitations WHERE email = ? AND used_at IS NULL",
                    (invitation.email,),
                ),
                (insert("invitations", InvitationRow), params(invitation)),
            ]
        )

    async def invitation(self, token_hash: bytes) -> InvitationRow | None:
        row = await self._one(
            f"SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = ?", (token_hash,)
        )
        return None if row is None else InvitationRow(**dict(row))

    async def accept_invitation(self, token_hash: bytes, user: UserRow, now: float) -> bool:
        """Make the account and use the invitation up, as one: only while it is unused and
        unexpired, and while no account has the address. Whether this call made it."""
        usable = (
            "SELECT 1 FROM invitations WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"
        )
        await self._submit(
            [
                (
                    f"INSERT INTO users ({USER_COLUMNS}) SELECT {placeholders(len(params(user)))}"
                    f" WHERE EXISTS ({usable})"
                    " AND NOT EXISTS (SELECT 1 FROM users WHERE email = ?)",
                    (*params(user), token_hash, now, user.email),
                ),
                (
                    "UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                    " AND EXISTS (SELECT 1 FROM users WHERE id = ?)",
                    (now, token_hash, user.id),
                ),
            ]
        )
        return await self._one("SELECT 1 FROM users WHERE id = ?", (user.id,)) is not None

    async def installation_audit_log(self, limit: int) -> list[AuditRow]:
        """Everything the audit log holds, of every account and meeting; newest first."""
        rows = await self._all(
            f"{AUDIT_ROWS} ORDER BY a.at DESC, a.id DESC LIMIT ?",
            (limit,),
        )
        return [AuditRow(**dict(row)) for row in rows]
