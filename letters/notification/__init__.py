"""Reading a notification: the fields of a partial case, each with the words it was read from,
and the mentions the law requires that the notification lacks.

Two ways in, one answer::

    reading = read_notification(uploaded_bytes, "courrier.jpg")  # PDF, JPEG, PNG or text
    reading = read_text(pasted_text)
    reading.as_dict()  # {"case": {...}, "found": [{"field", "value", "source"}],
                       #  "missing_mentions": [{"id", "basis", "message"}]}

A file that cannot be read raises ``UnreadableNotification`` with a plain-French message.
Nothing is written to disk and nothing read is logged; nothing read is used before the person
confirms it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import errors, files, mentions, rules
from .errors import UnreadableNotification
from .layout import Letter
from .text import Page, read_pages

# Found and shown to the person, but not (yet) a field of the case.
NOT_IN_CASE = ("decision.reason", "decision.recovery_announced")


@dataclass(frozen=True)
class Reading:
    """What was read: every field found, the partial case they make, the missing mentions."""

    found: tuple[rules.Found, ...]
    missing_mentions: tuple[mentions.Missing, ...] = ()
    pages: tuple[Page, ...] = field(default=(), compare=False)

    @property
    def case(self) -> dict[str, Any]:
        """The fields as a partial case, with the case's own field names (letters/case.py)."""
        case: dict[str, Any] = {}
        for f in self.found:
            if f.field in NOT_IN_CASE or not _fits_the_case(f):
                continue
            part, key = f.field.split(".", 1)
            case.setdefault(part, {})[key] = f.value
        return case

    def as_dict(self) -> dict[str, Any]:
        return {"case": self.case, "found": [f.as_dict() for f in self.found],
                "missing_mentions": [m.as_dict() for m in self.missing_mentions]}


def _fits_the_case(f: rules.Found) -> bool:
    # The case holds a notified delay in days only; "deux mois" is shown, not converted (two
    # months are not sixty days) and the route's own two-month delay applies.
    return f.field != "decision.notified_deadline" or "days" in f.value


def read_notification(data: bytes, filename_hint: str | None = None) -> Reading:
    """Read a notification file (PDF, JPEG, PNG or plain text) held in memory.

    Raises ``UnreadableNotification`` (empty, not a supported kind, too large, too many pages,
    damaged, too blurred, no text).
    """
    opened = files.check(data, filename_hint)
    pages = read_pages(data, opened)
    text = "\n\n".join(p.text for p in pages)
    if sum(c.isalpha() for c in text) < files.MIN_TEXT_CHARS:
        raise errors.no_text()
    return _read(text, pages)


def read_text(text: str) -> Reading:
    """Read the text of a notification, pasted or typed."""
    return _read(text, (Page(1, text),))


def _read(text: str, pages: Sequence[Page]) -> Reading:
    letter = Letter(text)
    found = [*rules.organisation(letter), *rules.person_and_references(letter), *rules.decision_date(letter)]
    org = next((f.value for f in found if f.field == "organisation.kind"), None)
    found += rules.decision_kind_and_benefit(letter, org)
    kind = next((f.value for f in found if f.field == "decision.kind"), None)
    if kind == "overpayment":
        found += rules.overpayment(letter)
    extra = [rules.reason(letter) if kind in rules.DECIDED else None, rules.appeal(letter)]
    found += [f for f in extra if f]
    law = rules.cites_law(letter)
    by_name = {f.field: f for f in found} | ({"(law)": law} if law else {})
    facts, missing = mentions.check(letter, by_name, all(p.readable for p in pages))
    return Reading(tuple(found + facts), tuple(missing), tuple(pages))


__all__ = ["Reading", "UnreadableNotification", "read_notification", "read_text"]
