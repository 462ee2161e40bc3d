"""Letters -> PDF, on A4, laid out like the DOCX, tagged PDF/UA-1 with (subsets of) the fonts
embedded, so a screen reader follows the structure and reading order.

Two ways to the same page. A letter in Latin script goes straight from the ``Letter`` to PDF
(``pdfwriter``: about 20 ms a letter). A letter that needs shaping or right-to-left layout (an
Arabic copy, a name in Arabic script) is laid out by WeasyPrint from the HTML renderer's
article with ``pdf.css`` (about 250 ms); ``pdf.css`` is also the specification the direct
writer follows, and tests/test_pdf.py runs on both: ``engine="weasyprint"`` forces WeasyPrint,
``"direct"`` (what ``None`` does) takes the direct writer whenever the letters allow it.

WeasyPrint needs Pango; it is imported on first use, so a script that never asks for a PDF
does not need it. One font configuration serves every PDF of the process: WeasyPrint would
otherwise build one per document (Fontconfig's whole font list, a Pango font map), about
half a megabyte of native memory that is never given back. Fontconfig and Pango are not
thread-safe, so PDFs of one process are rendered one at a time (they hold the interpreter's
lock nearly all along anyway).
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..model import Letter
from . import pdfwriter
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


_ONE_AT_A_TIME = threading.Lock()


@lru_cache(maxsize=1)
def font_configuration() -> Any:
    """The process's one font configuration (the fonts found on the system, their Pango map)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(filename=str(HERE / "pdf.css"))  # no @font-face: the fonts are the system's


def _document(letter: Letter, font_config: Any) -> Any:
    from weasyprint import HTML

    article = _unbreakable(render_article(letter, "page"))
    # The number's box is as wide as the hanging indent; a space after it would push the
    # first line past the others (by a different width on each justified line).
    article = Markup(_AFTER_NUMBER.sub(r"\1", str(article)))  # nosec B704  # escaped, one space less
    page = _template("pdf.html").render(letter=letter, article=article)
    document = HTML(string=page, base_url=str(HERE)).render(
        stylesheets=[_stylesheet()], pdf_variant=VARIANT, font_config=font_config)
    # Only what a letter needs, as in the DOCX: its subject, its author, the day it is dated.
    meta = document.metadata
    moment = letter.written.isoformat()  # a W3C date: the day, as on the letter
    meta.title, meta.authors, meta.lang = letter.subject, [letter.signature], letter.language
    meta.created = meta.modified = moment
    meta.description, meta.keywords, meta.generator = None, [], None
    return document


def render_pdf(letter: Letter, *, engine: str | None = None) -> bytes:
    """One letter as an A4 PDF: pages numbered "1 / 2", tagged, fonts embedded."""
    return render_pdf_packet([letter], engine=engine)


ENGINES = ("direct", "weasyprint")


def _direct(letters: Sequence[Letter], engine: str | None) -> bool:
    """Whether these letters go straight to PDF: every one of them can (or a test says so)."""
    if engine not in (None, *ENGINES):
        raise ValueError(f"engine: one of {ENGINES}")
    return engine != "weasyprint" and all(pdfwriter.writable(x) for x in letters)


def render_pdf_packet(letters: Sequence[Letter], *, before_each: Callable[[], None] | None = None,
                      font_config: Any = None, engine: str | None = None) -> bytes:
    """Several letters in one PDF, each starting on a new page with its own page numbers.

    ``before_each`` is called before each letter is laid out: a caller that gives the work a
    time budget raises from it to stop. ``font_config`` is for tests that compare with a fresh
    WeasyPrint configuration; by default the process's shared one is used.
    """
    if not letters:
        raise ValueError("a PDF needs at least one letter")
    if font_config is None and _direct(letters, engine):
        laid = []
        for letter in letters:
            if before_each is not None:
                before_each()
            laid.append(pdfwriter.lay_out(letter))
        return pdfwriter.write(laid, letters)
    with _ONE_AT_A_TIME:
        fonts = font_config or font_configuration()
        documents = []
        for letter in letters:
            if before_each is not None:
                before_each()
            documents.append(_document(letter, fonts))
        whole = documents[0].copy([page for document in documents for page in document.pages])
        if len(letters) > 1:
            whole.metadata.title = " – ".join(letter.title for letter in letters)
        out: bytes = whole.write_pdf(pdf_variant=VARIANT, pdf_identifier=False, uncompressed_pdf=False,
                                     finisher=_without_producer, font_config=fonts)
    return out


def layout(letter: Letter) -> Any:
    """The letter laid out on its pages, to write once or several times with ``write_pdf``: a
    batch lays each letter out once for its own PDF and the packet's, which gives the same
    bytes as ``render_pdf`` and ``render_pdf_packet``."""
    if _direct([letter], None):
        return pdfwriter.lay_out(letter)
    with _ONE_AT_A_TIME:
        return _document(letter, font_configuration())


def write_pdf(documents: Sequence[Any], letters: Sequence[Letter]) -> bytes:
    """The PDF of letters already laid out (``layout``), in one file; the documents are left as
    they were, so the same layouts can also be written one by one."""
    if not letters:
        raise ValueError("a PDF needs at least one letter")
    if all(isinstance(x, pdfwriter.Laid) for x in documents):
        return pdfwriter.write(documents, letters)
    if any(isinstance(x, pdfwriter.Laid) for x in documents):  # a packet mixing both: one engine
        return render_pdf_packet(letters, engine="weasyprint")
    with _ONE_AT_A_TIME:
        fonts = font_configuration()
        whole = documents[0].copy([page for document in documents for page in document.pages])
        if len(letters) > 1:
            whole.metadata = copy.copy(whole.metadata)  # copy() shares it with the first letter's
            whole.metadata.title = " – ".join(letter.title for letter in letters)
        out: bytes = whole.write_pdf(pdf_variant=VARIANT, pdf_identifier=False, uncompressed_pdf=False,
                                     finisher=_without_producer, font_config=fonts)
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
