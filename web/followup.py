"""Following a case through time, without storing it: the timeline, events, save and resume.

The case travels with the page (a hidden field) or in a file the person keeps. Adding an
event re-validates the whole case, so a bad date is shown next to its field and nothing
typed is lost.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, request
from flask_babel import lazy_gettext as _l

from letters import compose_packet, parse_case
from letters.form import canonical
from letters.safejson import load_case_json

from . import casepages, languages, security

bp = Blueprint("followup", __name__)
EVENT_FIELDS = ("event.kind", "event.letter", "event.date", "event.answer", "event.proof")
MAX_UPLOAD = 256 * 1024
NOT_IN_CASE = _l("Cette lettre ne fait pas partie de votre dossier : choisissez une des lettres de la liste.")
NOT_A_CASE = _l("Ce fichier n'est pas un dossier enregistré par Recours. Choisissez le fichier "
                "« recours-dossier-… .json » que Recours vous a fait enregistrer. Pour un courrier "
                "de l'organisme, remplissez plutôt le formulaire ci-dessous.")
CASE_PARTS = ("person", "organisation", "decision")


@bp.post("/suivi")
def timeline():
    return casepages.timeline_page(casepages.carried_case())


@bp.post("/lettres")
def letters_page():
    """The packet page for a case carried by the page (from the timeline)."""
    return casepages.packet_page(casepages.carried_case())


@bp.post("/suivi/evenement")
def add_event():
    """Append the event typed in the form; on error, show it next to its field, keep the rest."""
    case = casepages.carried_case()  # a case that is not valid gives the form, saying why
    data = casepages.carried_data(case)
    values = {name: request.form.get(name, "") for name in EVENT_FIELDS}
    values["event.issues"] = request.form.getlist("event.issues")
    event: dict[str, Any] = {"date": values["event.date"], "kind": values["event.kind"],
                             "letter": values["event.letter"]}
    if values["event.answer"]:
        event["answer"] = values["event.answer"]
        event["issues"] = values["event.issues"]
    if values["event.proof"].strip():
        event["proof"] = values["event.proof"]
    events = data.get("events", [])
    candidate = {**data, "events": [*events, event]}
    updated, errors = parse_case(candidate, today=casepages.today())
    prefix = f"events.{len(events)}"
    field_errors: dict[str, str] = {}
    for error, shown in zip(errors, languages.error_dicts(errors), strict=True):
        if error.field == prefix or error.field.startswith(prefix + "."):
            name = error.field[len(prefix) + 1:].split(".")[0] or "date"
        else:  # the carried case was valid, so the new event is what went wrong (one too many)
            name = "kind"
        field_errors.setdefault(f"event.{name}", shown["message"])
    # Only a letter this case has or had: the list offers no other, and a forged post is refused.
    if values["event.letter"] and "event.letter" not in field_errors and values["event.letter"] \
            not in casepages.recordable_letters(case, compose_packet(case)):
        field_errors["event.letter"] = str(NOT_IN_CASE)
    if updated is None or field_errors:
        return casepages.timeline_page(case, values, field_errors, 422)
    return casepages.timeline_page(updated, added=canonical(candidate)["events"][-1])


@bp.post("/dossier")
def save_case():
    """The case as a file to keep: upload it later to carry on."""
    data = casepages.carried_data(casepages.carried_case())
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    response = Response(body, mimetype="application/json")
    # Dated, so that each save is told apart; never the person's name, which the file holds.
    name = f"recours-dossier-{casepages.today().isoformat()}.json"
    response.headers["Content-Disposition"] = security.attachment(name)
    return response


@bp.post("/reprendre")
@security.checks_csrf_itself
def resume_case():
    """Read a saved case file; a broken file gets a clear error next to the upload field."""
    if not security.csrf_ok():
        return casepages.blank_form_page([{"field": "csrf", "message": str(casepages.EXPIRED)}], 400)
    upload = request.files.get("dossier")
    raw = upload.read(MAX_UPLOAD + 1) if upload else b""
    if not raw:
        return _upload_error(_l("Choisissez le fichier de dossier enregistré (recours-dossier-… .json)."))
    if len(raw) > MAX_UPLOAD:
        return _upload_error(_l("Ce fichier est trop gros pour être un dossier Recours."))
    data, errors = load_case_json(raw)
    if errors or not isinstance(data, dict) or not any(part in data for part in CASE_PARTS):
        return _upload_error(NOT_A_CASE)
    return casepages.timeline_page(casepages.validated(casepages.on_the_web(data)))


def _upload_error(message: Any):
    return casepages.blank_form_page([{"field": "dossier", "message": str(message)}], 422)
