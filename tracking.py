"""Following a case through time, without storing it: the timeline, events, save and resume.

The case travels with the page (a hidden field) or in a file the person keeps. Adding an
event re-validates the whole case, so a bad date is shown next to its field and nothing
typed is lost.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, current_app, render_template, request
from flask_babel import lazy_gettext as _l

from letters import compose_packet, parse_case
from letters.safejson import load_case_json

EVENT_FIELDS = ("event.kind", "event.letter", "event.date", "event.answer", "event.proof")
MAX_UPLOAD = 256 * 1024


def init_app(app: Flask) -> None:
    app.add_url_rule("/suivi", "timeline", timeline, methods=["POST"])
    app.add_url_rule("/suivi/evenement", "add_event", add_event, methods=["POST"])
    app.add_url_rule("/dossier", "save_case", save_case, methods=["POST"])
    app.add_url_rule("/reprendre", "resume_case", resume_case, methods=["POST"])
    app.add_url_rule("/lettres", "letters_page", letters_page, methods=["POST"])


def _web():
    import app as web  # the shared page helpers live with the routes; imported late (cycle)

    return web


def timeline_page(data: dict[str, Any], event_values: dict[str, Any] | None = None,
                  event_errors: dict[str, str] | None = None, status: int = 200):
    web = _web()
    case, errors = parse_case(data, today=web.today(current_app))
    if case is None:
        return web._form_page(web.form_values_from_case_data(data), web.i18n.error_dicts(errors), 422)
    packet = compose_packet(case)
    return render_template(
        "timeline.html", packet=packet, case=case, case_json=json.dumps(data, ensure_ascii=False),
        values=event_values or {"event.kind": "sent"}, errors=event_errors or {},
    ), status


def timeline():
    web = _web()
    return timeline_page(web._case_from_hidden_field())


def letters_page():
    """The packet page for a case carried by the page (from the timeline)."""
    return _web().packet_page_from_hidden_field()


def add_event():
    """Append the event typed in the form; on error, show it next to its field, keep the rest."""
    web = _web()
    data = web._case_from_hidden_field()
    values = {name: request.form.get(name, "") for name in EVENT_FIELDS}
    values["event.issues"] = request.form.getlist("event.issues")
    event = {"date": values["event.date"], "kind": values["event.kind"],
             "letter": values["event.letter"]}
    if values["event.kind"] == "answer":
        event["answer"] = values["event.answer"]
        event["issues"] = values["event.issues"]
    if values["event.proof"].strip():
        event["proof"] = values["event.proof"]
    events = list(data.get("events") or [])
    candidate = {**data, "events": [*events, event]}
    case, errors = parse_case(candidate, today=web.today(current_app))
    prefix = f"events.{len(events)}"
    field_errors: dict[str, str] = {}
    for error, shown in zip(errors, web.i18n.error_dicts(errors), strict=True):
        if error.field == prefix or error.field.startswith(prefix + "."):
            name = error.field[len(prefix) + 1:].split(".")[0] or "date"
            field_errors.setdefault(f"event.{name}", shown["message"])
    if field_errors:
        return timeline_page(data, values, field_errors, 422)
    if case is None:
        return timeline_page(data)  # the case itself is invalid: the form page will say why
    return timeline_page(candidate)


def save_case():
    """The case as a file to keep: upload it later to carry on."""
    web = _web()
    data = web._case_from_hidden_field()
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = web.security.attachment("recours-dossier.json")
    return response


def resume_case():
    """Read a saved case file; a broken file gets a clear error next to the upload field."""
    web = _web()
    if not web.security.csrf_ok():
        return web._form_page(dict(web.DEFAULT_VALUES), [{"field": "csrf", "message": str(web.EXPIRED)}], 400)
    upload = request.files.get("dossier")
    raw = upload.read(MAX_UPLOAD + 1) if upload else b""
    if not raw:
        return _upload_error(_l("Choisissez le fichier de dossier enregistré (recours-dossier.json)."))
    if len(raw) > MAX_UPLOAD:
        return _upload_error(_l("Ce fichier est trop gros pour être un dossier Recours."))
    data, errors = load_case_json(raw)
    if errors or not isinstance(data, dict):
        return _upload_error(_l("Ce fichier n'est pas un dossier Recours lisible (JSON attendu)."))
    return timeline_page(data)


def _upload_error(message: Any):
    web = _web()
    return web._form_page(dict(web.DEFAULT_VALUES), [{"field": "dossier", "message": str(message)}], 422)
