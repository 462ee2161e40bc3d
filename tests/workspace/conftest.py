"""Workspace tests run on both databases: an SQLite file, and a real PostgreSQL server from
Debian's packages, started here on 127.0.0.1 on a free port in a temporary folder (as an
unprivileged user when the suite runs as root, since PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from workspace.db import engine_for, migrate
from workspace.sealing import Sealer, new_key
from workspace.store import Workspace

KEY = new_key()
UNPRIVILEGED = "nobody"


class Clock:
    """The workspace's clock, set by each test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


class Postgres:
    def __init__(self, url: str, data: Path) -> None:
        self.url, self.data = url, data


@pytest.fixture(scope="session")
def postgres_server():
    binaries = _postgres_bin()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is missing: `make test` installs it (Debian package postgresql)")
        pytest.skip("PostgreSQL is not installed (`make test` installs it)")
    root = Path(tempfile.mkdtemp(prefix="recours-pg-"))
    user = None
    if os.geteuid() == 0:
        user = UNPRIVILEGED
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data = root / "data"
    log = root / "server.log"
    subprocess.run([str(binaries / "initdb"), "-D", str(data), "-U", "recours", "--auth=trust",
                    "-E", "UTF8", "--no-locale"], user=user, check=True, capture_output=True)
    port = _free_port()
    with open(os.devnull, "wb") as quiet:
        server = subprocess.Popen(
            [str(binaries / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port), "-k", str(root),
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            user=user, stdout=quiet, stderr=quiet)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                probe = subprocess.run([str(binaries / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                                       capture_output=True)
                if probe.returncode == 0:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"PostgreSQL did not start ({log})")
            time.sleep(0.1)
        yield Postgres(f"postgresql+psycopg://recours@127.0.0.1:{port}", data)
    finally:
        server.terminate()  # smart shutdown of the server this fixture started
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(root, ignore_errors=True)


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True) as c:
        c.execute(sql)


@contextmanager
def _fresh_database(server: Postgres):
    name = f"t_{uuid.uuid4().hex[:12]}"
    _admin(server.url, f"CREATE DATABASE {name}")
    try:
        yield f"{server.url}/{name}"
    finally:
        _admin(server.url, f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """(kind, URL) of an empty database of each kind, dropped after the test."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'workspace.sqlite3'}"
        return
    with _fresh_database(request.getfixturevalue("postgres_server")) as url:
        yield "postgresql", url


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 29, 10, 0))


@contextmanager
def _workspace(url: str, clock: Clock):
    engine = engine_for(url)
    migrate(engine)
    try:
        yield Workspace(engine, Sealer(KEY), clock=clock)
    finally:
        engine.dispose()


@pytest.fixture
def ws(database, clock):
    with _workspace(database[1], clock) as workspace:
        yield workspace


@pytest.fixture
def site(ws):
    """The app with the workspace on, over ``ws``, the rate limit off."""
    from web import create_app

    return create_app({"TESTING": True, "WORKSPACE": "1", "WORKSPACE_STORE": ws, "SECRET_KEY": "s" * 40,
                       "TODAY": "2026-11-29", "RATE_LIMIT_POSTS": 0})


@pytest.fixture
def postgres_ws(postgres_server, clock):
    """A workspace on PostgreSQL only, for what only PostgreSQL has (its data files)."""
    with _fresh_database(postgres_server) as url, _workspace(url, clock) as workspace:
        yield workspace
