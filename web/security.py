"""Web-layer protections and the pages that describe them, wired by ``init_app(app)``.

- Headers on every response: a Content-Security-Policy that allows only this site's own files
  (no inline script or style, no frame), no referrer, no MIME sniffing, no browser features,
  HSTS over HTTPS, and ``Cache-Control: no-store`` on everything but the static files, so no
  letter or form stays in a shared cache.
- CSRF: every POST outside the JSON API must come from this site (its ``Sec-Fetch-Site``, or
  else its ``Origin``, says so when the browser sends one) and carry a token this server signed
  (HMAC-SHA256 with ``SECRET_KEY``), in the ``csrf_token`` field equal to the ``recours_csrf``
  cookie, both set here. A view that answers a stale token itself, keeping what was typed,
  says so with ``@checks_csrf_itself``, and the JSON API with ``@csrf_exempt``.
- Rate limiting of POSTs per client (``ratelimit.py``), weighted by their cost (``heavy.py``):
  ``RATE_LIMIT_POSTS`` units per ``RATE_LIMIT_WINDOW`` seconds, 0 to turn it off; in memory,
  or in Redis when ``RATE_LIMIT_STORAGE_URL`` is set. Over the limit: the 429 page, or JSON
  on the API, with ``Retry-After``.
- Forwarded headers (``X-Forwarded-For``, ``-Proto``) are believed from ``TRUSTED_PROXIES``
  proxies, and only on a connection from one of ``TRUSTED_PROXY_ADDRESSES`` (default the
  loopback): a client reaching the app server directly cannot choose its address.
- Logs: an exception is logged with its type and where it happened, never its message, which
  may quote what the person typed.
- Templates: a missing variable in a page is an error (``StrictUndefined``), not a blank.

Settings (``RECOURS_`` + name in the environment): ``SECRET_KEY`` (signs the tokens; when
absent, a random one per instance, so tokens last as long as the process: set the same one
on every machine behind one name), ``RATE_LIMIT_POSTS`` (default 60),
``RATE_LIMIT_WINDOW`` (seconds, default 60), ``RATE_LIMIT_STORAGE_URL`` (empty = memory),
``TRUSTED_PROXIES`` (default 0): how many reverse proxies in front of the app set
``X-Forwarded-For`` and ``X-Forwarded-Proto``; only then are those headers believed, so that
each client is counted apart and HTTPS is recognised (HSTS, secure cookies);
``TRUSTED_PROXY_ADDRESSES`` (default ``127.0.0.1, ::1``): the addresses such a proxy
connects from.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import secrets
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, current_app, request
from jinja2 import StrictUndefined
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.utils import secure_filename

from . import ratelimit
from .secret import derived_key, ensure_secret

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
LIMITED_METHODS = ratelimit.LIMITED_METHODS
CSRF_KEY = "recours.csrf_key"
CROSS_SITE = 400  # a form posted from another site gets the page "the request could not be read"
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
    app.config.setdefault("TRUSTED_PROXIES", 0)
    app.config.setdefault("TRUSTED_PROXY_ADDRESSES", "127.0.0.1, ::1")
    ensure_secret(app)
    app.extensions[CSRF_KEY] = derived_key(app, b"recours csrf")
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        app.wsgi_app = FromTrustedProxies(  # type: ignore[method-assign]
            app.wsgi_app, proxies, str(app.config["TRUSTED_PROXY_ADDRESSES"]))
    # There is no Flask session; should one appear, its cookie leaves no opening either.
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")
    app.jinja_env.undefined = StrictUndefined
    app.logger.addFilter(RedactExceptions())
    ratelimit.init_app(app)  # its check runs before the CSRF one, as every POST is counted
    app.before_request(_require_csrf)
    app.after_request(_set_csrf_cookie)
    app.jinja_env.globals.update(csrf_token=csrf_token, CSRF_FIELD=CSRF_FIELD)
    app.after_request(_secure_headers)


class FromTrustedProxies:
    """``ProxyFix``, applied only to connections from the proxies' own addresses.

    Behind nginx on the same machine, the app server listens on 127.0.0.1 and nginx connects
    from there; anyone else reaching the app server (a port left open, another container)
    has their ``X-Forwarded-For`` ignored, so they cannot take another client's count or
    make a new one at each request.
    """

    def __init__(self, app: Any, proxies: int, addresses: str) -> None:
        self.plain, self.fixed = app, ProxyFix(app, x_for=proxies, x_proto=proxies)
        self.networks = [ipaddress.ip_network(a.strip(), strict=False)
                         for a in addresses.split(",") if a.strip()]

    def trusted(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        app = self.fixed if self.trusted(environ.get("REMOTE_ADDR")) else self.plain
        return app(environ, start_response)


# -- CSRF: a double-submit token the server signs, so no server-side session is needed.

def _signature(nonce: str) -> str:
    mac = hmac.new(current_app.extensions[CSRF_KEY], nonce.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def _signed(token: str) -> bool:
    """Was ``token`` made by this server (or one sharing its ``SECRET_KEY``)?"""
    nonce, _, signature = token.partition(".")
    if len(nonce) != 22 or len(signature) != 43 or not nonce.isascii():
        return False
    return hmac.compare_digest(signature.encode(), _signature(nonce).encode())


def csrf_token() -> str:
    """The page's token: the one the browser already holds if this server signed it, or a
    fresh one set on the answer. A random nonce and its HMAC; it says nothing about anyone."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if not _signed(token):
        fresh = request.environ.get("recours.csrf")
        if fresh is None:
            nonce = secrets.token_urlsafe(16)
            fresh = request.environ["recours.csrf"] = f"{nonce}.{_signature(nonce)}"
        token = fresh
    return token


def csrf_ok() -> bool:
    """The form's token equals the cookie's, and this server signed it."""
    sent, kept = request.form.get(CSRF_FIELD, ""), request.cookies.get(CSRF_COOKIE, "")
    return hmac.compare_digest(sent.encode(), kept.encode()) and _signed(kept)


def same_site() -> bool:
    """Does the browser say this POST comes from one of this site's pages?

    ``Sec-Fetch-Site`` when the browser sends it (all current ones do): ``same-origin``, or
    ``none`` for what the person did themselves. Otherwise ``Origin``, when it names a site
    (this site sends ``Referrer-Policy: no-referrer``, under which a browser may send ``null``
    for its own forms). A client that sends neither is judged on its token alone.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return True
    return origin.rstrip("/") == request.host_url.rstrip("/")


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
    if getattr(view, "csrf_exempt", False):
        return
    if not same_site():
        abort(CROSS_SITE)  # even where a stale token gives the form back: not to another site
    if not getattr(view, "csrf_checked_in_view", False) and not csrf_ok():
        abort(400)


def _secure_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    if response.status_code == 429:
        response.headers["Retry-After"] = str(ratelimit.rate_limit(current_app).retry_after())
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
