"""A validated case back as JSON data: what a page carries in its hidden field and a saved file holds.

Only what ``parse_case`` read comes out: the declared fields (``fields.py``) and the events,
each as its validated value, so an unknown key, a character no file can hold or a shape the
reader refused is never echoed back. Reading the result again gives the same case::

    case, _ = parse_case(case_data(case), today=...)   # the same case

``today`` comes out only when asked: a case that did not pin its date keeps following the
calendar when it is read again later.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .case import Case
from .events import Event
from .fields import CASE_FIELDS, EVENT_FIELDS


def _json_value(value: Any) -> Any:
    """A validated value as JSON, or None for "not given" (an empty text, no lines, no date)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    return value


# JSON names the model spells otherwise ("from" is a Python keyword): decision.period.from.
_ATTRIBUTES = {"from": "start", "to": "end"}


def _attribute(obj: Any, path: str) -> Any:
    for name in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, _ATTRIBUTES.get(name, name))
    return obj


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[leaf] = value


def _event_data(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in EVENT_FIELDS:
        value = _json_value(getattr(event, spec.key))
        if value is not None:
            out[spec.key] = value
    return out


def case_data(case: Case, *, with_today: bool = False) -> dict[str, Any]:
    """``case`` as the JSON ``parse_case`` reads: declared fields and events, nothing else."""
    data: dict[str, Any] = {"person": {}, "organisation": {}, "decision": {}}
    for spec in CASE_FIELDS:
        if spec.path == "today" and not with_today:
            continue
        value = _json_value(_attribute(case, spec.path))
        if value is not None:
            _put(data, spec.path, value)
    if case.events:
        data["events"] = [_event_data(event) for event in case.events]
    return data
