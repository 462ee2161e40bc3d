"""Referral files for the Défenseur des droits, the CNIL and the CADA: checked, then one PDF.

Like the rest of letters/, it never imports Flask and never reads the clock (``today`` comes
from the case). Typical use::

    attachments, errors = read_uploads([(name, data, role), ...])
    bundle = build_bundle("cnil", case, attachments)
    bundle.pdf            # the file: front pages, then the numbered pièces
    bundle.checks         # each with .id, .ok, .message
    bundle.complete       # every check passed

An incomplete file is still built: its first page lists what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..case import Case
from .assemble import build_pdf
from .checks import Check, Evidence, check
from .history import answers, steps
from .rules import AUTHORITIES, labels
from .uploads import ROLES, Attachment, Sending, UploadError, read_upload, read_uploads

__all__ = [
    "AUTHORITIES", "ROLES", "Attachment", "Bundle", "Check", "Sending", "UploadError", "build_bundle",
    "check_referral", "read_upload", "read_uploads",
]


@dataclass(frozen=True)
class Bundle:
    authority: str
    checks: tuple[Check, ...]
    pdf: bytes

    @property
    def complete(self) -> bool:
        return all(c.ok for c in self.checks)


def evidence_for(case: Case, attachments: Sequence[Attachment] = (), *, discrimination: bool = False,
                 siren: str = "") -> Evidence:
    found = steps(case, labels()["letter"])
    return Evidence(case, found, answers(found), tuple(attachments), discrimination, siren)


def check_referral(authority: str, case: Case, attachments: Sequence[Attachment] = (), *,
                   discrimination: bool = False, siren: str = "") -> tuple[Check, ...]:
    """The admissibility checks alone, without building the PDF."""
    _known(authority)
    return check(authority, evidence_for(case, attachments, discrimination=discrimination, siren=siren))


def build_bundle(authority: str, case: Case, attachments: Sequence[Attachment] = (), *,
                 discrimination: bool = False, siren: str = "") -> Bundle:
    """Check the file for ``authority`` and build it, complete or not.

    ``discrimination``: the person complains of a discrimination (the Défenseur then needs no
    prior steps with the body, and takes complaints against private bodies). ``siren``: the
    body's SIREN number, when the person knows it (the CNIL asks for it).
    """
    _known(authority)
    evidence = evidence_for(case, attachments, discrimination=discrimination, siren=siren)
    checks = check(authority, evidence)
    return Bundle(authority, checks, build_pdf(authority, evidence, checks))


def _known(authority: str) -> None:
    if authority not in AUTHORITIES:
        raise ValueError(f"unknown authority {authority!r}: one of {', '.join(AUTHORITIES)}")
