"""Every date the packet shows, computed in one place, each with what it rests on.

All dates are estimates and err on the person's side: the person's delays are counted from
the earliest date the notification could have been received (the decision date unless the
person gives the date of receipt), a last day falling on a weekend or public holiday moves to
the next working day (CPC 642; CE 19 Sept 2014 n° 362568), and the "send by" date stays a
week earlier to leave room for the post. A body's delay runs from its receipt of the letter
(CSS R142-6, CRPA L114-3): from the acknowledgement of receipt when the events give it,
otherwise from the letter's date plus the time the post may take, never earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import catalogue
from .calendar_fr import add_months, next_working_day, previous_working_day
from .case import Case
from .catalogue import NOT_YET_DECIDED, Rectification, Route, Term
from .formatting import postcode_of

POSTAL_MARGIN = timedelta(days=7)


@dataclass(frozen=True)
class Deadline:
    """A date, whose date it is (the person's or the body's), and why."""

    key: str
    day: date
    owner: str  # "person" or "body"
    rests_on: str  # citation ids, e.g. "css-r142-1"
    notified: bool = False  # taken from the notification rather than computed


def notification_day(case: Case) -> date | None:
    """When the delay starts: receipt if known, otherwise the decision date (the earliest)."""
    return case.decision.received or case.decision.date


def recourse_deadline(case: Case, route: Route) -> Deadline | None:
    """Last day to lodge the recourse; the notification's own delay wins over ours.

    A control or a bare score is not a decision yet: it opens no recourse delay.
    """
    start = notification_day(case)
    if start is None or case.decision.kind in NOT_YET_DECIDED:
        return None
    notified = case.decision.notified_deadline
    if notified is not None:
        return Deadline("recourse", next_working_day(start + timedelta(days=notified.days)),
                        "person", "notification", notified=True)
    if route.deadline_months is None:
        return None
    last = next_working_day(add_months(start, route.deadline_months))
    return Deadline("recourse", last, "person", ",".join(route.bases))


def rectification_of(case: Case) -> Rectification | None:
    """The rectification request the benefit's own text opens for this body, if any."""
    for entry in catalogue.benefits()[case.decision.benefit].rectification:
        if not entry.bodies or case.organisation.kind in entry.bodies:
            return entry
    return None


def rectification_deadline(case: Case) -> Deadline | None:
    """The optional request to rectify an overpayment's information, before the recourse."""
    start = notification_day(case)
    rectification = rectification_of(case)
    if start is None or rectification is None or case.decision.kind != "overpayment":
        return None
    last = next_working_day(start + timedelta(days=rectification.days))
    return Deadline("rectification", last, "person", ",".join(rectification.basis))


def send_by(last_day: date) -> date:
    """A week before the last day, to leave the post its time; never a weekend or a holiday.

    >>> send_by(date(2027, 1, 8))  # a week before is New Year's Day: the day before it
    datetime.date(2026, 12, 31)
    """
    return previous_working_day(last_day - POSTAL_MARGIN)


def answer_due(written: date, term: Term, post: timedelta | None = None) -> Deadline:
    """When the body should have answered a letter dated ``written``: its term counted from the
    day the letter can have reached it (the letter's date plus the post), never earlier."""
    return Deadline("answer", body_due(written, None, term, post=post), "body", ",".join(term.basis))


# -- After the first letters: the body's answer, the CADA window, the court.

POSTAL_DELIVERY = timedelta(days=7)  # a registered letter may take this long to be received
POSTAL_DELIVERY_ABROAD = timedelta(days=21)  # an international registered letter, to France


def postal_delivery(case: Case) -> timedelta:
    """How long a letter from the person may take: longer from an address outside France (one
    without a French postcode line), until an acknowledgement of receipt gives the real date."""
    return POSTAL_DELIVERY if postcode_of(case.person.address) else POSTAL_DELIVERY_ABROAD


def body_due(sent: date, received: date | None, term: Term, extended: bool = False,
             post: timedelta | None = None) -> date:
    """When silence becomes a failure to answer, counted from the latest plausible receipt.

    Before calling a body late we assume the letter arrived as late as it plausibly could,
    unless the acknowledgement of receipt gives the real date. A GDPR extension (art. 12(3))
    adds two months.
    """
    start = received or sent + (post or POSTAL_DELIVERY)
    months = term.months + (2 if extended else 0)
    return next_working_day(add_months(start, months) + timedelta(days=term.days))


def cada_window_end(sent: date, received: date | None, refused_on: date | None) -> Deadline | None:
    """Last day to refer a refusal to the CADA (its window: authorities/cada.toml).

    The window runs from the refusal (R343-1): silence is a refusal one month after the body
    received the request (R311-13), counted from the acknowledgement's date when the events
    give it, otherwise from the sending day, the earliest the request can have arrived; an
    express refusal or partial answer starts it on its own date only when it came before that
    silence did. A later answer never lengthens the window, so it never looks longer than it is.
    """
    window = catalogue.authorities()["cada"].window
    if window is None:
        return None
    silence = add_months(received or sent, 1)
    start = min(refused_on, silence) if refused_on else silence
    return Deadline("cada_window", next_working_day(add_months(start, window.months)), "person",
                    ",".join(window.basis))


def court_deadline(rejected_on: date | None, recourse_sent: date | None, received: date | None,
                   route: Route) -> Deadline | None:
    """Last day to go to the route's court after the recourse, where the law sets one.

    Silence on the recourse becomes a rejection after the route's answer term counted from
    its receipt (the acknowledgement's date, or the sending day: the earliest, so the court
    delay is never shown longer than it is). A mediation has no answer term: its court delay
    starts only when the mediation ends (an answer event).
    """
    court = route.court
    if court.months is None:
        return None
    if rejected_on is not None:
        start = rejected_on
    elif recourse_sent is not None and route.answer is not None:
        start = add_months(received or recourse_sent, route.answer.months)
    else:
        return None
    return Deadline("court", next_working_day(add_months(start, court.months)), "person",
                    ",".join(court.basis))
