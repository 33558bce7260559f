"""Time-based codes (RFC 6238, pyotp): the fallback second factor. The secret is kept sealed
with the server's key, and a code is accepted once: never one of a step already used."""

import io
import os
import time

import pyotp
import segno
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from server.services.auth import Keys
from server.store.protocol import TotpRow

STEP_SECONDS = 30
DRIFT_STEPS = 1
"""A phone's clock may be a step behind or ahead."""


def new_secret() -> str:
    return pyotp.random_base32()


def _key(keys: Keys) -> bytes:
    return keys.digest("totp secret seal")


def seal(keys: Keys, secret: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(_key(keys)).encrypt(nonce, secret.encode(), b"totp")


def unseal(keys: Keys, sealed: bytes) -> str:
    return AESGCM(_key(keys)).decrypt(sealed[:12], sealed[12:], b"totp").decode()


def step_of(keys: Keys, held: TotpRow, code: str) -> int | None:
    """The step whose code this is for the user's sealed secret, newer than its last one used;
    otherwise None."""
    return matching_step(unseal(keys, held.secret), code, held.last_step)


def matching_step(secret: str, code: str, after_step: int, now: float | None = None) -> int | None:
    """The step whose code this is, if it is one of the steps around now and newer than the
    last one used; otherwise None."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    totp = pyotp.TOTP(secret)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        # pyotp compares in constant time; a used step is never accepted again.
        if step > after_step and totp.verify(code, for_time=step * STEP_SECONDS, valid_window=0):
            return step
    return None


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Kreds")


def qr_svg(uri: str) -> str:
    svg = io.BytesIO()
    segno.make(uri, error="m").save(
        svg, kind="svg", xmldecl=False, svgns=True, omitsize=True, border=2
    )
    return svg.getvalue().decode()
