"""`make bench`, part 3: reading the synthetic notifications of tests/notifications/.

For each kind of file (text PDF, scan, phone photo): the share of fields read right against
the truth beside each file, and the time per page: wall time, and CPU time of this process
and of Tesseract's, which runs in child processes. Every file is read ``--reps`` times.

Alone: ``python -m bench.notifications [--reps N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass

from letters.notification import read_notification
from tests.notifications.accuracy import KINDS, samples, score, truth

GOAL_S_PER_PAGE = 3.0
FLOORS = {"text PDF": 1.0, "scan": 0.95, "phone photo": 0.85}


@dataclass
class KindResult:
    kind: str
    files: int
    pages: int
    right: int
    total: int
    wall_per_page: list[float]
    cpu_per_page: list[float]
    wrong: list[tuple[str, str, object, object]]

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(kind: str, reps: int) -> KindResult:
    result = KindResult(kind, 0, 0, 0, 0, [], [], [])
    for path in samples(kind):
        data, expected = path.read_bytes(), truth(path)
        pages = 1 if kind == "phone photo" else expected["pages"]
        result.files += 1
        result.pages += pages
        for rep in range(reps):
            wall, cpu = time.perf_counter(), cpu_seconds()
            reading = read_notification(data, path.name).as_dict()
            result.wall_per_page.append((time.perf_counter() - wall) / pages)
            result.cpu_per_page.append((cpu_seconds() - cpu) / pages)
            if rep == 0:
                s = score(reading, expected)
                result.right += s.right
                result.total += s.total
                result.wrong += [(path.name, *w) for w in s.wrong]
    return result


def run(reps: int) -> list[KindResult]:
    return [measure(kind, reps) for kind in KINDS]


def report(results: list[KindResult]) -> list[tuple[str, str, bool]]:
    """Print the table and the fields read wrong; return the targets as (name, value, met)."""
    print("\n## 3. Reading notifications (tests/notifications/, synthetic)\n")
    print(f"{'kind':12s} {'files':>5s} {'pages':>5s} {'fields right':>13s} {'accuracy':>9s} "
          f"{'s/page wall: median':>20s} {'max':>6s} {'CPU s/page median':>18s}")
    for r in results:
        print(f"{r.kind:12s} {r.files:5d} {r.pages:5d} {f'{r.right}/{r.total}':>13s} {r.accuracy:9.1%} "
              f"{statistics.median(r.wall_per_page):20.2f} {max(r.wall_per_page):6.2f} "
              f"{statistics.median(r.cpu_per_page):18.2f}")
    print("  CPU = this process and Tesseract's child processes; wall time also counts waiting for a")
    print("  core another program holds.")
    for r in results:
        for name, field, expected, got in r.wrong:
            print(f"  wrong ({r.kind}): {name} {field}: truth {expected!r}, read {got!r}")
    targets = [(f"{r.kind}: fields right >= {FLOORS[r.kind]:.0%}", f"{r.accuracy:.1%}",
                r.accuracy >= FLOORS[r.kind]) for r in results]
    worst = max(statistics.median(r.wall_per_page) for r in results)
    targets.append((f"median time per page < {GOAL_S_PER_PAGE:.0f} s (slowest kind, wall)", f"{worst:.2f} s",
                    worst < GOAL_S_PER_PAGE))
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="readings of each file (default 3)")
    args = parser.parse_args()
    for name, value, ok in report(run(args.reps)):
        print(f"  [{'met ' if ok else 'MISS'}] {name:55s} {value}")


if __name__ == "__main__":
    main()
