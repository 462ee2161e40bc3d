"""Counting requests per client, to refuse floods: an interface and two stores.

``MemoryRateLimiter`` (the default) keeps the counts in the process: enough for one server
process. With several processes or machines behind one address, give them a shared store:
``RedisRateLimiter``, chosen by setting ``RECOURS_RATE_LIMIT_STORAGE_URL=redis://host:6379/0``;
it needs the ``redis`` Python package (``pip install redis==8.1.0``), which is only imported
then.

Both count in fixed windows (``limit`` requests per ``window`` seconds) and keep no address:
a client is known by a keyed hash of its address (an IPv6 client by its /64 network, which is
what one household or one machine holds), and a count is forgotten when its window ends.
Neither module reads Flask: ``security.py`` wires them to the app.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)


class RateLimiter(Protocol):
    """What the app needs from a store: count one request, say how long to wait if over."""

    limit: int
    window: int

    def hit(self, client: str) -> int:
        """Count one request from ``client``; 0 if it may go on, else the seconds to wait."""
        ...


def client_key(address: str | None) -> str:
    """The part of an address that identifies one client: the IPv4 address, or an IPv6 /64.

    >>> client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::2")
    True
    >>> client_key("192.0.2.7"), client_key(None)
    ('192.0.2.7', '-')
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


def _digest(salt: bytes, client: str) -> str:
    return hmac.new(salt, client.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


class MemoryRateLimiter:
    """Counts in this process's memory; bounded to ``max_clients`` entries."""

    def __init__(self, limit: int, window: int, *, max_clients: int = 50_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.max_clients, self._clock = limit, window, max_clients, clock
        self._salt = secrets.token_bytes(16)
        self._counts: dict[str, tuple[int, int]] = {}  # client digest -> (window number, count)
        self._lock = threading.Lock()

    def hit(self, client: str) -> int:
        now = self._clock()
        current = int(now // self.window)
        key = _digest(self._salt, client)
        with self._lock:
            if key not in self._counts and len(self._counts) >= self.max_clients:
                self._forget_old(current)
            number, count = self._counts.get(key, (current, 0))
            count = count + 1 if number == current else 1
            self._counts[key] = (current, count)
        if count <= self.limit:
            return 0
        return max(1, int((current + 1) * self.window - now + 0.999))

    def _forget_old(self, current: int) -> None:
        self._counts = {k: v for k, v in self._counts.items() if v[0] == current}
        if len(self._counts) >= self.max_clients:
            # A flood from more clients than we keep: start the window afresh rather than grow.
            self._counts.clear()

    def __len__(self) -> int:
        return len(self._counts)


class RedisRateLimiter:
    """Counts in Redis, shared by every process that uses the same URL and prefix.

    One round trip per request (INCR and EXPIRE in a transaction). The hashing salt is kept
    in Redis too (created once with SET NX), so every process hashes a client the same way.
    If Redis cannot be reached, requests are let through and a warning is logged (no address
    in it): refusing everyone because the counter is down would be worse than a flood.
    """

    def __init__(self, url: str, limit: int, window: int, *, prefix: str = "recours:rl:",
                 timeout: float = 0.5, clock: Callable[[], float] = time.time) -> None:
        import redis  # optional: only a deployment that configures a Redis URL needs it

        self.limit, self.window, self.prefix, self._clock = limit, window, prefix, clock
        self._redis = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self._errors = (redis.RedisError, OSError)
        self._salt: bytes | None = None
        self._warned_at = float("-inf")

    def _shared_salt(self) -> bytes:
        if self._salt is None:
            key = self.prefix + "salt"
            self._redis.set(key, secrets.token_hex(16), nx=True)
            salt = self._redis.get(key)
            if not salt:
                raise OSError("no salt in Redis")
            self._salt = bytes(salt)
        return self._salt

    def hit(self, client: str) -> int:
        now = self._clock()
        current = int(now // self.window)
        try:
            key = f"{self.prefix}{_digest(self._shared_salt(), client)}:{current}"
            pipe = self._redis.pipeline(transaction=True)
            pipe.incr(key)
            pipe.expire(key, self.window + 1)
            count = int(pipe.execute()[0])
        except self._errors as exc:
            if now - self._warned_at > 60:
                self._warned_at = now
                log.warning("Rate limiting store unreachable (%s); requests are let through.",
                            type(exc).__name__)
            return 0
        if count <= self.limit:
            return 0
        return max(1, int((current + 1) * self.window - now + 0.999))


def make_limiter(limit: int, window: int, storage_url: str = "") -> RateLimiter | None:
    """The store the settings ask for; None when ``limit`` is 0 (rate limiting off)."""
    if limit <= 0:
        return None
    if storage_url.startswith(("redis://", "rediss://", "unix://")):
        return RedisRateLimiter(storage_url, limit, window)
    if storage_url and storage_url != "memory://":
        raise ValueError(f"RATE_LIMIT_STORAGE_URL: unknown store {storage_url.split(':', 1)[0]!r} "
                         "(use memory:// or redis://host:port/db)")
    return MemoryRateLimiter(limit, window)
