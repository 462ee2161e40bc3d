"""The pages that show a case, shared by every blueprint that answers with one.

The form (with its values and errors), the packet and the timeline are built here, from a
case carried by the page, so that the pages, the follow-up and the language switcher all
show the same thing and none of them imports another.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import abort, current_app, make_response, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from letters import Case, catalogue, compose_packet, parse_case
from letters.case_data import case_data
from letters.fields import BY_PATH, CASE_FIELDS
from letters.form import form_values_from_case_data
from letters.render import render_html
from letters.safejson import load_case_json

from . import languages

EXPIRED = _l("La page a expiré. Vérifiez vos réponses, puis envoyez de nouveau le formulaire.")
FIELD_ORDER = tuple(f.path for f in CASE_FIELDS)
DEFAULT_VALUES: dict[str, Any] = {"wants": ["explanation", "human_review", "contest"],
                                  "decision.automation": "unknown"}


def today() -> date:
    pinned = current_app.config.get("TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def options(path: str, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The choices of a field, in the declared order, each with its label in the page's language.

    Bodies and benefits are named by their data file's ``form_label``; other choices by the
    ``labels`` the template gives, which must name every one (a missing label is an error).
    """
    named = {**catalogue.bodies(), **catalogue.benefits()}
    if labels is None:
        return [(value, gettext(named[value].form_label)) for value in BY_PATH[path].allowed()]
    return [(value, labels[value]) for value in BY_PATH[path].allowed()]


def form_page(values: dict[str, Any], errors: list[dict[str, str]], status: int = 200):
    """The form, filled with ``values``, each error next to its field and in the summary."""
    by_field: dict[str, str] = {}
    for e in errors:
        field = e["field"]
        base = next((f for f in FIELD_ORDER if field == f or field.startswith(f + ".")), field)
        by_field.setdefault(base, e["message"])
    summary = [(f, by_field[f]) for f in FIELD_ORDER if f in by_field]
    summary += [(f, m) for f, m in by_field.items() if f not in FIELD_ORDER]
    return render_template("form.html", values=values, errors=by_field, summary=summary), status


def blank_form_page(errors: list[dict[str, str]], status: int):
    return form_page(dict(DEFAULT_VALUES), errors, status)


def packet_page(case: Case, data: dict[str, Any]):
    """The packet preview: the French letters to send, and a courtesy copy where one exists.

    ``data`` is the case as read (from the form, the page or a file); the page carries the
    validated case, not ``data`` itself.
    """
    result = compose_packet(case)
    courtesy = languages.courtesy_packet(case)
    letters = [(x, render_html(x, standalone=False)) for x in result.letters]
    return render_template("packet.html", packet=result, letters=letters,
                           courtesy=languages.courtesy_letters(courtesy), advice=courtesy or result,
                           case_json=carried_json(case, data), switch_page="packet")


def timeline_page(case: Case, data: dict[str, Any], event_values: dict[str, Any] | None = None,
                  event_errors: dict[str, str] | None = None, status: int = 200):
    return render_template(
        "timeline.html", packet=compose_packet(case), case=case,
        case_json=carried_json(case, data), switch_page="timeline",
        values=event_values or {"event.kind": "sent"}, errors=event_errors or {},
    ), status


def carried_json(case: Case, data: dict[str, Any]) -> str:
    """What a page carries: the validated case, known fields only, once per page."""
    return json.dumps(carried_data(case, data), ensure_ascii=False, separators=(",", ":"))


def carried_data(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    """The validated case as data; its date only if the case itself pinned one."""
    return case_data(case, with_today=data.get("today") not in (None, ""))


def loaded_case() -> dict[str, Any]:
    """The JSON a page carries in its hidden ``case`` field, read like the API reads a body;
    400 if it is not a JSON object (the page was not made by Recours, or was cut short)."""
    data, errors = load_case_json(request.form.get("case", ""))
    if errors or not isinstance(data, dict):
        abort(400)
    return data


def carried_case() -> tuple[Case, dict[str, Any]]:
    """The case a page carries, validated as the API validates it, and its data.

    A case that does not validate stops here with the form, filled with what it holds and
    each error next to its field, as if the form had just been sent.
    """
    return validated(loaded_case())


def validated(data: dict[str, Any]) -> tuple[Case, dict[str, Any]]:
    """``data`` as a case; the form with its errors (422) if it is not one."""
    case, errors = parse_case(data, today=today())
    if case is None:
        page, status = form_page(form_values_from_case_data(data), languages.error_dicts(errors), 422)
        abort(make_response(page, status))
    return case, data


def typed_values() -> dict[str, Any]:
    """What the form's fields hold, as typed, to show them again."""
    return request.form.to_dict(flat=True) | {"wants": request.form.getlist("wants")}
