"""The second factor: TOTP secrets, passkeys and recovery codes, in the SQL both stores share."""

from collections.abc import Sequence

from server.store.protocol import PasskeyRow, TotpRow
from server.store.rows import PASSKEY_COLUMNS, insert, params
from server.store.writer import GroupCommit


class SecondFactorsSql(GroupCommit):
    async def totp_of(self, user_id: str) -> TotpRow | None:
        row = await self._one(
            "SELECT user_id, secret, confirmed, last_step FROM totp WHERE user_id = ?", (user_id,)
        )
        return None if row is None else TotpRow(**{**dict(row), "confirmed": bool(row[2])})

    async def save_totp(self, user_id: str, secret: bytes, now: float) -> None:
        """A new, unconfirmed secret in place of an unconfirmed one; a confirmed one stays."""
        await self._submit(
            [
                ("DELETE FROM totp WHERE user_id = ? AND confirmed = 0", (user_id,)),
                (
                    "INSERT INTO totp (user_id, secret, created_at) VALUES (?, ?, ?)",
                    (user_id, secret, now),
                ),
            ]
        )

    async def confirm_totp(self, user_id: str, step: int) -> None:
        await self._submit(
            [
                (
                    "UPDATE totp SET confirmed = 1, last_step = ? WHERE user_id = ?",
                    (step, user_id),
                )
            ]
        )

    async def totp_used(self, user_id: str, step: int) -> None:
        await self._submit(
            [
                (
                    "UPDATE totp SET last_step = ? WHERE user_id = ? AND last_step < ?",
                    (step, user_id, step),
                )
            ]
        )

    async def passkeys_of(self, user_id: str) -> list[PasskeyRow]:
        rows = await self._all(
            f"SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE user_id = ? ORDER BY created_at",
            (user_id,),
        )
        return [PasskeyRow(**dict(row)) for row in rows]

    async def passkey(self, credential_id: bytes) -> PasskeyRow | None:
        row = await self._one(
            f"SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE id = ?", (credential_id,)
        )
        return None if row is None else PasskeyRow(**dict(row))

    async def add_passkey(self, passkey: PasskeyRow) -> None:
        await self._submit([(insert("passkeys", PasskeyRow), params(passkey))])

    async def passkey_used(self, credential_id: bytes, sign_count: int, now: float) -> None:
        await self._submit(
            [
                (
                    "UPDATE passkeys SET sign_count = ?, last_used_at = ? WHERE id = ?",
                    (sign_count, now, credential_id),
                )
            ]
        )

    async def set_recovery_codes(self, user_id: str, code_hashes: Sequence[bytes]) -> None:
        """New recovery codes in place of every earlier one."""
        await self._submit(
            [
                ("DELETE FROM recovery_codes WHERE user_id = ?", (user_id,)),
                *(
                    (
                        "INSERT INTO recovery_codes (code_hash, user_id) VALUES (?, ?)",
                        (code_hash, user_id),
                    )
                    for code_hash in code_hashes
                ),
            ]
        )

    async def recovery_code(self, user_id: str, code_hash: bytes) -> bool:
        """Whether this is an unused recovery code of this user."""
        row = await self._one(
            "SELECT 1 FROM recovery_codes WHERE code_hash = ? AND user_id = ? AND used_at IS NULL",
            (code_hash, user_id),
        )
        return row is not None

    async def recovery_code_count(self, user_id: str) -> int:
        """How many unused recovery codes the account has left."""
        row = await self._one(
            "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
            (user_id,),
        )
        return int(row[0]) if row else 0

    async def use_recovery_code(self, code_hash: bytes, now: float) -> None:
        await self._submit(
            [("UPDATE recovery_codes SET used_at = ? WHERE code_hash = ?", (now, code_hash))]
        )

    async def reset_second_factor(self, user_id: str) -> None:
        """The operator's reset: no passkey, code or recovery code, and no session; the next
        sign-in enrols a second factor again."""
        await self._submit(
            [
                (f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
                for table in ("totp", "passkeys", "recovery_codes", "sessions")
            ]
        )
