"""The production server as `make serve` runs it: gunicorn with gunicorn.conf.py, on loopback.

One server for the module (one worker, behind one proxy as the README sets it up), stopped by
its process id at the end.
"""

from __future__ import annotations

import http.client
import io
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from bench import load

from .conftest import CASES, TODAY

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "RECOURS_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1",
           "RECOURS_TODAY": TODAY, "RECOURS_TRUSTED_PROXIES": "1"}
    process = subprocess.Popen([str(GUNICORN), "--config", "gunicorn.conf.py", "app:app"], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read().decode()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.02)
        yield port
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        log = process.stdout.read().decode()
        process.stdout.close()
        # No access log (client addresses are personal data), and nothing a person sent: not
        # even gunicorn's own "Invalid request from ip=…" (the tests below send some).
        assert "/api/v1/letters" not in log and "Samia" not in log
        assert "127.0.0.1" not in log and "ip=" not in log, log
        assert "Invalid request (client address and request withheld)" in log


def post(port: int, path: str, body: bytes, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("POST", path, body, {"Content-Type": "application/json", **headers})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def test_the_production_server_answers_the_api_with_the_packet_as_a_zip(server):
    body = (CASES / "caf-prime-activite-indu.json").read_bytes()
    response, data = post(server, "/api/v1/letters?format=zip", body)
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.endswith(".docx") for n in names) and any(n.endswith(".txt") for n in names)
    assert response.getheader("Strict-Transport-Security") is None  # plain HTTP, no proxy


def test_behind_the_proxy_https_is_recognised_from_its_forwarded_header(server):
    body = (CASES / "caf-prime-activite-indu.json").read_bytes()
    response, _ = post(server, "/api/v1/letters", body, **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=")


def test_the_benchmark_load_generator_targets_this_machine_only_and_stops_by_itself(server):
    with pytest.raises(ValueError):
        load.run("http://192.0.2.1:8000/api/v1/letters", b"{}", 1, requests=1)
    body = (CASES / "caf-prime-activite-indu.json").read_bytes()
    url = f"http://127.0.0.1:{server}/api/v1/letters?format=zip"
    result = load._threads(url, body, 2, 6, None, "application/json")  # the fallback, bounded
    assert (result.requests, result.statuses, result.failures) == (6, {200: 6}, 0)


def test_a_malformed_request_is_refused_and_logged_without_the_client_address(server):
    for raw in (b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n", b"BREW / HTTP/9.9\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\r\nBad Header Samia: x\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", server), timeout=10) as conn:
            conn.sendall(raw)
            assert conn.recv(100).startswith(b"HTTP/1.1 400"), raw


def test_slow_clients_held_open_do_not_starve_the_others(server):
    """Twenty clients that never finish their request (half in the headers, half in the body)
    are held while normal requests keep being answered; one synchronous worker stopped at the
    first of them. (How fast the others are served, with fifty: `make bench`.)"""
    with load.SlowClients(server, 20, every=3600) as slow:  # bytes sent below, by hand
        body = (CASES / "bank-credit-refusal.json").read_bytes()
        for round_ in range(3):
            slow.send_byte()
            for _ in range(5):
                response, data = post(server, "/api/v1/letters?format=zip", body)
                assert response.status == 200 and data.startswith(b"PK"), round_
            health = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
            health.request("GET", "/healthz")
            assert health.getresponse().status == 200
            health.close()
        assert slow.still_open() == 20  # held by the server, still waiting for the rest
