"""Lint of the legal content under letters/data: one rule per test, each with its reason."""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import meta

from letters import catalogue, prose
from letters.catalogue import CatalogueError, LegalBasis, Route, jsonschema, texts
from letters.catalogue.loader import load_folder, load_record

DATA = catalogue.DATA
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
    "addressed_to_org", "cites", "joined", "months", "departement", "observation", "passed",
    "rectification", "late", "within_reasonable_time", "barred_before", "subject_about",
    "decision_subject", "benefit_short", "escalation_wait", "send_from", "years", "shared",
    "cite_same", "reason_label", "post", "exception",
    "the_org", "of_org", "to_org", "of_months", "answer_term", "deferred", "done",
    "outcome", "decision_names_object", "benefit_reference", "after", "paying_caisse", "payer",
    "decided_by", "decider", "cnil_about", "sending", "text",
}


def test_the_catalogue_has_every_basis_the_issue_names():
    """Clinics and tests refer to these ids; renaming one breaks them."""
    assert ISSUE_IDS <= set(catalogue.bases())


@pytest.mark.parametrize("path", BASES, ids=lambda p: p.stem)
def test_each_basis_states_its_source_scope_dates_and_confidence(path):
    """A lawyer must be able to check every basis without reading Python."""
    basis = catalogue.bases()[path.stem]
    assert basis.source.startswith("https://")
    assert basis.scope
    assert path.read_text(encoding="utf-8").startswith("#"), "start with a comment: where it comes from"


# -- The strict loader: a typo fails at load, naming the file and the key.

def _copy_folder(tmp_path: Path, folder: str) -> Path:
    target = tmp_path / folder
    shutil.copytree(DATA / folder, target)
    return target


def test_a_misspelt_key_stops_the_load_with_the_file_and_the_key(tmp_path):
    """``applies_untill`` once made a basis apply forever with no test failing."""
    folder = _copy_folder(tmp_path, "bases")
    path = folder / "rgpd-22.toml"
    path.write_text(path.read_text(encoding="utf-8") + "applies_untill = 2020-01-01\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_folder(folder, LegalBasis)
    assert caught.value.path == str(path) and caught.value.key == "applies_untill"


def test_a_missing_key_stops_the_load_with_the_file_and_the_key(tmp_path):
    folder = _copy_folder(tmp_path, "routes")
    path = folder / "rapo-rsa.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('confidence = "V"\n', ""), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_folder(folder, Route)
    assert (caught.value.path, caught.value.key) == (str(path), "confidence")
    assert "missing" in str(caught.value)


@pytest.mark.parametrize(("key", "value", "problem"), [
    ("confidence", "'Z'", "not one of"),
    ("scope", "'public'", "must be a list"),
    ("route_basis", "1", "must be bool"),
    ("applies_from", "'2020-01-01'", "must be date"),
])
def test_a_value_of_the_wrong_kind_is_refused(key, value, problem):
    data = tomllib.loads((DATA / "bases" / "rgpd-22.toml").read_text(encoding="utf-8"))
    data[key] = tomllib.loads(f"x = {value}")["x"]
    with pytest.raises(CatalogueError, match=problem):
        load_record(LegalBasis, data, "bases/rgpd-22.toml")


def test_a_nested_table_is_as_strict_as_a_file():
    data = tomllib.loads((DATA / "routes" / "rapo-rsa.toml").read_text(encoding="utf-8"))
    data["court"]["month"] = 2
    with pytest.raises(CatalogueError) as caught:
        load_record(Route, data, "routes/rapo-rsa.toml")
    assert caught.value.key == "court.month"


def test_an_id_that_names_no_file_is_refused():
    """A route citing a basis that does not exist would drop its paragraph without a word."""
    from letters.catalogue.references import check, vocabularies

    c = catalogue.catalogue()
    vocab = vocabularies(c.bases, c.bodies, c.benefits, c.reasons, c.authorities)
    vocab["bases"] = vocab["bases"] - {"casf-l262-47"}
    with pytest.raises(CatalogueError) as caught:
        check("routes", c.routes, vocab)
    assert caught.value.path == "routes/rapo-rsa.toml" and caught.value.key in ("bases", "answer.basis")


def test_every_letter_to_send_says_how_and_the_court_sheet_is_not_sent():
    """The packet page lists these ways on each card; a sheet for the person has none."""
    from letters.catalogue.references import check_sending

    kinds = catalogue.kinds()
    assert kinds["court_info"].sending == ()
    assert kinds["recourse"].sending[0] == "registered", "a recourse's date must be provable"
    assert kinds["explanation"].sending[0] == "online_account", "free first where it is safe"
    assert kinds["defenseur"].sending == ("free_post", "online_form")
    for kind in ("cada", "cnil", "defenseur"):
        assert kinds[kind].authority == kind and "online_form" in kinds[kind].sending
    broken = {"reminder": replace(kinds["reminder"], sending=())}
    with pytest.raises(CatalogueError) as caught:
        check_sending(broken)
    assert caught.value.path == "kinds/reminder.toml" and caught.value.key == "sending"
    with pytest.raises(CatalogueError) as caught:
        check_sending({"cnil": replace(kinds["cnil"], authority="")})
    assert caught.value.key == "authority"


def test_the_json_schemas_are_generated_from_the_definitions_and_up_to_date():
    """Editors check the files against these; after changing schema.py run `make schemas`."""
    for name, text in jsonschema.schemas().items():
        assert (jsonschema.SCHEMAS / name).read_text(encoding="utf-8") == text, f"{name} is stale"


def test_every_data_file_is_valid_under_its_json_schema():
    """The schema an editor sees accepts every real file, so it says the same as the loader."""
    import jsonschema_rs

    for folder in jsonschema.schemas():
        schema = jsonschema_rs.validator_for(
            __import__("json").loads((jsonschema.SCHEMAS / folder).read_text(encoding="utf-8")))
        for path in sorted((DATA / folder.removesuffix(".schema.json")).glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            data = __import__("json").loads(__import__("json").dumps(data, default=str))
            assert schema.is_valid(data), (path.name, list(schema.iter_errors(data))[:2])


# -- The law itself

def test_an_unverified_basis_is_never_asserted_as_certain():
    """Brief §0: a [U] fact may appear only with a hedge."""
    for basis in catalogue.bases().values():
        if basis.confidence == "U":
            for text in texts.basis_texts("fr").get(basis.id, {}).values():
                assert "dans la mesure où" in text, basis.id


def test_private_bodies_are_never_in_scope_of_public_law():
    """The CRPA, the social-security and social-action codes and the CCH do not bind a bank or an
    insurer (the code du travail binds employers and France Travail alike: it is not listed)."""
    for basis in catalogue.bases().values():
        if basis.code in ("crpa", "css", "casf", "lil", "cch", "crural", "cja"):
            assert "private" not in basis.scope and "any" not in basis.scope, basis.id


def test_every_section_of_every_kind_exists():
    """A typo in a kind file would silently drop a paragraph from every letter."""
    common = prose.kind_template("fr", "common")
    for kind in catalogue.kinds().values():
        template = prose.kind_template("fr", kind.id)
        for section in kind.sections:
            if section.startswith("basis:"):
                basis_id, _, part = section.removeprefix("basis:").partition(".")
                assert texts.basis_paragraph(basis_id, kind.id, "fr", part), f"{section}: no {kind.id} text"
            else:
                assert prose.has_block(template, section) or prose.has_block(common, section), section


def test_every_basis_paragraph_belongs_to_a_kind_that_prints_it():
    """A paragraph for a kind whose sections never name its basis would never be printed."""
    for language in texts.languages():
        for basis_id, paragraphs in texts.basis_texts(language).items():
            for kind in set(paragraphs) - {"citation"}:
                for part in texts.basis_parts(basis_id, kind, language):
                    section = f"basis:{basis_id}.{part}".rstrip(".")
                    assert section in catalogue.kinds()[kind].sections, (language, section, kind)


def test_a_route_basis_is_named_by_some_route():
    """A basis cited only where a route names it, named by no route, is dead law."""
    named = set().union(*(r.cited for r in catalogue.routes()))
    for basis in catalogue.bases().values():
        if basis.route_basis:
            assert basis.id in named, basis.id


def test_a_catch_all_route_exists_for_public_and_private_bodies():
    """Whatever the case, the recourse letter must have somewhere to go."""
    ids = {r.id for r in catalogue.routes()}
    assert {"public-gracieux", "private-reclamation"} <= ids


def test_pole_social_routes_never_rest_their_court_delay_on_the_administrative_code():
    """The pôle social rests on CSS R142-1-A, not on the code de justice administrative."""
    for route in catalogue.routes():
        if "pôle social" in route.court.name:
            assert route.court.basis and not any(b.startswith("cja-") for b in route.court.basis), route.id


def all_sources() -> list[tuple[str, str]]:
    sources = [(f"{basis_id}.{kind}.{part}".rstrip("."), text)
               for basis_id in texts.basis_texts("fr") for kind in catalogue.kinds()
               for part, text in texts.basis_parts(basis_id, kind, "fr").items()]
    for path in sorted((DATA / "text" / "fr").glob("*.txt")):
        sources.append((path.name, path.read_text(encoding="utf-8")))
    return sources


@pytest.mark.parametrize(("name", "source"), all_sources(), ids=[n for n, _ in all_sources()])
def test_letter_text_uses_only_documented_variables(name, source):
    """StrictUndefined fails at render time; this catches a typo before any case reaches it."""
    used = meta.find_undeclared_variables(prose.environment("fr").parse(source))
    assert used <= TEMPLATE_VARIABLES, used - TEMPLATE_VARIABLES
