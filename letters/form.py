"""Web form fields <-> case JSON. Works on any mapping with ``get`` and ``getlist``.

Field names are the JSON paths (``decision.date``), so an error's path is also the name
of the field to show it next to. Which fields exist, and of what type, is ``fields.py``'s.
"""

from __future__ import annotations

from typing import Any, Protocol

from .fields import CASE_FIELDS
from .reader import clean_text

YES_NO = {"yes": True, "no": False, "unknown": None}
SINGLE_VALUE = ("text", "choice", "date", "amount", "days")


class FormData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[leaf] = value


def _get(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def case_data_from_form(form: FormData) -> dict[str, Any]:
    """Build the case JSON from submitted fields; validation is ``parse_case``'s job."""
    data: dict[str, Any] = {"person": {}, "organisation": {}, "decision": {}}
    for spec in CASE_FIELDS:
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


def form_values_from_case_data(data: Any) -> dict[str, Any]:
    """The reverse: field values to fill the form again from a case (for 'modify').

    Any JSON at all gives values a page can show: a part of the wrong shape gives nothing,
    and text is cleaned as the case reader cleans it (a page cannot hold a lone surrogate).
    """
    values: dict[str, Any] = {}
    for spec in CASE_FIELDS:
        node = _get(data, spec.path)
        if spec.type == "lines":
            lines = node if isinstance(node, list) else [node]
            values[spec.path] = clean_text("\n".join(x for x in lines if isinstance(x, str)))
        elif spec.type == "flag":
            values[spec.path] = ("yes" if node else "no") if isinstance(node, bool) else "unknown"
        elif spec.type == "choices":
            values[spec.path] = [clean_text(x) for x in node if isinstance(x, str)] \
                if isinstance(node, list) else []
        elif node is not None and not isinstance(node, (dict, list)):
            values[spec.path] = clean_text(str(node))
    return values
