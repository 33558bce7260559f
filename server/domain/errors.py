"""Rejections: raised where a rule lives, turned into an ack in one place (rooms.py)."""

from shared_schema import ErrorCode

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
