"""French dates, amounts and month periods as notifications print them, read into values.

Each reader returns the value and the exact words it was read from, or None.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?:1er|[0-3]?\d)"
_YEAR = r"(?:19|20)\d\d"
DATE = rf"(?:{_DAY}\s+{_MONTH}\s+{_YEAR}|[0-3]?\d\s?[/.]\s?[01]?\d\s?[/.]\s?{_YEAR})"
_WORDED = re.compile(rf"({_DAY})\s+({_MONTH})\s+({_YEAR})", re.I)
_NUMERIC = re.compile(rf"([0-3]?\d)\s?[/.]\s?([01]?\d)\s?[/.]\s?({_YEAR})")
# 2 340,50 € / 2340,50 € / 612 € / 1.180,40 euros; the thousands may be split by a space of any kind.
AMOUNT = r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(\d{2}))?\s?(?:€|euros?\b|EUR\b)"
_AMOUNT = re.compile(AMOUNT, re.I)
_MONTH_YEAR = rf"({_MONTH})(?:\s+({_YEAR}))?"
_MONTH_RANGE = re.compile(rf"\b(?:de|d')\s*{_MONTH_YEAR}\s+(?:à|a|au mois de)\s+{_MONTH_YEAR}", re.I)
_DATE_RANGE = re.compile(rf"\b(?:du|de)\s+({DATE})\s+(?:au|à)\s+({DATE})", re.I)


def parse_date(text: str) -> date | None:
    """The date ``text`` holds, in words or figures, if it is a real one.

    >>> parse_date("10 novembre 2026"), parse_date("1er mars 2025"), parse_date("14/10/2026")
    (datetime.date(2026, 11, 10), datetime.date(2025, 3, 1), datetime.date(2026, 10, 14))
    >>> parse_date("31/02/2026") is None
    True
    """
    m = _WORDED.search(text)
    if m:
        day, month, year = m.group(1), MONTHS[m.group(2).lower()], int(m.group(3))
        day = 1 if day.lower() == "1er" else int(day)
    else:
        m = _NUMERIC.search(text)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates(text: str) -> list[tuple[date, str]]:
    """Every real date in ``text``, in order, with its words."""
    found = []
    for m in re.finditer(DATE, text, re.I):
        day = parse_date(m.group(0))
        if day:
            found.append((day, m.group(0)))
    return found


def amounts(text: str) -> list[tuple[float, str]]:
    """Every amount in euros in ``text``, in order, with its words.

    >>> [value for value, _ in amounts("soit 2 340,50 € puis 612 euros et 1.180,40 EUR")]
    [2340.5, 612.0, 1180.4]
    """
    found = []
    for m in _AMOUNT.finditer(text):
        units = re.sub(r"[ \u00a0\u202f.]", "", m.group(1))
        found.append((int(units) + int(m.group(2) or 0) / 100, m.group(0)))
    return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period(text: str) -> tuple[dict[str, str], str] | None:
    """The first period of ``text`` ("du 01/03/2026 au 31/08/2026", "de janvier à juin 2025"),
    as ``{"from", "to"}`` ISO dates, with its words. A month range covers whole months.

    >>> period("pour la période de janvier à juin 2025")[0]
    {'from': '2025-01-01', 'to': '2025-06-30'}
    >>> period("versées du 3 mars 2026 au 28 avril 2026.")[0]
    {'from': '2026-03-03', 'to': '2026-04-28'}
    >>> period("de novembre 2025 à février 2026")[0]
    {'from': '2025-11-01', 'to': '2026-02-28'}
    """
    candidates = []
    m = _DATE_RANGE.search(text)
    if m:
        start, end = parse_date(m.group(1)), parse_date(m.group(2))
        if start and end and start <= end:
            candidates.append((m.start(), {"from": start.isoformat(), "to": end.isoformat()}, m.group(0)))
    m = _MONTH_RANGE.search(text)
    if m:
        first, first_year, last, last_year = m.group(1), m.group(2), m.group(3), m.group(4)
        if last_year:
            end_year = int(last_year)
            start_month, end_month = MONTHS[first.lower()], MONTHS[last.lower()]
            start_year = int(first_year) if first_year else end_year - (start_month > end_month)
            start, end = date(start_year, start_month, 1), _month_end(end_year, end_month)
            if start <= end:
                candidates.append((m.start(), {"from": start.isoformat(), "to": end.isoformat()}, m.group(0)))
    if not candidates:
        return None
    _, value, words = min(candidates, key=lambda c: c[0])
    return value, words
