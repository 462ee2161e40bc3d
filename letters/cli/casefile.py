"""Reading a case file from the command line, once for every command that takes one.

The file is read up to the size limit (one byte more says it is too big), decoded with the
limits of ``safejson``, given ``--today`` when the command has one, and validated. Errors come
back as the ``{"field", "message"}`` dicts every command prints.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..case import Case, parse_case
from ..safejson import MAX_CASE_BYTES, load_case_json


@dataclass
class CaseFile:
    """One case file: the case, the JSON it was read from, or the errors that stopped it."""

    source: Path
    case: Case | None = None
    data: Any = None
    errors: list[dict[str, str]] = field(default_factory=list)


def read_bytes(path: Path, limit: int) -> bytes:
    with path.open("rb") as file:
        return file.read(limit + 1)  # one byte more is enough to say it is too big


def read_case_file(source: Path, today: date | None = None) -> CaseFile:
    try:
        raw = read_bytes(source, MAX_CASE_BYTES)
    except OSError as exc:
        return CaseFile(source, errors=[{"field": "(fichier)",
                                         "message": f"Lecture impossible : {exc.strerror}."}])
    data, errors = load_case_json(raw)
    if errors:
        return CaseFile(source, errors=[e.as_dict() for e in errors])
    if today is not None and isinstance(data, dict):
        data = {**data, "today": today.isoformat()}
    case, errors = parse_case(data, today=date.today())
    if case is None:
        return CaseFile(source, data=data, errors=[e.as_dict() for e in errors])
    return CaseFile(source, case=case, data=data)


def day(value: str) -> date:
    """``--today``: a date written AAAA-MM-JJ."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("date attendue au format AAAA-MM-JJ") from None
