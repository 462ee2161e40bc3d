"""``python -m letters batch CASE_OR_FOLDER... --out DIR [--format docx,pdf] [--jobs N] [--today D]``

Many cases at once, for a clinic: each case's letters go to ``DIR/<case file name>/``, the same
files ``python -m letters`` writes for one case. The cases are shared out among ``--jobs``
processes (one per core by default). Prints ``{"written": [...], "errors": [...]}``; exit
status 2 when any case is invalid (the others are written all the same).

Each letter is laid out once: its own PDF and the packet's PDF are written from the same
layout, which gives the same bytes as laying it out twice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from .case import parse_case
from .compose import compose_packet
from .export import PACKET_FILES, RENDERERS, filename, render
from .model import Packet
from .safejson import MAX_CASE_BYTES, load_case_json

FORMATS = (*RENDERERS, "ics")
CHUNK = 8  # cases sent to a worker at once: fewer round trips, still an even share


def write_packet(packet: Packet, out: Path, formats: Iterable[str]) -> list[str]:
    """Write every letter in every format, then the packet's files; returns the names written."""
    from .render.pdf import layout, write_pdf

    formats = list(formats)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    layouts = [layout(x) for x in packet.letters] if "pdf" in formats else []
    for i, letter in enumerate(packet.letters, start=1):
        for fmt in formats:
            if fmt == "pdf":
                data = write_pdf([layouts[i - 1]], [letter])
            elif fmt in RENDERERS:
                data = render(letter, fmt)
            else:
                continue
            name = filename(letter, fmt, i)
            (out / name).write_bytes(data)
            written.append(name)
    for fmt in formats:
        if fmt not in PACKET_FILES or (fmt == "pdf" and not packet.letters):
            continue
        make, name = PACKET_FILES[fmt]
        data = write_pdf(layouts, packet.letters) if fmt == "pdf" else make(packet)
        (out / name).write_bytes(data)
        written.append(name)
    return written


def _one(path: Path, out: Path, formats: list[str], today: date | None) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_CASE_BYTES + 1)
    except OSError as exc:
        return {"case": str(path), "errors": [{"field": "(fichier)", "message": f"Lecture impossible : "
                                                                                f"{exc.strerror}."}]}
    data, errors = load_case_json(raw)
    if not errors and today is not None and isinstance(data, dict):
        data = {**data, "today": today.isoformat()}
    case, errors = (None, errors) if errors else parse_case(data, today=date.today())
    if case is None:
        return {"case": str(path), "errors": [e.as_dict() for e in errors]}
    packet = compose_packet(case)
    target = out / path.stem
    return {"case": str(path), "dir": str(target), "letters": len(packet.letters),
            "files": write_packet(packet, target, formats)}


def _chunk(paths: list[Path], out: Path, formats: list[str], today: date | None) -> list[dict[str, Any]]:
    return [_one(p, out, formats, today) for p in paths]


def _cases(inputs: list[Path]) -> list[Path]:
    found = []
    for item in inputs:
        found += sorted(item.glob("*.json")) if item.is_dir() else [item]
    return found


def _warm_worker() -> None:
    from .warmup import warm

    warm()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m letters batch", description=__doc__.split("\n")[0])
    parser.add_argument("cases", type=Path, nargs="+",
                        help="fichiers JSON de cas, ou dossiers qui en contiennent")
    parser.add_argument("--out", type=Path, required=True, help="dossier où écrire un sous-dossier par cas")
    parser.add_argument("--format", default="docx,pdf",
                        help=f"formats, séparés par des virgules, parmi {', '.join(FORMATS)}")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processus en parallèle")
    parser.add_argument("--today", type=date.fromisoformat, help="date du jour (AAAA-MM-JJ)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if not formats or set(formats) - set(FORMATS):
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"formats possibles : {', '.join(FORMATS)}\n")
        return 2
    paths = _cases(args.cases)
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    results: list[dict[str, Any]] = []
    if args.jobs <= 1 or len(chunks) <= 1:
        _warm_worker()
        for chunk in chunks:
            results += _chunk(chunk, args.out, formats, args.today)
    else:
        _warm_worker()  # before the fork, so every worker shares the loaded law and templates
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(_chunk, c, args.out, formats, args.today) for c in chunks]
            for future in futures:
                results += future.result()
    written = [r for r in results if "errors" not in r]
    errors = [r for r in results if "errors" in r]
    json.dump({"written": written, "errors": errors}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 2 if errors else 0
