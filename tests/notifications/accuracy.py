"""How many fields a reading gets right against the truth beside the sample: shared by the
tests (tests/test_notification_samples.py) and `make bench`.

A field is right when its value equals the truth exactly. A field found that the truth does
not have counts as wrong, and so does one missed; the list of missing mentions counts as one
more field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
KINDS = {"text PDF": ".pdf", "scan": ".scan.pdf", "phone photo": ".photo.jpg"}


def samples(kind: str) -> list[Path]:
    """The sample files of one kind ("text PDF", "scan", "phone photo")."""
    suffix = KINDS[kind]
    return sorted(p for p in HERE.iterdir() if p.name.endswith(suffix)
                  and not (kind == "text PDF" and p.name.endswith(".scan.pdf")))


def truth(path: Path) -> dict[str, Any]:
    name = path.name.split(".")[0]
    return json.loads((HERE / f"{name}.truth.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Score:
    right: int
    total: int
    wrong: tuple[tuple[str, Any, Any], ...]  # (field, truth, read)


def score(reading: dict[str, Any], expected: dict[str, Any]) -> Score:
    read = {f["field"]: f["value"] for f in reading["found"]}
    read["missing_mentions"] = sorted(m["id"] for m in reading["missing_mentions"])
    true = {**expected["fields"], "missing_mentions": expected["missing_mentions"]}
    names = sorted(set(read) | set(true))
    wrong = tuple((n, true.get(n), read.get(n)) for n in names if true.get(n) != read.get(n))
    return Score(len(names) - len(wrong), len(names), wrong)
