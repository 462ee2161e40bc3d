"""Shared fixtures: the app made by the factory, its client, the example cases, a form helper."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import pytest

from letters import compose_packet, parse_case
from web import create_app

CASES = Path(__file__).parent / "cases"
GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-29"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output (then review the diff)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def load_case_data(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def case_from(data: dict, today: str | None = None):
    """Parse, failing the test loudly with the field errors if the data is invalid.

    The day is ``today`` if given, else the case's own (a follow-up case is dated), else TODAY.
    """
    case, errors = parse_case({**data, "today": today or data.get("today") or TODAY})
    assert case is not None, [e.as_dict() for e in errors]
    return case


def packet_for(name: str, **changes):
    """The packet of an example case, with ``decision``/``organisation`` fields changed."""
    data = copy.deepcopy(load_case_data(name))
    for dotted, value in changes.items():
        part, key = dotted.split("__")
        data[part][key] = value
    return compose_packet(case_from(data))


@pytest.fixture
def app():
    return create_app({"TESTING": True, "TODAY": TODAY})


@pytest.fixture
def client(app):
    return app.test_client()


class Browser:
    """Fills the form the way a person does: get the page, keep its token, post fields."""

    def __init__(self, client):
        self.client = client

    def token(self) -> str:
        return token_of(self.client.get("/"))

    def submit(self, fields: dict):
        return self.client.post("/", data={"csrf_token": self.token(), **fields})

    def packet(self, fields: dict) -> tuple[str, str]:
        """Submit the form and keep what the packet page carries: its token and the case JSON."""
        page = self.submit(fields)
        assert page.status_code == 200, page.status_code
        return carried(page)


def token_of(page) -> str:
    """The anti-forgery token a page (a response, or its text) carries, as a browser sends it."""
    text = page if isinstance(page, str) else page.text
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def carried(page) -> tuple[str, str]:
    """The anti-forgery token and the case (JSON text) that a page carries in hidden fields."""
    case = html.unescape(re.search(r'name="case" value="([^"]+)"', page.text).group(1))
    return token_of(page), case


@pytest.fixture
def browser(client):
    return Browser(client)


CAF_FORM = {
    "person.name": "Samia Benali",
    "person.address": "12 rue des Lilas\n33000 Bordeaux",
    "person.reference": "numéro allocataire 1234567",
    "organisation.kind": "caf",
    "organisation.name": "CAF de la Gironde",
    "organisation.address": "Rue du Docteur Gabriel Péry\n33078 Bordeaux Cedex",
    "decision.kind": "overpayment",
    "decision.benefit": "prime_activite",
    "decision.date": "2026-11-10",
    "decision.amount": "2340",
    "decision.automation": "unknown",
    "decision.description": "La CAF me réclame 2 340 euros.",
    "wants": ["explanation", "human_review", "contest"],
}
