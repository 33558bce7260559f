"""Read-only summary links for participants: signed, and dead after a number of days."""

import base64
import hmac

from server.services.auth import Keys


def make(keys: Keys, meeting_id: str, expires_at: int) -> str:
    mac = keys.digest(f"summary|{meeting_id}|{expires_at}")[:18]
    return f"{meeting_id}.{expires_at}.{base64.urlsafe_b64encode(mac).decode()}"


def check(keys: Keys, token: str, now: float) -> str | None:
    """The meeting id, when the token is ours and has not expired."""
    parts = token.split(".")
    if len(token) > 200 or len(parts) != 3 or not parts[1].isdigit():
        return None
    meeting_id, expires_at = parts[0], int(parts[1])
    if not hmac.compare_digest(make(keys, meeting_id, expires_at), token):
        return None
    return meeting_id if now < expires_at else None
