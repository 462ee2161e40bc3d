"""Every error is a real page in the person's language, or JSON on the API."""

from __future__ import annotations

from flask import Flask, abort, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

API_ERRORS = {
    400: "La requête est mal formée (format ou paramètre inconnu).",
    404: "Cette lettre ou cette adresse n'existe pas.",
    405: "Cette méthode HTTP n'est pas acceptée ici.",
    413: "Le document envoyé est trop volumineux.",
    422: "La requête est bien formée mais ne peut pas être traitée.",
    429: "Trop de demandes en peu de temps : attendez une minute, puis réessayez.",
    500: "Erreur interne ; rien n'a été conservé.",
    503: "Le serveur est très occupé : réessayez dans une minute.",
}


def init_app(app: Flask) -> None:
    for code in (400, 404, 405, 413, 422, 429, 500, 503):
        app.register_error_handler(code, error_page)
    app.before_request(refuse_oversized_streams)


def error_page(error: Exception):
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    # What the error itself says in its headers (``Allow`` on a 405), but its own body's type.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"] \
        if isinstance(error, HTTPException) else []
    if request.path.startswith("/api/"):
        message = getattr(error, "api_message", None) or API_ERRORS.get(code, API_ERRORS[500])
        return jsonify(errors=[{"field": "(requête)", "message": message}]), code, headers
    if isinstance(error, HTTPException) and error.response is not None:
        return error.response  # a view's own page for it (the workspace's login, over its limit)
    return render_template("error.html", code=code), code, headers


def refuse_oversized_streams() -> None:
    """A body sent without ``Content-Length`` (chunked) is read up to the limit here, so one
    over it is refused with 413 like any other, instead of being cut short and read as broken.
    What was read stays cached for the view and the form parser."""
    if request.content_length is not None or request.method in ("GET", "HEAD", "OPTIONS"):
        return
    limit = request.max_content_length  # the app's, or a page's own (web/uploads.py, web/referral.py)
    if limit and len(request.get_data(cache=True)) >= limit:
        abort(413)
