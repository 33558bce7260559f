"""Free text from people: trimmed, bounded, and never a CPR number."""

import datetime
import re
import unicodedata

from server.domain.errors import Rejected, require

# The limits are shared_schema's (the web client stops typing at them); the domain reads them here.
from shared_schema.limits import NAME_MAX, NOTE_MAX, RELATION_MAX, TITLE_MAX

__all__ = [
    "NAME_MAX",
    "NOTE_MAX",
    "RELATION_MAX",
    "TITLE_MAX",
    "clean",
    "contains_cpr",
]

_DIGIT = re.compile(r"\d")
"""Any decimal digit of any script (str patterns match them all)."""
_CPR = re.compile(
    r"(?<![0-9])(?=([0-9]{2})[\s./\\_-]{0,3}([0-9]{2})[\s./\\_-]{0,3}([0-9]{2})[\s./\\_-]{0,3}"
    r"([0-9]{4})(?![0-9]))",
    re.ASCII,
)
"""DDMMYY-XXXX (after `_for_checking`): any run of up to three dashes, spaces, dots, slashes or
underscores between the groups, or none; not inside a longer number. A lookahead, so that
candidates may overlap: one that is no date cannot hide a real one starting inside it."""
_RUN = re.compile(r"[0-9]+(?:[\s./\\_-]{1,3}[0-9]+)*", re.ASCII)
"""Digits and what separates them, as one run: letters or other signs end it."""
_SPLIT = re.compile(r"([^0-9]+)", re.ASCII)
_DASH_LIKE = frozenset("\u2212\u2043\u02d7\u2796\ufe63")
"""Minus signs and hyphen look-alikes that are not in the dash category (Pd)."""
_SLASH_LIKE = frozenset("\u2044\u2215\u29f8\u2571\uff0f\u29f5\u2216\uff3c")
_DOT_LIKE = frozenset("\u00b7\u2022\u2024\u2027\u2219\u22c5\u30fb\uff0e\uff65\u3002\uff61")
_INVISIBLE = frozenset({"Mn", "Me", "Cf"})
"""Combining marks and format characters (zero-width spaces and joiners, soft hyphens,
direction marks): they change nothing a reader sees in a number, so they are left out."""
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def _for_checking(folded: str) -> str:
    """The (NFKC-folded) text as the CPR pattern reads it: digits of every script as 0-9,
    every dash as -, every space as a space, every dot and slash as . and /, and nothing
    invisible."""
    if folded.isascii():
        return folded
    out: list[str] = []
    for ch in folded:
        if ch.isascii():
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in _INVISIBLE:
            continue
        digit = unicodedata.decimal(ch, None)  # Arabic-Indic, Devanagari, Thai ... digits
        if digit is not None:
            out.append(str(digit))
        elif category == "Pd" or ch in _DASH_LIKE:
            out.append("-")
        elif ch.isspace():
            out.append(" ")
        elif ch in _SLASH_LIKE:
            out.append("/")
        elif ch in _DOT_LIKE:
            out.append(".")
        else:
            out.append(ch)
    return "".join(out)


def _real_date(day: str, month: str, year: str) -> bool:
    """DDMMYY is a day that exists. The century is not known from six digits; 2000 + YY is a
    leap year exactly when YY is divisible by four (29 February 2000 counts as real)."""
    try:
        datetime.date(2000 + int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def contains_cpr(text: str) -> bool:
    """Whether the text holds ten digits in the shape of a CPR number whose first six are a
    real date. Eight-digit phone numbers, prices, times and dates alone pass."""
    # NFKC folds full-width forms, superscripts, circled and mathematical digits into 0-9.
    folded = unicodedata.normalize("NFKC", text)
    if len(_DIGIT.findall(folded)) < 10:
        return False  # the common case, decided without walking the text
    checked = _for_checking(folded)
    if any(_real_date(*found.groups()[:3]) for found in _CPR.finditer(checked)):
        return True
    return any(_spaced_out(run.group()) for run in _RUN.finditer(checked))


def _spaced_out(run: str) -> bool:
    """Ten digits spread out evenly: one and the same separator between every group, however
    the digits are grouped ("0 1 0 1 9 0 1 2 3 4", "01 01 90 12 34"). A date and a time
    ("12.03.25 10.30") mix their separators, and pass."""
    parts = _SPLIT.split(run)
    groups, separators = parts[0::2], parts[1::2]
    for first in range(len(groups)):
        digits = ""
        for last in range(first, len(groups)):
            digits += groups[last]
            if len(digits) > 10:
                break
            if len(digits) == 10 and len(set(separators[first:last])) <= 1:
                if _real_date(digits[0:2], digits[2:4], digits[4:6]):
                    return True
    return False


def clean(text: str, *, limit: int, required: bool = True, multiline: bool = False) -> str:
    """Normalise and check one piece of free text; raise Rejected when it cannot be kept."""
    text = unicodedata.normalize("NFC", text)
    # Checked as typed too: below, invisible characters become spaces, and a zero-width joiner
    # between every digit would then read as ten single digits.
    typed = text
    if not text.isprintable():  # the common case has nothing to replace: skip the walk
        allowed = {"\n"} if multiline else set()
        text = "".join(
            ch if ch in allowed or unicodedata.category(ch) not in _CONTROL else " " for ch in text
        )
    text = "\n".join(" ".join(line.split()) for line in text.strip().split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    require(bool(text) or not required, "invalid", say="text.empty")
    if len(text) > limit:
        raise Rejected("too_large", say="text.too_long", params={"max": limit})
    if contains_cpr(text) or (typed != text and contains_cpr(typed)):
        raise Rejected("cpr_detected")
    return text
