"""What an ID token's claims make of a person: their role from the group claim, their e-mail
from an allowed domain; anything else refused with its reason."""

from typing import Any

import pytest

from server.identity.oidc import Refused, email_of, name_of, role_of
from server.settings import OidcSettings

SETTINGS = OidcSettings(
    issuer="https://login.example/kommune",
    client_id="kreds",
    client_secret="x",
    admin_group="kreds-admin",
    facilitator_group="kreds-moedeleder",
    email_domains=["kommune.dk"],
)


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (["kreds-admin"], "admin"),
        (["kreds-moedeleder", "kreds-admin"], "admin"),
        (["kreds-moedeleder"], "facilitator"),
        ("kreds-moedeleder", "facilitator"),
    ],
)
def test_the_group_claim_gives_the_role(groups: Any, role: str) -> None:
    assert role_of(SETTINGS, {"groups": groups}) == role


@pytest.mark.parametrize("groups", [[], ["alle-ansatte"], None, 7, [{"id": "kreds-admin"}]])
def test_someone_in_neither_group_is_refused(groups: Any) -> None:
    with pytest.raises(Refused) as refused:
        role_of(SETTINGS, {"groups": groups})
    assert refused.value.reason == "not_allowed"


def test_without_a_facilitator_group_everyone_let_through_is_a_facilitator() -> None:
    open_to_all = OidcSettings(issuer="https://x", client_id="k", client_secret="s")
    assert role_of(open_to_all, {}) == "facilitator"


@pytest.mark.parametrize(
    ("claims", "email"),
    [
        ({"email": "Louise.Holm@Kommune.dk"}, "louise.holm@kommune.dk"),
        ({"preferred_username": "mads@kommune.dk"}, "mads@kommune.dk"),
        ({"email": "", "upn": "karen@kommune.dk"}, "karen@kommune.dk"),
    ],
)
def test_the_email_comes_from_the_token(claims: dict[str, Any], email: str) -> None:
    assert email_of(SETTINGS, claims) == email


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"email": "louise@gmail.com"}, "domain"),
        ({"email": "louise@kommune.dk.evil.example"}, "domain"),
        ({"email": "ingen-snabel-a"}, "email"),
        ({}, "email"),
        ({"email": ["louise@kommune.dk"]}, "email"),
    ],
)
def test_an_email_outside_the_allowed_domains_is_refused(
    claims: dict[str, Any], reason: str
) -> None:
    with pytest.raises(Refused) as refused:
        email_of(SETTINGS, claims)
    assert refused.value.reason == reason


def test_a_missing_name_falls_back_to_the_email() -> None:
    assert name_of({"name": "  Louise   Holm "}, "louise@kommune.dk") == "Louise Holm"
    assert name_of({}, "louise@kommune.dk") == "louise"
