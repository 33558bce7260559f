"""The participants' summary page in the reader's own language. The referat is the Danish case
record, so it stays Danish; what is translated is its frame (the page's language and direction,
headings, table heads, the toolbar) and what people wrote stands as written. The phone's choice
arrives as `?lang=` or as the cookie the phone sets when a language is chosen."""

import html

from server.render.summary_phrases import PHRASES
from server.render.words import DANISH

LANGUAGES = ("da", "en", "ar", "fa", "so", "tr", "ur", "pl", "uk", "ti")
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur"})
COOKIE = "kreds_lang"


def chosen(asked: str | None, remembered: str | None) -> str:
    """The reader's language: the link's, else the phone's remembered one, else Danish. An
    unknown code is no choice."""
    for code in (asked, remembered):
        if code in LANGUAGES:
            return code
    return "da"


def frame(lang: str) -> dict[str, str]:
    """The page's words in `lang`: its translated frame over the Danish record. A language
    without a frame (Danish, or one unknown) is the Danish page as it is."""
    return {**DANISH, **PHRASES.get(lang, {})}


def opening(lang: str) -> str:
    """The page's <html> tag: Danish as the record is, or the reader's language and direction."""
    if lang not in PHRASES:
        return '<html lang="da">'
    return f'<html lang="{lang}" dir="{"rtl" if lang in RIGHT_TO_LEFT else "ltr"}">'


def tools(lang: str, calendar: str = "") -> str:
    """The summary page's toolbar in `lang`: print, and the next meeting's .ics at `calendar`."""
    words = frame(lang)
    bar = f'<nav class="tools" aria-label="{html.escape(words["record"])}">'
    bar += f'<button type="button" class="button" data-print>{html.escape(words["print"])}</button>'
    if calendar:
        link = f'<a class="button" href="{html.escape(calendar)}" download>'
        bar += link + f"{html.escape(words['calendar'])}</a>"
    return bar + "</nav>"
