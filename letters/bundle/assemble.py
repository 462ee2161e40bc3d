"""The referral file as one PDF: front pages, then each pièce behind its numbered divider.

Front pages (WeasyPrint, from ``data/referrals/fr/front.html``): what is missing or checked, the
summary to paste into the body's online form, the chronology, the bordereau. Then the pièces:
the letters sent (each rendered as the letter's own PDF, followed by the receipts said to
attest its sending), and the person's other files. A PDF pièce
follows a divider page naming it; a photo or an image becomes an A4 page with its number at the
top. pypdf puts the pages together; the person's files are copied, never redrawn.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .. import catalogue
from ..compose import concerning
from ..formatting import long_date, money
from ..model import Letter
from ..render.pdf import render_pdf
from ..selection import body_of
from .checks import PROOF_ROLES, Check, Evidence
from .rules import LANGUAGE, REFERRALS, labels
from .uploads import Attachment, Sending

HERE = Path(__file__).parent
# Pièces come in this order: the decision first, then the letters sent, then the rest as given.
FIRST_ROLES = ("notification",)


@dataclass(frozen=True)
class Piece:
    """One numbered pièce of the bordereau."""

    number: int
    title: str
    detail: str  # a date or the file's name
    pages: int
    letter: Letter | None = None
    pdf: bytes | None = None  # the pages to copy in: a letter's PDF or the person's PDF
    image: str | None = None  # a data: URL for a photo or an image, drawn on its page
    proves: Sending | None = None  # a receipt's or a proof of sending's: the sending it attests
    proves_title: str = ""  # the title of the letter that sending sent
    proves_piece: int | None = None  # that letter's number, when it is a pièce of the file


@lru_cache(maxsize=1)
def _templates() -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=FileSystemLoader([REFERRALS / LANGUAGE, HERE]), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(date=lambda d: long_date(d, LANGUAGE), money=lambda x: money(x, LANGUAGE),
                       short=lambda basis_id: catalogue.bases()[basis_id].short)
    # Jinja's capitalize lowers the rest ("INDU-2026" would become "indu-2026"): upper the first only.
    env.filters["first_upper"] = lambda text: text[:1].upper() + text[1:]
    return env


@lru_cache(maxsize=1)
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(filename=str(HERE / "bundle.css"))


def _data_url(kind: str, data: bytes) -> str:
    """The image inline (base64 holds no character HTML would escape): nothing is fetched."""
    import base64

    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def pieces(evidence: Evidence) -> list[Piece]:
    """The bordereau: the decision, the letters sent (oldest first), each followed by the
    receipts said to attest its sending, then the other files as given."""
    words = labels()
    first = [a for a in evidence.attachments if a.role in FIRST_ROLES]
    placed = {id(a) for step in evidence.steps for a in evidence.proofs_of(step)}
    rest = [a for a in evidence.attachments if a.role not in FIRST_ROLES and id(a) not in placed]
    out: list[Piece] = []

    def add_file(a: Attachment, title: str = "", piece: int | None = None) -> None:
        image = _data_url(a.kind, a.data) if a.kind != "pdf" else None
        proves = a.proves if a.role in PROOF_ROLES else None
        out.append(Piece(len(out) + 1, words["role"][a.role], a.name, a.pages,
                         pdf=a.data if a.kind == "pdf" else None, image=image, proves=proves,
                         proves_title=title or (words["letter"].get(proves.letter, "") if proves else ""),
                         proves_piece=piece))

    for a in first:
        add_file(a)
    for step in evidence.steps:
        number = None
        if step.text is not None:
            pdf = render_pdf(step.text)
            number = len(out) + 1
            out.append(Piece(number, step.title, long_date(step.sent, LANGUAGE), _page_count(pdf),
                             letter=step.text, pdf=pdf))
        for a in evidence.proofs_of(step):
            add_file(a, step.title, number)
    for a in rest:
        add_file(a)
    return out


def summary_context(authority: str, evidence: Evidence, checks: tuple[Check, ...],
                    found: list[Piece]) -> dict[str, Any]:
    """What the front pages show; every sentence there is guarded by a field or an event."""
    case = evidence.case
    body = body_of(case)
    about = concerning(case, LANGUAGE)
    request = evidence.request()
    return {
        "authority_id": authority, "authority": catalogue.authorities()[authority], "case": case,
        "person": case.person, "organisation": case.organisation, "decision": case.decision,
        "org": evidence.org, "public": body.public, "today": evidence.today,
        "concerning": about, "checks": checks,
        "missing": [c for c in checks if not c.ok], "met": [c for c in checks if c.ok],
        "steps": evidence.steps, "answers": evidence.answers, "request": request,
        "request_bases": request.text.bases if request and request.text else (),
        "siren": evidence.siren, "discrimination": evidence.discrimination,
        "pieces": found, "piece_of": {p.letter.id: p.number for p in found if p.letter},
        "proving": lambda letter, day: [p for p in found if p.proves == Sending(letter, day)],
        "words": labels(),
    }


def build_pdf(authority: str, evidence: Evidence, checks: tuple[Check, ...]) -> bytes:
    """The whole file: front pages, then every pièce behind its divider."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    found = pieces(evidence)
    ctx = summary_context(authority, evidence, checks, found)
    front = _templates().get_template("front.html").render(ctx)
    inserts = _templates().get_template("inserts.html").render(ctx)
    css = [_stylesheet()]
    front_pdf = HTML(string=front, base_url=str(HERE)).write_pdf(stylesheets=css)
    inserts_pdf = HTML(string=inserts, base_url=str(HERE)).write_pdf(stylesheets=css)

    writer = PdfWriter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns on every oddity of a scanner's PDF
        for page in PdfReader(io.BytesIO(front_pdf)).pages:
            writer.add_page(page)
        dividers = PdfReader(io.BytesIO(inserts_pdf)).pages
        for i, piece in enumerate(found):
            writer.add_page(dividers[i])  # the divider, or the image's own page
            if piece.pdf is not None:
                for page in PdfReader(io.BytesIO(piece.pdf)).pages:
                    writer.add_page(page)
    # Like the letters: the subject and the person, nothing of the software (pypdf names itself).
    writer.metadata = {"/Title": f"Dossier de saisine : {ctx['authority'].name}",
                       "/Author": evidence.case.person.name}
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
