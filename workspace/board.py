"""The deadlines board: every open dossier's next date, what falls due this week, what is late.

The dates are the packet's own (``letters.compose_packet``), as the public timeline shows them:
the person's deadlines and sending dates, and the days the body must answer by. A date past is
overdue when it is the person's (a deadline, a letter to send) or when the body has not
answered a letter in time (its progress says "overdue").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from letters import Case, compose_packet
from letters.model import PacketDate

from .store import DossierRow

WEEK = timedelta(days=7)
# A person's deadline that passed is overdue unless the letter that meets it was sent in time;
# the 20-day rectification is optional, so its passing is never overdue.
MET_BY = {"recourse": "recourse", "cada_window": "cada"}
OPTIONAL = {"rectification"}


@dataclass(frozen=True)
class Line:
    """One dossier on the board."""

    dossier_id: str
    referent_id: str | None
    person: str
    next: PacketDate | None
    this_week: tuple[PacketDate, ...]
    overdue: tuple[PacketDate, ...]
    late_answers: tuple[str, ...]  # titles of letters the body has not answered in time
    to_send: tuple[str, ...]  # titles of the letters the packet prepares now


@dataclass(frozen=True)
class Board:
    today: date
    by_referent: dict[str | None, list[Line]] = field(default_factory=dict)

    @property
    def lines(self) -> list[Line]:
        return [line for lines in self.by_referent.values() for line in lines]


def line_for(row: DossierRow, case: Case) -> Line:
    today = case.today
    assert today is not None
    packet = compose_packet(case)
    upcoming = [d for d in packet.dates if d.day >= today]
    sent = {e.letter: e.date for e in case.events if e.kind == "sent"}

    def met(d: PacketDate) -> bool:
        letter = MET_BY.get(d.key)
        return letter in sent and sent[letter] <= d.day

    # A "send by" date past is said by the deadline it serves, a week later: only that one counts.
    overdue = tuple(d for d in packet.dates
                    if d.day < today and d.owner == "person" and d.key not in OPTIONAL
                    and not d.key.startswith("send:") and not met(d))
    return Line(
        dossier_id=row.id, referent_id=row.referent_id, person=case.person.name,
        next=upcoming[0] if upcoming else None,
        this_week=tuple(d for d in upcoming if d.day < today + WEEK),
        overdue=overdue,
        late_answers=tuple(p.title for p in packet.progress if p.status == "overdue"),
        to_send=tuple(x.title for x in packet.letters),
    )


def board(dossiers: Iterable[tuple[DossierRow, Case]], today: date) -> Board:
    """Lines grouped by référent, most urgent first (overdue, then by next date)."""
    out: dict[str | None, list[Line]] = {}
    for row, case in dossiers:
        out.setdefault(row.referent_id, []).append(line_for(row, case))
    for lines in out.values():
        lines.sort(key=lambda x: (not (x.overdue or x.late_answers), x.next.day if x.next else date.max))
    return Board(today, out)


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
                    if d is not x.next and not d.key.startswith("send:")]  # those are listed below
            if x.to_send:
                out.append(f"    à envoyer : {' ; '.join(x.to_send)}")
    return "\n".join(out) + "\n"
