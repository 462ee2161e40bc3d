"""Letters -> PDF with WeasyPrint: the HTML renderer's article, on A4, laid out like the DOCX.

The text comes from ``render_html`` and so from the same ``Letter`` as every other format;
only the page layout (``pdf.css``) is PDF's own. The file is tagged PDF/UA-1, so a screen
reader follows the structure and reading order, and WeasyPrint embeds (subsets of) the fonts.

WeasyPrint needs Pango; it is imported on first use, so a script that never asks for a PDF
does not need it.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..model import Letter
from .html import _template, render_article
from .typography import NB_HYPHEN

HERE = Path(__file__).parent
VARIANT = "pdf/ua-1"
_AFTER_NUMBER = re.compile(r'(<span class="number">[^<]*</span>) ')
# A run of text around a non-breaking hyphen, no-break spaces included ("L.\u00a0114\u201121").
_HYPHENATED = re.compile(f"[^ \\t\\n\\r\\f<>]*{NB_HYPHEN}[^ \\t\\n\\r\\f<>]*")


def _unbreakable(article: Markup) -> Markup:
    """"L. 114\u201121" becomes an unbreakable span holding a plain hyphen.

    Where two installed fonts share the name Liberation Serif (Debian's fonts-liberation and
    fonts-liberation2), Pango takes the non-breaking hyphen from one and WeasyPrint embeds the
    other, which prints a wrong glyph. A plain hyphen in a ``nowrap`` span looks and reads the
    same (and copies as the hyphen people type). The span takes in the "L." before it: a span
    that starts right after a no-break space makes WeasyPrint break the line too early.
    """
    return Markup(_HYPHENATED.sub(  # nosec B704  # escaped article, spans added
        lambda m: f'<span class="nobreak">{m.group(0).replace(NB_HYPHEN, "-")}</span>', str(article)))


@lru_cache(maxsize=1)
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(filename=str(HERE / "pdf.css"))


_local = threading.local()


def _fonts() -> Any:
    """One Fontconfig set-up per thread, reused by every letter: WeasyPrint would otherwise load
    the configuration and the font list again for each one. Pango's font map is not shared
    across threads, hence one per thread."""
    fonts = getattr(_local, "fonts", None)
    if fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        fonts = _local.fonts = FontConfiguration()
    return fonts


def layout(letter: Letter) -> Any:
    """The letter laid out on its pages (a WeasyPrint document), to write once or several times."""
    from weasyprint import HTML

    article = _unbreakable(render_article(letter, "page"))
    # The number's box is as wide as the hanging indent; a space after it would push the
    # first line past the others (by a different width on each justified line).
    article = Markup(_AFTER_NUMBER.sub(r"\1", str(article)))  # nosec B704  # escaped, one space less
    page = _template("pdf.html").render(letter=letter, article=article)
    document = HTML(string=page, base_url=str(HERE)).render(
        stylesheets=[_stylesheet()], pdf_variant=VARIANT, font_config=_fonts())
    # Only what a letter needs, as in the DOCX: its subject, its author, the day it is dated.
    meta = document.metadata
    moment = letter.written.isoformat()  # a W3C date: the day, as on the letter
    meta.title, meta.authors, meta.lang = letter.subject, [letter.signature], letter.language
    meta.created = meta.modified = moment
    meta.description, meta.keywords, meta.generator = None, [], None
    return document


def render_pdf(letter: Letter) -> bytes:
    """One letter as an A4 PDF: pages numbered "1 / 2", tagged, fonts embedded."""
    return render_pdf_packet([letter])


def render_pdf_packet(letters: Sequence[Letter]) -> bytes:
    """Several letters in one PDF, each starting on a new page with its own page numbers."""
    return write_pdf([layout(letter) for letter in letters], letters)


def write_pdf(documents: Sequence[Any], letters: Sequence[Letter]) -> bytes:
    """The PDF of letters already laid out (``layout``), in one file; the documents are left as
    they were, so the same layouts can also be written one by one."""
    if not letters:
        raise ValueError("a PDF needs at least one letter")
    whole = documents[0].copy([page for document in documents for page in document.pages])
    if len(letters) > 1:
        whole.metadata = copy.copy(whole.metadata)  # copy() shares it with the first letter's
        whole.metadata.title = " – ".join(letter.title for letter in letters)
    out: bytes = whole.write_pdf(pdf_variant=VARIANT, pdf_identifier=False, uncompressed_pdf=False,
                                 finisher=_without_producer)
    return out


_PRODUCER = re.compile(rb'\s*pdf:Producer="[^"]*"')


def _without_producer(document: Any, pdf: Any) -> None:
    """WeasyPrint names itself (and its version) as producer, in the info and XMP metadata;
    a letter carries no software details, so both go (they must agree for PDF/A readers)."""
    pdf.info.pop("Producer", None)
    for obj in pdf.objects:
        if isinstance(getattr(obj, "extra", None), dict) and obj.extra.get("Type") == "/Metadata":
            obj.stream = [_PRODUCER.sub(b"", part) if isinstance(part, bytes) else part
                          for part in obj.stream]
