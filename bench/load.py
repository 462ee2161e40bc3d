"""Bounded HTTP load against a server on this machine: `hey` when installed, else Python threads.

Every run is bounded twice: by a request count or a duration, and by a hard wall-clock limit
after which the load generator is stopped. Only loopback addresses are accepted.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    tool: str
    concurrency: int
    requests: int  # answered, whatever the status
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0  # connection errors and timeouts (no HTTP status at all)
    server_cpu_ms: float = float("nan")  # filled in by the caller, who knows the server's pids
    client_cpu_ms: float = float("nan")

    @property
    def failures(self) -> int:
        """Requests that did not get the expected 200."""
        return self.errors + sum(n for code, n in self.statuses.items() if code != 200)


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"load tests target this machine only, not {host}")


def run(url: str, body: bytes, concurrency: int, *, requests: int | None = None,
        seconds: float | None = None, content_type: str = "application/json",
        slow: bool = False) -> LoadResult:
    """POST ``body`` to ``url`` ``requests`` times, or for ``seconds``, from ``concurrency`` clients.

    ``slow``: each answer may take long (a PDF queued behind others): a request waits up to
    10 minutes, and the whole run up to 5 s a request, instead of 20 s and 20 ms.
    """
    loopback_only(url)
    if (requests is None) == (seconds is None):
        raise ValueError("give a request count or a duration")
    if shutil.which("hey"):
        return _hey(url, body, concurrency, requests, seconds, content_type, slow)
    return _threads(url, body, concurrency, requests, seconds, content_type)


def _hey(url, body, concurrency, requests, seconds, content_type, slow=False) -> LoadResult:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        f.write(body)
        f.flush()
        bound = ["-z", f"{seconds:g}s"] if seconds else ["-n", str(requests)]
        args = ["hey", *bound, "-c", str(concurrency), "-t", "600" if slow else "20", "-m", "POST",
                "-T", content_type, "-D", f.name, url]
        limit = (seconds or 0) + 120 + (requests or 0) * (5 if slow else 1 / 50)
        out = subprocess.run(args, capture_output=True, text=True, timeout=limit, check=True).stdout
    statuses = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)}
    errors = sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s+\w+ ", _section(out, "Error distribution"),
                                             re.MULTILINE))

    def pct(q: int) -> float:
        m = re.search(rf"{q}%+ in ([\d.]+) secs", out)
        return float(m.group(1)) * 1000 if m else float("nan")

    total = float(re.search(r"Total:\s+([\d.]+) secs", out).group(1))
    answered = sum(statuses.values())
    return LoadResult("hey", concurrency, answered, total,
                      float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                      pct(50), pct(99), statuses, errors)


def _section(text: str, title: str) -> str:
    return text.split(title, 1)[1] if title in text else ""


def _threads(url, body, concurrency, requests, seconds, content_type) -> LoadResult:
    """The fallback: threads with http.client, one connection per request (as a sync worker wants)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = [0]
    left = [requests if requests is not None else 10**9]
    deadline = time.perf_counter() + (seconds if seconds is not None else 600)

    def client():
        while time.perf_counter() < deadline:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            t = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
                conn.request("POST", path, body, {"Content-Type": content_type})
                response = conn.getresponse()
                response.read()
                conn.close()
            except OSError:
                with lock:
                    errors[0] += 1
                continue
            ms = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(ms)
                statuses[response.status] = statuses.get(response.status, 0) + 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=max(1.0, deadline - time.perf_counter() + 30))
    elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * q))] if latencies else float("nan")

    return LoadResult("python threads", concurrency, len(latencies), elapsed,
                      len(latencies) / elapsed, pct(0.50), pct(0.99), statuses, errors[0])


class SlowClients:
    """``count`` connections that start a request and never finish it: half stop in the headers,
    half in a body announced as 100 KB, and each sends one more byte every ``every`` seconds,
    as a slow or hostile client does. Loopback only; closed by ``close()`` (or ``with``)."""

    def __init__(self, port: int, count: int, every: float = 1.0) -> None:
        import socket

        self.conns = []
        for i in range(count):
            conn = socket.create_connection(("127.0.0.1", port), timeout=10)
            if i % 2:
                conn.sendall(b"POST /api/v1/letters HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 100000\r\n\r\n{")
            else:
                conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            self.conns.append(conn)
        self._stop = threading.Event()
        self._every = every
        self._thread = threading.Thread(target=self._trickle, daemon=True)
        self._thread.start()

    def _trickle(self) -> None:
        while not self._stop.wait(self._every):
            self.send_byte()

    def send_byte(self) -> None:
        for conn in self.conns:
            try:
                conn.sendall(b"a")
            except OSError:
                pass

    def still_open(self) -> int:
        """How many the server still holds open, waiting for the rest of their request."""
        held = 0
        for conn in self.conns:
            conn.setblocking(False)
            try:
                conn.recv(1)  # an answer, or the end: the server let it go
            except BlockingIOError:
                held += 1
            except OSError:
                pass
            finally:
                conn.setblocking(True)
        return held

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self.conns:
            conn.close()

    def __enter__(self) -> SlowClients:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
