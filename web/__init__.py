"""The Recours web app: the factory, which reads like a table of contents.

Each module hooks itself in: ``languages`` (the interface language and the switcher),
``security`` (headers, CSRF, rate limiting, logs without personal data), then one blueprint
per concern: ``reading`` (the first page: the notification read, then confirmed),
``interview`` (the questions left, one step at a time), ``pages`` (the one-page form, the
packet, the downloads), ``followup`` (the timeline, events, save and resume), ``referral``
(referral files, on the timeline), ``api`` (the JSON API and its description). Validation, law
and letters live in ``letters/``; nothing a person types is stored or logged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from . import api, clinic, errors, followup, interview, languages, pages, reading, referral, security, uploads

ROOT = Path(__file__).resolve().parent


def _resource(name: str) -> str:
    """A folder the app serves (templates, static, translations): inside the installed package,
    or at the top of the checkout, where the project keeps it."""
    inside = ROOT / name
    return str(inside if inside.is_dir() else ROOT.parent / name)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Defaults, then the ``RECOURS_*`` environment, then the test mapping."""
    app = Flask(__name__, template_folder=_resource("templates"), static_folder=_resource("static"))
    app.request_class = uploads.InMemoryRequest  # a notification's file never touches the disk
    app.config.from_mapping(
        MAX_CONTENT_LENGTH=256 * 1024,  # a case is a few KB; anything larger is a mistake
        BABEL_DEFAULT_LOCALE="fr",
        BABEL_TRANSLATION_DIRECTORIES=_resource("translations"),
        UI_LANGUAGES=("fr", "en", "ar", "es"),
        TODAY=None,  # tests pin the date; in use it is the server's current date
    )
    app.config.from_prefixed_env("RECOURS")
    if test_config:
        app.config.from_mapping(test_config)
    languages.init_app(app)
    errors.init_app(app)  # first: an oversized body is refused before anything reads it
    security.init_app(app)
    app.register_blueprint(reading.bp)
    app.register_blueprint(interview.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(followup.bp)
    app.register_blueprint(api.bp)
    referral.init_app(app)
    clinic.init_app(app)  # the clinic workspace, when RECOURS_WORKSPACE is set (web/clinic/)
    return app
