"""Lint of the legal content under letters/data: one rule per test, each with its reason."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from jinja2 import meta

from letters import catalogue, prose

DATA = Path(catalogue.__file__).parent / "data"
BASES = sorted((DATA / "bases").glob("*.toml"))
ISSUE_IDS = {
    "crpa-l311-3-1", "crpa-r311-3-1-2", "crpa-l311-6", "crpa-l312-1-3", "crpa-l211-2", "crpa-l123-1",
    "lil-47", "rgpd-12", "rgpd-15", "rgpd-21", "rgpd-22", "cjue-c-634-21", "cjue-c-203-22", "aiact-86",
    "css-r142-1", "css-l114-21", "css-l114-10", "css-l553-2", "css-l256-4", "casf-l262-47",
    "casf-l262-46", "ctrav-r5312-47",
}
TEMPLATE_VARIABLES = {
    "case", "person", "decision", "org", "body", "route", "public", "social_security", "private",
    "today", "place", "notified", "recourse_deadline", "deadline_notified", "rectification_deadline",
    "decided", "decision_label", "decision_label_a", "decision_label_de", "benefit_label", "has",
    "wants", "date", "money", "cite", "concerning", "send_by", "answer_due", "letter",
    "basis", "letters", "ids", "authority", "states", "sent", "answer", "issues", "title_of",
    "event_text", "cada_deadline", "court_deadline", "event", "state", "title", "day",
}


def test_the_catalogue_has_every_basis_the_issue_names():
    """Clinics and tests refer to these ids; renaming one breaks them."""
    assert ISSUE_IDS <= set(catalogue.bases())


@pytest.mark.parametrize("path", BASES, ids=lambda p: p.stem)
def test_each_basis_states_its_source_scope_dates_and_confidence(path):
    """A lawyer must be able to check every basis without reading Python."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["id"] == path.stem
    assert data["source"].startswith("https://")
    assert data["confidence"] in ("V", "P", "U")
    assert data["scope"] and set(data["scope"]) <= {"public", "social_security", "private", "any"}
    assert data["applies_from"] is not None
    assert path.read_text(encoding="utf-8").startswith("#"), "start with a comment: where it comes from"


def test_an_unverified_basis_is_never_asserted_as_certain():
    """Brief §0: a [U] fact may appear only with a hedge."""
    for basis in catalogue.bases().values():
        if basis.confidence == "U":
            for text in basis.text.get("fr", {}).values():
                assert "dans la mesure où" in text, basis.id


def test_private_bodies_are_never_in_scope_of_public_law():
    """The CRPA and the social-security code do not bind a bank or an insurer."""
    for basis in catalogue.bases().values():
        if basis.id.startswith(("crpa-", "css-", "casf-", "lil-", "cch-", "ctrav-")):
            assert "private" not in basis.scope and "any" not in basis.scope, basis.id


def test_every_section_of_every_kind_exists():
    """A typo in a kind file would silently drop a paragraph from every letter."""
    for kind in catalogue.kinds().values():
        template = prose.kind_template("fr", kind.id)
        common = prose.kind_template("fr", "common")
        for section in kind.sections:
            if section.startswith("basis:"):
                basis = catalogue.bases()[section.removeprefix("basis:")]
                assert kind.id in basis.text.get("fr", {}), f"{basis.id} has no {kind.id} text"
            else:
                assert prose.has_block(template, section) or prose.has_block(common, section), section


def test_every_route_cites_bases_that_exist():
    for route in catalogue.routes():
        assert set(route.bases) <= set(catalogue.bases()), route.id


def test_a_catch_all_route_exists_for_public_and_private_bodies():
    """Whatever the case, the recourse letter must have somewhere to go."""
    ids = {r.id for r in catalogue.routes()}
    assert {"public-gracieux", "private-reclamation"} <= ids


def all_sources() -> list[tuple[str, str]]:
    sources = [(f"{b.id}.{k}", t) for b in catalogue.bases().values()
               for k, t in b.text.get("fr", {}).items()]
    for path in sorted((DATA / "text" / "fr").glob("*.txt")):
        sources.append((path.name, path.read_text(encoding="utf-8")))
    return sources


@pytest.mark.parametrize(("name", "source"), all_sources(), ids=[n for n, _ in all_sources()])
def test_letter_text_uses_only_documented_variables(name, source):
    """StrictUndefined fails at render time; this catches a typo before any case reaches it."""
    used = meta.find_undeclared_variables(prose.environment("fr").parse(source))
    assert used <= TEMPLATE_VARIABLES, used - TEMPLATE_VARIABLES
