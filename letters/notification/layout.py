"""The parts of a French administrative letter: letterhead, header lines, subject, body, sentences.

Works on text from a PDF's text layer (one line per printed line, no blank lines) and from OCR
(blank lines between paragraphs) alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Tokens after which a period does not end a sentence ("art. L. 323-6", "M. Dupont", "n°").
_ABBREVIATIONS = {"art", "arts", "réf", "ref", "m", "mme", "mmes", "mlle", "me", "dr", "cf", "n", "no", "tél",
                  "tel", "av", "bd", "st", "ste", "etc", "p", "al", "ss"}
_SALUTATION = re.compile(r"^(madame|monsieur|madame,? monsieur|mademoiselle)\s*,$", re.I)
_SUBJECT = re.compile(r"^objet\s*:?\s*(.+)$", re.I)
HEADER_LINES = 30  # without a salutation, the header is at most this many lines


def normalise(text: str) -> str:
    """One way to write what OCR and PDFs write several ways: apostrophes, spaces, ligatures."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u0153", "œ")
    text = re.sub(r"[\u00a0\u202f\u2009\t]", " ", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def join_lines(lines: list[str]) -> str:
    """Lines as one run of text; a line cut after a hyphen joins the next without a space."""
    out = ""
    for line in lines:
        if not line:
            continue
        if out.endswith("-") and line[:1].islower():
            out += line
        else:
            out += (" " if out else "") + line
    return out


def sentences(text: str) -> list[str]:
    """Sentences: a full stop (or ! ?) then a capital, except after an abbreviation or an initial.

    >>> sentences("Voir l'art. L. 323-6 du code. Motif : M. Dupont a écrit. Fin")
    ["Voir l'art. L. 323-6 du code.", 'Motif : M. Dupont a écrit.', 'Fin']
    """
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[A-ZÀ-Ý«(])", text):
        before = re.search(r"(\w+)$", text[start:m.start()])
        word = before.group(1) if before else ""
        if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


@dataclass(frozen=True)
class Letter:
    """A notification's text cut into the parts the rules look at."""

    text: str

    @cached_property
    def lines(self) -> list[str]:
        return [line for line in normalise(self.text).split("\n")]

    @cached_property
    def _salutation(self) -> int | None:
        for i, line in enumerate(self.lines):
            if _SALUTATION.match(line):
                return i
        return None

    @cached_property
    def header(self) -> list[str]:
        """The lines before "Madame," or "Monsieur,": letterhead, date, references, addressee."""
        end = self._salutation if self._salutation is not None else HEADER_LINES
        return [line for line in self.lines[:end] if line]

    @cached_property
    def subject(self) -> str:
        for line in self.header:
            m = _SUBJECT.match(line)
            if m:
                return m.group(1).strip()
        return ""

    @cached_property
    def body(self) -> str:
        """Everything after the salutation (or after the subject line), as one run of text."""
        if self._salutation is not None:
            start = self._salutation + 1
        else:
            start = next((i + 1 for i, line in enumerate(self.lines) if _SUBJECT.match(line)), 0)
        return join_lines(self.lines[start:])

    @cached_property
    def sentences(self) -> list[str]:
        return sentences(self.body)
