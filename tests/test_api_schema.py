"""The HTTP API against its OpenAPI description, served at /api/v1/openapi.json.

Schemathesis generates requests from the description, valid and invalid, and checks each
answer: never a server error, only documented status codes and content types, and bodies that
match the documented schemas. The description's case schema is built from the field
declarations; here it is checked against what ``parse_case`` really accepts and refuses.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from datetime import date

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from letters import parse_case
from letters.fields import CASE_FIELDS
from web import create_app
from web.openapi import document

from .conftest import TODAY, load_case_data

APP = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 0})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _in_range(text: str, earliest: date, latest: date) -> str:
    """A generated date moved into [earliest, latest], keeping its month and day where it can.

    A string shaped like a date but not one ("2026-13-45") is left alone: it tests the 422.
    """
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    span = latest.year - earliest.year + 1
    moved = date(earliest.year + day.year % span, day.month, min(day.day, 28))
    return min(max(moved, earliest), latest).isoformat()


@schema.hook
def map_body(context, body):
    """Most generated dates are centuries away, which only ever gives the 422 "check this date";
    move two bodies out of three into the plausible range so the letters get built too."""
    if not isinstance(body, dict) or zlib.crc32(repr(body).encode()) % 3 == 0:
        return body
    today = date.fromisoformat(TODAY)
    body = json.loads(json.dumps(body))
    if isinstance(body.get("today"), str) and DAY.fullmatch(body["today"]):
        body["today"] = TODAY
    decision = body.get("decision")
    decided = date(2000, 1, 1)
    if isinstance(decision, dict):
        if isinstance(decision.get("date"), str) and DAY.fullmatch(decision["date"]):
            decision["date"] = _in_range(decision["date"], decided, today)
            try:
                decided = date.fromisoformat(decision["date"])
            except ValueError:
                pass  # not a real date: left as generated, to test the 422
        if isinstance(decision.get("received"), str) and DAY.fullmatch(decision["received"]):
            decision["received"] = _in_range(decision["received"], decided, today)
    for event in body.get("events") or [] if isinstance(body.get("events"), list) else []:
        if isinstance(event, dict) and isinstance(event.get("date"), str) and DAY.fullmatch(event["date"]):
            event["date"] = _in_range(event["date"], decided, today)
    return body


def not_a_server_error(ctx, response, case) -> None:
    assert response.status_code < 500, f"{response.status_code}: {response.text[:300]}"


@schema.parametrize()
@settings(max_examples=40, deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_description_says(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance, response_schema_conformance])


def test_the_description_is_served(client):
    got = client.get("/api/v1/openapi.json")
    assert got.status_code == 200 and got.mimetype == "application/json"
    assert got.get_json() == json.loads(json.dumps(document()))


def case_validator():
    schemas = document()["components"]["schemas"]
    return jsonschema_rs.Draft202012Validator({**schemas["Case"], "components": document()["components"]})


def test_the_description_offers_every_format_the_api_answers():
    parameters = document()["paths"]["/api/v1/letters"]["post"]["parameters"]
    formats = next(p for p in parameters if p["name"] == "format")["schema"]["enum"]
    assert formats == ["json", "zip", "ics", "pdf", "docx", "html", "txt"]


def _with(data: dict, path: str, value) -> dict:
    data = json.loads(json.dumps(data))
    node = data
    *parents, leaf = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value
    return data


def _too_much(spec):
    """A value just past the field's declared bounds, or outside its choices."""
    return {"text": "x" * (spec.limit + 1), "choice": "not-a-choice", "choices": ["not-a-choice"],
            "date": "2026-13-45", "flag": "perhaps", "amount": spec.limit + 1,
            "days": spec.limit + 1, "lines": ["x" * (spec.limit + 1)]}[spec.type]


@pytest.mark.parametrize("spec", CASE_FIELDS, ids=lambda s: s.path)
def test_the_description_and_the_parser_refuse_the_same_value(spec):
    """Drift between the documented schema and the validation rules fails here, field by field."""
    base = load_case_data("caf-prime-activite-indu")
    assert case_validator().is_valid(base)
    bad = _with(base, spec.path, _too_much(spec))
    case, errors = parse_case(bad, today=date.fromisoformat(TODAY))
    assert case is None and any(e.field.startswith(spec.path) for e in errors), spec.path
    if spec.type != "date":  # JSON Schema's "format": "date" is an annotation, not a check
        assert not case_validator().is_valid(bad), spec.path


def test_the_example_cases_are_valid_under_the_description(client):
    """The documented case shape accepts the cases clinics copy from the README."""
    validator = case_validator()
    for name in ("caf-prime-activite-indu", "bank-credit-refusal", "cpam-c2s-suspension",
                 "departement-rsa-suspension"):
        data = load_case_data(name)
        assert validator.is_valid(data), list(validator.iter_errors(data))[:3]
        assert client.post("/api/v1/letters", json=data).status_code == 200


from hypothesis import given  # noqa: E402

from letters import compose_packet  # noqa: E402
from letters.safejson import load_case_json  # noqa: E402

from .test_properties import BOUNDED, cases  # noqa: E402


@BOUNDED
@given(cases)
def test_every_case_the_parser_accepts_is_valid_under_the_description(data):
    """The other way round: the description never refuses a case the API would answer."""
    data, _ = load_case_json(json.dumps(data))  # as the API reads it (no lone surrogate left)
    case, _ = parse_case(data, today=date.fromisoformat(TODAY))
    if case is not None:
        errors = [f"{e.instance_path}: {e.message}" for e in case_validator().iter_errors(data)]
        assert not errors, errors[:3]


def test_the_description_names_every_status_the_letters_route_answers():
    responses = document()["paths"]["/api/v1/letters"]["post"]["responses"]
    assert {"200", "400", "404", "413", "422", "429", "503"} <= set(responses)
    parameters = document()["paths"]["/api/v1/letters"]["post"]["parameters"]
    letter = next(p for p in parameters if p["name"] == "letter")["schema"]["enum"]
    for name in ("caf-prime-activite-indu", "cpam-c2s-suspension", "bank-credit-refusal"):
        packet = compose_packet(parse_case(load_case_data(name))[0])
        assert {x.id for x in packet.letters} <= set(letter), name
