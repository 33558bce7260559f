"""Authenticator-app codes: the steps around now are accepted, a used step never again, and
the secret is sealed with the server's key."""

import pyotp
import pytest

from server.identity import totp
from server.services.auth import Keys

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_796_000_000.0
STEP = int(NOW // 30)


def code_at(step: int) -> str:
    return str(pyotp.TOTP(SECRET).at(step * 30))


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_a_code_of_the_steps_around_now_is_accepted(offset: int) -> None:
    assert totp.matching_step(SECRET, code_at(STEP + offset), 0, NOW) == STEP + offset


@pytest.mark.parametrize("offset", [-3, -2, 2, 3])
def test_a_code_from_further_away_is_refused(offset: int) -> None:
    assert totp.matching_step(SECRET, code_at(STEP + offset), 0, NOW) is None


def test_a_step_already_used_is_refused() -> None:
    assert totp.matching_step(SECRET, code_at(STEP), STEP, NOW) is None
    assert totp.matching_step(SECRET, code_at(STEP - 1), STEP, NOW) is None
    assert totp.matching_step(SECRET, code_at(STEP + 1), STEP, NOW) == STEP + 1


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "12 34 5x", "١٢٣٤٥٦"])
def test_anything_but_six_digits_is_refused(typed: str) -> None:
    assert totp.matching_step(SECRET, typed, 0, NOW) is None


def test_spaces_in_a_typed_code_are_ignored() -> None:
    code = code_at(STEP)
    assert totp.matching_step(SECRET, f"{code[:3]} {code[3:]}", 0, NOW) == STEP


def test_the_secret_is_sealed_with_the_servers_key() -> None:
    keys = Keys(b"noegle-en")
    sealed = totp.seal(keys, SECRET)
    assert SECRET.encode() not in sealed
    assert totp.unseal(keys, sealed) == SECRET
    with pytest.raises(Exception):  # noqa: B017 - any failure: another key cannot open it
        totp.unseal(Keys(b"noegle-to"), sealed)


def test_the_app_is_told_the_account_and_kreds() -> None:
    uri = totp.provisioning_uri(SECRET, "louise@kommune.example")
    assert uri.startswith("otpauth://totp/Kreds:louise%40kommune.example?secret=")
    assert totp.qr_svg(uri).startswith("<svg")
