"""Every error is a real page in the person's language, or JSON on the API."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

API_ERRORS = {
    400: "La requête est mal formée (format ou paramètre inconnu).",
    404: "Cette lettre ou cette adresse n'existe pas.",
    405: "Cette méthode HTTP n'est pas acceptée ici.",
    413: "Le document envoyé est trop volumineux.",
    422: "La requête est bien formée mais ne peut pas être traitée.",
    429: "Trop de demandes en peu de temps : attendez une minute, puis réessayez.",
    500: "Erreur interne ; rien n'a été conservé.",
}


def init_app(app: Flask) -> None:
    for code in (400, 404, 405, 413, 422, 429, 500):
        app.register_error_handler(code, error_page)


def error_page(error: Exception):
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    if request.path.startswith("/api/"):
        message = API_ERRORS.get(code, API_ERRORS[500])
        return jsonify(errors=[{"field": "(requête)", "message": message}]), code
    return render_template("error.html", code=code), code
