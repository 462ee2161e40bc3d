"""What happened after the first letters: sent, acknowledged, answered.

A case may carry an ``events`` list. Each event is validated like the rest of the case and
kept oldest first, so the follow-up logic can replay them in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .messages import N_

if TYPE_CHECKING:
    from .case import _Reader

EVENT_KINDS = ("sent", "received_ack", "answer", "extension")
ANSWERS = ("full", "partial", "refused", "rejected", "accepted")
ANSWER_ISSUES = ("secret_invoked", "generic_logic", "no_human_review", "no_score", "no_sources",
                 "no_reasons", "no_documents")
LETTER_IDS = ("explanation", "recourse", "reminder", "cada", "cnil", "defenseur", "reply_partial",
              "remission")
MAX_EVENTS = 100


@dataclass(frozen=True)
class Event:
    """One dated fact about one letter: it was sent, it arrived, or the body answered it."""

    date: date
    kind: str
    letter: str
    proof: str = ""
    answer: str = ""
    issues: tuple[str, ...] = ()


def parse_events(r: _Reader, raw: Any, today: date | None, decided: date | None) -> tuple[Event, ...]:
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
        day = r.day(e, "date", f"{path}.date", label=N_("La date de l'événement"))
        if day is None and "date" not in e:
            r.error(f"{path}.date", N_("La date de l'événement est obligatoire."))
        if day and today and day > today:
            r.error(f"{path}.date", N_("Cette date est dans le futur : vérifiez-la."))
        if day and decided and day < decided:
            r.error(f"{path}.date", N_("Cette date est antérieure à la décision : vérifiez-la."))
        kind = r.choice(e, "kind", f"{path}.kind", EVENT_KINDS, label=N_("Le type d'événement"))
        letter = r.choice(e, "letter", f"{path}.letter", LETTER_IDS, label=N_("La lettre concernée"))
        answer = ""
        if kind == "answer":
            answer = r.choice(e, "answer", f"{path}.answer", ANSWERS, label=N_("Le type de réponse"))
        issues = e.get("issues", [])
        if not isinstance(issues, list) or not all(isinstance(x, str) for x in issues):
            r.error(f"{path}.issues", N_("Les manques de la réponse doivent être une liste."))
            issues = []
        for j, issue in enumerate(issues):
            if issue not in ANSWER_ISSUES:
                r.error(f"{path}.issues.{j}",
                        N_("« {value} » n'est pas un manque connu. Possibles : {allowed}."),
                        value=issue[:40], allowed=", ".join(ANSWER_ISSUES))
        if day and kind and letter:
            events.append(Event(day, kind, letter, r.text(e, "proof", f"{path}.proof", label=N_("La preuve")),
                                answer, tuple(x for x in ANSWER_ISSUES if x in issues)))
    return tuple(sorted(events, key=lambda ev: ev.date))

