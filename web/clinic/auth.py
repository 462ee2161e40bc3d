"""Who is logged in to the workspace, for how long, and what their role lets them do.

A session holds the user's id, role and two times: when they logged in and when they last
did something. It ends after ``IDLE`` without use or ``LONGEST`` in all, whichever comes
first; the user then logs in again (password and TOTP code). The cookie is Flask's signed
session cookie (``RECOURS_SECRET_KEY``), HttpOnly, SameSite=Strict, for ``/espace`` only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g, redirect, request, session, url_for

from .context import IDLE, LONGEST, workspace

View = TypeVar("View", bound=Callable[..., Any])
OPEN_ENDPOINTS = frozenset({"clinic.login", "clinic.login_post"})


def _now() -> datetime:
    now: datetime = workspace().clock()
    return now


def start(user_id: str, role: str) -> None:
    """A fresh session (nothing carried over from before the login)."""
    session.clear()
    now = _now().timestamp()
    session.update(uid=user_id, role=role, since=now, seen=now)
    session.permanent = True


def end() -> None:
    session.clear()


def current() -> tuple[str, str] | None:
    """The logged-in user's (id, role), or None when there is no session or it has expired."""
    uid, role = session.get("uid"), session.get("role")
    since, seen = session.get("since"), session.get("seen")
    if not (isinstance(uid, str) and isinstance(role, str) and isinstance(since, float | int)
            and isinstance(seen, float | int)):
        return None
    now = _now().timestamp()
    if now - seen > IDLE.total_seconds() or now - since > LONGEST.total_seconds():
        return None
    return uid, role


def require_login() -> Any:
    """Before every workspace page but the login: a live session, else the login page."""
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    who = current()
    if who is None:
        expired = "uid" in session
        session.clear()
        return redirect(url_for("clinic.login", expiree=1 if expired else None))
    g.user_id, g.role = who
    session["seen"] = _now().timestamp()
    return None


def admin_only(view: View) -> View:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if g.get("role") != "admin":
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
