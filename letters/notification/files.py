"""What a file is, by its content, and whether it is small enough to read.

The name a browser or a person gives a file proves nothing; the first bytes do. A PDF is
opened in memory by PDFium (pypdfium2), an image by Pillow; nothing is written to disk.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageFile

from . import errors

MAX_BYTES = 10 * 1024 * 1024  # a phone photo weighs 2 to 5 Mo, a body's PDF a few hundred Ko
MAX_PAGES = 10  # a decision is one to four pages; more is another kind of document
MAX_PIXELS = 50_000_000  # a 48-megapixel photo still passes; a decompression bomb does not
MIN_TEXT_CHARS = 20

PDF, JPEG, PNG, TEXT = "pdf", "jpeg", "png", "text"


@dataclass(frozen=True)
class Opened:
    """A file that passed the checks: its kind and, for a PDF, its page count."""

    kind: str
    pages: int


def sniff(data: bytes) -> str:
    """The file's kind from its first bytes: ``pdf``, ``jpeg``, ``png`` or ``text``.

    >>> sniff(b"%PDF-1.7 ..."), sniff(bytes.fromhex("ffd8ffe0")), sniff("Objet : indu".encode())
    ('pdf', 'jpeg', 'text')
    """
    if not data:
        raise errors.empty()
    if b"%PDF-" in data[:1024]:  # the PDF format tolerates a few bytes before its header
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if decode_text(data) is not None:
        return TEXT
    raise errors.not_a_notification()


def decode_text(data: bytes) -> str | None:
    """The text of a plain-text file (UTF-8, or the Windows code page), or None if it is binary."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        visible = sum(c.isprintable() or c in "\t\n\r" for c in text)
        if "\x00" not in text and visible >= 0.98 * len(text):
            return text
    return None


def check(data: bytes, filename_hint: str | None = None) -> Opened:
    """The file's kind and page count, or ``UnreadableNotification`` saying what is wrong."""
    if not data:
        raise errors.empty()
    if len(data) > MAX_BYTES:
        raise errors.too_large(MAX_BYTES // (1024 * 1024))
    try:
        kind = sniff(data)
    except errors.UnreadableNotification as exc:
        extension = _extension(filename_hint)
        if exc.code == "not_supported" and extension:
            raise errors.not_a_notification_named(extension) from None
        raise
    if kind == PDF:
        document = open_pdf(data)
        try:
            count = len(document)
        finally:
            document.close()
        if count == 0:
            raise errors.damaged()
        if count > MAX_PAGES:
            raise errors.too_many_pages(count, MAX_PAGES)
        return Opened(kind, count)
    if kind == TEXT:
        return Opened(kind, 1)
    open_image(data).close()
    return Opened(kind, 1)


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)  # from the bytes in memory
    except pdfium.PdfiumError:
        raise errors.damaged() from None


def _extension(filename_hint: str | None) -> str:
    """``.docx`` from ``lettre.docx``: only letters and digits, so a name cannot smuggle text in."""
    if not filename_hint or "." not in filename_hint:
        return ""
    extension = filename_hint.rsplit(".", 1)[1].lower()
    return f".{extension}" if extension.isalnum() and len(extension) <= 5 else ""


_STRICT = threading.Lock()


def load_whole(image: Image.Image) -> None:
    """Decode every pixel, refusing a file cut short. WeasyPrint, once imported, tells Pillow to
    accept truncated images everywhere; a photo whose end is missing would then be read without
    its last paragraphs, and the mentions printed there wrongly reported missing. One lock for
    every caller (the referral files' proofs too): the flag it sets is Pillow's, process-wide."""
    with _STRICT:
        accepted = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = accepted


def open_image(data: bytes) -> Image.Image:
    """The image, checked for size before its pixels are decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            too_big = image.width * image.height > MAX_PIXELS
            if not too_big:
                load_whole(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise errors.damaged() from None
    if too_big:
        image.close()
        raise errors.too_many_pixels(MAX_PIXELS // 1_000_000)
    return image
