"""Dates and amounts in the letter's language, through Babel (never the UI locale)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency

LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES", "ar": "ar"}
_POSTCODE_CITY = re.compile(r"^\s*(?:F-)?(\d{5})\s+(.+?)\s*(?:cedex.*)?$", re.IGNORECASE)


def long_date(day: date, language: str) -> str:
    """'29 novembre 2026'; French writes the first of the month '1er'."""
    text = format_date(day, format="long", locale=_locale(language))
    if language == "fr" and day.day == 1:
        text = re.sub(r"^1(?=\s)", "1er", text)
    return text


def money(amount: float, language: str) -> str:
    return format_currency(amount, "EUR", locale=_locale(language))


# A delay in words, as letters write it ("deux mois"); larger numbers in figures.
_MONTHS = {"fr": ("un mois", "deux mois", "trois mois"), "en": ("one month", "two months", "three months")}
_MONTHS_MANY = {"fr": "{n} mois", "en": "{n} months"}


def months(count: int, language: str) -> str:
    """A number of months in words where a letter writes it so.

    >>> months(2, "fr"), months(6, "en")
    ('deux mois', '6 months')
    """
    words = _MONTHS.get(language, ())
    return words[count - 1] if 1 <= count <= len(words) else _MONTHS_MANY.get(language, "{n}").format(n=count)


_YEARS = {"fr": ("un an", "deux ans", "trois ans", "quatre ans", "cinq ans"),
          "en": ("one year", "two years", "three years", "four years", "five years")}
_YEARS_MANY = {"fr": "{n} ans", "en": "{n} years"}


def years(count: int, language: str) -> str:
    """A number of years in words, as a letter writes a prescription delay.

    >>> years(2, "fr"), years(3, "en"), years(10, "fr")
    ('deux ans', 'three years', '10 ans')
    """
    words = _YEARS.get(language, ())
    return words[count - 1] if 1 <= count <= len(words) else _YEARS_MANY.get(language, "{n}").format(n=count)
def of_months(count: int, language: str) -> str:
    """A number of months after « de », elided where French elides it.

    >>> of_months(1, "fr"), of_months(2, "fr"), of_months(1, "en")
    ("d'un mois", 'de deux mois', 'one month')
    """
    words = months(count, language)
    if language != "fr":
        return words
    return f"d'{words}" if words.startswith(("un ", "onze ")) else f"de {words}"


def joined(items: list[str], language: str) -> str:
    """Several items in one phrase, as the language joins them.

    >>> joined(["l'article L. 411-7", "l'article R. 262-89"], "fr")
    "l'article L. 411-7 et l'article R. 262-89"
    """
    return str(format_list(items, locale=_locale(language)))


# How a citation names its code, the words for one and for several articles, and how several
# numbers are joined inside one citation, per language.
CITATION_PARTS = {"fr": (" du code ", "article ", "articles ", " et "),
                  "en": (" of the ", "Article ", "Articles ", " and ")}


def joined_citations(citations: list[str], language: str) -> str:
    """Citations joined, the articles of one code named together before the code, once:
    "articles R. 421-1 et R. 421-5 du code de justice administrative".

    >>> joined_citations(["article R. 421-1 du code de justice administrative",
    ...                   "article R. 421-5 du code de justice administrative"], "fr")
    'articles R. 421-1 et R. 421-5 du code de justice administrative'
    >>> joined_citations(["articles R. 262-89 et R. 262-90 du code de la route",
    ...                   "article L. 411-7 du code civil"], "fr")
    'articles R. 262-89 et R. 262-90 du code de la route et article L. 411-7 du code civil'
    """
    if language not in CITATION_PARTS:
        return joined(citations, language)
    sep, one, many, among = CITATION_PARTS[language]
    groups: list[tuple[str, list[str]]] = []  # (code, article numbers), in the order cited; "" kept whole
    for text in citations:
        head, found, code = text.partition(sep)
        if found and head.startswith((one, many)):
            numbers = head.removeprefix(many).removeprefix(one).split(among)
            if groups and groups[-1][0] == code:
                groups[-1][1].extend(numbers)
            else:
                groups.append((code, numbers))
        else:
            groups.append(("", [text]))
    return joined([numbers[0] if not code else
                   f"{one if len(numbers) == 1 else many}{joined(numbers, language)}{sep}{code}"
                   for code, numbers in groups], language)


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
            return match.group(2)
    return ""


def postcode_of(address: tuple[str, ...]) -> str:
    """The postcode of a French address, read from its 'postcode town' line, or ''.

    >>> postcode_of(("12 rue des Lilas", "33000 Bordeaux"))
    '33000'
    """
    for line in reversed(address):
        match = _POSTCODE_CITY.match(line)
        if match:
            return match.group(1)
    return ""


# French merges "à" and "de" with the articles "le" and "les"; it elides "de" before a vowel.
_CONTRACTED = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def after(preposition: str, phrase: str) -> str:
    """A phrase after a French preposition, contracted as French writes it.

    >>> after("à", "le revenu de solidarité active"), after("à", "mon compte bancaire")
    ('au revenu de solidarité active', 'à mon compte bancaire')
    >>> after("de", "les données"), after("de", "allocation")
    ('des données', "d'allocation")
    """
    article, _, rest = phrase.partition(" ")
    merged = _CONTRACTED.get((preposition, article))
    if merged and rest:
        return f"{merged} {rest}"
    if preposition == "de" and phrase[:1].casefold() in "aâeéèêiîoôuy":
        return f"d'{phrase}"
    return f"{preposition} {phrase}"
