"""``python -m letters bundle defenseur|cnil|cada CASE.json --attach FILE... --out FILE.pdf``

Checks the referral file, builds it (complete or not) and prints
``{"file": ..., "checks": [{"id", "ok", "message"}]}``. Exit status: 0 when every check
passes, 3 when the file is incomplete (its first page says what is missing), 2 on bad input,
with the errors as JSON on standard error. An attached file may say what it is:
``--attach answer=reponse.pdf`` (types: notification, request, sending, receipt, answer,
identity, mandate, other; without one, "other").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..bundle import AUTHORITIES, ROLES, build_bundle, read_uploads
from ..bundle.siren import clean_siren
from ..bundle.uploads import MAX_FILE_BYTES
from .casefile import day, read_bytes, read_case_file

INCOMPLETE = 3
BAD_INPUT = 2


def _fail(errors: list[dict[str, str]]) -> int:
    json.dump({"errors": errors}, sys.stderr, ensure_ascii=False, indent=2)
    sys.stderr.write("\n")
    return BAD_INPUT


def _role_and_path(value: str) -> tuple[str, Path]:
    """``answer=reponse.pdf`` -> ("answer", reponse.pdf); a name without a known type -> "other"."""
    role, sep, rest = value.partition("=")
    if sep and role in ROLES:
        return role, Path(rest)
    return "other", Path(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m letters bundle",
                                     description="Dossier de saisine du Défenseur des droits, de la CNIL "
                                                 "ou de la CADA, en un PDF.")
    parser.add_argument("authority", choices=AUTHORITIES)
    parser.add_argument("case", type=Path, help="fichier JSON décrivant le cas, avec ses événements")
    parser.add_argument("--attach", nargs="+", action="extend", default=[], metavar="[TYPE=]FICHIER",
                        help="pièces : PDF, JPEG ou PNG ; TYPE parmi " + ", ".join(ROLES))
    parser.add_argument("--out", type=Path, required=True, help="le PDF à écrire")
    parser.add_argument("--discrimination", action="store_true",
                        help="la réclamation porte sur une discrimination (Défenseur des droits)")
    parser.add_argument("--siren", default="", help="numéro SIREN de l'organisme, s'il est connu (CNIL)")
    parser.add_argument("--today", type=day, help="date du jour (AAAA-MM-JJ), pour rejouer un cas")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed why
        return BAD_INPUT if exit_.code else 0

    read = read_case_file(args.case, args.today)
    if read.case is None:
        return _fail(read.errors)
    case, data = read.case, read.data

    siren_given = args.siren or _siren_in(data)
    siren = clean_siren(siren_given) if siren_given else ""
    if siren is None:
        return _fail([{"field": "organisation.siren",
                       "message": "Un numéro SIREN a neuf chiffres et une clé de contrôle : vérifiez-le."}])

    files: list[tuple[str, bytes, str]] = []
    for value in args.attach:
        role, path = _role_and_path(value)
        try:
            files.append((path.name, read_bytes(path, MAX_FILE_BYTES), role))
        except OSError as exc:
            return _fail([{"field": path.name, "message": f"Lecture impossible : {exc.strerror}."}])
    attachments, upload_errors = read_uploads(files)
    if upload_errors:
        return _fail([e.as_dict() for e in upload_errors])

    bundle = build_bundle(args.authority, case, attachments, discrimination=args.discrimination, siren=siren)
    try:
        args.out.write_bytes(bundle.pdf)
    except OSError as exc:
        return _fail([{"field": "--out", "message": f"Écriture impossible : {exc.strerror}."}])
    json.dump({"file": str(args.out), "checks": [c.as_dict() for c in bundle.checks]}, sys.stdout,
              ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0 if bundle.complete else INCOMPLETE


def _siren_in(data: Any) -> str:
    """A SIREN the case file may carry as ``organisation.siren``."""
    organisation = data.get("organisation") if isinstance(data, dict) else None
    value = organisation.get("siren") if isinstance(organisation, dict) else None
    return value if isinstance(value, str) else ""
