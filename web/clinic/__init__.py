"""The clinic workspace on the web (opt-in): dossiers, the deadlines board, mandates, counts.

Off unless ``RECOURS_WORKSPACE=1``: ``make run`` stays the anonymous app, which stores
nothing. On, every page under ``/espace`` is behind a login (password and TOTP code), in a
session that expires (``auth.py``); the storage is ``workspace/`` (SQLAlchemy, every personal
field sealed under ``RECOURS_DATA_KEY``). The ``clinic`` commands are on the Flask command line
either way (``flask --app app clinic init-db``…), when the workspace's packages are installed.
The staff's pages are in French, the clinics' working language.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from .context import EXTENSION, LONGEST


class WorkspaceNotConfigured(RuntimeError):
    """A setting the workspace cannot start without, said plainly."""


def init_app(app: Flask) -> None:
    try:
        from workspace.cli import clinic
    except ImportError:  # the public app alone: the workspace's extra is not installed
        return
    app.cli.add_command(clinic)
    if not _enabled(app.config.get("WORKSPACE")):
        return
    from workspace.settings import from_environment
    from workspace.store import Workspace

    ws = app.config.get("WORKSPACE_STORE")  # tests hand one over, with its own clock
    if ws is None:
        settings = from_environment()
        if not settings.data_key:
            raise WorkspaceNotConfigured("RECOURS_DATA_KEY manque : `flask --app app clinic new-key` "
                                         "en donne une.")
        ws = Workspace.from_settings(settings)
    secret = app.config.get("SECRET_KEY")
    if not secret or len(str(secret)) < 32:
        raise WorkspaceNotConfigured("RECOURS_SECRET_KEY manque ou est trop courte (32 caractères au "
                                     "moins) : elle signe les sessions de l'espace.")
    app.extensions[EXTENSION] = ws
    app.config.update(SESSION_COOKIE_NAME="recours_espace", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_PATH="/espace",
                      PERMANENT_SESSION_LIFETIME=LONGEST)
    from .. import ratelimit
    from . import views

    app.register_blueprint(views.bp)
    # A few login attempts per client, whichever accounts they name; each account also locks
    # after five failures (workspace/store.py).
    app.config.setdefault("RATE_LIMIT_LOGINS", 10)
    app.config.setdefault("RATE_LIMIT_LOGIN_WINDOW", 300)
    ratelimit.limit_view(app, "clinic.login_post", f"{int(app.config['RATE_LIMIT_LOGINS'])} per "
                         f"{int(app.config['RATE_LIMIT_LOGIN_WINDOW'])} second", views.too_many_logins)


def _enabled(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "oui", "on")
