"""Dates and amounts in the letter's language, through Babel (never the UI locale)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES", "ar": "ar"}
_POSTCODE_CITY = re.compile(r"^\s*(?:F-)?\d{5}\s+(.+?)\s*(?:cedex.*)?$", re.IGNORECASE)


def long_date(day: date, language: str) -> str:
    """'29 novembre 2026'; French writes the first of the month '1er'."""
    text = format_date(day, format="long", locale=_locale(language))
    if language == "fr" and day.day == 1:
        text = re.sub(r"^1(?=\s)", "1er", text)
    return text


def money(amount: float, language: str) -> str:
    return format_currency(amount, "EUR", locale=_locale(language))


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    """Parsed once: a letter formats a dozen dates and amounts."""
    return Locale.parse(LOCALES[language])


def place_of(address: tuple[str, ...]) -> str:
    """The town of a French address, read from its 'postcode town' line, or ''.

    >>> place_of(("12 rue des Lilas", "33000 Bordeaux"))
    'Bordeaux'
    """
    for line in reversed(address):
        match = _POSTCODE_CITY.match(line)
        if match:
            return match.group(1)
    return ""
