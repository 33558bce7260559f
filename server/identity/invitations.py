"""Invitations: an admin's single-use, expiring link that lets a facilitator make their own
account in a team. No password is ever sent; only the link's hash is stored."""

import time

from server.domain import Rejected
from server.services import auth
from server.services.auth import Keys
from server.store import InvitationRow, Role, Store, UserRow

INVITATION_SECONDS = 72 * 3600
GONE = "Invitationen virker ikke længere. Bed din administrator om en ny."


async def invite(
    store: Store, keys: Keys, admin: UserRow, email: str, team_id: str, role: Role
) -> tuple[str, InvitationRow]:
    """A new invitation (replacing any unused one to the address) and its token."""
    email, _ = auth.clean_account(email, "-")
    team = await store.team(team_id) if len(team_id) <= 64 else None
    if team is None:
        raise Rejected("not_found", "Afdelingen findes ikke.")
    if await store.user_by_email(email) is not None:
        raise Rejected("conflict", "Der findes allerede en konto med den e-mail.")
    token = auth.new_token()
    now = time.time()
    invitation = InvitationRow(
        token_hash=keys.digest(token),
        email=email,
        team_id=team_id,
        role=role,
        invited_by=admin.id,
        created_at=now,
        expires_at=now + INVITATION_SECONDS,
    )
    await store.create_invitation(invitation)
    return token, invitation


async def usable(store: Store, keys: Keys, token: str) -> InvitationRow:
    """The invitation while it is unused and unexpired; the same answer for every other case."""
    found = await store.invitation(keys.digest(token)) if 0 < len(token) <= 100 else None
    if found is None or found.used_at is not None or found.expires_at <= time.time():
        raise Rejected("not_found", GONE)
    return found


async def accept(store: Store, keys: Keys, token: str, name: str, password: str) -> UserRow:
    """The account the invitation was for, made once; a second use is refused."""
    invitation = await usable(store, keys, token)
    user = await auth.new_user(
        invitation.email, name, password, role=invitation.role, team_id=invitation.team_id
    )
    if not await store.accept_invitation(invitation.token_hash, user, time.time()):
        if await store.user_by_email(user.email) is not None:
            raise Rejected("conflict", "Der findes allerede en konto med den e-mail.")
        raise Rejected("not_found", GONE)
    return user
