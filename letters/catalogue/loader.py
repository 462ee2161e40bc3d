"""The one strict loader for every file under ``letters/data``.

Each file is read against its record class (``schema.py``): an unknown key, a missing key or
a value of the wrong type stops the load with the file and the key, so a typo such as
``applies_untill`` can never make a rule apply forever. References between files (a route
naming a basis, a kind naming a section) are checked by ``references.py`` once all is read.
"""

from __future__ import annotations

import tomllib
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class CatalogueError(ValueError):
    """A data file that does not fit its schema; the message names the file and the key."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path, self.key, self.problem = str(path), key, problem


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(path, "(file)", f"not valid TOML: {exc}") from None


def load_record(cls: type[T], data: dict[str, Any], path: Path | str, prefix: str = "") -> T:
    """Build ``cls`` from ``data``, refusing unknown, missing and ill-typed keys."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    for key in data:
        if key not in known:
            raise CatalogueError(path, prefix + key, f"unknown key (known: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        name = prefix + f.name
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise CatalogueError(path, name, "missing (this key is required)")
            continue
        values[f.name] = _convert(hints[f.name], data[f.name], path, name)
        allowed = f.metadata.get("choices")
        if isinstance(allowed, tuple) and allowed:
            for item in _items(values[f.name]):
                if item not in allowed:
                    raise CatalogueError(path, name, f"{item!r} is not one of {', '.join(allowed)}")
    return cls(**values)


def _items(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _convert(hint: Any, value: Any, path: Path | str, name: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, path, name)
    if origin is tuple:
        if not isinstance(value, list):
            raise CatalogueError(path, name, "must be a list")
        return tuple(_convert(args[0], item, path, f"{name}[{i}]") for i, item in enumerate(value))
    if is_dataclass(hint):
        if not isinstance(value, dict):
            raise CatalogueError(path, name, "must be a table")
        return load_record(typing.cast(type, hint), value, path, prefix=name + ".")
    expected = {str: str, int: int, bool: bool, date: date}[hint]
    # TOML gives a bool for true/false; refuse it where a number is meant, and vice versa.
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise CatalogueError(path, name, f"must be {expected.__name__}, not {type(value).__name__}")
    return value


def load_folder(folder: Path, cls: type[T], id_key: str = "id") -> dict[str, T]:
    """Every ``*.toml`` of ``folder`` as ``cls``, keyed by id; the id must be the file name."""
    out: dict[str, T] = {}
    for path in sorted(folder.glob("*.toml")):
        record = load_record(cls, read_toml(path), path)
        if getattr(record, id_key) != path.stem:
            raise CatalogueError(path, id_key, f"must equal the file name {path.stem!r}")
        out[path.stem] = record
    if not out:
        raise CatalogueError(folder, "(folder)", "no data file found")
    return out
