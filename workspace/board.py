"""The deadlines board: every open dossier's next date, what falls due this week, what is late.

The dates are the packet's own (``letters.compose_packet``), as the public timeline shows them:
the person's deadlines and sending dates, and the days the body must answer by. A date past is
overdue when it is the person's (a deadline, a letter to send) or when the body has not
answered a letter in time (its progress says "overdue").

A dossier's case gives its ``Summary`` (``summarize``): its dates, with no status, and what the
board says of it. The store keeps each summary (``board_store.py``), so that the board is drawn
without opening any case: ``line_of`` says, on the day it is read, what is next, what falls
this week and what is overdue, and words each date for that day (``letters.compose.date_label``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from letters import Case, compose_packet
from letters.compose import date_label

if TYPE_CHECKING:
    from .store import DossierRow

WEEK = timedelta(days=7)
# A person's deadline that passed is overdue unless the letter that meets it was sent in time;
# the 20-day rectification is optional, so its passing is never overdue.
MET_BY = {"recourse": "recourse", "cada_window": "cada"}
OPTIONAL = {"rectification"}


@dataclass(frozen=True)
class Dated:
    """One date of a dossier's packet, without its status: that depends on the day it is read."""

    key: str  # the packet's: "recourse", "due:explanation", "send:reminder"…
    day: date
    owner: str  # "person" or "body"
    late_if_past: bool  # gone by, it is overdue: a person's date not met, or a body's answer due
    done: date | None = None  # the day the person sent the letter that meets it
    title: str = ""  # what its label names besides the day (a letter's title), if anything


@dataclass(frozen=True)
class Summary:
    """What the board needs of one dossier, computed from its case on ``computed_on``."""

    computed_on: date
    person: str
    dates: tuple[Dated, ...]  # as the packet orders them: by day, then key
    to_send: tuple[str, ...]  # titles of the letters the packet prepared that day
    waiting: tuple[tuple[str, str], ...]  # (letter id, title) of the letters sent, in order


@dataclass(frozen=True)
class BoardDate:
    """A date as the board shows it on the day it is read."""

    key: str
    day: date
    owner: str
    label: str


@dataclass(frozen=True)
class Line:
    """One dossier on the board."""

    dossier_id: str
    referent_id: str | None
    person: str
    next: BoardDate | None
    this_week: tuple[BoardDate, ...]
    overdue: tuple[BoardDate, ...]
    late_answers: tuple[str, ...]  # titles of letters the body has not answered in time
    to_send: tuple[str, ...]  # titles of the letters the packet prepares now


@dataclass(frozen=True)
class Board:
    today: date
    by_referent: dict[str | None, list[Line]] = field(default_factory=dict)

    @property
    def lines(self) -> list[Line]:
        return [line for lines in self.by_referent.values() for line in lines]


def summarize(case: Case) -> Summary:
    today = case.today
    assert today is not None
    packet = compose_packet(case)
    sent = {e.letter: e.date for e in case.events if e.kind == "sent"}

    def late_if_past(key: str, owner: str, day: date) -> bool:
        if owner == "body":
            return key.startswith("due:")  # an answer due; the other body dates are estimates
        letter = MET_BY.get(key)
        met = letter in sent and sent[letter] <= day
        # A "send by" date past is said by the deadline it serves, a week later: only that one counts.
        return key not in OPTIONAL and not key.startswith("send:") and not met

    dates = tuple(Dated(d.key, d.day, d.owner, late_if_past(d.key, d.owner, d.day), d.done, d.title)
                  for d in packet.dates)
    return Summary(today, case.person.name, dates, tuple(x.title for x in packet.letters),
                   tuple((p.letter, p.title) for p in packet.progress))


def line_of(dossier_id: str, referent_id: str | None, summary: Summary, today: date) -> Line:
    """The dossier's line on ``today``, from its summary alone."""

    def shown(d: Dated) -> BoardDate:
        return BoardDate(d.key, d.day, d.owner, date_label(d.key, d.day, today, d.done, d.title)[0])

    upcoming = [d for d in summary.dates if d.day >= today]
    due = {d.key.removeprefix("due:"): d.day for d in summary.dates if d.key.startswith("due:")}
    return Line(
        dossier_id=dossier_id, referent_id=referent_id, person=summary.person,
        next=shown(upcoming[0]) if upcoming else None,
        this_week=tuple(shown(d) for d in upcoming if d.day < today + WEEK),
        overdue=tuple(shown(d) for d in summary.dates
                      if d.day < today and d.owner == "person" and d.late_if_past),
        late_answers=tuple(title for letter, title in summary.waiting
                           if letter in due and due[letter] < today),
        to_send=summary.to_send,
    )


def board_of(lines: Iterable[Line], today: date) -> Board:
    """Lines grouped by référent, most urgent first (overdue, then by next date)."""
    out: dict[str | None, list[Line]] = {}
    for line in lines:
        out.setdefault(line.referent_id, []).append(line)
    for group in out.values():
        group.sort(key=lambda x: (not (x.overdue or x.late_answers), x.next.day if x.next else date.max))
    return Board(today, out)


def board(dossiers: Iterable[tuple[DossierRow, Case]], today: date) -> Board:
    """The board from the cases themselves (the store's board reads their summaries instead)."""
    lines = (line_of(row.id, row.referent_id, summarize(case), today) for row, case in dossiers)
    return board_of(lines, today)


def as_text(found: Board, names: dict[str | None, str]) -> str:
    """The board as plain text (``clinic deadlines``)."""
    from letters.formatting import long_date

    def day(d: date) -> str:
        return long_date(d, "fr")

    out = [f"Échéances au {day(found.today)}"]
    if not found.by_referent:
        out.append("Aucun dossier ouvert.")
    for referent, lines in found.by_referent.items():
        out.append("")
        plural = "s" if len(lines) > 1 else ""
        out.append(f"== {names.get(referent, 'sans référent')} ({len(lines)} dossier{plural})")
        for x in lines:
            head = f"- {x.person} [{x.dossier_id[:8]}]"
            if x.next:
                head += f" : prochaine date {day(x.next.day)}, {x.next.label}"
            out.append(head)
            out += [f"    EN RETARD : {d.label} ({day(d.day)})" for d in x.overdue]
            out += [f"    SANS RÉPONSE DANS LE DÉLAI : {t}" for t in x.late_answers]
            out += [f"    cette semaine : {d.label} ({day(d.day)})" for d in x.this_week
                    if d != x.next and not d.key.startswith("send:")]  # those are listed below
            if x.to_send:
                out.append(f"    à envoyer : {' ; '.join(x.to_send)}")
    return "\n".join(out) + "\n"
