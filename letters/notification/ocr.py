"""Tesseract, called on an image held in memory: the picture goes in on standard input and
the text comes back on standard output, so no file is ever written.

Debian's ``tesseract-ocr`` with the French model (``tesseract-ocr-fra``) and the orientation
model (``tesseract-ocr-osd``); the Makefile installs them.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess  # nosec B404: a fixed program, its arguments a fixed list, never a shell
from dataclasses import dataclass

from PIL import Image

from . import errors

TESSERACT = "tesseract"
TIMEOUT_S = 60
# One thread per call: on a machine of two cores shared by several requests, Tesseract's own
# threads spend more time waiting on each other than reading (measured: 1.0 s against 3.5 s).
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float  # 0 to 100, as Tesseract gives it
    block: int
    paragraph: int
    line: int


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # fast: the bytes only cross a pipe
    return out.getvalue()


def run(image: Image.Image, *args: str) -> str:
    """Tesseract's output for ``image`` (``stdin stdout`` plus ``args``)."""
    try:
        done = subprocess.run(  # nosec B603: fixed argument list, no shell
            [TESSERACT, "stdin", "stdout", *args], input=_png(image), capture_output=True,
            timeout=TIMEOUT_S, env=_ENV, check=False)
    except FileNotFoundError:
        raise errors.reader_missing() from None
    except subprocess.TimeoutExpired:
        raise errors.no_text() from None
    # Tesseract's messages on standard error may quote nothing of the page, but are not logged
    # anyway: a failure is reported as "no text", which is what the person can act on.
    if done.returncode != 0 and not done.stdout:
        return ""
    return done.stdout.decode("utf-8", errors="replace")


def words(image: Image.Image) -> list[Word]:
    """Every word Tesseract reads with the French model, in reading order, with its confidence.

    ``--psm 1``: page segmentation with orientation detection, so a page upside down is turned
    in the same call (measured: one call of 1.5 to 2.3 s, against 1.2 to 1.8 s more for a
    separate detection).
    """
    out = run(image, "-l", "fra", "--psm", "1", "tsv")
    found = []
    for row in csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            found.append(Word(text, float(row["conf"]), int(row["block_num"]), int(row["par_num"]),
                              int(row["line_num"])))
    return found


def as_text(found: list[Word]) -> str:
    """The words as lines, with a blank line between paragraphs, as the page shows them."""
    lines: list[str] = []
    current: list[str] = []
    last_line = last_paragraph = None
    for w in found:
        paragraph, line = (w.block, w.paragraph), (w.block, w.paragraph, w.line)
        if line != last_line and current:
            lines.append(" ".join(current))
            current = []
            if paragraph != last_paragraph:
                lines.append("")
        current.append(w.text)
        last_line, last_paragraph = line, paragraph
    if current:
        lines.append(" ".join(current))
    return "\n".join(lines)
