"""The clinic's deadlines board with many dossiers: how long the page takes, and how many
sealed values it opens to be drawn.

Fills a fresh SQLite workspace with ``--dossiers`` dossiers (500 by default), cycling through
the example cases of tests/cases/ (each with a name of its own, some with a letter noted as
sent), logs a référent in and times ``GET /espace/`` (the board) and ``clinic deadlines`` (the
board as text), each several times: the first view of the day, then the views after it. Every
call to open a sealed value is counted, by the kind of place it opens (the case, an event, a
file's name…).

Run from the repository's root: ``python -m bench.board [--dossiers N] [--views N]``.
Nothing here is a test: the numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 29, 10, 0)
PASSWORD = "un mot de passe assez long"


def examples() -> list[dict]:
    out = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("today") in (None, "2026-11-29"):
            out.append(data)
    return out


def fill(ws, count: int, referent: str) -> int:
    from workspace.store import CaseInvalid

    made, cases = 0, examples()
    i = 0
    while made < count:
        data = copy.deepcopy(cases[i % len(cases)])
        data.setdefault("person", {})["name"] = f"Personne {i:04d}"
        if i % 3 == 0:  # a third have the request for explanation noted as sent
            data["events"] = [{"date": "2026-11-02", "kind": "sent", "letter": "explanation"}]
        i += 1
        try:
            ws.create(data, referent, referent)
        except CaseInvalid:
            continue
        made += 1
    return made


class Opens:
    """Counts each call to open a sealed value, by the kind of place it opens."""

    def __init__(self) -> None:
        from workspace import sealing

        self.counts: Counter[str] = Counter()
        self.original = sealing.Key.open
        counts, original = self.counts, self.original

        def counted(key, sealed: bytes, where: str) -> bytes:
            counts[where.split(":")[0]] += 1
            return original(key, sealed, where)

        sealing.Key.open = counted  # type: ignore[method-assign]

    def take(self) -> dict[str, int]:
        out = dict(self.counts)
        self.counts.clear()
        return out


def timed(call, views: int, opens: Opens) -> list[tuple[float, dict[str, int]]]:
    out = []
    for _ in range(views):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start, opens.take()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=500)
    parser.add_argument("--views", type=int, default=5)
    args = parser.parse_args()

    from web import create_app
    from workspace import totp
    from workspace.cli import clinic
    from workspace.db import engine_for, migrate
    from workspace.sealing import Sealer, new_key
    from workspace.store import Workspace

    folder = Path(tempfile.mkdtemp(prefix="recours-board-"))
    engine = engine_for(f"sqlite:///{folder / 'workspace.sqlite3'}")
    migrate(engine)
    now = [NOW]
    ws = Workspace(engine, Sealer(new_key()), clock=lambda: now[0])
    user = ws.add_user("claire@asso.example", PASSWORD)
    start = time.perf_counter()
    made = fill(ws, args.dossiers, user.id)
    print(f"{made} dossiers stored in {time.perf_counter() - start:.1f} s")

    app = create_app({"TESTING": True, "WORKSPACE": "1", "WORKSPACE_STORE": ws, "SECRET_KEY": "s" * 40,
                      "TODAY": "2026-11-29", "RATE_LIMIT_POSTS": 0})
    client = app.test_client()

    def log_in() -> None:
        page = client.get("/espace/connexion").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        code = totp.totp(user.totp_secret, now[0].replace(tzinfo=UTC).timestamp())
        answer = client.post("/espace/connexion", data={"csrf_token": token, "email": "claire@asso.example",
                                                        "password": PASSWORD, "code": code})
        assert answer.status_code == 303

    log_in()

    opens = Opens()

    def board_page() -> None:
        answer = client.get("/espace/")
        assert answer.status_code == 200 and answer.text.count("Personne ") >= made

    def board_text() -> None:
        result = CliRunner().invoke(clinic, ["deadlines"], obj=ws, catch_exceptions=False)
        assert result.output.count("Personne ") >= made

    for name, call in (("GET /espace/", board_page), ("clinic deadlines", board_text)):
        runs = timed(call, args.views, opens)
        first, rest = runs[0], runs[1:]
        print(f"{name}: first view {first[0] * 1000:.0f} ms, opening {first[1]}")
        if rest:
            later = [t for t, _ in rest]
            print(f"{name}: next {len(rest)} views, median {statistics.median(later) * 1000:.0f} ms "
                  f"(min {min(later) * 1000:.0f}, max {max(later) * 1000:.0f}), each opening {rest[-1][1]}")

    # The next day: the first view before the day's `clinic purge`, then a day with it.
    for step, purge_first in ((1, False), (1, True)):
        now[0] += timedelta(days=step)
        log_in()  # the session of the day before has ended
        opens.take()
        if purge_first:
            start = time.perf_counter()
            CliRunner().invoke(clinic, ["purge"], obj=ws, catch_exceptions=False)
            print(f"clinic purge, the next day: {(time.perf_counter() - start) * 1000:.0f} ms, "
                  f"opening {opens.take()}")
        [(seconds, opened)] = timed(board_page, 1, opens)
        when = "after clinic purge" if purge_first else "without clinic purge"
        print(f"GET /espace/, the next day's first view {when}: {seconds * 1000:.0f} ms, opening {opened}")
    engine.dispose()


if __name__ == "__main__":
    main()
