"""Signing in, in Chromium: a local account enrols a passkey with Chromium's virtual
authenticator and signs in with it; an invited facilitator enrols an authenticator app (the
fallback) and signs in with its codes; the admin deactivates her, and her open meeting page
is cut off at once. And through a real OpenID provider (npm's oidc-provider) on loopback: the
first sign-in makes the account, the group claim gives the role, logout ends the session at
the provider, someone outside Kreds' groups is turned away."""

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PASSWORD, PHONE, Devices, enrol_app, give_app_code, shot
from e2e.test_accessibility import AUDITED, Audit
from tests.integration.kit import Server, free_port

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
    accessible = Audit()
    laptop = devices.open({**LAPTOP, **AUDITED}, on_localhost(server) + "/")
    cdp, authenticator = virtual_authenticator(laptop)
    laptop.get_by_test_id("setup-name").fill("Louise Holm")
    laptop.get_by_test_id("setup-email").fill(LOUISE)
    laptop.get_by_test_id("setup-password").fill(PASSWORD)
    laptop.get_by_test_id("setup-submit").click()
    expect(laptop.get_by_test_id("enrol")).to_be_visible()
    shot(laptop, "sign-in-enrol")
    accessible(laptop, "sign-in-enrol")

    laptop.get_by_test_id("enrol-passkey").click()
    codes = laptop.get_by_test_id("recovery-codes")
    expect(codes).to_be_visible()
    RECOVERY.extend(c.strip() for c in codes.locator("code").all_inner_texts())
    assert len(RECOVERY) == 10
    shot(laptop, "sign-in-recovery-codes")
    accessible(laptop, "sign-in-recovery-codes")
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
    accessible(laptop, "sign-in-passkey")
    laptop.get_by_test_id("passkey-sign-in").click()

    expect(laptop.get_by_test_id("signed-in")).to_be_visible()
    used = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert used["credentials"][0]["signCount"] >= 1
    assert not accessible.found, accessible.found


def test_the_admin_invites_a_facilitator_who_enrols_an_app_and_is_cut_off_when_deactivated(
    devices: Devices, server: Server
) -> None:
    assert RECOVERY, "Louise set up Kreds in the test before"
    accessible = Audit()
    louise = devices.open({**LAPTOP, **AUDITED})
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
    accessible(louise, "admin")

    karen = devices.open({**PHONE, **AUDITED}, link)
    expect(karen.get_by_test_id("invitation-form")).to_contain_text(KAREN)
    karen.get_by_test_id("invitation-name").fill("Karen Møller")
    karen.get_by_test_id("invitation-password").fill("Karen-holder-moeder-2027")
    shot(karen, "invitation-phone")
    accessible(karen, "invitation-phone")
    karen.get_by_test_id("invitation-submit").click()
    expect(karen.get_by_test_id("enrol")).to_be_visible()
    shot(karen, "sign-in-enrol-phone")
    karen.get_by_test_id("enrol-totp").click()
    expect(karen.get_by_test_id("totp-qr")).to_be_visible()
    accessible(karen, "sign-in-enrol-app-phone")
    karen.reload()
    enrol_app(karen, KAREN)
    shot(karen, "signed-in-phone")

    # The app is her way in from now on.
    karen.get_by_test_id("logout").click()
    karen.get_by_test_id("login-email").fill(KAREN)
    karen.get_by_test_id("login-password").fill("Karen-holder-moeder-2027")
    karen.get_by_test_id("login-submit").click()
    expect(karen.get_by_test_id("totp-form")).to_be_visible()
    shot(karen, "sign-in-totp-phone")
    accessible(karen, "sign-in-totp-phone")
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
    assert not accessible.found, accessible.found


# -- the municipality's OpenID provider --------------------------------------------------------

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "tests" / "oidc"
PEOPLE = {
    "louise": {
        "email": "louise.holm@kommune.example",
        "email_verified": True,
        "name": "Louise Holm",
        "groups": ["kreds-admin", "alle-ansatte"],
    },
    "mads": {
        "email": "mads.kjaer@kommune.example",
        "email_verified": True,
        "name": "Mads Kjær",
        "groups": ["kreds-moedeleder", "alle-ansatte"],
    },
    "karl": {
        "email": "karl.vikar@kommune.example",
        "email_verified": True,
        "name": "Karl Vikar",
        "groups": ["alle-ansatte"],
    },
}


@pytest.fixture(scope="module")
def with_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """npm's oidc-provider on loopback with Kreds registered as its client, and a Kreds that
    signs in through it only (local passwords off)."""
    kreds = Server(tmp_path_factory.mktemp("kreds-oidc") / "data")
    issuer_port = free_port()
    issuer = f"http://127.0.0.1:{issuer_port}"
    secret = "kreds-e2e-klienthemmelighed"
    node = subprocess.Popen(
        ["node", "provider.mjs"],
        cwd=PROVIDER_DIR,
        env={
            **os.environ,
            "OIDC_PORT": str(issuer_port),
            "OIDC_CLIENT_ID": "kreds",
            "OIDC_CLIENT_SECRET": secret,
            "OIDC_REDIRECT_URI": f"{kreds.url}/api/oidc/callback",
            "OIDC_POST_LOGOUT_URI": f"{kreds.url}/",
            "OIDC_ACCOUNTS": json.dumps(PEOPLE),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert node.stdout is not None
        for line in node.stdout:
            if "ready" in line:
                break
        else:
            raise RuntimeError("oidc-provider did not start")
        kreds.extra_env = {
            "KREDS_OIDC_ISSUER": issuer,
            "KREDS_OIDC_CLIENT_ID": "kreds",
            "KREDS_OIDC_CLIENT_SECRET": secret,
            "KREDS_OIDC_SCOPES": "openid email profile groups",
            "KREDS_OIDC_ADMIN_GROUP": "kreds-admin",
            "KREDS_OIDC_FACILITATOR_GROUP": "kreds-moedeleder",
            "KREDS_OIDC_EMAIL_DOMAINS": "kommune.example",
            "KREDS_OIDC_BUTTON": "Log ind med Holmby Kommune",
            "KREDS_LOCAL_PASSWORDS": "off",
        }
        kreds.start()
        yield kreds, issuer
        kreds.stop()
        assert "Traceback" not in kreds.log(), kreds.log()
    finally:
        node.terminate()
        node.wait(10)


def at_the_provider(page: Page, login: str, issuer: str) -> None:
    """oidc-provider's own sign-in and consent pages, as the person fills them in."""
    expect(page).to_have_url(re.compile(re.escape(issuer)))
    page.locator('input[name="login"]').fill(login)
    page.locator('input[name="password"]').fill("hvad-som-helst")
    page.locator('button[type="submit"]').first.click()
    consent = page.locator('button[type="submit"]', has_text="Continue")
    if consent.count():
        consent.click()


def test_signing_in_through_the_municipalitys_provider(
    devices: Devices, with_provider: tuple[Server, str]
) -> None:
    kreds, issuer = with_provider
    accessible = Audit()
    mads = devices.open({**LAPTOP, **AUDITED}, f"{kreds.url}/")
    expect(mads.get_by_test_id("provider-button")).to_have_text("Log ind med Holmby Kommune")
    expect(mads.get_by_test_id("login-form")).to_have_count(0)
    expect(mads.get_by_test_id("setup-form")).to_have_count(0)
    shot(mads, "oidc-start")
    accessible(mads, "oidc-start")

    mads.get_by_test_id("provider-button").click()
    at_the_provider(mads, "mads", issuer)
    expect(mads.get_by_test_id("signed-in")).to_contain_text("Mads Kjær")
    expect(mads.get_by_test_id("to-admin")).to_have_count(0)  # a facilitator by the group claim
    shot(mads, "oidc-signed-in")

    # Logout ends the session at the provider too: the next sign-in asks there again.
    mads.get_by_test_id("logout").click()
    expect(mads).to_have_url(re.compile(re.escape(issuer)))
    mads.locator('button[type="submit"]', has_text="Yes").click()
    expect(mads.get_by_test_id("provider-button")).to_be_visible()
    mads.get_by_test_id("provider-button").click()
    expect(mads.locator('input[name="login"]')).to_be_visible()

    louise = devices.open(PHONE, f"{kreds.url}/")
    louise.get_by_test_id("provider-button").click()
    at_the_provider(louise, "louise", issuer)
    expect(louise.get_by_test_id("signed-in")).to_contain_text("Louise Holm")
    expect(louise.get_by_test_id("to-admin")).to_be_visible()  # an admin by the group claim
    expect(louise.get_by_test_id("account-settings")).to_have_count(0)  # no password here
    shot(louise, "oidc-admin-phone")

    karl = devices.open({**LAPTOP, **AUDITED}, f"{kreds.url}/")
    karl.get_by_test_id("provider-button").click()
    at_the_provider(karl, "karl", issuer)
    error = karl.get_by_test_id("provider-error")
    expect(error).to_have_attribute("data-reason", "not_allowed")
    expect(error).to_have_text("Du har ikke adgang til Kreds. Kontakt din administrator.")
    shot(karl, "oidc-refused")
    accessible(karl, "oidc-refused")
    assert not accessible.found, accessible.found
