"""Printing the packet page from the browser: the letters to send, one per page, nothing else."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from ..conftest import CAF_FORM
from .conftest import ARTIFACTS, fill_form, open_app, submit


def words(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-")
    return re.sub(r"\s+", " ", text.replace("\u2010\n", "").replace("-\n", "-")).strip()


def test_printing_the_packet_page_prints_each_letter_on_its_own_pages(page, live_server):
    open_app(page, live_server, "fr")
    fill_form(page, CAF_FORM)
    submit(page)
    titles = page.locator(".letter-card h3").all_inner_texts()  # "1. Demande d'explication…"
    subjects = page.locator(".letter-card > details:not(.courtesy) .subject").all_text_contents()
    assert len(subjects) == len(titles) >= 2
    assert page.locator(".letter-card > details[open]").count() == 0, "closed, as a person finds them"

    pdf = page.pdf(format="A4")  # Chromium prints with the page's print stylesheet
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fr-packet-printed.pdf").write_bytes(pdf)
    pages = [words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    printed = " ".join(pages)

    for subject in subjects:
        assert words(subject) in printed, "the closed letter boxes print their letters"
    first_pages = [i for i, text in enumerate(pages) if text.startswith(CAF_FORM["person.name"])]
    assert len(first_pages) == len(subjects), "each letter starts on a new page"
    for leftover in ("Vos lettres", "Télécharger", "Modifier mes réponses", "Lire la lettre",
                     "Et ensuite", "Recours ne garde rien", "English", *titles):
        assert leftover not in printed, f"printed page shows {leftover!r}"


def test_the_printed_letter_keeps_the_letter_layout(page, live_server):
    open_app(page, live_server, "fr")
    fill_form(page, CAF_FORM)
    submit(page)
    page.emulate_media(media="print")
    card = page.locator(".letter-card").first
    assert card.locator(".letter-preview").is_visible()
    sender = card.locator("address.sender").bounding_box()
    recipient = card.locator("address.recipient").bounding_box()
    assert recipient["x"] - sender["x"] >= 0.45 * sender["width"], "the recipient stands on the right"
    assert page.locator("header.site").is_hidden() and page.locator("nav.languages").is_hidden()
