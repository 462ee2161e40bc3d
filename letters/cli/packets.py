"""``python -m letters CASE... --out DIR [--format docx,html,txt,pdf,ics] [--today D]``.

One case file: its letters go into DIR and the packet is printed as JSON, as always.
Several case files, or a folder of them (its ``*.json``): each case gets its own subfolder
of DIR, named from the case's file name (never from the person's name), and never written
over: when that name is taken, ``-2``, ``-3``… is added. The report printed as JSON says
which folder each case went to; a case that fails writes nothing, and its file and errors
are listed on standard error.

Exit status 0 when every case was written; 2 when any failed (bad input, unreadable file).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..case import parse_case
from ..compose import compose_packet
from ..export import LETTER_BUNDLES, PACKET_FILES, RENDERERS, filename, packet_data, render
from ..model import Packet
from ..safejson import MAX_CASE_BYTES, load_case_json

CALENDAR = "ics"  # a packet-level format: one file for the whole packet
FAILED = 2


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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m letters",
        description="Écrit les lettres d'un cas dans DIR, ou de plusieurs cas, chacun dans son "
                    "sous-dossier (nommé d'après le fichier du cas, jamais écrasé).",
        epilog="Statut de sortie : 0 si tous les cas sont écrits, 2 si l'un d'eux a échoué.")
    p.add_argument("cases", type=Path, nargs="+", metavar="CASE",
                   help="fichier JSON décrivant un cas, ou dossier de tels fichiers")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="dossier où écrire les lettres")
    p.add_argument("--format", type=_formats, default=["docx", "html", "txt"],
                   help="docx, html, txt, pdf, ics, séparés par des virgules (défaut : docx,html,txt)")
    p.add_argument("--today", type=_day, help="date du jour (AAAA-MM-JJ), pour rejouer un cas")
    return p


@dataclass
class Outcome:
    """One case file: its packet, or the errors that stopped it."""

    source: Path
    packet: Packet | None = None
    errors: list[dict[str, str]] = field(default_factory=list)


def read_case(source: Path, today: date | None) -> Outcome:
    try:
        with source.open("rb") as file:
            raw = file.read(MAX_CASE_BYTES + 1)  # one byte more is enough to say it is too big
    except OSError as exc:
        return Outcome(source, errors=[{"field": "(fichier)",
                                        "message": f"Lecture impossible : {exc.strerror}."}])
    data, errors = load_case_json(raw)
    if errors:
        return Outcome(source, errors=[e.as_dict() for e in errors])
    if today is not None and isinstance(data, dict):
        data = {**data, "today": today.isoformat()}
    case, errors = parse_case(data, today=date.today())
    if case is None:
        return Outcome(source, errors=[e.as_dict() for e in errors])
    return Outcome(source, packet=compose_packet(case))


def write_packet(packet: Packet, folder: Path, formats: list[str]) -> list[str]:
    """Each letter in each format, then the packet-level files; the names written."""
    names = []
    for i, letter in enumerate(packet.letters, start=1):
        for fmt in formats:
            if fmt in RENDERERS:
                names.append(filename(letter, fmt, i))
                (folder / names[-1]).write_bytes(render(letter, fmt))
    # Packet-level files: the calendar, and (besides a PDF per letter) every letter in one PDF.
    for fmt in formats:
        if fmt in PACKET_FILES and (packet.letters or fmt not in LETTER_BUNDLES):
            make, name = PACKET_FILES[fmt]
            names.append(name)
            (folder / name).write_bytes(make(packet))
    return names


def folder_name(source: Path) -> str:
    """The case file's name, made safe for any file system: ASCII, no dots or slashes.

    >>> folder_name(Path("cas/Dossier Émile (2).json"))
    'dossier-emile-2'
    """
    words = unicodedata.normalize("NFKD", source.stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")[:60] or "cas"


def new_folder(out: Path, name: str) -> Path:
    """A subfolder of ``out`` that did not exist: ``name``, else ``name-2``, ``name-3``…

    Created here (``mkdir`` fails on an existing folder), so two runs never share one.
    """
    for n in range(1, 10_000):
        folder = out / (name if n == 1 else f"{name}-{n}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"{out / name}: trop de dossiers de ce nom")


def case_files(paths: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """The case files named, a folder standing for its ``*.json``; a folder without any fails."""
    files: list[Path] = []
    missing: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                missing.append(Outcome(path, errors=[{"field": "(dossier)", "message":
                                                      "Aucun fichier de cas (*.json) dans ce dossier."}]))
            files += found
        else:
            files.append(path)
    return files, missing


def _print_errors(errors: list[dict[str, str]]) -> None:
    json.dump({"errors": errors}, sys.stderr, ensure_ascii=False, indent=2)
    sys.stderr.write("\n")


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if len(args.cases) == 1 and not args.cases[0].is_dir():
        return one_case(args.cases[0], args.out, args.format, args.today)
    return many_cases(args.cases, args.out, args.format, args.today)


def one_case(source: Path, out: Path, formats: list[str], today: date | None) -> int:
    """The single-case form: the letters straight into ``out``, the packet printed."""
    outcome = read_case(source, today)
    if outcome.packet is None:
        _print_errors(outcome.errors)
        return FAILED
    out.mkdir(parents=True, exist_ok=True)
    write_packet(outcome.packet, out, formats)
    _print_json(packet_data(outcome.packet))
    return 0


def many_cases(paths: list[Path], out: Path, formats: list[str], today: date | None) -> int:
    """Each case into its own new subfolder of ``out``; every failure reported, none hidden."""
    files, failed = case_files(paths)
    written = []
    for source in files:
        outcome = read_case(source, today)
        if outcome.packet is not None:
            try:
                out.mkdir(parents=True, exist_ok=True)
                folder = new_folder(out, folder_name(source))
                names = write_packet(outcome.packet, folder, formats)
            except OSError as exc:
                outcome.errors = [{"field": "(fichier)",
                                   "message": f"Écriture impossible : {exc.strerror or exc}."}]
            else:
                written.append({"case": str(source), "folder": str(folder), "files": names,
                                "letters": [x.id for x in outcome.packet.letters]})
                continue
        failed.append(outcome)
    for outcome in failed:
        sys.stderr.write(f"{outcome.source} :\n")
        for error in outcome.errors:
            sys.stderr.write(f"  {error['field']} : {error['message']}\n")
    _print_json({"written": written,
                 "failed": [{"case": str(x.source), "errors": x.errors} for x in failed]})
    return FAILED if failed else 0
