"""Babel extractor for mentions.toml: the messages the person reads about what their
notification lacks, so the interface catalogs translate them (babel.cfg maps the file here)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

MESSAGE_KEYS = ("absent", "incomplete", "no_law", "message")


def plain(text: str) -> str:
    """A message as the reader gives it: its lines joined by single spaces."""
    return " ".join(text.split())


def messages(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in MESSAGE_KEYS and isinstance(value, str):
                yield plain(value)
            elif key == "items" and isinstance(value, dict):
                yield from (plain(v) for v in value.values() if isinstance(v, str))
            else:
                yield from messages(value)


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, function, message, comments) for each message of mentions.toml."""
    for message in messages(tomllib.loads(fileobj.read().decode("utf-8"))):
        yield 0, "gettext", message, ["TRANSLATORS: what a notification lacks, said to the person"]
