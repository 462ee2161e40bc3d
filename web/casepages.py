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

from letters import Case, FieldError, catalogue, compose_packet, parse_case
from letters.case_data import case_data
from letters.events import BEFORE_DECISION
from letters.fields import BY_PATH, CASE_FIELDS
from letters.form import form_values_from_case_data, kept_parts
from letters.payer import is_payer_letter
from letters.render import render_html
from letters.safejson import load_case_json
from letters.scripts import foreign_script

from . import languages

EXPIRED = _l("La page a expiré. Vérifiez vos réponses, puis envoyez de nouveau le formulaire.")
EVENT_BEFORE_DECISION = _l("Votre suivi note une lettre envoyée ou une réponse avant cette date : "
                           "vérifiez la date de la décision.")
KEPT = "kept"  # the form's hidden field: the parts of the case it does not show (events…)
FIELD_ORDER = tuple(f.path for f in CASE_FIELDS)
DEFAULT_VALUES: dict[str, Any] = {"wants": ["explanation", "human_review", "contest"],
                                  "decision.automation": "unknown", "decision.payer": "unknown"}


def today() -> date:
    pinned = current_app.config.get("TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def on_the_web(data: Any) -> Any:
    """A case as the pages use it: always on the real today. A ``today`` kept in a saved file
    (to replay a case on the command line or the API) would freeze every date shown."""
    return {k: v for k, v in data.items() if k != "today"} if isinstance(data, dict) else data


def options(path: str, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The choices of a field, in the declared order, each with its label in the page's language.

    Bodies, benefits and reasons are named by their data file's ``form_label``; other choices by
    the ``labels`` the template gives, which must name every one (a missing label is an error).
    """
    named = {**catalogue.bodies(), **catalogue.benefits(), **catalogue.reasons()}
    if labels is None:
        return [(value, gettext(named[value].form_label)) for value in BY_PATH[path].allowed()]
    return [(value, labels[value]) for value in BY_PATH[path].allowed()]


def offer(path: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The choices a page offers of those ``options`` lists: all of them on the one-page form
    (the interview's steps hold some back, web/interview.py)."""
    return choices


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


def form_values(data: dict[str, Any]) -> dict[str, Any]:
    """The form filled from a case, carrying what it does not show (events, choices made on
    the packet page) in its hidden field, so that sending it again loses nothing."""
    values = form_values_from_case_data(data)
    kept = kept_parts(data) if isinstance(data, dict) else {}
    if kept:
        # Escaped: the parts of a case that did not validate may hold text no page can carry
        # as it is (a lone surrogate); reading the field back drops it, as any case reading does.
        values[KEPT] = json.dumps(kept, separators=(",", ":"))
    return values


def kept_case_parts() -> dict[str, Any]:
    """The parts of the case the form carried in its hidden field; 400 if it is not a case's."""
    raw = request.form.get(KEPT, "")
    if not raw:
        return {}
    data, errors = load_case_json(raw)
    if errors or not isinstance(data, dict):
        abort(400)
    return on_the_web(data)


def form_errors(errors: list[FieldError]) -> list[dict[str, str]]:
    """Errors for the form page, in the interface language. The form does not show events: one
    dated before the decision (its date was changed) is said at the decision's date."""
    out = []
    for error, shown in zip(errors, languages.error_dicts(errors), strict=True):
        if error.field.startswith("events."):
            message = str(EVENT_BEFORE_DECISION) if error.template == BEFORE_DECISION else shown["message"]
            shown = {"field": "decision.date", "message": message}
        out.append(shown)
    return out


def invalid_case_page(data: dict[str, Any], errors: list[FieldError]):
    """A carried or uploaded case that does not validate: the form, filled, with its errors."""
    return form_page(form_values(data), form_errors(errors), 422)


def packet_page(case: Case):
    """The packet preview: the French letters to send, and a courtesy copy where one exists.
    The page carries the validated case, never the data it was read from."""
    result = compose_packet(case)
    courtesy = languages.courtesy_packet(case)
    letters = [(x, render_html(x, standalone=False)) for x in result.letters]
    return render_template("packet.html", packet=result, letters=letters,
                           courtesy=languages.courtesy_letters(courtesy), advice=courtesy or result,
                           case=case, words=own_words(case, result), kinds=catalogue.kinds(),
                           authorities=catalogue.authorities(), sendable=catalogue.sendable_kinds(),
                           case_json=carried_json(case), switch_page="packet")


def own_words(case: Case, result: Any) -> dict[str, Any] | None:
    """What the packet page says about the person's own words: quoted in a letter as typed
    (``quoted``), and in which non-Latin script if any; None when there is no description."""
    text = case.decision.description
    if not text:
        return None
    quoted = case.decision.description_in_letters and any(
        text in block.text for letter in result.letters for block in letter.body)
    return {"text": text, "quoted": quoted, "left_out": not case.decision.description_in_letters,
            "script": foreign_script(text)}


def timeline_page(case: Case, event_values: dict[str, Any] | None = None,
                  event_errors: dict[str, str] | None = None, status: int = 200,
                  added: dict[str, Any] | None = None, referral: dict[str, Any] | None = None):
    """The follow-up page; ``added``: the event just noted, confirmed at the top; ``referral``:
    the referral file's section as last sent (web/referral.py), its checks and errors."""
    packet = compose_packet(case)
    # What the page tells the person (progress, dates, warnings) in their language when the
    # letters exist in it; the letters listed stay the French ones, with their title translated.
    advice = languages.courtesy_packet(case) or packet
    if added is not None:
        added = {**added, "day": date.fromisoformat(added["date"])}
    letters = (*(x.id for x in packet.letters), *(p.letter for p in packet.progress))
    return render_template(
        "timeline.html", packet=packet, advice=advice, case=case,
        translated_titles={x.id: x.title for x in advice.letters} if advice is not packet else {},
        payer_letters=any(map(is_payer_letter, letters)),
        recordable=recordable_letters(case, packet), sendable=catalogue.sendable_kinds(), added=added,
        case_json=carried_json(case), switch_page="timeline",
        values=event_values or {"event.kind": "sent"}, errors=event_errors or {},
        referral=referral or {"values": {}, "errors": {}, "checks": None, "files_again": False},
    ), status


def recordable_letters(case: Case, packet: Any) -> tuple[str, ...]:
    """The letters an event can be noted for: those the packet offers to send, and those the
    case already has events for; in the catalogue's order."""
    offered = {x.id for x in packet.letters} | {e.letter for e in case.events}
    return tuple(k for k in catalogue.tracked_letters() if k in offered)


def carried_json(case: Case) -> str:
    """What a page carries: the validated case, known fields only, once per page."""
    return json.dumps(carried_data(case), ensure_ascii=False, separators=(",", ":"))


def carried_data(case: Case) -> dict[str, Any]:
    """The validated case as data, without its date: the pages always count from the real
    today (``on_the_web``), and so does a file saved from them."""
    return case_data(case)


def loaded_case() -> dict[str, Any]:
    """The JSON a page carries in its hidden ``case`` field, read like the API reads a body,
    on the real today; 400 if it is not a JSON object (the page was not made by Recours, or
    was cut short)."""
    data, errors = load_case_json(request.form.get("case", ""))
    if errors or not isinstance(data, dict):
        abort(400)
    return on_the_web(data)


def carried_case() -> Case:
    """The case a page carries, validated as the API validates it.

    A case that does not validate stops here with the form, filled with what it holds and
    each error next to its field, as if the form had just been sent.
    """
    return validated(loaded_case())


def validated(data: dict[str, Any]) -> Case:
    """``data`` as a case; the form with its errors (422) if it is not one."""
    case, errors = parse_case(data, today=today())
    if case is None:
        abort(make_response(invalid_case_page(data, errors)))
    return case


def typed_values() -> dict[str, Any]:
    """What the form's fields hold, as typed, to show them again."""
    return request.form.to_dict(flat=True) | {"wants": request.form.getlist("wants")}
