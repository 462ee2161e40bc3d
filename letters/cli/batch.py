"""``python -m letters batch CASE_OR_FOLDER... --out DIR [--format docx,pdf] [--jobs N] [--today D]``

Many cases at once, for a clinic: what ``python -m letters`` does for several cases (each
into its own new subfolder of DIR, named from the case file, never written over; the same
report; exit status 2 when any case failed, the others written all the same), with the cases
shared out among ``--jobs`` processes, one per core by default, and DOCX and PDF by default.
"""

from __future__ import annotations

import argparse
import os

from .packets import many_cases, parser


def main(argv: list[str] | None = None) -> int:
    p: argparse.ArgumentParser = parser()
    p.prog = "python -m letters batch"
    p.set_defaults(format=["docx", "pdf"])
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processus en parallèle")
    try:
        args = p.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed why
        return 2 if exit_.code else 0
    return many_cases(args.cases, args.out, args.format, args.today, jobs=max(1, args.jobs))
