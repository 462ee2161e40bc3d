"""Counting requests per client, to refuse floods: Flask-Limiter with a keyed client hash.

- Who: a client is known by a keyed hash of its address, an IPv6 client by its /64 network
  (what one household or one machine holds), never by the address itself. The key derives
  from ``SECRET_KEY``, so every process that shares it hashes a client the same way.
- How much: ``RATE_LIMIT_POSTS`` units per ``RATE_LIMIT_WINDOW`` seconds, counted on POSTs
  (reading pages is free). A request costs what it makes the server do (``heavy.cost``): a
  page or a JSON answer 1, a file 2, a PDF 6.
- Where: in each process's memory by default, where a count lasts until its window ends
  whatever the number of other clients; with ``RATE_LIMIT_STORAGE_URL=redis://…`` in Redis,
  one count shared by every worker and machine.
- A view may have a limit of its own on top (``limit_view``): the workspace's login, a few
  attempts per client, ``RATE_LIMIT_LOGINS`` per ``RATE_LIMIT_LOGIN_WINDOW`` seconds.
- When the store fails: each request waits for Redis at most ``RATE_LIMIT_STORAGE_TIMEOUT``
  seconds (0.1); past it, the process counts in its own memory, and tries Redis again after
  2, 4, 8… seconds (Flask-Limiter's in-memory fallback). A stalled Redis costs one short wait
  now and then, not one on every POST, and never refuses everyone.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter

from . import heavy
from .secret import derived_key

EXTENSION = "recours.ratelimit"
LIMITED_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SCHEMES = ("memory", "redis", "rediss", "redis+unix")


def client_key(address: str | None) -> str:
    """The part of an address that identifies one client: the IPv4 address, or an IPv6 /64.

    >>> client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::2")
    True
    >>> client_key("192.0.2.7"), client_key("::ffff:192.0.2.7"), client_key(None)
    ('192.0.2.7', '192.0.2.7', '-')
    """
    if not address:
        return "-"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_digest(salt: bytes, address: str | None) -> str:
    """The name a client is counted under: a keyed hash, from which no address can be read back."""
    return hmac.new(salt, client_key(address).encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


def _key() -> str:
    return client_digest(current_app.extensions[EXTENSION].salt, request.remote_addr)


def _not_counted() -> bool:
    return request.method not in LIMITED_METHODS


def storage_uri(url: str) -> str:
    """The store the setting names; empty means memory. An unknown one is refused at start."""
    if not url:
        return "memory://"
    scheme = urlsplit(url).scheme
    if scheme not in SCHEMES:
        raise ValueError(f"RATE_LIMIT_STORAGE_URL: unknown store {scheme!r} "
                         "(use memory:// or redis://host:port/db)")
    return url


class RateLimit:
    """The app's limiter and what it needs besides: the salt of the client hash."""

    def __init__(self, app: Flask) -> None:
        posts, window = int(app.config["RATE_LIMIT_POSTS"]), int(app.config["RATE_LIMIT_WINDOW"])
        self.salt = derived_key(app, b"recours rate limit")
        uri = storage_uri(str(app.config.get("RATE_LIMIT_STORAGE_URL") or ""))
        timeout = float(app.config["RATE_LIMIT_STORAGE_TIMEOUT"])
        options = {} if uri.startswith("memory") else {
            "socket_timeout": timeout, "socket_connect_timeout": timeout, "health_check_interval": 0}
        self.limiter = Limiter(
            # Application limits: one count per client across every route, not one per route.
            _key, app=app, application_limits=[f"{max(posts, 1)} per {window} second"],
            application_limits_cost=heavy.cost, application_limits_exempt_when=_not_counted,
            storage_uri=uri, storage_options=options, strategy="fixed-window",
            key_prefix="recours", in_memory_fallback_enabled=True, swallow_errors=True,
            headers_enabled=False, enabled=posts > 0,
        )

    def retry_after(self) -> int:
        """Seconds until the breached window ends (for the 429's ``Retry-After``)."""
        window = int(current_app.config["RATE_LIMIT_WINDOW"])
        current = self.limiter.current_limit
        if current is None:
            return window
        window = current.limit.get_expiry()  # the breached limit's own: a view's may be longer
        return min(window, max(1, int(current.reset_at - time.time() + 0.999)))


def limit_view(app: Flask, endpoint: str, limit: str,
               refused: Callable[[], Response] | None = None) -> None:
    """Count the POSTs to one view apart, per client, within ``limit`` ("10 per 300 second"),
    besides the app's own count: a login tried again and again from one place. ``refused``
    answers one over the limit (a 429 of the view's own, what was typed kept)."""
    view = app.view_functions[endpoint]
    decorate = rate_limit(app).limiter.limit(limit, methods=["POST"], override_defaults=False,
                                             on_breach=(lambda _limit: refused()) if refused else None)
    app.view_functions[endpoint] = decorate(view)


def init_app(app: Flask) -> None:
    app.config.setdefault("RATE_LIMIT_POSTS", 60)
    app.config.setdefault("RATE_LIMIT_WINDOW", 60)
    app.config.setdefault("RATE_LIMIT_STORAGE_URL", "")
    app.config.setdefault("RATE_LIMIT_STORAGE_TIMEOUT", 0.1)
    app.extensions[EXTENSION] = RateLimit(app)


def rate_limit(app: Flask) -> RateLimit:
    limit: RateLimit = app.extensions[EXTENSION]
    return limit
