"""The person's proofs (PDF, JPEG, PNG), checked before they go into a referral file.

A file is judged by its content, never by its name or the type a browser claims: the first
bytes say what it is, then it is opened to make sure it really is one (a PDF that pypdf can
read and that has no password, an image that Pillow can decode). Everything happens in
memory: the bytes are kept in the returned ``Attachment`` only as long as the caller keeps it,
and nothing is written anywhere.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MAX_FILE_BYTES = 10 * 1024 * 1024  # a scanned avis de réception is a few hundred kilobytes
MAX_TOTAL_BYTES = 30 * 1024 * 1024
MAX_PAGES = 30  # one file
MAX_TOTAL_PAGES = 120
MAX_FILES = 20
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; beyond, decoding it is a memory risk
MAX_NAME = 80

# What each kind of file starts with.
SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)
# What a file is, for the bordereau; the person says it when attaching it.
ROLES = ("notification", "request", "sending", "receipt", "answer", "identity", "mandate", "other")


class UploadError(ValueError):
    """A file refused, with the plain-French reason to show next to it.

    ``code`` names the reason and ``params`` its figures, so that a page in another language
    can say the same in its own words."""

    def __init__(self, name: str, message: str, code: str = "", **params: Any) -> None:
        super().__init__(message)
        self.name = name
        self.message = message
        self.code = code
        self.params = params

    def as_dict(self) -> dict[str, str]:
        return {"field": self.name, "message": self.message}


@dataclass(frozen=True)
class Sending:
    """One sending of a letter, as its 'sent' event records it: which letter, on which day."""

    letter: str
    sent: date


@dataclass(frozen=True)
class Attachment:
    """One proof, checked: what it is, how many pages it makes, and its bytes."""

    name: str
    kind: str  # "pdf", "jpeg" or "png"
    role: str
    pages: int
    data: bytes = field(repr=False)
    size: tuple[int, int] | None = None  # an image's pixels (width, height)
    proves: Sending | None = None  # the sending this receipt or proof of sending attests, if said


def kind_of(data: bytes) -> str | None:
    """The file's type from its first bytes, or None.

    >>> kind_of(b"%PDF-1.7 ..."), kind_of(b"\\x89PNG\\r\\n\\x1a\\n..."), kind_of(b"PK\\x03\\x04")
    ('pdf', 'png', None)
    """
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def _short(name: str) -> str:
    """A file name fit to print: the last path part, without control characters, bounded."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip() or "fichier"
    return base if len(base) <= MAX_NAME else base[: MAX_NAME - 1] + "…"


def read_upload(name: str, data: bytes, role: str = "other") -> Attachment:
    """Check one file and return it as an ``Attachment``; ``UploadError`` says what is wrong."""
    shown = _short(name)
    if role not in ROLES:
        raise UploadError(shown, f"« {role[:40]} » n'est pas un type de pièce connu. "
                                 f"Types possibles : {', '.join(ROLES)}.", "role")
    if not data:
        raise UploadError(shown, f"Le fichier « {shown} » est vide.", "empty")
    if len(data) > MAX_FILE_BYTES:
        raise UploadError(shown, f"Le fichier « {shown} » est trop lourd : {MAX_FILE_BYTES // 2**20} Mo au "
                                 f"plus ({len(data) / 2**20:.1f} Mo). Numérisez-le en plus basse résolution.",
                          "heavy", most=MAX_FILE_BYTES // 2**20)
    kind = kind_of(data)
    if kind is None:
        raise UploadError(shown, f"Le fichier « {shown} » n'est ni un PDF, ni une photo JPEG, ni une "
                                 "image PNG. Envoyez l'un de ces trois types.", "type")
    if kind == "pdf":
        pages = _pdf_pages(shown, data)
        size = None
    else:
        size = _image_size(shown, data, kind)
        pages = 1
    if pages > MAX_PAGES:
        raise UploadError(shown, f"Le fichier « {shown} » a {pages} pages : {MAX_PAGES} au plus. "
                                 "Gardez les pages utiles.", "pages", pages=pages, most=MAX_PAGES)
    return Attachment(shown, kind, role, pages, data, size)


def read_uploads(files: list[tuple[str, bytes, str]]) -> tuple[list[Attachment], list[UploadError]]:
    """Check several files ``(name, data, role)``: every error at once, and the totals."""
    if len(files) > MAX_FILES:
        return [], [UploadError("(pièces)", f"Trop de pièces : {MAX_FILES} au plus.", "files",
                                most=MAX_FILES)]
    attachments, errors = [], []
    for name, data, role in files:
        try:
            attachments.append(read_upload(name, data, role))
        except UploadError as error:
            errors.append(error)
    if sum(len(a.data) for a in attachments) > MAX_TOTAL_BYTES:
        errors.append(UploadError("(pièces)", f"Les pièces pèsent ensemble plus de "
                                              f"{MAX_TOTAL_BYTES // 2**20} Mo : allégez-les.",
                                  "total_heavy", most=MAX_TOTAL_BYTES // 2**20))
    if sum(a.pages for a in attachments) > MAX_TOTAL_PAGES:
        errors.append(UploadError("(pièces)", f"Les pièces font ensemble plus de {MAX_TOTAL_PAGES} pages.",
                                  "total_pages", most=MAX_TOTAL_PAGES))
    return (attachments, []) if not errors else ([], errors)


def _pdf_pages(shown: str, data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns on every oddity of a scanner's PDF
            reader = PdfReader(io.BytesIO(data))
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
            for page in [] if encrypted else reader.pages[:MAX_PAGES]:
                page.mediabox  # noqa: B018  # a page without a size cannot be merged
        if encrypted:
            raise UploadError(shown, f"Le PDF « {shown} » est protégé par un mot de passe : "
                                     "enregistrez-en une copie sans protection.", "password")
    except UploadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise UploadError(shown, f"Le PDF « {shown} » est abîmé ou illisible : "
                                 "enregistrez-le de nouveau ou numérisez le papier.", "damaged") from None
    if pages == 0:
        raise UploadError(shown, f"Le PDF « {shown} » n'a aucune page.", "no_page")
    return pages


def _decode_whole(image: Any) -> None:
    """A proof must be whole: the notification reader's strict decoding, under its one lock."""
    from ..notification.files import load_whole  # Pillow and pdfium only when a proof is an image

    load_whole(image)


def _image_size(shown: str, data: bytes, kind: str) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    label = "La photo" if kind == "jpeg" else "L'image"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UploadError(shown, f"{label} « {shown} » est trop grande ({width} × {height} "
                                         "pixels) : réduisez-la.", "pixels")
            _decode_whole(image)  # a truncated or corrupt file fails here
    except UploadError:
        raise
    except Image.DecompressionBombWarning:
        raise UploadError(shown, f"{label} « {shown} » est trop grande : réduisez-la.", "pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise UploadError(shown, f"{label} « {shown} » est abîmée ou illisible : "
                                 "prenez-la ou enregistrez-la de nouveau.", "damaged") from None
    return width, height
