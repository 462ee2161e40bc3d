"""A letter straight to PDF, without an HTML engine: about twenty times faster than laying out
its HTML with WeasyPrint, which is what lets a clinic's batch of a thousand cases run in a
minute.

It covers what a letter in Latin script needs (two faces of one serif font, justified and
hyphenated paragraphs, hanging numbers, page numbers, tags for screen readers). A letter with
a character those faces lack, or that needs shaping or right-to-left layout (an Arabic copy, a
name in Arabic script), is not for it: ``writable`` says so, and ``render/pdf.py`` gives that
letter to WeasyPrint and Pango instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ...model import Letter
from .fonts import face
from .pages import Laid, lay_out
from .write import write

__all__ = ["Laid", "lay_out", "writable", "write"]

# Bidirectional classes that need the Unicode bidi algorithm (right-to-left letters, isolates,
# embeddings, Arabic digits); a line of any other characters reads left to right as stored.
_NEEDS_BIDI = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"})


def _texts(letter: Letter) -> Iterable[str]:
    yield from (letter.sender.name, *letter.sender.lines, *letter.sender_contact, letter.recipient.name,
                *letter.recipient.lines, letter.place_date, letter.mode, letter.subject_label, letter.subject,
                *letter.references, letter.salutation, letter.politeness, letter.signature,
                letter.enclosures_label, *letter.enclosures, letter.copies_label, *letter.copies)
    for block in letter.body:
        yield block.text


def writable(letter: Letter) -> bool:
    """Whether this writer can set every character of the letter as it should read."""
    if letter.direction != "ltr":
        return False
    regular, bold = face("regular"), face("bold")
    seen: set[str] = set()
    for text in _texts(letter):
        for char in text:
            if char in seen:
                continue
            seen.add(char)
            if not (regular.covers(char) and bold.covers(char)) or unicodedata.combining(char) \
                    or unicodedata.bidirectional(char) in _NEEDS_BIDI \
                    or unicodedata.category(char) in ("Cf", "Cc", "Co", "Cs", "Mn", "Me"):
                return False
    return True
