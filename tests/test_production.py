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
        # No access log (client addresses are personal data), and nothing a person sent.
        assert "/api/v1/letters" not in log and "Samia" not in log


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
