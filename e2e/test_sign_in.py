"""Signing in, in Chromium: a local account enrols a passkey with Chromium's virtual
authenticator and signs in with it; an invited facilitator enrols an authenticator app (the
fallback) and signs in with its codes; the admin deactivates her, and her open meeting page
is cut off at once."""

import re
from typing import Any

from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PASSWORD, PHONE, Devices, enrol_app, give_app_code, shot
from tests.integration.kit import Server

LOUISE = "louise@kommune.example"
KAREN = "karen.moeller@kommune.example"
RECOVERY: list[str] = []
"""Louise's recovery codes, as she noted them in the first test."""


def virtual_authenticator(page: Page) -> Any:
    """Chromium's built-in WebAuthn authenticator (DevTools protocol): a platform key that
    verifies the user, so navigator.credentials works headless."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def on_localhost(server: Server) -> str:
    """WebAuthn needs a host name, not an IP address, as its relying party."""
    return f"http://localhost:{server.port}"


def test_a_local_account_enrols_a_passkey_and_signs_in_with_it(
    devices: Devices, server: Server
) -> None:
    laptop = devices.open(LAPTOP, on_localhost(server) + "/")
    cdp, authenticator = virtual_authenticator(laptop)
    laptop.get_by_test_id("setup-name").fill("Louise Holm")
    laptop.get_by_test_id("setup-email").fill(LOUISE)
    laptop.get_by_test_id("setup-password").fill(PASSWORD)
    laptop.get_by_test_id("setup-submit").click()
    expect(laptop.get_by_test_id("enrol")).to_be_visible()
    shot(laptop, "sign-in-enrol")

    laptop.get_by_test_id("enrol-passkey").click()
    codes = laptop.get_by_test_id("recovery-codes")
    expect(codes).to_be_visible()
    RECOVERY.extend(c.strip() for c in codes.locator("code").all_inner_texts())
    assert len(RECOVERY) == 10
    shot(laptop, "sign-in-recovery-codes")
    laptop.get_by_test_id("codes-noted").click()
    expect(laptop.get_by_test_id("signed-in")).to_contain_text("Louise Holm")
    expect(laptop.get_by_test_id("to-admin")).to_be_visible()
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1

    laptop.get_by_test_id("logout").click()
    laptop.get_by_test_id("login-email").fill(LOUISE)
    laptop.get_by_test_id("login-password").fill(PASSWORD)
    laptop.get_by_test_id("login-submit").click()
    expect(laptop.get_by_test_id("passkey-sign-in")).to_be_visible()
    shot(laptop, "sign-in-passkey")
    laptop.get_by_test_id("passkey-sign-in").click()

    expect(laptop.get_by_test_id("signed-in")).to_be_visible()
    used = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert used["credentials"][0]["signCount"] >= 1


def test_the_admin_invites_a_facilitator_who_enrols_an_app_and_is_cut_off_when_deactivated(
    devices: Devices, server: Server
) -> None:
    assert RECOVERY, "Louise set up Kreds in the test before"
    louise = devices.open(LAPTOP)
    louise.get_by_test_id("login-email").fill(LOUISE)
    louise.get_by_test_id("login-password").fill(PASSWORD)
    louise.get_by_test_id("login-submit").click()
    # This laptop has no passkey of hers: a recovery code lets her in, once.
    louise.get_by_test_id("factor-recovery").click()
    louise.get_by_test_id("recovery-code").fill(RECOVERY.pop())
    louise.get_by_test_id("recovery-submit").click()
    louise.get_by_test_id("to-admin").click()
    expect(louise).to_have_url(re.compile(r"/admin$"))
    louise.get_by_test_id("invite-email").fill(KAREN)
    louise.get_by_test_id("invite-submit").click()
    link = louise.get_by_test_id("invite-link").input_value()
    assert re.fullmatch(rf"{re.escape(server.url)}/invitation#[\w-]{{40,}}", link), link
    shot(louise, "admin-invite")

    karen = devices.open(PHONE, link)
    expect(karen.get_by_test_id("invitation-form")).to_contain_text(KAREN)
    karen.get_by_test_id("invitation-name").fill("Karen Møller")
    karen.get_by_test_id("invitation-password").fill("Karen-holder-moeder-2027")
    shot(karen, "invitation-phone")
    karen.get_by_test_id("invitation-submit").click()
    expect(karen.get_by_test_id("enrol")).to_be_visible()
    shot(karen, "sign-in-enrol-phone")
    enrol_app(karen, KAREN)
    shot(karen, "signed-in-phone")

    # The app is her way in from now on.
    karen.get_by_test_id("logout").click()
    karen.get_by_test_id("login-email").fill(KAREN)
    karen.get_by_test_id("login-password").fill("Karen-holder-moeder-2027")
    karen.get_by_test_id("login-submit").click()
    expect(karen.get_by_test_id("totp-form")).to_be_visible()
    shot(karen, "sign-in-totp-phone")
    give_app_code(karen, KAREN)

    karen.get_by_test_id("meeting-title").fill("Netværksmøde om Liva, 6 år")
    karen.get_by_test_id("meeting-create").click()
    expect(karen).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    expect(karen.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")

    louise.reload()
    louise.on("dialog", lambda dialog: dialog.accept())
    louise.get_by_test_id(f"account-deactivate-{KAREN}").click()
    expect(louise.get_by_test_id(f"account-activate-{KAREN}")).to_be_visible()
    expect(louise.get_by_test_id(f"account-deactivate-{LOUISE}")).to_have_count(0)
    shot(louise, "admin-deactivated")

    expect(karen.get_by_test_id("facilitator-refused")).to_be_visible(timeout=5_000)
    shot(karen, "deactivated-cut-off-phone")
    karen.goto("/")
    expect(karen.get_by_test_id("login-form")).to_be_visible()
    rows = louise.get_by_test_id("admin-log").get_by_test_id("audit-row")
    louise.reload()
    expect(rows.first).to_have_attribute("data-action", "user.deactivate")
