"""Web form fields <-> case JSON. Works on any mapping with ``get`` and ``getlist``.

Field names are the JSON paths (``decision.date``), so an error's path is also the name
of the field to show it next to. Which fields exist, and of what type, is ``fields.py``'s.
The form asks only the fields declared ``form=True``; the rest of a case (its events, the
person's choice to keep their words out of the letters, anything a clinic's file carries)
goes through the form unchanged, as ``kept_parts``, so that "modify" loses nothing.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Protocol

from .fields import BY_PATH, CASE_FIELDS
from .reader import amount_value, clean_text, day_parts

YES_NO = {"yes": True, "no": False, "unknown": None}
SINGLE_VALUE = ("text", "choice", "date", "amount", "days")
ON_FORM = tuple(f for f in CASE_FIELDS if f.form)


class FormData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for key in parents:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    data[leaf] = value


def _get(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def case_data_from_form(form: FormData, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the case JSON from submitted fields, over the ``kept`` parts the form does not
    show; validation is ``parse_case``'s job."""
    data: dict[str, Any] = copy.deepcopy(kept) if kept else {}
    for part in ("person", "organisation", "decision"):
        if not isinstance(data.get(part), dict):
            data[part] = {}
    for spec in ON_FORM:
        if spec.type in SINGLE_VALUE:
            value = form.get(spec.path, "")
            if isinstance(value, str) and value.strip():
                _put(data, spec.path, value)
        elif spec.type == "lines":
            value = form.get(spec.path, "")
            _put(data, spec.path, value.splitlines() if isinstance(value, str) else [])
        elif spec.type == "flag":
            _put(data, spec.path, YES_NO.get(form.get(spec.path, "unknown"), None))
        elif spec.type == "choices":
            _put(data, spec.path, form.getlist(spec.path))
    return data


def kept_parts(data: dict[str, Any]) -> dict[str, Any]:
    """Everything in the case but the fields the form shows: what it must carry unchanged.

    Only what a field declares, and the events: a key no field declares is not carried, as
    the pages carry only the validated case.

    >>> kept_parts({"person": {"name": "A"}, "decision": {"kind": "refusal",
    ...             "description_in_letters": False}, "events": [{"kind": "sent"}], "x": 1})
    {'decision': {'description_in_letters': False}, 'events': [{'kind': 'sent'}]}
    """
    rest = _declared(copy.deepcopy(data))
    for spec in ON_FORM:
        *parents, leaf = spec.path.split(".")
        node: Any = rest
        for key in parents:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(leaf, None)
    return _pruned(rest)


_DECLARED = frozenset(p for f in CASE_FIELDS for p in
                     (".".join(f.path.split(".")[:i]) for i in range(1, f.path.count(".") + 2)))


def _declared(node: dict[str, Any], parent: str = "") -> dict[str, Any]:
    """``node`` with only the keys a field's path names (the events as they are)."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        path = f"{parent}{key}"
        if path == "events":
            out[key] = value
        elif path in _DECLARED:
            out[key] = _declared(value, path + ".") if isinstance(value, dict) and path not in BY_PATH \
                else value
    return out


def _pruned(node: dict[str, Any]) -> dict[str, Any]:
    """Drop the objects left empty once the form's fields are taken out."""
    out = {}
    for key, value in node.items():
        if isinstance(value, dict) and value:
            value = _pruned(value)
            if not value:
                continue
        elif isinstance(value, dict):
            continue
        out[key] = value
    return out


def shown_day(value: str) -> str:
    """A date as the form shows it, jj/mm/aaaa; anything unreadable as it was typed.

    >>> shown_day("2026-11-10"), shown_day("1er mai 2026"), shown_day("hier")
    ('10/11/2026', '01/05/2026', 'hier')
    """
    parts = day_parts(value)
    try:
        return date(*parts).strftime("%d/%m/%Y") if parts else value
    except ValueError:
        return value


def shown_amount(value: Any) -> str:
    """An amount as French writes it on the form: 2340,50 (or 2340 when whole).

    >>> shown_amount(2340.5), shown_amount(2340), shown_amount("2 340,50 €")
    ('2340,50', '2340', '2 340,50 €')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".replace(".", ",")


def form_values_from_case_data(data: Any) -> dict[str, Any]:
    """The reverse: field values to fill the form again from a case (for 'modify').

    Any JSON at all gives values a page can show: a part of the wrong shape gives nothing,
    and text is cleaned as the case reader cleans it (a page cannot hold a lone surrogate).
    """
    values: dict[str, Any] = {}
    for spec in ON_FORM:
        node = _get(data, spec.path)
        if spec.type == "lines":
            lines = node if isinstance(node, list) else [node]
            values[spec.path] = clean_text("\n".join(x for x in lines if isinstance(x, str)))
        elif spec.type == "flag":
            values[spec.path] = ("yes" if node else "no") if isinstance(node, bool) else "unknown"
        elif spec.type == "choices":
            values[spec.path] = [clean_text(x) for x in node if isinstance(x, str)] \
                if isinstance(node, list) else []
        elif spec.type == "date" and isinstance(node, str):
            values[spec.path] = clean_text(shown_day(node))
        elif spec.type == "amount" and node is not None and not isinstance(node, (dict, list)):
            values[spec.path] = clean_text(shown_amount(node))
        elif node is not None and not isinstance(node, (dict, list)):
            values[spec.path] = clean_text(str(node))
    return values


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """The case as the saved file and the API write it: dates ISO, amounts as numbers.

    Run on a case that has passed ``parse_case``, so every value reads.

    >>> canonical({"decision": {"date": "15 octobre 2026", "amount": "2 340,50 €"},
    ...            "events": [{"date": "20/10/2026", "kind": "sent"}]})
    {'decision': {'date': '2026-10-15', 'amount': 2340.5}, 'events': [{'date': '2026-10-20', 'kind': 'sent'}]}
    """
    out = copy.deepcopy(data)
    for spec in CASE_FIELDS:
        value = _get(out, spec.path)
        if isinstance(value, str) and spec.type == "date" and (day := _iso(value)):
            _put(out, spec.path, day)
        elif isinstance(value, str) and spec.type == "amount" and value.strip():
            amount = amount_value(value)
            if amount is not None:
                _put(out, spec.path, amount)
    events = out.get("events")
    for event in events if isinstance(events, list) else ():
        if isinstance(event, dict) and isinstance(event.get("date"), str) and (day := _iso(event["date"])):
            event["date"] = day
    return out


def _iso(value: str) -> str:
    parts = day_parts(value)
    try:
        return date(*parts).isoformat() if parts else ""
    except ValueError:
        return ""
