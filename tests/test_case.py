"""Input validation: every bad input gets a field path and a plain French message, never a crash."""

from __future__ import annotations

import copy

import pytest

from letters import parse_case
from letters.fields import MAX_DESCRIPTION

from .conftest import load_case_data

VALID = load_case_data("caf-prime-activite-indu")


def errors_for(**changes) -> dict[str, str]:
    data = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        node = data
        *parents, leaf = dotted.split("__")
        for key in parents:
            node = node[key]
        if value is DELETE:
            node.pop(leaf, None)
        else:
            node[leaf] = value
    case, errors = parse_case(data)
    assert case is None
    return {e.field: e.message for e in errors}


DELETE = object()


def test_the_example_is_valid():
    case, errors = parse_case(VALID)
    assert errors == []
    assert case.person.name == "Samia Benali"
    assert case.decision.amount == 2340.0
    assert case.wants == ("explanation", "human_review", "contest", "suspend_recovery",
                          "remission", "documents")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"person__name": DELETE}, "person.name", "Votre nom est obligatoire."),
    ({"person__name": "   "}, "person.name", "Votre nom est obligatoire."),
    ({"person__address": []}, "person.address", "Votre adresse est obligatoire."),
    ({"organisation__kind": "mairie"}, "organisation.kind", "« mairie » n'est pas une valeur possible."),
    ({"decision__kind": "indu"}, "decision.kind", "« indu » n'est pas une valeur possible."),
    ({"decision__benefit": "apl"}, "decision.benefit", "« apl » n'est pas une valeur possible."),
    ({"decision__date": "2027-01-01"}, "decision.date",
     "La date de la décision est dans le futur : vérifiez-la."),
    ({"decision__date": "1999-12-31"}, "decision.date",
     "La date de la décision est antérieure à l'an 2000 : vérifiez-la."),
    ({"decision__date": "10/11/26"}, "decision.date",
     "La date de la décision doit être écrite jj/mm/aaaa, par exemple 15/10/2026."),
    ({"decision__date": "2026-02-30"}, "decision.date",
     "La date de la décision n'existe pas dans le calendrier."),
    ({"decision__amount": -5}, "decision.amount", "Le montant ne peut pas être négatif."),
    ({"decision__amount": "beaucoup"}, "decision.amount",
     "Le montant doit être un nombre, par exemple 2340,50."),
    ({"decision__amount": True}, "decision.amount", "Le montant doit être un nombre, par exemple 2340,50."),
    ({"decision__description": "x" * (MAX_DESCRIPTION + 1)}, "decision.description",
     f"Le récit est trop long : {MAX_DESCRIPTION} caractères au plus ({MAX_DESCRIPTION + 1} saisis)."),
    ({"person__email": "samia@"}, "person.email",
     "Cette adresse e-mail ne semble pas complète (exemple : nom@exemple.fr)."),
    ({"wants": ["explanation", "pardon"]}, "wants.1", "« pardon » n'est pas une demande possible."),
    ({"wants": []}, "wants", "Choisissez au moins une demande."),
    ({"decision__notified_deadline": {"days": 0}}, "decision.notified_deadline.days",
     "Le délai indiqué sur le courrier doit être un nombre de jours entre 1 et 365."),
    ({"decision__received": "2026-11-01"}, "decision.received",
     "Le courrier ne peut pas avoir été reçu avant la date de la décision."),
])
def test_bad_input_names_the_field_in_plain_french(changes, field, message):
    errors = errors_for(**changes)
    assert field in errors, errors
    assert errors[field].startswith(message)


def test_every_error_is_reported_at_once():
    errors = errors_for(person__name=DELETE, decision__date="2030-01-01", decision__amount=-1)
    assert set(errors) == {"person.name", "decision.date", "decision.amount"}


@pytest.mark.parametrize("document", [None, [], "text", 42])
def test_a_document_that_is_not_an_object_is_one_clear_error(document):
    case, errors = parse_case(document)
    assert case is None
    assert [e.field for e in errors] == ["(document)"]


def test_a_part_of_the_wrong_type_is_an_error_not_a_crash():
    errors = errors_for(person=["Samia"], decision__notified_deadline="60 jours")
    assert errors["person"] == "Cette partie doit être un objet JSON (entre accolades)."
    assert "decision.notified_deadline" in errors


def test_characters_xml_cannot_hold_are_removed():
    data = copy.deepcopy(VALID)
    data["person"]["name"] = "Sam\x00ia\x0b Be\x1fnali\ud800"
    data["decision"]["description"] = "ligne 1\r\nligne 2\x07"
    case, errors = parse_case(data)
    assert errors == []
    assert case.person.name == "Samia Benali"
    assert case.decision.description == "ligne 1\nligne 2"


def test_html_is_kept_as_typed_text():
    data = copy.deepcopy(VALID)
    data["person"]["name"] = "<script>alert(1)</script> & Cie"
    case, _ = parse_case(data)
    assert case.person.name == "<script>alert(1)</script> & Cie"


def test_today_defaults_to_the_callers_date():
    from datetime import date

    data = copy.deepcopy(VALID)
    del data["today"]
    case, _ = parse_case(data, today=date(2026, 12, 1))
    assert case.today == date(2026, 12, 1)


def test_form_strings_are_accepted_for_numbers():
    data = copy.deepcopy(VALID)
    data["decision"]["amount"] = "2 340,50"
    data["decision"]["notified_deadline"] = {"days": "60", "body": "CRA"}
    case, errors = parse_case(data)
    assert errors == []
    assert case.decision.amount == 2340.5
    assert case.decision.notified_deadline.days == 60


@pytest.mark.parametrize("today", ["1974-01-01", "2101-01-01"])
def test_an_implausible_today_is_a_field_error(today):
    """A ZIP cannot date a file before 1980; no real case is written outside 2000-2100."""
    errors = errors_for(today=today)
    assert errors["today"] == "La date du jour doit être comprise entre 2000 et 2100 : vérifiez-la."
