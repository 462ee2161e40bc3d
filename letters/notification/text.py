"""The text of each page: a PDF's own text layer when it has one, Tesseract's reading otherwise.

Scanned PDF pages are drawn by PDFium (pypdfium2, pinned): it renders in memory from the bytes
we hold, ships as a wheel with its own PDFium build (no system library, no subprocess, no temporary
file), and also gives the text layer, so one maintained library serves both needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from . import errors, files, image, ocr

RENDER_DPI = 200  # a scan's page drawn as scanners commonly scan: 1654 pixels across an A4 page
MIN_LAYER_LETTERS = 40  # fewer letters in a page's text layer: a scan, read by OCR
# Measured on the sample photos and scans, sharp and blurred (tests/notifications/): pages
# read well have a mean word confidence of 91 to 96 and a sharpness of 68 or more; blurred
# past reading, a confidence of 58 at most.
BLURRED_CONFIDENCE = 70.0  # below: refused as too blurred
READABLE_CONFIDENCE = 80.0  # below: read, but what the page does not show is unknown, not missing
HOPELESS_SHARPNESS = 30.0  # below: refused at once, before spending time on OCR
SOFT_SHARPNESS = 100.0  # a page with almost no words and a sharpness below this is blurred
MIN_WORDS = 12


@dataclass(frozen=True)
class Page:
    """One page's text, how it was read, and whether it can be trusted to be complete."""

    number: int
    text: str
    ocr: bool = False
    confidence: float | None = None  # mean word confidence of an OCR reading (0 to 100)
    sharpness: float | None = None

    @property
    def readable(self) -> bool:
        """True when what the page does not say can be taken as absent from it."""
        return not self.ocr or (self.confidence or 0.0) >= READABLE_CONFIDENCE


def read_pages(data: bytes, opened: files.Opened) -> list[Page]:
    if opened.kind == files.TEXT:
        return [Page(1, files.decode_text(data) or "")]
    if opened.kind == files.PDF:
        return _pdf_pages(data)
    picture = files.open_image(data)
    try:
        return [read_picture(picture, 1)]
    finally:
        picture.close()


def _pdf_pages(data: bytes) -> list[Page]:
    document = files.open_pdf(data)
    try:
        pages = []
        for number, page in enumerate(document, start=1):
            layer = page.get_textpage().get_text_range()
            if sum(c.isalpha() for c in layer) >= MIN_LAYER_LETTERS:
                pages.append(Page(number, layer.replace("\r\n", "\n").replace("\r", "\n")))
            else:
                drawn = page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
                pages.append(read_picture(drawn, number))
        return pages
    finally:
        document.close()


def read_picture(picture: Image.Image, number: int) -> Page:
    """OCR of one page's picture, refused with a reason when it is too blurred to read."""
    grey = image.grey(picture)
    if image.blank(grey):
        return Page(number, "", ocr=True, confidence=100.0)
    sharp = image.sharpness(grey)
    if sharp < HOPELESS_SHARPNESS:
        raise errors.too_blurred(number)
    words = ocr.words(image.level(grey))
    if len(words) < MIN_WORDS:
        raise errors.too_blurred(number) if sharp < SOFT_SHARPNESS else errors.no_text()
    confidence = sum(w.confidence for w in words) / len(words)
    if confidence < BLURRED_CONFIDENCE:
        raise errors.too_blurred(number)
    return Page(number, ocr.as_text(words), ocr=True, confidence=confidence, sharpness=sharp)
