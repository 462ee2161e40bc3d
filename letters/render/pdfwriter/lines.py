"""A paragraph cut into lines: greedy, as browsers do, with the hyphenation of the letter's
language where a word would not fit, and justified lines stretched at their spaces."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .fonts import Face

HYPHEN = "\u2010"  # printed at the end of a hyphenated line; reads back as a hyphenation
# A word pyphen may cut: letters only, after an opening bracket or quote, or an elision.
_WORD = re.compile(r"^(\W*|.*['’])([^\W\d_]{5,})(\W*)$")
EPSILON = 0.01  # points: rounding in the sums of widths
# No line starts with a closing mark nor ends with an opening one (Unicode's LB13 and LB15, as
# Pango breaks): such a mark, set apart by a space, stays with its word (the space is kept, and
# stretched on a justified line like any other).
_CLOSES, _TRAILING, _OPENS = frozenset(";:!?»)]"), frozenset(";:!?»)].,"), frozenset("«([")


def _words(text: str) -> list[str]:
    words: list[str] = []
    for word in text.replace("\n", " ").replace("\t", " ").split(" "):  # no-break spaces hold
        if not word:
            continue
        if words and (word[0] in _CLOSES and set(word) <= _TRAILING or set(words[-1]) <= _OPENS):
            words[-1] += " " + word
        else:
            words.append(word)
    return words


@dataclass(frozen=True)
class Line:
    text: str
    x: float  # from the paragraph's left edge
    natural: float  # width of the text as set
    stretch: float  # added to each space (U+0020) of a justified line


@lru_cache(maxsize=4)
def _dictionary(language: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=language, left=2, right=3)


def _hyphenations(word: str, language: str | None) -> list[str]:
    """The prefixes a word may be cut after, longest first, each ending in its hyphen."""
    # After a hyphen between two letters ("peut-être"), never in "INDU-2026" (Unicode's LB25).
    cuts = [word[:i + 1] for i in range(len(word) - 2, 0, -1)
            if word[i] == "-" and word[i - 1].isalpha() and word[i + 1].isalpha()]
    found = _WORD.match(word) if language else None
    if found and not found.group(2).isupper():  # not an acronym
        before = found.group(1)
        for left, _ in _dictionary(language).iterate(found.group(2)):
            cuts.append(before + left + HYPHEN)
        cuts.sort(key=len, reverse=True)
    return cuts


def _fitting_prefix(word: str, room: float, face: Face, size: float, language: str | None) -> str | None:
    for prefix in _hyphenations(word, language):
        if face.width(prefix, size) <= room + EPSILON:
            return prefix
    return None


def _chars_that_fit(word: str, room: float, face: Face, size: float) -> int:
    """A word wider than the whole line is cut where it must (a long web address)."""
    total = 0.0
    for i, char in enumerate(word):
        total += face.width(char, size)
        if total > room + EPSILON:
            return max(i, 1)
    return len(word)


def break_lines(text: str, face: Face, size: float, width: float, *, first_x: float = 0.0,
                rest_x: float = 0.0, align: str = "left", language: str | None = None) -> list[Line]:
    """``text`` set in ``width`` points, the first line starting at ``first_x``, the others at
    ``rest_x``; ``align`` is ``left``, ``right`` or ``justify`` (the last line stays left)."""
    words = _words(text)
    space = face.width(" ", size)
    rows: list[tuple[list[str], bool]] = []  # the words of each line; ended by a cut word
    current: list[str] = []
    used = 0.0

    def room() -> float:
        return width - (first_x if not rows else rest_x)

    i = 0
    while i < len(words):
        word = words[i]
        w = face.width(word, size)
        start = used + space if current else 0.0
        if start + w <= room() + EPSILON:
            current.append(word)
            used = start + w
            i += 1
            continue
        prefix = _fitting_prefix(word, room() - start, face, size, language)
        if prefix is not None:
            current.append(prefix)
            rows.append((current, True))
            words[i] = word[len(prefix) - 1:] if prefix.endswith(HYPHEN) else word[len(prefix):]
            current, used = [], 0.0
            continue
        if current:
            rows.append((current, False))
            current, used = [], 0.0
            continue
        cut = _chars_that_fit(word, room(), face, size)  # alone and still too wide
        if cut >= len(word):
            current, used = [word], w
            i += 1
        else:
            rows.append(([word[:cut]], True))
            words[i] = word[cut:]
    if current:
        rows.append((current, False))
    lines = []
    for n, (row, _) in enumerate(rows):
        line = " ".join(row)
        natural = face.width(line, size)
        x = first_x if n == 0 else rest_x
        available = width - x
        stretch = 0.0
        spaces = line.count(" ")
        if align == "justify" and n < len(rows) - 1 and spaces:
            stretch = max(0.0, (available - natural) / spaces)
        elif align == "right":
            x += max(0.0, available - natural)
        lines.append(Line(line, x, natural, stretch))
    return lines
