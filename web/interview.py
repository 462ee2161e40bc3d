"""The step-by-step interview: one short page per step, "Étape 2 sur 5", back and forward
keeping everything, and only the questions this case needs (``letters/interview.py``).

Each step carries the whole case in its hidden ``case`` field, as the other pages do, and the
fields the person confirmed from their notification in ``read``: those are shown as facts and
not asked again. The last step's button prepares the letters; a case that does not validate
goes back to the step of its first error, with the error next to its field.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, render_template, request

from letters import parse_case
from letters.fields import BY_PATH, CASE_FIELDS, DEFAULT_WANTS, STEPS
from letters.form import canonical, case_data_from_form, form_values_from_case_data, kept_parts, put
from letters.interview import Step, choices, confirmed_paths, steps
from letters.safejson import load_case_json

from . import casepages

bp = Blueprint("interview", __name__)
UNKNOWN = "unknown"  # the "Je ne sais pas" box of a question typed in (a date, a number…)


@bp.get("/etapes")
def manual():
    """Without a notification to read: the interview from its first step."""
    return step_page({"wants": list(DEFAULT_WANTS)}, [], None)


def first_step(data: dict[str, Any], confirmed: list[str], rejected: list[str]):
    """The interview's first step after the reading: what was confirmed is a fact; what the
    person said was wrong is asked, filled with what was read, to correct."""
    return step_page(data, confirmed, None)


@bp.post("/etapes")
def answer():
    data, confirmed = carried()
    current = _current(data, confirmed)
    data = answered(data, current)
    go = request.form.get("go", "next")
    if go == "form":  # every question on one page, filled with the answers so far
        return casepages.form_page(casepages.form_values(data), [])
    if go == "back":
        return step_page(data, confirmed, _neighbour(data, confirmed, current, -1))
    errors = step_errors(data, current)
    if errors:
        return step_page(data, confirmed, current.id, errors, typed=True, status=422)
    following = _neighbour(data, confirmed, current, +1)
    if following is not None:
        return step_page(data, confirmed, following)
    case, all_errors = parse_case(data, today=casepages.today())
    if case is None:
        shown = casepages.form_errors(all_errors)
        # A fact confirmed from the notification that does not hold (a date still to come) is
        # asked again, on its step, with its error.
        confirmed = [p for p in confirmed if not any(
            e["field"] == q or e["field"].startswith(q + ".") for e in shown for q in confirmed_paths([p]))]
        first = next((s for s in steps(data, confirmed) if _errors_in(shown, s)), None)
        if first is None:  # an error in a field no step asks (a saved file's): the whole form
            return casepages.invalid_case_page(data, all_errors)
        return step_page(data, confirmed, first.id, _errors_in(shown, first), status=422)
    return casepages.packet_page(case)


def again():
    """The step the language switcher was pressed on, in the new language, answers kept."""
    data, confirmed = carried()
    current = _current(data, confirmed)
    return step_page(answered(data, current), confirmed, current.id)


def carried() -> tuple[dict[str, Any], list[str]]:
    """The case and the confirmed fields a step carries; 400 if they are not Recours's."""
    data = casepages.loaded_case()  # not validated: a case is complete only at the last step
    read, errors = load_case_json(request.form.get("read", "[]"))
    if errors or not isinstance(read, list) or not all(isinstance(p, str) for p in read):
        abort(400)
    return data, read


def _current(data: dict[str, Any], confirmed: list[str]) -> Step:
    kept = steps(data, confirmed)
    if not kept:
        abort(400)
    return next((s for s in kept if s.id == request.form.get("step")), kept[0])


def _neighbour(data: dict[str, Any], confirmed: list[str], current: Step, direction: int) -> str | None:
    """The step before or after ``current`` among those the case, as answered now, needs."""
    at = STEPS.index(current.id)
    ids = [s.id for s in steps(data, confirmed)]
    side = [i for i in ids if (STEPS.index(i) - at) * direction > 0]
    if not side:
        return None if direction > 0 else current.id
    return side[0] if direction > 0 else side[-1]


def answered(data: dict[str, Any], step: Step) -> dict[str, Any]:
    """The case with this step's answers in place of what it held for them; dates and amounts
    that read are kept as the API writes them (a date typed "10 novembre" comes back 10/11)."""
    fields = step.questions
    updated = case_data_from_form(request.form, kept_parts(data, fields), fields)
    for path in request.form.getlist(UNKNOWN):
        if path in {f.path for f in fields}:
            put(updated, path, None)
    return canonical(_pruned_nones(updated))


def _pruned_nones(data: dict[str, Any]) -> dict[str, Any]:
    """Drop what "je ne sais pas" emptied: a None leaf, then an object left empty."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _pruned_nones(value)
            if not value:
                continue
        if value is not None:
            out[key] = value
    return out


def step_errors(data: dict[str, Any], step: Step) -> dict[str, str]:
    """The errors of this step's fields; the required fields of later steps wait their turn."""
    _, errors = parse_case(data, today=casepages.today())
    return _errors_in(casepages.form_errors(errors), step)


def _errors_in(errors: list[dict[str, str]], step: Step) -> dict[str, str]:
    paths = {f.path for f in step.questions}
    found: dict[str, str] = {}
    for e in errors:
        base = next((p for p in paths if e["field"] == p or e["field"].startswith(p + ".")), None)
        if base:
            found.setdefault(base, e["message"])
    return found


def step_page(data: dict[str, Any], confirmed: list[str], step_id: str | None,
              errors: dict[str, str] | None = None, typed: bool = False, status: int = 200):
    kept = steps(data, confirmed)
    at = next((i for i, s in enumerate(kept) if s.id == step_id), 0)
    step = kept[at]
    values = form_values_from_case_data(data)
    if typed:  # shown as typed, to correct: not as read back from the case
        values.update({k: v for k, v in casepages.typed_values().items() if k in BY_PATH})
    errors = errors or {}
    summary = [(f.path, errors[f.path]) for f in step.questions if f.path in errors]
    done = confirmed_paths(confirmed)
    return render_template(
        "step.html", step=step, number=at + 1, total=len(kept), last=at == len(kept) - 1,
        values=values, errors=errors, summary=summary, data=data,
        facts=[f for f in CASE_FIELDS if f in step.facts and f.path in done],
        offer=lambda path, listed: [c for c in listed if c[0] in choices(BY_PATH[path], data)],
        case_json=json.dumps(data, ensure_ascii=False), read_json=json.dumps(confirmed, ensure_ascii=False),
        offer_unknown=True, switch_page="interview",
    ), status
