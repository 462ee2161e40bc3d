"""JSON Schemas of the data files, generated from ``schema.py``, for editors to check as one types.

``python -m letters.catalogue.jsonschema`` writes ``letters/data/schema/<folder>.schema.json``;
``letters/data/.taplo.toml`` points TOML editors at them. A test fails when they are stale.
"""

from __future__ import annotations

import json
import sys
import typing
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import DATA
from .schema import FOLDERS

SCHEMAS = DATA / "schema"
IDS = {"bases": "an id of a file in bases/", "bodies": "an id of a file in bodies/",
       "benefits": "an id of a file in benefits/", "reasons": "an id of a file in reasons/",
       "goes_to": "\"body\" or an id of a file in bodies/",
       "authorities": "an id of a file in authorities/, or empty"}


def _type(hint: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is not None and type(None) in args:
        return _type(next(a for a in args if a is not type(None)))
    if origin is tuple:
        return {"type": "array", "items": _type(args[0])}
    if is_dataclass(hint):
        return record_schema(typing.cast(type, hint))
    if hint is date:
        return {"type": "string", "format": "date"}
    return {"type": {str: "string", int: "integer", bool: "boolean"}[hint]}


def record_schema(cls: type) -> dict[str, Any]:
    """One record class as a JSON Schema object that refuses unknown keys."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for f in fields(cls):
        prop = _type(hints[f.name])
        prop["description"] = f.metadata.get("doc", "")
        choices = f.metadata.get("choices")
        target = prop["items"] if prop.get("type") == "array" else prop
        if isinstance(choices, tuple) and choices:
            target["enum"] = list(choices)
        elif isinstance(choices, str) and choices in IDS:
            if target is prop:
                prop["description"] += f" ({IDS[choices]})"
            else:
                target["description"] = IDS[choices]
        properties[f.name] = prop
        if f.default is MISSING and f.default_factory is MISSING:
            required.append(f.name)
    return {"type": "object", "description": (cls.__doc__ or "").strip().split("\n")[0],
            "properties": properties, "required": required, "additionalProperties": False}


def schemas() -> dict[str, str]:
    """File name -> JSON text, for every data folder."""
    out = {}
    for folder, cls in FOLDERS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": f"letters/data/{folder}/*.toml", **record_schema(cls)}
        out[f"{folder}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write(target: Path = SCHEMAS) -> None:
    target.mkdir(exist_ok=True)
    for name, text in schemas().items():
        (target / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
    sys.stdout.write(f"wrote {len(FOLDERS)} schemas into {SCHEMAS}\n")
