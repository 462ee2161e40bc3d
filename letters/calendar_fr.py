"""Calendar arithmetic for French deadlines: months, public holidays, working days.

Kept free of legal choices: which delay applies lives in ``deadlines.py``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta


def add_months(start: date, months: int) -> date:
    """Same day number ``months`` later, or the month's last day when it has no such day.

    >>> add_months(date(2026, 12, 31), 2)
    datetime.date(2027, 2, 28)
    """
    moved: date = start + relativedelta(months=months)
    return moved


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The eleven national public holidays (code du travail L3133-1).

    Alsace-Moselle's two extra days are not included: the rule we apply only ever
    moves a deadline later, so leaving them out keeps the estimate on the safe side.

    >>> date(2027, 3, 29) in public_holidays(2027)  # Easter Monday
    True
    """
    sunday = easter(year)
    return frozenset({
        date(year, 1, 1), sunday + timedelta(days=1), date(year, 5, 1), date(year, 5, 8),
        sunday + timedelta(days=39), sunday + timedelta(days=50), date(year, 7, 14),
        date(year, 8, 15), date(year, 11, 1), date(year, 11, 11), date(year, 12, 25),
    })


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def previous_working_day(day: date) -> date:
    """``day`` itself if it is a working day, otherwise the last working day before it: a day
    to post a letter by cannot be one when the post office is closed."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
