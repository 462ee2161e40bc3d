"""Cases walked through time and proofs made in memory, for the referral-file tests."""

from __future__ import annotations

import copy
import io

from letters.bundle import read_upload

from .conftest import case_from, load_case_data

CAF = "caf-prime-activite-indu"  # a CAF (public body), decided on 1 August 2026 below
BANK = "bank-credit-refusal"


def case_on(today: str, *events: dict, name: str = CAF, **organisation):
    data = copy.deepcopy(load_case_data(name))
    data["decision"]["date"] = "2026-08-01"
    data["organisation"].update(organisation)
    data["events"] = list(events)
    return case_from(data, today=today)


def sent(day: str, letter: str, proof: str = "") -> dict:
    return {"date": day, "kind": "sent", "letter": letter, **({"proof": proof} if proof else {})}


def answer(day: str, letter: str, kind: str, *issues: str) -> dict:
    return {"date": day, "kind": "answer", "letter": letter, "answer": kind, "issues": list(issues)}


def received(day: str, letter: str) -> dict:
    return {"date": day, "kind": "received_ack", "letter": letter}


def extension(day: str, letter: str) -> dict:
    return {"date": day, "kind": "extension", "letter": letter}


def pdf_bytes(*texts: str) -> bytes:
    """A real PDF, one page per text, as a scanner or a body's e-mail would give."""
    from weasyprint import HTML

    pages = "".join(f'<p style="break-after: page">{t}</p>' for t in texts)
    return HTML(string=f"<html><body>{pages}</body></html>").write_pdf()


def blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (600, 800), mode: str = "RGB") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, fmt)
    return out.getvalue()


def attach(role: str, data: bytes | None = None, name: str = ""):
    data = data if data is not None else pdf_bytes(f"document {role}")
    return read_upload(name or f"{role}.pdf", data, role)
