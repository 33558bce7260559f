"""Accounts and their sessions, and accounts from the OpenID Connect provider, in the SQL both
stores share."""

from collections.abc import Sequence

from server.store.protocol import PendingSession, Role, Stage, UserRow
from server.store.rows import (
    IDS_PER_QUERY,
    MEETING_TABLES,
    USER_COLUMNS,
    Statement,
    insert,
    params,
    placeholders,
    prefixed,
    user_from,
)
from server.store.writer import GroupCommit

_U = prefixed(USER_COLUMNS, "u")


class AccountsSql(GroupCommit):
    async def count_users(self) -> int:
        row = await self._one("SELECT count(*) FROM users", ())
        return int(row[0]) if row else 0

    async def create_user(self, user: UserRow) -> None:
        await self._submit([(insert("users", UserRow), params(user))])

    async def user_by_email(self, email: str) -> UserRow | None:
        return user_from(
            await self._one(f"SELECT {USER_COLUMNS} FROM users WHERE email = ?", (email,))
        )

    async def user_by_id(self, user_id: str) -> UserRow | None:
        return user_from(
            await self._one(f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,))
        )

    async def users(self) -> list[UserRow]:
        rows = await self._all(f"SELECT {USER_COLUMNS} FROM users ORDER BY name, email", ())
        return [user for row in rows if (user := user_from(row)) is not None]

    async def create_session(
        self, token_hash: bytes, user_id: str, expires_at: float, stage: Stage = "full"
    ) -> None:
        await self._submit(
            [
                ("DELETE FROM sessions WHERE expires_at < ?", (expires_at - 86400 * 2,)),
                (
                    "INSERT INTO sessions (token_hash, user_id, expires_at, stage)"
                    " VALUES (?, ?, ?, ?)",
                    (token_hash, user_id, expires_at, stage),
                ),
            ]
        )

    async def session_user(
        self, token_hash: bytes, now: float, seen_after: float = 0.0
    ) -> UserRow | None:
        """The session's user while it is signed in (both factors), neither expired nor idle
        since `seen_after`, and the account active."""
        row = await self._one(
            f"SELECT {_U} FROM sessions s"
            " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?"
            " AND COALESCE(s.seen_at, ?) > ? AND u.active = 1 AND s.stage = 'full'",
            (token_hash, now, now, seen_after),
        )
        return user_from(row)

    async def pending_session(self, token_hash: bytes, now: float) -> PendingSession | None:
        """A session that is not expired, of an active user, whatever its stage."""
        row = await self._one(
            f"SELECT {_U}, s.stage AS stage, s.challenge AS challenge FROM sessions s"
            " JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
            (token_hash, now),
        )
        if row is None:
            return None
        fields = dict(row)
        stage, challenge = fields.pop("stage"), fields.pop("challenge")
        user = UserRow(**{**fields, "active": True})
        return PendingSession(user=user, stage=stage, challenge=challenge)

    async def set_challenge(self, token_hash: bytes, challenge: bytes | None) -> None:
        await self._submit(
            [("UPDATE sessions SET challenge = ? WHERE token_hash = ?", (challenge, token_hash))]
        )

    async def replace_session(
        self, old_hash: bytes, token_hash: bytes, user_id: str, expires_at: float, now: float
    ) -> None:
        """A signed-in session under a new token, for the half-signed-in one it ends."""
        await self._submit(
            [
                ("DELETE FROM sessions WHERE token_hash = ?", (old_hash,)),
                (
                    "INSERT INTO sessions (token_hash, user_id, expires_at, stage, seen_at)"
                    " VALUES (?, ?, ?, 'full', ?)",
                    (token_hash, user_id, expires_at, now),
                ),
            ]
        )

    async def touch_session(self, token_hash: bytes, now: float) -> None:
        await self._submit(
            [("UPDATE sessions SET seen_at = ? WHERE token_hash = ?", (now, token_hash))],
            bulk=True,
        )

    async def delete_session(self, token_hash: bytes) -> None:
        await self._submit([("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))])

    async def session_expires(self, token_hash: bytes) -> float:
        """When the session ends at the latest; 0 when there is none."""
        row = await self._one("SELECT expires_at FROM sessions WHERE token_hash = ?", (token_hash,))
        return float(row[0]) if row else 0.0

    async def live_sessions(
        self, token_hashes: Sequence[bytes], now: float, seen_after: float
    ) -> set[bytes]:
        """Those of these sessions that are neither expired, idle, nor of an inactive user."""
        found: set[bytes] = set()
        unique = list(dict.fromkeys(token_hashes))
        for start in range(0, len(unique), IDS_PER_QUERY):
            part = unique[start : start + IDS_PER_QUERY]
            rows = await self._all(
                "SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id"
                f" WHERE s.token_hash IN ({placeholders(len(part))}) AND s.expires_at > ?"
                " AND COALESCE(s.seen_at, ?) > ? AND u.active = 1 AND s.stage = 'full'",
                (*part, now, now, seen_after),
            )
            found.update(bytes(row[0]) for row in rows)
        return found

    async def set_password(self, user_id: str, password_hash: str, keep: bytes) -> None:
        """A new password; every other session of the user ends with the old one."""
        await self._submit(
            [
                ("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id)),
                (
                    "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                    (user_id, keep),
                ),
            ]
        )

    async def owns_cases(self, user_id: str) -> bool:
        """Whether the account owns a case, or a meeting in a case: the team's records."""
        row = await self._one(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE owner = ?)"
            " OR EXISTS (SELECT 1 FROM meetings WHERE owner = ? AND case_id IS NOT NULL)",
            (user_id, user_id),
        )
        return bool(row and row[0])

    async def delete_user(self, user_id: str) -> list[str]:
        """The account, its sessions and its meetings outside cases (everything of them, as
        `delete_meetings` erases it) in one transaction; the ids of the meetings erased."""
        rows = await self._all("SELECT id FROM meetings WHERE owner = ?", (user_id,))
        own = "(SELECT id FROM meetings WHERE owner = ? AND case_id IS NULL)"
        statements: list[Statement] = [
            (f"DELETE FROM {table} WHERE meeting IN {own}", (user_id,)) for table in MEETING_TABLES
        ]
        statements += [
            ("DELETE FROM meetings WHERE owner = ? AND case_id IS NULL", (user_id,)),
            ("DELETE FROM sessions WHERE user_id = ?", (user_id,)),
            # A meeting in a case, made after the check, makes this fail as a whole.
            ("DELETE FROM users WHERE id = ?", (user_id,)),
        ]
        await self._submit(statements, erases=True)
        return [str(row[0]) for row in rows]

    async def user_by_subject(self, subject: str) -> UserRow | None:
        return user_from(
            await self._one(f"SELECT {USER_COLUMNS} FROM users WHERE oidc_subject = ?", (subject,))
        )

    async def update_from_provider(self, user_id: str, subject: str, name: str, role: Role) -> None:
        """The provider decides: its subject, the name and the role it gives, at each sign-in."""
        await self._submit(
            [
                (
                    "UPDATE users SET oidc_subject = ?, name = ?, role = ? WHERE id = ?",
                    (subject, name, role, user_id),
                )
            ]
        )

    async def save_oidc_login(
        self, state_hash: bytes, nonce: str, verifier: str, now: float
    ) -> None:
        await self._submit(
            [
                ("DELETE FROM oidc_logins WHERE created_at < ?", (now - 3600,)),
                (
                    "INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (state_hash, nonce, verifier, now),
                ),
            ]
        )

    async def take_oidc_login(
        self, state_hash: bytes, created_after: float
    ) -> tuple[str, str] | None:
        """The nonce and verifier of a sign-in under way, used up by this call."""
        row = await self._one(
            "SELECT nonce, verifier FROM oidc_logins WHERE state_hash = ? AND created_at > ?",
            (state_hash, created_after),
        )
        await self._submit([("DELETE FROM oidc_logins WHERE state_hash = ?", (state_hash,))])
        return None if row is None else (str(row[0]), str(row[1]))

    async def set_id_token(self, token_hash: bytes, id_token: str) -> None:
        await self._submit(
            [("UPDATE sessions SET id_token = ? WHERE token_hash = ?", (id_token, token_hash))]
        )

    async def id_token(self, token_hash: bytes) -> str | None:
        row = await self._one("SELECT id_token FROM sessions WHERE token_hash = ?", (token_hash,))
        return None if row is None or row[0] is None else str(row[0])
