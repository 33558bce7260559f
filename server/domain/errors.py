"""Rejections: raised where a rule lives, turned into an ack in one place (rooms.py)."""

from collections.abc import Mapping
from typing import TypeVar

from shared_schema import Ack, ErrorCode, RefusalId

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
"""The server's own Danish for each code, where the server words an answer itself (an HTTP
body, the CLI); a client words a refusal from its own catalogue by the ack's message id."""


class Rejected(Exception):
    """An intent or request that changes nothing: a stable code, what it says as a message id
    and its parameters (`say`, `params`: the client words it), and `message`, the server's own
    Danish where it words the answer itself."""

    def __init__(
        self,
        code: ErrorCode,
        message: str | None = None,
        *,
        say: ErrorCode | RefusalId | None = None,
        params: Mapping[str, str | int] | None = None,
    ) -> None:
        super().__init__(code)
        self.code: ErrorCode = code
        self.message = message or MESSAGES[code]
        self.say: ErrorCode | RefusalId = say or code
        self.params: dict[str, str | int] = dict(params or {})

    def ack(self, op_id: str) -> Ack:
        """The refusal as the client gets it: the code, what it says by id, its particulars."""
        return Ack(id=op_id, ok=False, code=self.code, message=self.say, params=self.params or None)


def require(
    condition: bool,
    code: ErrorCode = "not_allowed",
    *,
    say: RefusalId | None = None,
    params: Mapping[str, str | int] | None = None,
) -> None:
    if not condition:
        raise Rejected(code, say=say, params=params)


def existing(held: Mapping[str, T], key: str, say: RefusalId) -> T:
    """What `held` holds under `key`; `not_found`, saying `say`, when it holds nothing."""
    found = held.get(key)
    if found is None:
        raise Rejected("not_found", say=say)
    return found
