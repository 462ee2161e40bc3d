"""Web-layer protections and the pages that describe them, wired by ``init_app(app)``.

- Headers on every response: a Content-Security-Policy that allows only this site's own files
  (no inline script or style, no frame), no referrer, no MIME sniffing, no browser features,
  HSTS over HTTPS, and ``Cache-Control: no-store`` on everything but the static files, so no
  letter or form stays in a shared cache.
- CSRF: every POST outside the JSON API must carry the double-submit token (the ``csrf_token``
  field equal to the ``recours_csrf`` cookie, both set here); a view that answers a stale
  token itself, keeping what was typed, says so with ``@checks_csrf_itself``, and the JSON API
  with ``@csrf_exempt``.
- Rate limiting of POSTs per client (``ratelimit.py``): ``RATE_LIMIT_POSTS`` per
  ``RATE_LIMIT_WINDOW`` seconds, 0 to turn it off; in memory, or in Redis when
  ``RATE_LIMIT_STORAGE_URL`` is set. Over the limit: the 429 page, or JSON on the API.
- Logs: an exception is logged with its type and where it happened, never its message, which
  may quote what the person typed.
- Templates: a missing variable in a page is an error (``StrictUndefined``), not a blank.

Settings (``RECOURS_`` + name in the environment): ``RATE_LIMIT_POSTS`` (default 60),
``RATE_LIMIT_WINDOW`` (seconds, default 60), ``RATE_LIMIT_STORAGE_URL`` (empty = memory),
``TRUSTED_PROXIES`` (default 0): how many reverse proxies in front of the app set
``X-Forwarded-For`` and ``X-Forwarded-Proto``; only then are those headers believed, so that
each client is counted apart and HTTPS is recognised (HSTS, secure cookies).
"""

from __future__ import annotations

import hmac
import logging
import secrets
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, current_app, g, request
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.utils import secure_filename

from .ratelimit import RateLimiter, client_key, make_limiter

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
))
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",  # for browsers that predate frame-ancestors
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
LIMITED_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXTENSION = "recours.limiter"
CSRF_COOKIE, CSRF_FIELD = "recours_csrf", "csrf_token"
View = TypeVar("View", bound=Callable[..., Any])


def checks_csrf_itself(view: View) -> View:
    """Mark a view that checks the token itself, to answer a stale one with what was typed."""
    view.csrf_checked_in_view = True  # type: ignore[attr-defined]
    return view


def csrf_exempt(view: View) -> View:
    """Mark a view that takes no form (the JSON API): a page of another site cannot send
    ``application/json`` to it without the browser asking this site first."""
    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def init_app(app: Flask) -> None:
    app.config.setdefault("RATE_LIMIT_POSTS", 60)
    app.config.setdefault("RATE_LIMIT_WINDOW", 60)
    app.config.setdefault("RATE_LIMIT_STORAGE_URL", "")
    app.config.setdefault("TRUSTED_PROXIES", 0)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    # There is no Flask session; should one appear, its cookie leaves no opening either.
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")
    app.extensions[EXTENSION] = make_limiter(int(app.config["RATE_LIMIT_POSTS"]),
                                             int(app.config["RATE_LIMIT_WINDOW"]),
                                             str(app.config["RATE_LIMIT_STORAGE_URL"] or ""))
    app.jinja_env.undefined = StrictUndefined
    app.logger.addFilter(RedactExceptions())
    app.before_request(_limit_rate)
    app.before_request(_require_csrf)
    app.after_request(_set_csrf_cookie)
    app.jinja_env.globals.update(csrf_token=csrf_token, CSRF_FIELD=CSRF_FIELD)
    app.after_request(_secure_headers)


def limiter(app: Flask) -> RateLimiter | None:
    return app.extensions.get(EXTENSION)


def _limit_rate() -> None:
    store = limiter(current_app)
    if store is None or request.method not in LIMITED_METHODS:
        return
    wait = store.hit(client_key(request.remote_addr))
    if wait:
        g.retry_after = wait
        abort(429)


# -- CSRF: a double-submit token, so no server-side session or shared secret is needed.

def csrf_token() -> str:
    """The page's token: the one the browser already holds, or a fresh one set on the answer."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) != 43:
        token = request.environ.setdefault("recours.csrf", secrets.token_urlsafe(32))
    return token


def csrf_ok() -> bool:
    sent, kept = request.form.get(CSRF_FIELD, ""), request.cookies.get(CSRF_COOKIE, "")
    return bool(kept) and hmac.compare_digest(sent.encode(), kept.encode())


def _set_csrf_cookie(response: Response) -> Response:
    fresh = request.environ.get("recours.csrf")
    if fresh:
        response.set_cookie(CSRF_COOKIE, fresh, httponly=True, samesite="Strict",
                            secure=request.is_secure)
    return response


def _require_csrf() -> None:
    if request.method not in LIMITED_METHODS or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "csrf_checked_in_view", False) or getattr(view, "csrf_exempt", False):
        return
    if not csrf_ok():
        abort(400)


def _secure_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    if response.status_code == 429 and "retry_after" in g:
        response.headers["Retry-After"] = str(g.retry_after)
    return response


def attachment(name: str) -> str:
    """A ``Content-Disposition`` value whose file name cannot break the header or a path.

    >>> attachment('01-recours.docx')
    'attachment; filename="01-recours.docx"'
    >>> attachment('../"évil"\\r\\nSet-Cookie: x=1.docx')
    'attachment; filename="evil_Set-Cookie_x1.docx"'
    """
    return f'attachment; filename="{secure_filename(name) or "recours"}"'


class RedactExceptions(logging.Filter):
    """Keep an exception's type and traceback frames in the log; drop its message and arguments.

    A message such as ``ValueError: invalid literal for int(): 'Samia Benali'`` would carry
    what the person typed into the server's logs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.getMessage()}\n{redacted_traceback(record.exc_info[1])}"
            record.args = None
            record.exc_info, record.exc_text = None, None
        return True


def redacted_traceback(exc: BaseException) -> str:
    """The frames of ``exc`` and of the exceptions it chains to, each named by its type only."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{type(current).__qualname__}"
                     " (message withheld: it may hold personal data)")
        current = current.__cause__ or current.__context__
    return "\n\nwhile handling or caused by:\n\n".join(reversed(parts))
