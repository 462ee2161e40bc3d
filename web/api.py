"""The JSON API for clinics and tools: the same packet as the pages, as data or as files.

Errors are JSON, ``{"errors": [{"field", "message"}]}``, messages in plain French. The API's
OpenAPI description (``openapi.py``) is built from the case's field declarations.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from letters import compose_packet, parse_case
from letters.export import packet_data
from letters.safejson import load_case_json

from . import casepages, openapi, security
from .pages import file_response

bp = Blueprint("api", __name__)


@bp.post("/api/v1/letters")
@security.csrf_exempt
def letters():
    if not request.is_json:
        return jsonify(errors=[{"field": "(document)", "message": "Envoyez le cas en JSON, avec "
                                "l'en-tête Content-Type: application/json."}]), 400
    data, errors = load_case_json(request.get_data(cache=False))
    if errors:
        return jsonify(errors=[e.as_dict() for e in errors]), 400
    case, errors = parse_case(data, today=casepages.today())
    if case is None:
        return jsonify(errors=[e.as_dict() for e in errors]), 422
    result = compose_packet(case)
    fmt = request.args.get("format", "json")
    if fmt == "json":
        return jsonify(packet_data(result))
    return file_response(result, fmt, request.args.get("letter"))


@bp.get("/api/v1/openapi.json")
def description():
    return jsonify(openapi.document())


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
