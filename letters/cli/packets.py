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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..compose import compose_packet
from ..export import LETTER_BUNDLES, PACKET_FILES, RENDERERS, filename, packet_data, render
from ..model import Letter, Packet
from .casefile import day, read_case_file

CALENDAR = "ics"  # a packet-level format: one file for the whole packet
FAILED = 2


def _formats(value: str) -> list[str]:
    formats = [f.strip() for f in value.split(",") if f.strip()]
    allowed = [*RENDERERS, CALENDAR]
    unknown = [f for f in formats if f not in allowed]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"formats possibles : {', '.join(allowed)}")
    return formats


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
    p.add_argument("--today", type=day, help="date du jour (AAAA-MM-JJ), pour rejouer un cas")
    return p


@dataclass
class Outcome:
    """One case file: its packet, or the errors that stopped it."""

    source: Path
    packet: Packet | None = None
    errors: list[dict[str, str]] = field(default_factory=list)


def read_case(source: Path, today: date | None) -> Outcome:
    read = read_case_file(source, today)
    if read.case is None:
        return Outcome(source, errors=read.errors)
    return Outcome(source, packet=compose_packet(read.case))


def write_packet(packet: Packet, folder: Path, formats: list[str]) -> list[str]:
    """Each letter in each format, then the packet-level files; the names written.

    A PDF letter is laid out once: its own file and the packet's PDF are written from the
    same layout (the same bytes as laying it out twice, for half the work)."""
    names = []
    layouts = _layouts(packet) if "pdf" in formats else []
    for i, letter in enumerate(packet.letters, start=1):
        for fmt in formats:
            if fmt in RENDERERS:
                names.append(filename(letter, fmt, i))
                data = _pdf([layouts[i - 1]], [letter]) if fmt == "pdf" else render(letter, fmt)
                (folder / names[-1]).write_bytes(data)
    # Packet-level files: the calendar, and (besides a PDF per letter) every letter in one PDF.
    for fmt in formats:
        if fmt in PACKET_FILES and (packet.letters or fmt not in LETTER_BUNDLES):
            make, name = PACKET_FILES[fmt]
            names.append(name)
            data = _pdf(layouts, packet.letters) if fmt == "pdf" else make(packet)
            (folder / name).write_bytes(data)
    return names


def _layouts(packet: Packet) -> list[Any]:
    from ..render.pdf import layout

    return [layout(letter) for letter in packet.letters]


def _pdf(layouts: list[Any], letters: Sequence[Letter]) -> bytes:
    from ..render.pdf import write_pdf

    return write_pdf(layouts, letters)


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


def many_cases(paths: list[Path], out: Path, formats: list[str], today: date | None,
               jobs: int = 1) -> int:
    """Each case into its own new subfolder of ``out``; every failure reported, none hidden.

    With ``jobs`` > 1 the cases are shared out among that many processes; each folder is
    still created with ``mkdir`` (it fails on an existing one), so two never share one."""
    files, failed = case_files(paths)
    written = []
    for result in _each_case(files, out, formats, today, jobs):
        if isinstance(result, Outcome):
            failed.append(result)
        else:
            written.append(result)
    for outcome in failed:
        sys.stderr.write(f"{outcome.source} :\n")
        for error in outcome.errors:
            sys.stderr.write(f"  {error['field']} : {error['message']}\n")
    _print_json({"written": written,
                 "failed": [{"case": str(x.source), "errors": x.errors} for x in failed]})
    return FAILED if failed else 0


CHUNK = 8  # cases sent to a worker at once: fewer round trips, still an even share


def _each_case(files: list[Path], out: Path, formats: list[str], today: date | None,
               jobs: int) -> list[dict[str, Any] | Outcome]:
    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        return _write_cases(files, out, formats, today)
    from concurrent.futures import ProcessPoolExecutor

    from ..warmup import warm

    warm()  # before the fork, so every worker shares the loaded law and templates
    results: list[dict[str, Any] | Outcome] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done in pool.map(partial(_write_cases, out=out, formats=formats, today=today), chunks):
            results += done
    return results


def _write_cases(files: list[Path], out: Path, formats: list[str],
                 today: date | None) -> list[dict[str, Any] | Outcome]:
    """Each case's letters into a new folder: what was written, or the case's errors."""
    results: list[dict[str, Any] | Outcome] = []
    for source in files:
        outcome = read_case(source, today)
        if outcome.packet is not None:
            try:
                out.mkdir(parents=True, exist_ok=True)
                folder = new_folder(out, folder_name(source))
                names = write_packet(outcome.packet, folder, formats)
            except OSError as exc:
                outcome.packet = None  # what is reported is the error
                outcome.errors = [{"field": "(fichier)",
                                   "message": f"Écriture impossible : {exc.strerror or exc}."}]
            else:
                results.append({"case": str(source), "folder": str(folder), "files": names,
                                "letters": [x.id for x in outcome.packet.letters]})
                continue
        results.append(outcome)
    return results
