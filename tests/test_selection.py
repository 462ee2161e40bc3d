"""Which law and which recourse route each body, benefit and decision gets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from letters import catalogue
from letters.selection import select_bases, select_route

from .conftest import case_from, load_case_data

PUBLIC_ONLY = {"crpa-l311-3-1", "crpa-r311-3-1-2", "crpa-l311-6", "crpa-l312-1-3", "crpa-l211-2",
               "crpa-l123-1", "crpa-l411-2", "lil-47", "casf-l262-47", "casf-l262-46", "ctrav-r5312-47"}
SOCIAL_SECURITY_ONLY = {"css-r142-1", "css-l114-21", "css-l114-10", "css-l553-2", "css-l256-4",
                        "css-l845-2"}


def case(org="caf", benefit="prestations_familiales", kind="overpayment", automation="unknown",
         wants=("explanation", "human_review", "contest"), today="2026-11-29"):
    data = load_case_data("caf-prime-activite-indu")
    data["organisation"] = {"kind": org, "name": "Organisme", "address": ["1 rue X", "75001 Paris"]}
    data["decision"].update(kind=kind, benefit=benefit, automation=automation)
    data["wants"] = list(wants)
    return case_from(data, today=today)


def ids(c, day=date(2026, 11, 29)) -> set[str]:
    return {b.id for b in select_bases(c, day)}


@pytest.mark.parametrize("org", ["bank", "insurer", "employer", "platform", "private_other"])
def test_a_private_body_never_gets_crpa_or_social_security_bases(org):
    chosen = ids(case(org=org, benefit="credit", kind="refusal"))
    assert not chosen & (PUBLIC_ONLY | SOCIAL_SECURITY_ONLY)
    assert {"rgpd-15", "rgpd-22", "rgpd-12"} <= chosen


@pytest.mark.parametrize("org", ["caf", "cpam", "msa", "carsat", "france_travail", "departement",
                                 "dgfip", "public_other"])
def test_a_public_body_gets_the_crpa_and_the_gdpr(org):
    chosen = ids(case(org=org, benefit="other"))
    assert {"crpa-l311-3-1", "crpa-r311-3-1-2", "rgpd-15", "rgpd-12", "lil-47"} <= chosen


@pytest.mark.parametrize("org", ["france_travail", "departement", "dgfip", "public_other"])
def test_a_public_body_that_is_not_a_caisse_gets_no_social_security_basis(org):
    assert not ids(case(org=org, benefit="other")) & SOCIAL_SECURITY_ONLY


def test_schufa_is_argued_only_against_a_private_scorer_where_a_score_decides():
    """A score that in practice decides is itself a decision (C-634/21): argued, by analogy,
    against a private body when a score was given or said to be used; an automated refusal with
    no score in sight is not enough."""
    scored = case(org="bank", benefit="credit", kind="refusal", automation="full")
    assert "cjue-c-634-21" not in ids(scored)
    with_score = replace(scored, decision=replace(scored.decision, score_used=True))
    assert "cjue-c-634-21" in ids(with_score)
    assert "cjue-c-634-21" in ids(case(org="bank", benefit="credit", kind="score"))
    assert "cjue-c-634-21" not in ids(case(org="bank", benefit="credit", kind="refusal"))
    assert "cjue-c-634-21" not in ids(case(org="caf", kind="refusal", automation="full"))


def test_the_ai_act_is_cited_only_from_its_application_date():
    c = case(org="bank", benefit="credit", kind="refusal")
    assert "aiact-86" in ids(c, date(2026, 8, 2))
    assert "aiact-86" not in ids(c, date(2026, 8, 1))


def test_the_ai_act_is_not_cited_for_a_benefit_outside_annex_iii():
    assert "aiact-86" not in ids(case(benefit="other"))


def test_remission_bases_follow_the_benefit():
    assert "css-l553-2" in ids(case(benefit="prestations_familiales"))
    assert "casf-l262-46" in ids(case(org="departement", benefit="rsa"))
    assert "css-l256-4" in ids(case(org="cpam", benefit="indemnites_journalieres",
                                    wants=("contest", "remission")))
    assert not {"css-l553-2", "casf-l262-46"} & ids(case(org="cpam", benefit="indemnites_journalieres"))


def test_control_and_third_party_bases_only_for_social_security():
    assert "css-l114-21" in ids(case(org="caf", kind="control"))
    assert not {"css-l114-21", "css-l114-10"} & ids(case(org="departement", benefit="other", kind="control"))
    # The RSA: the caisse checks it with the droit de communication, and the département decides.
    assert "css-l114-21" in ids(case(org="departement", benefit="rsa", kind="overpayment"))


def test_the_controller_s_agrement_only_where_an_agent_controlled_the_file():
    """CSS L114-10 speaks of controls by sworn and approved agents, not of automated checks."""
    assert "css-l114-10" not in ids(case(org="caf", kind="control"))
    with_agent = case(org="caf", kind="control")
    with_agent = with_agent.__class__(**{**with_agent.__dict__, "decision": with_agent.decision.__class__(
        **{**with_agent.decision.__dict__, "agent_control": True})})
    assert "css-l114-10" in ids(with_agent)


def test_the_third_party_ground_never_for_a_first_refusal():
    """L114-21 concerns a benefit suppressed or sums recovered, not a first refusal."""
    assert "css-l114-21" not in ids(case(org="caf", kind="refusal"))


@pytest.mark.parametrize(("org", "benefit", "kind", "route", "basis"), [
    ("caf", "prestations_familiales", "overpayment", "cra-caisse", "css-r142-1"),
    ("caf", "aah", "suspension", "cra-caisse", "css-r142-1"),
    ("msa", "retraite", "overpayment", "cra-caisse", "css-r142-1"),
    ("cpam", "indemnites_journalieres", "overpayment", "cra-cpam", "css-r142-1"),
    ("cpam", "c2s", "suspension", "cra-c2s", "css-r142-1"),
    ("caf", "rsa", "suspension", "rapo-rsa", "casf-l262-47"),
    ("departement", "rsa", "overpayment", "rapo-rsa", "casf-l262-47"),
    ("caf", "prime_activite", "overpayment", "cra-prime-activite", "css-l845-2"),
    ("caf", "aides_logement", "overpayment", "recours-aides-logement", "cch-l825-2"),
    ("france_travail", "are", "sanction", "mediation-france-travail", "ctrav-r5312-47"),
    ("france_travail", "are", "suspension", "mediation-france-travail", "ctrav-r5312-47"),
    ("france_travail", "are", "overpayment", "france-travail-are-indu", "ctrav-r5426-19"),
    ("france_travail", "are", "refusal", "france-travail-are", "crpa-l411-2"),
    ("dgfip", "other", "control", "public-gracieux", "crpa-l411-2"),
    ("bank", "credit", "refusal", "private-reclamation", "rgpd-12"),
])
def test_the_recourse_goes_where_the_benefit_sends_it(org, benefit, kind, route, basis):
    c = case(org=org, benefit=benefit, kind=kind)
    chosen = select_route(c)
    assert chosen.id == route
    assert basis in chosen.bases


def test_only_the_routes_own_basis_is_cited_for_the_recourse():
    chosen = ids(case(org="caf", benefit="prestations_familiales"))
    assert "css-r142-1" in chosen
    assert not {"casf-l262-47", "css-l845-2", "cch-l825-2", "crpa-l411-2", "ctrav-r5312-47"} & chosen


def test_uncertain_routes_are_marked_so():
    assert select_route(case(org="cpam", benefit="c2s", kind="suspension")).uncertain
    assert not select_route(case(org="caf", benefit="prestations_familiales")).uncertain


def test_every_body_kind_has_data_and_a_route():
    from letters.fields import BY_PATH

    assert set(catalogue.bodies()) == set(BY_PATH["organisation.kind"].allowed())
    for org in catalogue.bodies():
        for benefit in catalogue.benefits():
            for kind in catalogue.DECISIONS:
                assert select_route(case(org=org, benefit=benefit, kind=kind))


def test_the_body_named_on_the_notification_receives_the_recourse():
    from letters import compose_packet

    data = load_case_data("cpam-c2s-suspension")
    data["decision"]["notified_deadline"] = {"days": 60, "body": "directeur de la caisse"}
    packet = compose_packet(case_from(data))
    assert packet.letter("recourse").recipient.name == "Directeur de la caisse"
