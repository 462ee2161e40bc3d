"""What happened after the first letters: sent, acknowledged, answered.

A case may carry an ``events`` list. Each event is validated like the rest of the case (its
fields are declared in ``fields.py``) and kept oldest first, so the follow-up logic can
replay them in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .fields import EVENT_BY_KEY, MAX_EVENTS
from .messages import N_
from .reader import Reader

# The web form shows this one at the decision's date when that date is changed (web/casepages.py).
BEFORE_DECISION = N_("Cette date est antérieure à la décision : vérifiez-la.")


@dataclass(frozen=True)
class Event:
    """One dated fact about one letter: it was sent, it arrived, or the body answered it."""

    date: date
    kind: str
    letter: str
    proof: str = ""
    answer: str = ""
    issues: tuple[str, ...] = ()


def parse_events(r: Reader, raw: Any, today: date | None, decided: date | None) -> tuple[Event, ...]:
    """Read the ``events`` list, reporting each problem at ``events.N.field``."""
    if raw is None or raw == []:
        return ()
    if not isinstance(raw, list):
        r.error("events", N_("Les événements doivent être une liste."))
        return ()
    if len(raw) > MAX_EVENTS:
        r.error("events", N_("Trop d'événements : {limit} au plus."), limit=MAX_EVENTS)
        return ()
    events = []
    for i, item in enumerate(raw):
        path = f"events.{i}"
        e = r.obj(item, path)
        if not e:
            continue

        def read(key: str) -> Any:
            return r.read(EVENT_BY_KEY[key], e, f"{path}.{key}")  # noqa: B023 (read at once)

        day = read("date")
        if day and today and day > today:
            r.error(f"{path}.date", N_("Cette date est dans le futur : vérifiez-la."))
        if day and decided and day < decided:
            r.error(f"{path}.date", BEFORE_DECISION)
        kind, letter = read("kind"), read("letter")
        answer = read("answer") if kind == "answer" else ""
        if kind == "answer" and not answer and not r.has_error(f"{path}.answer"):
            r.error(f"{path}.answer", N_("{label} est obligatoire."), label=EVENT_BY_KEY["answer"].label)
        issues, proof = read("issues"), read("proof")
        if day and kind and letter:
            events.append(Event(day, kind, letter, proof, answer, issues))
    return tuple(sorted(events, key=lambda ev: ev.date))
