"""Free text from people: trimmed, bounded, and never a CPR number."""

import re
import unicodedata

from server.domain.errors import Rejected, require

NOTE_MAX = 500
NAME_MAX = 40
RELATION_MAX = 80
TITLE_MAX = 80

# DDMMYY-XXXX or DDMMYYXXXX, with a plausible day and month, not inside a longer number; any
# dash (a phone's keyboard may make – or ‑ of -) and spaces around it count as the hyphen.
_CPR = re.compile(
    r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})\s*[-\u2010-\u2015\u2212]?\s*(\d{4})(?!\d)"
)
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def contains_cpr(text: str) -> bool:
    # NFKC folds look-alikes (full-width digits, non-breaking spaces) into what the pattern reads.
    return _CPR.search(unicodedata.normalize("NFKC", text)) is not None


def clean(text: str, *, limit: int, required: bool = True, multiline: bool = False) -> str:
    """Normalise and check one piece of free text; raise Rejected when it cannot be kept."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # the common case has nothing to replace: skip the walk
        allowed = {"\n"} if multiline else set()
        text = "".join(
            ch if ch in allowed or unicodedata.category(ch) not in _CONTROL else " " for ch in text
        )
    text = "\n".join(" ".join(line.split()) for line in text.strip().split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    require(bool(text) or not required, "invalid", "Skriv noget først.")
    if len(text) > limit:
        raise Rejected("too_large", f"Højst {limit} tegn.")
    if contains_cpr(text):
        raise Rejected("cpr_detected")
    return text
