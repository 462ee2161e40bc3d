"""The word lists of lexicon.toml and mentions.toml, and how a list is looked for in a text."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@cache
def data(name: str) -> dict[str, Any]:
    with (HERE / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def lexicon() -> dict[str, Any]:
    return data("lexicon")


@lru_cache(maxsize=1024)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words: no letter or digit just before or after (so "are" is not found in "parent").
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w]){alternatives}(?![\w])", re.I)


def find(text: str, words: list[str] | tuple[str, ...]) -> re.Match[str] | None:
    """The first place in ``text`` where one of ``words`` is written.

    >>> find("Objet : trop-perçu d'allocations", ["trop-perçu"]).group(0)
    'trop-perçu'
    >>> find("votre parent", ["are"]) is None
    True
    """
    return _pattern(tuple(words)).search(text) if words else None


def first_kind(text: str, table: list[dict[str, Any]]) -> tuple[str, re.Match[str]] | None:
    """The first entry of ``table`` (``kind`` and ``words``) one of whose words ``text`` holds."""
    for entry in table:
        m = find(text, entry["words"])
        if m:
            return entry["kind"], m
    return None
