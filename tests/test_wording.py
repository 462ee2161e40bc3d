"""How a letter names what a decision bears on: one phrase, resolved from the case."""

from __future__ import annotations

import copy

import pytest

from letters import compose_packet
from letters.render import render_text
from letters.wording import benefit_form

from .conftest import case_from, load_case_data


def case_with(name: str, person: dict | None = None, **decision):
    data = copy.deepcopy(load_case_data(name))
    data["decision"].update(decision)
    data["person"].update(person or {})
    return case_from(data)


@pytest.mark.parametrize(("kind", "reference", "expected"), [
    ("refusal", "", ("request", "")),  # a refusal answers a request for a contract
    ("suspension", "", ("contract", "")),  # a termination bears on the contract
    ("refusal", "contrat HAB-221", ("contract", "contrat HAB-221")),  # the reference says which
    ("suspension", "demande 2026-55-118", ("request", "demande 2026-55-118")),
    ("other", "client 123", ("", "")),  # nothing tells: the letter keeps both
])
def test_an_insurance_decision_concerns_the_contract_or_the_request_the_case_says(kind, reference, expected):
    assert benefit_form(case_with("insurer-home-refusal", {"reference": reference}, kind=kind)) == expected


def test_a_benefit_without_the_two_forms_is_left_alone():
    assert benefit_form(case_with("caf-prime-activite-indu")) == ("", "")


def test_an_unresolved_insurance_decision_keeps_both_words_rather_than_guess():
    case = case_with("insurer-home-refusal", {"reference": "client 123"}, kind="other")
    text = render_text(compose_packet(case).letter("explanation"))
    assert "relative à mon contrat ou ma demande d'assurance" in " ".join(text.split())


def test_a_platform_deactivates_an_account_it_suspends_no_rights():
    packet = compose_packet(case_with("platform-deactivation"))
    for letter in packet.letters:
        text = " ".join(render_text(letter).split())
        assert "la désactivation de mon compte" in text
        assert "suspension de mes droits" not in text
    assert "Désactivation de mon compte du 24 novembre 2026" in packet.letter("recourse").subject


def test_a_public_decision_of_another_kind_contracts_the_article():
    case = case_with("caf-aah-suspension", kind="other", benefit="rsa")
    text = " ".join(render_text(compose_packet(case).letter("explanation")).split())
    assert "la décision du 5 novembre 2026 relative au revenu de solidarité active (RSA)" in text
