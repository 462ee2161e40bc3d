"""Command line: ``python -m letters CASE.json --out DIR [--format docx,html,txt,pdf,ics] [--today D]``.

Writes each letter of the packet in each format into DIR (``ics``: one calendar of every
date of the packet; ``pdf``: also every letter in one PDF) and prints the packet as JSON.
Bad input: exit status 2 and the field errors as JSON on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .case import parse_case
from .compose import compose_packet
from .export import LETTER_BUNDLES, PACKET_FILES, RENDERERS, filename, packet_data, render
from .safejson import MAX_CASE_BYTES, load_case_json

CALENDAR = "ics"  # a packet-level format: one file for the whole packet


def _formats(value: str) -> list[str]:
    formats = [f.strip() for f in value.split(",") if f.strip()]
    allowed = [*RENDERERS, CALENDAR]
    unknown = [f for f in formats if f not in allowed]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"formats possibles : {', '.join(allowed)}")
    return formats


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("date attendue au format AAAA-MM-JJ") from None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["bundle"], ["batch"]):  # subcommands: letters/bundle/cli.py, letters/batch.py
        from .batch import main as batch
        from .bundle.cli import main as bundle

        return {"bundle": bundle, "batch": batch}[argv[0]](argv[1:])
    parser = argparse.ArgumentParser(prog="python -m letters", description=__doc__.split("\n")[0])
    parser.add_argument("case", type=Path, help="fichier JSON décrivant le cas")
    parser.add_argument("--out", type=Path, required=True, help="dossier où écrire les lettres")
    parser.add_argument("--format", type=_formats, default=["docx", "html", "txt"])
    parser.add_argument("--today", type=_day, help="date du jour (AAAA-MM-JJ), pour rejouer un cas")
    args = parser.parse_args(argv)

    def fail(errors: list[dict[str, str]]) -> int:
        json.dump({"errors": errors}, sys.stderr, ensure_ascii=False, indent=2)
        sys.stderr.write("\n")
        return 2

    try:
        with args.case.open("rb") as file:
            raw = file.read(MAX_CASE_BYTES + 1)  # one byte more is enough to say it is too big
    except OSError as exc:
        return fail([{"field": "(fichier)", "message": f"Lecture impossible : {exc.strerror}."}])
    data, errors = load_case_json(raw)
    if errors:
        return fail([e.as_dict() for e in errors])
    if args.today is not None and isinstance(data, dict):
        data = {**data, "today": args.today.isoformat()}
    case, errors = parse_case(data, today=date.today())
    if case is None:
        return fail([e.as_dict() for e in errors])

    packet = compose_packet(case)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, letter in enumerate(packet.letters, start=1):
        for fmt in args.format:
            if fmt in RENDERERS:
                (args.out / filename(letter, fmt, i)).write_bytes(render(letter, fmt))
    # Packet-level files: the calendar, and (besides a PDF per letter) every letter in one PDF.
    for fmt in args.format:
        if fmt in PACKET_FILES and (packet.letters or fmt not in LETTER_BUNDLES):
            make, name = PACKET_FILES[fmt]
            (args.out / name).write_bytes(make(packet))
    json.dump(packet_data(packet), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
