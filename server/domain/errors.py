"""Rejections: raised where a rule lives, turned into an ack in one place (rooms.py)."""

from collections.abc import Mapping
from typing import TypeVar

from shared_schema import ErrorCode

T = TypeVar("T")

MESSAGES: dict[ErrorCode, str] = {
    "not_allowed": "Det har du ikke adgang til.",
    "invalid": "Det kunne ikke forstås. Prøv igen.",
    "too_large": "Det er for langt eller for meget.",
    "rate_limited": "For mange på én gang. Vent et øjeblik, og prøv igen.",
    "not_found": "Det findes ikke (længere).",
    "conflict": "Det findes allerede.",
    "cpr_detected": "Teksten ligner et CPR-nummer. Skriv aldrig CPR-numre i Kreds.",
    "unavailable": "Mødet kan ikke nås lige nu. Prøv igen om lidt.",
    "closed": "Mødet er afsluttet. Intet kan ændres efter afslutningen.",
    "ancestry_loop": "En person kan ikke være sin egen forfader i genogrammet.",
    "too_many_parents": "Et barn kan højst have to biologiske forældre.",
    "born_after_child": "En forælder skal være født før sit barn.",
    "invalid_phone": "Skriv et dansk telefonnummer med 8 cifre, fx 20 30 40 50.",
    "deleted": "Mødet er slettet.",
}


class Rejected(Exception):
    """An intent or request that changes nothing, with a stable code and a Danish message."""

    def __init__(self, code: ErrorCode, message: str | None = None) -> None:
        super().__init__(code)
        self.code: ErrorCode = code
        self.message = message or MESSAGES[code]


def require(condition: bool, code: ErrorCode = "not_allowed", message: str | None = None) -> None:
    if not condition:
        raise Rejected(code, message)


def existing(held: Mapping[str, T], key: str, message: str) -> T:
    """What `held` holds under `key`; `not_found` with this message when it holds nothing."""
    found = held.get(key)
    if found is None:
        raise Rejected("not_found", message)
    return found
