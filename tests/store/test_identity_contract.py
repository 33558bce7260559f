"""The identity half of the Store contract, on SQLite and PostgreSQL alike: teams and
invitations, sessions and their stages, the second factor, accounts of the OpenID provider."""

import msgspec

from server.store import InvitationRow, PasskeyRow, Store, TeamRow, UserRow

from .test_contract import NOW, louise


async def with_team(store: Store) -> UserRow:
    await store.create_team(TeamRow(id="afdeling", name="Børn og unge", created_at=NOW))
    user = msgspec.structs.replace(louise(), team_id="afdeling", role="admin")
    await store.create_user(user)
    return user


async def test_an_invitation_makes_one_account_once(store: Store) -> None:
    admin = await with_team(store)
    invitation = InvitationRow(
        token_hash=b"i" * 32,
        email="mette@aarhus.example",
        team_id="afdeling",
        role="facilitator",
        invited_by=admin.id,
        created_at=NOW,
        expires_at=NOW + 3600,
    )
    await store.create_invitation(invitation)
    assert await store.invitation(b"i" * 32) == invitation
    mette = UserRow(
        id="mette",
        email="mette@aarhus.example",
        name="Mette",
        password_hash="h",
        created_at=NOW,
        team_id="afdeling",
    )
    assert await store.accept_invitation(b"i" * 32, mette, NOW + 1)
    twice = msgspec.structs.replace(mette, id="mette-igen")
    assert not await store.accept_invitation(b"i" * 32, twice, NOW + 2)
    used = await store.invitation(b"i" * 32)
    assert used is not None and used.used_at == NOW + 1
    late = msgspec.structs.replace(invitation, token_hash=b"l" * 32, email="sen@aarhus.example")
    await store.create_invitation(late)
    sen = msgspec.structs.replace(mette, id="sen", email="sen@aarhus.example")
    assert not await store.accept_invitation(b"l" * 32, sen, NOW + 7200), "expired"
    assert [u.id for u in await store.users()] == ["louise", "mette"]
    assert [t.name for t in await store.teams()] == ["Børn og unge"]


async def test_a_session_is_signed_in_only_in_its_full_stage(store: Store) -> None:
    user = await with_team(store)
    await store.create_session(b"p" * 32, user.id, NOW + 600, "second_factor")
    assert await store.session_user(b"p" * 32, NOW) is None
    pending = await store.pending_session(b"p" * 32, NOW)
    assert pending is not None and (pending.stage, pending.user.id) == ("second_factor", "louise")
    await store.set_challenge(b"p" * 32, b"udfordring")
    again = await store.pending_session(b"p" * 32, NOW)
    assert again is not None and again.challenge == b"udfordring"
    await store.replace_session(b"p" * 32, b"f" * 32, user.id, NOW + 43200, NOW)
    assert await store.pending_session(b"p" * 32, NOW) is None
    signed_in = await store.session_user(b"f" * 32, NOW, NOW - 60)
    assert signed_in is not None and signed_in.role == "admin" and signed_in.active
    assert await store.session_expires(b"f" * 32) == NOW + 43200
    assert await store.live_sessions([b"f" * 32, b"x" * 32], NOW, NOW - 60) == {b"f" * 32}
    await store.set_id_token(b"f" * 32, "a.b.c")
    assert await store.id_token(b"f" * 32) == "a.b.c"
    await store.create_session(b"g" * 32, user.id, NOW + 43200)
    await store.set_password(user.id, "ny-hash", keep=b"f" * 32)
    assert await store.session_user(b"g" * 32, NOW) is None, "other sessions end"
    assert await store.session_user(b"f" * 32, NOW) is not None
    await store.set_active(user.id, False)
    assert await store.live_sessions([b"f" * 32], NOW, 0) == set()
    assert (await store.user_by_id(user.id) or user).active is False


async def test_the_second_factor_is_kept_and_reset(store: Store) -> None:
    user = await with_team(store)
    await store.save_totp(user.id, b"sealed", NOW)
    await store.confirm_totp(user.id, 100)
    await store.totp_used(user.id, 99)
    totp = await store.totp_of(user.id)
    assert totp is not None and (totp.confirmed, totp.last_step) == (True, 100)
    await store.totp_used(user.id, 101)
    assert (await store.totp_of(user.id) or totp).last_step == 101
    key = PasskeyRow(id=b"k" * 16, user_id=user.id, public_key=b"pub", sign_count=0, created_at=NOW)
    await store.add_passkey(key)
    await store.passkey_used(key.id, 3, NOW + 1)
    used = await store.passkey(key.id)
    assert used is not None and (used.sign_count, used.last_used_at) == (3, NOW + 1)
    assert [k.id for k in await store.passkeys_of(user.id)] == [key.id]
    await store.set_recovery_codes(user.id, [b"r1", b"r2"])
    assert await store.recovery_code(user.id, b"r1")
    await store.use_recovery_code(b"r1", NOW)
    assert not await store.recovery_code(user.id, b"r1")
    assert await store.recovery_code_count(user.id) == 1
    await store.create_session(b"f" * 32, user.id, NOW + 600)
    await store.reset_second_factor(user.id)
    assert await store.totp_of(user.id) is None
    assert await store.passkeys_of(user.id) == []
    assert await store.recovery_code_count(user.id) == 0
    assert await store.session_user(b"f" * 32, NOW) is None


async def test_a_provider_sign_in_under_way_is_taken_once(store: Store) -> None:
    user = await with_team(store)
    await store.save_oidc_login(b"s" * 32, "nonce", "verifier", NOW)
    assert await store.take_oidc_login(b"s" * 32, NOW - 600) == ("nonce", "verifier")
    assert await store.take_oidc_login(b"s" * 32, NOW - 600) is None
    await store.update_from_provider(user.id, "sub-1", "Louise H.", "facilitator")
    found = await store.user_by_subject("sub-1")
    assert found is not None and (found.name, found.role) == ("Louise H.", "facilitator")


async def test_deleting_an_account_erases_its_own_meetings(store: Store) -> None:
    user = await with_team(store)
    assert not await store.owns_cases(user.id)
    assert await store.delete_user(user.id) == []
    assert await store.user_by_id(user.id) is None
