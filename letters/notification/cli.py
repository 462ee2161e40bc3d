"""``python -m letters read FILE``: read a notification (PDF, JPEG, PNG or TXT), print what was read.

Prints ``{"case": {...}, "found": [...], "missing_mentions": [...]}`` as JSON on standard
output. A file that cannot be read: exit status 2 and the reason as JSON on standard error,
in the shape of the other commands' errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import files, read_notification
from .errors import UnreadableNotification

FIELD = "(fichier)"


def _fail(message: str) -> int:
    json.dump({"errors": [{"field": FIELD, "message": message}]}, sys.stderr, ensure_ascii=False, indent=2)
    sys.stderr.write("\n")
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m letters read", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="le courrier : PDF, photo JPEG ou PNG, ou texte")
    args = parser.parse_args(argv)
    try:
        with args.file.open("rb") as f:
            data = f.read(files.MAX_BYTES + 1)  # one byte more is enough to say it is too big
    except OSError as exc:
        return _fail(f"Lecture impossible : {exc.strerror}.")
    try:
        reading = read_notification(data, args.file.name)
    except UnreadableNotification as exc:
        return _fail(exc.message)
    json.dump(reading.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
