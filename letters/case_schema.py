"""The case document as a JSON Schema, built from the field declarations of ``fields.py``.

The API's OpenAPI description embeds it, so it can never drift from what ``parse_case``
accepts: a field, a limit or an allowed value changes in one place.
"""

from __future__ import annotations

from typing import Any

from .fields import AMOUNT_FORMS, CASE_FIELDS, DATE_FORMS, EVENT_FIELDS, MAX_EVENTS, Field

# The shapes a date may take (reader.day_parts reads spaces and letter case more freely).
DATE: dict[str, Any] = {
    "type": "string",
    "anyOf": [{"pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"},
              {"pattern": r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$"},
              {"pattern": r"^(le )?\d{1,2}(er)? [A-Za-zÀ-ÿ]+\.? \d{4}$"}],
    "examples": ["2026-11-29", "29/11/2026", "29.11.2026", "29 novembre 2026"],
}
FLAG: dict[str, Any] = {"description": "true, false, or null / \"unknown\" for \"I don't know\".",
                        "enum": [True, False, None, "unknown", ""]}


def _lines(spec: Field) -> dict[str, Any]:
    line: dict[str, Any] = {"type": "string", "maxLength": spec.limit}
    joined: dict[str, Any] = {"type": "string", "maxLength": (spec.limit + 1) * spec.items}
    many: dict[str, Any] = {"type": "array", "maxItems": spec.items, "items": line}
    if spec.required:  # blank lines are dropped; at least one must hold something
        joined.update(minLength=1, pattern=r"\S")
        many.update(minItems=1, contains={"type": "string", "pattern": r"\S"})
    return {"description": "Lines, or one string with a line per line.", "oneOf": [many, joined]}


def field_schema(spec: Field) -> dict[str, Any]:
    """The JSON Schema of one declared field."""
    out: dict[str, Any]
    if spec.type == "text":
        out = {"type": "string", "maxLength": spec.limit}
        if spec.required:
            out.update(minLength=1, pattern=r"\S")
        if spec.pattern:
            out["pattern"] = spec.pattern
    elif spec.type == "lines":
        out = _lines(spec)
    elif spec.type == "choice":
        out = {"type": "string", "enum": list(spec.allowed())}
    elif spec.type == "choices":
        # No uniqueItems: the reader takes a choice given twice once, as the API answers.
        out = {"type": "array", "items": {"type": "string", "enum": list(spec.allowed())}}
    elif spec.type == "date":
        out = dict(DATE)
    elif spec.type == "flag":
        out = dict(FLAG)
    elif spec.type == "amount":
        out = {"oneOf": [{"type": "number", "minimum": 0, "maximum": spec.limit},
                         {"type": "string",
                          "pattern": "^[0-9][0-9 .,'\u00a0\u202f]*( ?(€|EUR|euros?))?$",
                          "examples": ["2340,50", "2 340,50 €", "2.340,50", "2340.50"]},
                         {"type": "null"}]}
    elif spec.type == "days":
        out = {"type": "integer", "minimum": 1, "maximum": spec.limit}
    else:
        raise ValueError(f"{spec.path}: no schema for type {spec.type!r}")
    blank = _blank(spec)
    if blank:
        out = {"anyOf": [out, *blank]}
    out["description"] = spec.doc + {"date": f" Written {DATE_FORMS}.",
                                     "amount": f" Written as {AMOUNT_FORMS}."}.get(spec.type, "")
    return out


def _blank(spec: Field) -> list[dict[str, Any]]:
    """What the reader takes as "not given" for an optional field: null, and for a date, a
    number of days or a choice with a default, an empty string too."""
    if spec.required or spec.type in ("flag", "amount"):  # their schemas already say so
        return []
    if spec.type == "choice" and spec.default is None:
        return []  # required in effect: the reader asks for it
    if spec.type in ("date", "days", "choice"):
        return [{"type": "null"}, {"const": ""}]
    return [{"type": "null"}]


def _object(specs: tuple[Field, ...], prefix: str = "") -> dict[str, Any]:
    """Nest dotted paths into objects; a part holding a required field is itself required."""
    root: dict[str, Any] = {"type": "object", "properties": {}}
    for spec in specs:
        node = root
        parts = spec.path.removeprefix(prefix).split(".")
        for part in parts[:-1]:
            node = node["properties"].setdefault(part, {"type": "object", "properties": {}})
            if spec.required:
                node.setdefault("required", [])
        node["properties"][parts[-1]] = field_schema(spec)
        if spec.required:
            node.setdefault("required", []).append(parts[-1])
    _require_parts(root)
    return root


def _require_parts(node: dict[str, Any]) -> None:
    for name, child in node.get("properties", {}).items():
        if child.get("type") == "object":
            _require_parts(child)
            if child.get("required"):
                node.setdefault("required", [])
                if name not in node["required"]:
                    node["required"].append(name)


def case_schema() -> dict[str, Any]:
    """The whole case, its events included."""
    schema = _object(CASE_FIELDS)
    schema["properties"]["wants"]["minItems"] = 1
    event = _object(EVENT_FIELDS)
    schema["properties"]["events"] = {
        "anyOf": [{"type": "array", "maxItems": MAX_EVENTS, "items": event}, {"type": "null"}],
        "description": "What happened after the first letters: sent, acknowledged, answered.",
    }
    return schema
