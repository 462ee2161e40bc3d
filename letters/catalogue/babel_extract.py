"""Babel extractor for the ``form_label`` of data files, so the interface catalogs translate
how the form names each body and benefit (babel.cfg maps ``letters/data/*/*.toml`` here)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

KEYS = ("form_label",)


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, function, message, comments) for each translatable key of a TOML file."""
    for lineno, line in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        key = line.split("=", 1)[0].strip()
        if key in KEYS:
            value = tomllib.loads(line)[key]
            yield lineno, "gettext", value, ["TRANSLATORS: a choice in the form's list"]
