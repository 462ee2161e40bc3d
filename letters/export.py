"""A packet as JSON-ready data, as a ZIP of files, and safe file names for its letters."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from .calendar_ics import packet_ics
from .model import Letter, Packet
from .render import render_docx, render_html, render_pdf, render_text
from .render.pdf import render_pdf_packet

RENDERERS: dict[str, Callable[[Letter], Any]] = {
    "docx": render_docx, "html": render_html, "txt": render_text, "pdf": render_pdf,
}
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
}


def render(letter: Letter, fmt: str) -> bytes:
    """One letter in one format, as bytes ready to write or to send."""
    out = RENDERERS[fmt](letter)
    return out if isinstance(out, bytes) else str(out).encode("utf-8")


def filename(letter: Letter, fmt: str, index: int = 1) -> str:
    """ASCII-only, so it is safe in a header and on every file system."""
    words = unicodedata.normalize("NFKD", letter.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")[:60] or letter.id
    return f"{index:02d}-{slug}.{fmt}"


def packet_zip(packet: Packet, formats: Iterable[str] = ("docx", "txt")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, letter in enumerate(packet.letters, start=1):
            for fmt in formats:
                # A DOCX is already a compressed ZIP: deflating it again costs time, saves nothing.
                method = zipfile.ZIP_STORED if fmt == "docx" else zipfile.ZIP_DEFLATED
                archive.writestr(filename(letter, fmt, i), render(letter, fmt), compress_type=method)
    return buffer.getvalue()


def packet_data(packet: Packet) -> dict[str, Any]:
    """The API's answer: each letter with its recipient, bases, dates and text."""
    return {
        "letters": [
            {
                "id": x.id, "kind": x.kind, "title": x.title,
                "recipient": [x.recipient.name, *x.recipient.lines],
                "bases": list(x.bases), "timing": x.timing,
                "send_by": _day(x.send_by), "last_day": _day(x.last_day), "send_from": _day(x.send_from),
                "answer_due": _day(x.answer_due),
                "text": render_text(x),
            }
            for x in packet.letters
        ],
        "dates": [
            {"key": d.key, "date": d.day.isoformat(), "owner": d.owner, "label": d.label, "passed": d.passed,
             "done": _day(d.done),
             "rests_on": [x for x in d.rests_on.split(",") if x], "estimate": True}
            for d in packet.dates
        ],
        "progress": [
            {"letter": p.letter, "sent": p.sent.isoformat(),
             "due": p.due.isoformat() if p.due else None, "status": p.status, "summary": p.summary}
            for p in packet.progress
        ],
        "next_steps": list(packet.next_steps),
        "warnings": list(packet.warnings),
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def packet_pdf(packet: Packet) -> bytes:
    """Every letter of the packet in one PDF, each from a new page (to print them all at once)."""
    return render_pdf_packet(packet.letters)


# Formats that hold the whole packet, with the file name they download as. Those bundling the
# letters make no sense, and the PDF cannot be made, when nothing is left to send.
LETTER_BUNDLES = frozenset({"zip", "pdf"})
PACKET_FILES: dict[str, tuple[Callable[[Packet], bytes], str]] = {
    "zip": (packet_zip, "recours-lettres.zip"),
    "ics": (packet_ics, "recours-delais.ics"),
    "pdf": (packet_pdf, "recours-lettres.pdf"),
}
