"""The step-by-step interview: which questions a case still needs, one short step at a time.

Which fields a step asks is data (``fields.py``: each field's ``step`` and ``ask`` rule); this
module only applies it to a case: a field is asked when its rule holds for the body, the kind
of decision, the benefit and the reason given so far, and when the person has not already
confirmed it from their notification (``confirmed``: those are shown as facts instead).
Web-free: the pages (web/interview.py) render what it says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .fields import CASE_FIELDS, STEPS, Field

# The sub-fields a notification's reading gives as one (a period, the notified delay).
GROUPS = {"decision.period": ("decision.period.from", "decision.period.to"),
          "decision.notified_deadline": ("decision.notified_deadline.days",
                                         "decision.notified_deadline.months",
                                         "decision.notified_deadline.body")}


@dataclass(frozen=True)
class Step:
    """One page of the interview: the questions it asks and the confirmed facts it shows."""

    id: str
    questions: tuple[Field, ...]
    facts: tuple[Field, ...]


def value_at(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _text(data: dict[str, Any], path: str) -> str:
    value = value_at(data, path)
    return value if isinstance(value, str) else ""


def asked(spec: Field, data: dict[str, Any]) -> bool:
    """Whether the interview asks ``spec`` for the case ``data`` as answered so far."""
    if not spec.step:
        return False
    return spec.ask.holds(_text(data, "organisation.kind"), _text(data, "decision.kind"),
                          _text(data, "decision.benefit") or "other", _text(data, "decision.reason"))


def choices(spec: Field, data: dict[str, Any]) -> tuple[str, ...]:
    """The choices of ``spec`` the interview offers this case (``ask_choices`` may hold some back)."""
    held = {value: rule for value, rule in spec.ask_choices}
    kept = []
    for value in spec.allowed():
        rule = held.get(value)
        if rule is None or rule.holds(_text(data, "organisation.kind"), _text(data, "decision.kind"),
                                      _text(data, "decision.benefit") or "other",
                                      _text(data, "decision.reason")):
            kept.append(value)
    return tuple(kept)


def confirmed_paths(confirmed: Iterable[str]) -> set[str]:
    """Case paths confirmed from the notification, a period or a delay standing for its parts."""
    out: set[str] = set()
    for path in confirmed:
        out.update(GROUPS.get(path, (path,)))
    return out


def steps(data: dict[str, Any], confirmed: Iterable[str] = ()) -> tuple[Step, ...]:
    """The steps this case needs, in order: each with a question at least. The confirmed facts
    of a step left out are shown on the next step that is kept, so none goes unseen."""
    done = confirmed_paths(confirmed)
    out: list[Step] = []
    pending: list[Field] = []
    for step in STEPS:
        fields = [f for f in CASE_FIELDS if f.step == step]
        facts = [f for f in fields if f.path in done and value_at(data, f.path) is not None]
        questions = [f for f in fields if f.path not in done and asked(f, data)]
        pending += facts
        if questions:
            out.append(Step(step, tuple(questions), tuple(pending)))
            pending = []
    if pending and out:
        last = out[-1]
        out[-1] = Step(last.id, last.questions, last.facts + tuple(pending))
    return tuple(out)


def step_paths(step: Step) -> tuple[str, ...]:
    return tuple(f.path for f in step.questions)
