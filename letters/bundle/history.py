"""What the person did and what came back, read from the case's events.

Each letter sent is recomposed as it was on the day it went: the case replayed with ``today``
set to the sending day and only the events before it, so the follow-up logic prepares the
same letters it prepared then (letters/followup.py). A letter the replay does not produce
(the person wrote it by other means) is listed without a text, and the file says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..case import Case
from ..catalogue import Term
from ..compose import compose_packet
from ..deadlines import body_due
from ..events import Event
from ..model import Letter

# Letters written to the body itself; the others go to an authority (CADA, CNIL, Défenseur).
TO_THE_BODY = ("explanation", "recourse", "reminder", "reply_partial", "remission")
GDPR_MONTHS = 1  # RGPD art. 12(3): one month from receipt, two more if announced


@dataclass(frozen=True)
class Step:
    """One letter the person sent, with what the events say about it."""

    letter: str
    title: str
    sent: date
    proof: str  # the registered-letter number or other proof noted with the 'sent' event
    received: date | None
    answer: Event | None
    extended: bool
    text: Letter | None  # the letter recomposed as on the day it was sent, if it can be

    @property
    def to_the_body(self) -> bool:
        return self.letter in TO_THE_BODY

    def due(self, months: int = GDPR_MONTHS) -> date:
        """When the body's silence becomes a failure to answer (latest plausible receipt)."""
        return body_due(self.sent, self.received, Term(basis=("rgpd-12",), months=months), self.extended)


@dataclass(frozen=True)
class Answer:
    """An answer the events record, with the title of the letter it answers."""

    date: date
    title: str
    answer: str
    issues: tuple[str, ...]


def as_sent(case: Case, letter: str, day: date) -> Letter | None:
    """The letter ``letter`` as Recours wrote it for the case on ``day``, or None."""
    earlier = tuple(e for e in case.events if e.date < day)
    packet = compose_packet(replace(case, today=day, events=earlier))
    return packet.letter(letter)


def steps(case: Case, titles: dict[str, str]) -> tuple[Step, ...]:
    """Every letter with a 'sent' event, oldest first; a letter sent twice counts from the last."""
    out = []
    for sent in (e for e in case.events if e.kind == "sent"):
        later = [e for e in case.events if e.letter == sent.letter and e.date >= sent.date]
        resent = any(e.kind == "sent" and e.date > sent.date for e in later)
        if resent:
            continue
        text = as_sent(case, sent.letter, sent.date)
        out.append(Step(
            letter=sent.letter, title=text.title if text else titles[sent.letter], sent=sent.date,
            proof=sent.proof,
            received=next((e.date for e in later if e.kind == "received_ack"), None),
            answer=next((e for e in later if e.kind == "answer"), None),
            extended=any(e.kind == "extension" for e in later), text=text,
        ))
    return tuple(out)


def answers(found: tuple[Step, ...]) -> tuple[Answer, ...]:
    """The answers received, oldest first."""
    out = [Answer(s.answer.date, s.title, s.answer.answer, s.answer.issues) for s in found if s.answer]
    return tuple(sorted(out, key=lambda a: a.date))
