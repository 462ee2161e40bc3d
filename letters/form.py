"""Web form fields <-> case JSON. Works on any mapping with ``get`` and ``getlist``.

Field names are the JSON paths (``decision.date``), so an error's path is also the name
of the field to show it next to.
"""

from __future__ import annotations

from typing import Any, Protocol

TEXT_FIELDS = (
    "person.name", "person.email", "person.phone", "person.reference",
    "organisation.kind", "organisation.name",
    "decision.kind", "decision.benefit", "decision.date", "decision.received",
    "decision.reference", "decision.amount", "decision.automation", "decision.description",
)
LINES_FIELDS = ("person.address", "organisation.address")
YES_NO_FIELDS = ("decision.algorithm_mentioned", "decision.reasons_given", "decision.recovery_started")
YES_NO = {"yes": True, "no": False, "unknown": None}


class FormData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[leaf] = value


def case_data_from_form(form: FormData) -> dict[str, Any]:
    """Build the case JSON from submitted fields; validation is ``parse_case``'s job."""
    data: dict[str, Any] = {"person": {}, "organisation": {}, "decision": {}}
    for name in TEXT_FIELDS:
        value = form.get(name, "")
        if isinstance(value, str) and value.strip():
            _put(data, name, value)
    for name in LINES_FIELDS:
        value = form.get(name, "")
        _put(data, name, value.splitlines() if isinstance(value, str) else [])
    for name in YES_NO_FIELDS:
        _put(data, name, YES_NO.get(form.get(name, "unknown"), None))
    days = form.get("decision.notified_deadline.days", "")
    if isinstance(days, str) and days.strip():
        _put(data, "decision.notified_deadline", {
            "days": days.strip(), "body": form.get("decision.notified_deadline.body", ""),
        })
    data["wants"] = form.getlist("wants")
    if form.get("today"):
        data["today"] = form.get("today")
    return data


def form_values_from_case_data(data: dict[str, Any]) -> dict[str, Any]:
    """The reverse: field values to fill the form again from a case (for 'modify')."""
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS + LINES_FIELDS + YES_NO_FIELDS:
        node: Any = data
        for key in name.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if name in LINES_FIELDS:
            values[name] = "\n".join(node) if isinstance(node, list) else ""
        elif name in YES_NO_FIELDS:
            values[name] = {True: "yes", False: "no"}.get(node, "unknown")
        elif node is not None:
            values[name] = str(node)
    deadline = (data.get("decision") or {}).get("notified_deadline") or {}
    values["decision.notified_deadline.days"] = str(deadline.get("days", "") or "")
    values["decision.notified_deadline.body"] = deadline.get("body", "") or ""
    values["wants"] = list(data.get("wants") or [])
    return values
