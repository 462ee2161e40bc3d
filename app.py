"""Recours web app: the form, the packet preview, downloads, and the JSON API.

Thin by design: validation, law and letters live in ``letters/``; this file only moves
data between HTTP and that package. Nothing a person types is stored or logged.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Flask, Response, abort, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l

import i18n
import security
import tracking
from letters import compose_packet, parse_case
from letters.export import LETTER_BUNDLES, MIME, PACKET_FILES, RENDERERS, filename, packet_data, render
from letters.form import case_data_from_form, form_values_from_case_data
from letters.render import render_html
from letters.safejson import load_case_json


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory: defaults, then ``RECOURS_*`` environment, then the test mapping."""
    app = Flask(__name__)
    app.config.from_mapping(
        MAX_CONTENT_LENGTH=256 * 1024,  # a case is a few KB; anything larger is a mistake
        BABEL_DEFAULT_LOCALE="fr",
        UI_LANGUAGES=("fr", "en", "ar", "es"),
        TODAY=None,  # tests pin the date; in use it is the server's current date
    )
    app.config.from_prefixed_env("RECOURS")
    if test_config:
        app.config.from_mapping(test_config)
    i18n.init_app(app)
    _register_pages(app)
    tracking.init_app(app)
    _register_api(app)
    security.init_app(app)
    return app


def today(app: Flask) -> date:
    pinned = app.config.get("TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


# -- Pages

def _form_page(values: dict[str, Any], errors: list[dict[str, str]], status: int = 200):
    by_field: dict[str, str] = {}
    for e in errors:
        field = e["field"]
        base = next((f for f in FIELD_ORDER if field == f or field.startswith(f + ".")), field)
        by_field.setdefault(base, e["message"])
    summary = [(f, by_field[f]) for f in FIELD_ORDER if f in by_field]
    summary += [(f, m) for f, m in by_field.items() if f not in FIELD_ORDER]
    return render_template("form.html", values=values, errors=by_field, summary=summary), status


EXPIRED = _l("La page a expiré. Vérifiez vos réponses, puis envoyez de nouveau le formulaire.")
FIELD_ORDER = (
    "person.name", "person.address", "person.email", "person.phone", "person.reference",
    "organisation.kind", "organisation.name", "organisation.address",
    "decision.kind", "decision.benefit", "decision.date", "decision.received",
    "decision.reference", "decision.amount", "decision.notified_deadline",
    "decision.automation", "decision.algorithm_mentioned", "decision.reasons_given",
    "decision.recovery_started", "decision.description", "wants", "today",
)
DEFAULT_VALUES = {"wants": ["explanation", "human_review", "contest"],
                  "decision.automation": "unknown"}


def packet_page(case, data: dict[str, Any]):
    """The packet preview: the French letters to send, and a courtesy copy where one exists."""
    result = compose_packet(case)
    courtesy = i18n.courtesy_packet(case)
    letters = [(x, render_html(x, standalone=False)) for x in result.letters]
    return render_template("packet.html", packet=result, letters=letters,
                           courtesy=i18n.courtesy_letters(courtesy), advice=courtesy or result,
                           case_json=json.dumps(data, ensure_ascii=False))


def packet_page_from_hidden_field():
    """The packet page again from the case it carries (the language switcher posts it)."""
    data = _case_from_hidden_field()
    case, errors = parse_case(data, today=today(current_app))
    if case is None:
        return _form_page(form_values_from_case_data(data), i18n.error_dicts(errors), 422)
    return packet_page(case, data)


def _register_pages(app: Flask) -> None:

    @app.get("/")
    def form():
        return _form_page(dict(DEFAULT_VALUES), [])

    @app.post("/")
    def packet():
        values = request.form.to_dict(flat=True) | {"wants": request.form.getlist("wants")}
        if not security.csrf_ok():
            # Expired or missing token: give the form back with everything typed, to resend.
            return _form_page(values, [{"field": "csrf", "message": str(EXPIRED)}], 400)
        data = case_data_from_form(request.form)
        case, errors = parse_case(data, today=today(app))
        if case is None:
            return _form_page(values, i18n.error_dicts(errors), 422)
        return packet_page(case, data)

    @app.post("/modifier")
    def modify():
        data = _case_from_hidden_field()
        return _form_page(form_values_from_case_data(data), [])

    @app.post("/telecharger")
    def download():
        data = _case_from_hidden_field()
        case, errors = parse_case(data, today=today(app))
        if case is None:
            return _form_page(form_values_from_case_data(data), i18n.error_dicts(errors), 422)
        return _file_response(compose_packet(case), request.form.get("format", "zip"),
                              request.form.get("letter"))

    for code in (400, 404, 405, 413, 422, 429, 500):
        app.register_error_handler(code, _error_page)


def _error_page(error):
    """Every error is a real page in the person's language, or JSON on the API."""
    code = getattr(error, "code", 500) or 500
    if request.path.startswith("/api/"):
        message = API_ERRORS.get(code, API_ERRORS[500])
        return jsonify(errors=[{"field": "(requête)", "message": message}]), code
    return render_template("error.html", code=code), code


API_ERRORS = {
    400: "La requête est mal formée (format ou paramètre inconnu).",
    404: "Cette lettre ou cette adresse n'existe pas.",
    405: "Cette méthode HTTP n'est pas acceptée ici.",
    413: "Le document envoyé est trop volumineux.",
    422: "La requête est bien formée mais ne peut pas être traitée.",
    429: "Trop de demandes en peu de temps : attendez une minute, puis réessayez.",
    500: "Erreur interne ; rien n'a été conservé.",
}


def _case_from_hidden_field() -> dict[str, Any]:
    data, errors = load_case_json(request.form.get("case", ""))
    if errors or not isinstance(data, dict):
        abort(400)
    return data


def _file_response(result, fmt: str, letter_id: str | None) -> Response:
    if fmt in PACKET_FILES and not (letter_id and fmt in RENDERERS):
        if fmt in LETTER_BUNDLES and not result.letters:
            abort(404)  # nothing to send today (everything sent and answered): no empty file
        make, name = PACKET_FILES[fmt]
        body = make(result)
    elif fmt in RENDERERS:
        index = next((i for i, x in enumerate(result.letters, 1) if x.id == letter_id), None)
        if index is None:
            abort(404)
        letter = result.letters[index - 1]
        body, name = render(letter, fmt), filename(letter, fmt, index)
    else:
        abort(400)
    response = Response(body, mimetype=MIME[fmt].split(";")[0])
    response.headers["Content-Disposition"] = security.attachment(name)
    return response


# -- API

def _register_api(app: Flask) -> None:
    @app.post("/api/v1/letters")
    def api_letters():
        if not request.is_json:
            return jsonify(errors=[{"field": "(document)", "message": "Envoyez le cas en JSON, avec "
                                    "l'en-tête Content-Type: application/json."}]), 400
        data, errors = load_case_json(request.get_data(cache=False))
        if errors:
            return jsonify(errors=[e.as_dict() for e in errors]), 400
        case, errors = parse_case(data, today=today(app))
        if case is None:
            return jsonify(errors=[e.as_dict() for e in errors]), 422
        result = compose_packet(case)
        fmt = request.args.get("format", "json")
        if fmt == "json":
            return jsonify(packet_data(result))
        return _file_response(result, fmt, request.args.get("letter"))

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}


app = create_app()
