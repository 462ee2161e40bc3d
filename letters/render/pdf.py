"""Letters -> PDF with WeasyPrint: the HTML renderer's article, on A4, laid out like the DOCX.

The text comes from ``render_html`` and so from the same ``Letter`` as every other format;
only the page layout (``pdf.css``) is PDF's own. The file is tagged PDF/UA-1, so a screen
reader follows the structure and reading order, and WeasyPrint embeds (subsets of) the fonts.

WeasyPrint needs Pango; it is imported on first use, so a script that never asks for a PDF
does not need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from ..model import Letter
from .html import _template, render_html

HERE = Path(__file__).parent
VARIANT = "pdf/ua-1"


@lru_cache(maxsize=1)
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=str(HERE / "pdf.css"))


def _document(letter: Letter):
    from weasyprint import HTML

    article = Markup(render_html(letter, standalone=False))
    page = _template("pdf.html").render(letter=letter, article=article)
    document = HTML(string=page, base_url=str(HERE)).render(
        stylesheets=[_stylesheet()], pdf_variant=VARIANT)
    # Only what a letter needs, as in the DOCX: its subject, its author, the day it is dated.
    meta = document.metadata
    moment = datetime.combine(letter.written, time()).isoformat()
    meta.title, meta.authors, meta.lang = letter.subject, [letter.signature], letter.language
    meta.created = meta.modified = moment
    meta.description, meta.keywords, meta.generator = None, [], None
    return document


def render_pdf(letter: Letter) -> bytes:
    """One letter as an A4 PDF: pages numbered "1 / 2", tagged, fonts embedded."""
    return render_pdf_packet([letter])


def render_pdf_packet(letters: Sequence[Letter]) -> bytes:
    """Several letters in one PDF, each starting on a new page with its own page numbers."""
    if not letters:
        raise ValueError("a PDF needs at least one letter")
    documents = [_document(letter) for letter in letters]
    whole = documents[0].copy([page for document in documents for page in document.pages])
    if len(letters) > 1:
        whole.metadata.title = " – ".join(letter.title for letter in letters)
    return whole.write_pdf(pdf_variant=VARIANT, pdf_identifier=False, uncompressed_pdf=False)
