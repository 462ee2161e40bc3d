"""The instance's secret, from which the anti-forgery signatures and the client hash derive.

``RECOURS_SECRET_KEY`` in the environment; when absent, a random one drawn at start. gunicorn
loads the app once and forks, so its workers share it; machines behind one name need the same
value, set by hand.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import Flask


def ensure_secret(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_urlsafe(32)


def secret_bytes(app: Flask) -> bytes:
    """``SECRET_KEY`` as bytes, whatever its type (the environment may give a number)."""
    secret = app.config["SECRET_KEY"]
    return secret if isinstance(secret, bytes) else str(secret).encode("utf-8")


def derived_key(app: Flask, purpose: bytes) -> bytes:
    """A key for one use only, so that no two uses share the secret itself."""
    return hashlib.sha256(purpose + b"\0" + secret_bytes(app)).digest()
