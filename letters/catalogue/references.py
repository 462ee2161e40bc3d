"""Checks between files: every id a data file names must exist where it points.

The loader checks each file alone; this checks the catalogue as a whole, once, when it is
first used: a route naming a basis that does not exist, a basis limited to an unknown
benefit, a kind naming a missing basis. A failure names the file and the key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from .loader import CatalogueError
from .schema import AUTHORITY_WAYS, AUTOMATION, DECISIONS, WANTS


def vocabularies(bases: Mapping[str, Any], bodies: Mapping[str, Any],
                 benefits: Mapping[str, Any], reasons: Mapping[str, Any],
                 authorities: Mapping[str, Any]) -> dict[str, set[str]]:
    """The allowed values behind each named vocabulary of ``schema.py`` (``choices="…"``)."""
    return {
        "bases": set(bases), "bodies": set(bodies), "benefits": set(benefits), "reasons": set(reasons),
        "decisions": set(DECISIONS), "automation": set(AUTOMATION), "wants": set(WANTS),
        "goes_to": {"body", *bodies}, "authorities": {"", *authorities},
    }


def named_values(record: Any, prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    """(key, vocabulary, value) for every field of ``record`` that names another file's id."""
    for f in fields(record):
        value = getattr(record, f.name)
        choices = f.metadata.get("choices")
        if isinstance(choices, str):
            for item in value if isinstance(value, tuple) else (value,):
                yield prefix + f.name, choices, item
        elif is_dataclass(value):
            yield from named_values(value, prefix + f.name + ".")


def check(folder: str, records: Mapping[str, Any], vocab: dict[str, set[str]]) -> None:
    for record_id, record in records.items():
        for key, name, value in named_values(record):
            if value not in vocab[name]:
                raise CatalogueError(f"{folder}/{record_id}.toml", key,
                                     f"{value!r} is not a known id of {name}")


def check_sections(kinds: Mapping[str, Any], bases: Mapping[str, Any]) -> None:
    for kind in kinds.values():
        for section in kind.sections:
            if section.startswith("basis:") and section.removeprefix("basis:").partition(".")[0] not in bases:
                raise CatalogueError(f"kinds/{kind.id}.toml", "sections",
                                     f"{section!r}: no such basis in bases/")


def check_sending(kinds: Mapping[str, Any]) -> None:
    """A letter the person records as sent has a way to send it; an authority's way (its form,
    its free post) names the authority."""
    for kind in kinds.values():
        if kind.tracked and not kind.sending:
            raise CatalogueError(f"kinds/{kind.id}.toml", "sending",
                                 "a tracked letter needs at least one way to send it")
        if set(kind.sending) & AUTHORITY_WAYS and not kind.authority:
            raise CatalogueError(f"kinds/{kind.id}.toml", "authority",
                                 "online_form and free_post need the authority it goes to")
