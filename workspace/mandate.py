"""Mandates: the person lets the clinic act for them, within a scope, until a date, revocable.

``grant`` records one; ``document`` is the text to print and sign (``text/mandat.fr.txt``);
``acting_for`` is what a letter written under it needs ("agissant pour le compte de"), and
``under_mandate`` writes it into a letter from ``text/lettre-mandat.fr.txt``. A mandate is in
force from its signature until it expires or is revoked. Both texts are to be reviewed by a
lawyer: the brief gives no source for their wording.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select
from sqlalchemy.orm import Session

from letters import prose
from letters.calendar_fr import add_months
from letters.formatting import long_date
from letters.model import Letter, Party

from .models import Dossier, Mandate, new_id
from .store import NotFound, Workspace

TEXT = Path(__file__).parent / "text"
SCOPES = ("write_letters", "receive_answers", "copy_to_referent", "refer_to_authorities")
MAX_MONTHS = 24  # a mandate is for one matter and a bounded time


@dataclass(frozen=True)
class MandateView:
    id: str
    dossier_id: str
    scope: tuple[str, ...]
    signed_on: date | None
    valid_until: date
    revoked_on: date | None
    clinic_name: str
    clinic_address: tuple[str, ...]
    referent: str

    def in_force(self, day: date) -> bool:
        return (self.signed_on is not None and self.signed_on <= day <= self.valid_until
                and (self.revoked_on is None or day < self.revoked_on))


def grant(ws: Workspace, dossier_id: str, actor: str | None, *, scope: tuple[str, ...], months: int,
          clinic_name: str, referent: str, clinic_address: tuple[str, ...] = (),
          signed_on: date | None = None) -> str:
    unknown = set(scope) - set(SCOPES)
    if not scope or unknown:
        raise ValueError(f"Portée du mandat : choisissez parmi {', '.join(SCOPES)}.")
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"Un mandat dure de 1 à {MAX_MONTHS} mois.")
    if not clinic_name.strip() or not referent.strip():
        raise ValueError("Le nom de la structure et celui du référent sont obligatoires.")
    start = signed_on or ws.today()
    row = Mandate(id=new_id(), dossier_id=dossier_id, referent_id=actor,
                  scope=",".join(s for s in SCOPES if s in scope), signed_on=signed_on,
                  valid_until=add_months(start, months))
    details = {"clinic_name": clinic_name.strip(), "clinic_address": list(clinic_address),
               "referent": referent.strip()}
    sealed = json.dumps(details, ensure_ascii=False).encode("utf-8")
    with ws.sessions.begin() as s:
        if s.get(Dossier, dossier_id) is None:
            raise NotFound(dossier_id)
        row.details_sealed = ws.key_of(s, dossier_id).seal(sealed, f"mandates:{row.id}")
        s.add(row)
        ws.log_act(s, "mandate", actor, dossier_id)
    return row.id


def _view(ws: Workspace, s: Session, row: Mandate) -> MandateView:
    details = json.loads(ws.key_of(s, row.dossier_id).open(row.details_sealed, f"mandates:{row.id}"))
    return MandateView(row.id, row.dossier_id, tuple(row.scope.split(",")), row.signed_on, row.valid_until,
                       row.revoked_on, details["clinic_name"], tuple(details["clinic_address"]),
                       details["referent"])


def mandates(ws: Workspace, dossier_id: str) -> list[MandateView]:
    with ws.sessions() as s:
        return [_view(ws, s, m) for m in s.scalars(select(Mandate).where(Mandate.dossier_id == dossier_id))]


def revoke(ws: Workspace, mandate_id: str, actor: str | None, on: date | None = None) -> None:
    with ws.sessions.begin() as s:
        row = s.get(Mandate, mandate_id)
        if row is None:
            raise NotFound(mandate_id)
        row.revoked_on = on or ws.today()
        ws.log_act(s, "revoke_mandate", actor, row.dossier_id)


def record_signature(ws: Workspace, mandate_id: str, actor: str | None, on: date) -> None:
    with ws.sessions.begin() as s:
        row = s.get(Mandate, mandate_id)
        if row is None:
            raise NotFound(mandate_id)
        row.signed_on = on
        ws.log_act(s, "mandate", actor, row.dossier_id)


@lru_cache(maxsize=1)
def _template() -> Template:
    env = SandboxedEnvironment(loader=FileSystemLoader(TEXT), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.globals["date"] = lambda d: long_date(d, "fr")
    return env.get_template("mandat.fr.txt")


def document(ws: Workspace, mandate_id: str, actor: str | None) -> str:
    """The mandate to print and sign, with the person's and the clinic's details filled in."""
    with ws.sessions() as s:
        row = s.get(Mandate, mandate_id)
        if row is None:
            raise NotFound(mandate_id)
        view = _view(ws, s, row)
    case = ws.case(view.dossier_id, actor)
    return _template().render(
        person=case.person, clinic={"name": view.clinic_name, "address": view.clinic_address},
        referent=view.referent, scope=view.scope, signed_on=view.signed_on,
        valid_until=view.valid_until, retention_months=ws.retention_months,
    )


def in_force(ws: Workspace, dossier_id: str, day: date) -> MandateView | None:
    """The mandate that lets the clinic write the dossier's letters on ``day``, if any (the
    latest signed, when several are)."""
    found = [m for m in mandates(ws, dossier_id) if m.in_force(day) and "write_letters" in m.scope]
    return max(found, key=lambda m: m.signed_on or day, default=None)


def acting_for(view: MandateView, person_name: str, day: date) -> dict[str, object] | None:
    """What a letter sent under the mandate states, or None when no mandate is in force that day."""
    if not view.in_force(day) or "write_letters" not in view.scope:
        return None
    return {
        "agent": view.clinic_name, "agent_address": list(view.clinic_address), "referent": view.referent,
        "acting_for": person_name,
        "answers_to": "agent" if "receive_answers" in view.scope else "person",
        "copy_to_referent": "copy_to_referent" in view.scope,
        "valid_until": view.valid_until.isoformat(),
        "signed_on": view.signed_on.isoformat() if view.signed_on else None,
    }


@lru_cache(maxsize=1)
def _letter_template() -> Template:
    env = SandboxedEnvironment(loader=FileSystemLoader(TEXT), undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.globals["date"] = lambda d: long_date(date.fromisoformat(d) if isinstance(d, str) else d, "fr")
    return env.get_template("lettre-mandat.fr.txt")


def under_mandate(letter: Letter, acting: dict[str, object]) -> Letter:
    """The letter as the clinic sends it for the person: who writes and for whom, where the
    answer goes, the signature, the mandate among the enclosures, the copy to the référent.
    The body stays the person's own requests, after one opening paragraph that says so."""
    template = _letter_template()

    def block(name: str) -> str:
        return prose.render_block(template, name, {**acting, "person": acting["acting_for"],
                                                   "person_address": letter.sender.lines})

    lines = tuple(line for line in block("sender_lines").splitlines() if line.strip())
    answers = block("answers")
    body = (*prose.paragraphs(block("opening")), *letter.body,
            *(prose.paragraphs(answers) if answers else ()))
    copy = block("copy")
    return replace(letter, sender=Party(block("sender_name"), lines or letter.sender.lines),
                   body=tuple(body), signature=block("signature"),
                   enclosures=(*letter.enclosures, block("enclosure")),
                   copies=(*letter.copies, copy) if copy else letter.copies)
