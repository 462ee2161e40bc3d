"""Admissibility of a referral file, check by check: each one met, and each one missing.

The CAF case is decided on 1 August 2026; events and ``today`` move it through time.
"""

from __future__ import annotations

import tomllib

import pytest

from letters import catalogue
from letters.bundle import check_referral
from letters.bundle.rules import REFERRALS, rules

from .bundle_helpers import BANK, answer, attach, case_on, extension, received, sent


def checks(authority, case, *attachments, **options):
    return {c.id: c for c in check_referral(authority, case, attachments, **options)}


def verdict(authority, case, check_id, *attachments, **options):
    found = checks(authority, case, *attachments, **options)[check_id]
    return found.ok, found.message


# -- Défenseur des droits ------------------------------------------------------------------

class TestDefenseur:
    def test_a_public_service_is_within_its_remit(self):
        ok, message = verdict("defenseur", case_on("2026-11-29"), "defenseur.competence")
        assert ok and "chargé d'une mission de service public" in message

    def test_a_bank_is_not_unless_the_complaint_is_a_discrimination(self):
        bank = case_on("2026-11-29", name=BANK)
        ok, message = verdict("defenseur", bank, "defenseur.competence")
        assert not ok
        assert message.startswith("L'organisme Banque Exemple n'est pas un service public.")
        assert verdict("defenseur", bank, "defenseur.competence", discrimination=True)[0]

    def test_a_public_service_complaint_needs_a_prior_step_with_the_body(self):
        ok, message = verdict("defenseur", case_on("2026-11-29"), "defenseur.prior_steps")
        assert not ok
        assert "Aucune démarche préalable auprès de l'organisme CAF de la Gironde" in message

    def test_a_letter_sent_to_the_body_is_a_prior_step(self):
        case = case_on("2026-11-29", sent("2026-09-15", "recourse", "LRAR 1A 111"))
        ok, message = verdict("defenseur", case, "defenseur.prior_steps")
        assert ok
        assert "Recours devant la commission de recours amiable du 15 septembre 2026" in message

    def test_a_complaint_to_the_cnil_is_not_a_step_with_the_body(self):
        case = case_on("2026-11-29", sent("2026-10-02", "cnil", "LRAR 1A 222"))
        assert not verdict("defenseur", case, "defenseur.prior_steps")[0]

    def test_a_discrimination_needs_no_prior_step(self):
        ok, message = verdict("defenseur", case_on("2026-11-29"), "defenseur.prior_steps",
                              discrimination=True)
        assert ok and message.startswith("Pour une discrimination, aucune démarche préalable")

    def test_a_step_without_proof_of_sending_is_named(self):
        case = case_on("2026-11-29", sent("2026-09-15", "explanation", "LRAR 1A 333"),
                       sent("2026-09-20", "recourse"))
        ok, message = verdict("defenseur", case, "defenseur.proof_of_steps")
        assert not ok
        assert message.startswith("Il manque la preuve d'envoi de : Recours devant la commission de "
                                  "recours amiable du 20 septembre 2026.")
        assert "Demande d'explication" not in message  # its number was noted

    def test_a_receipt_attached_proves_a_step(self):
        case = case_on("2026-11-29", sent("2026-09-20", "recourse"))
        assert verdict("defenseur", case, "defenseur.proof_of_steps", attach("receipt"))[0]

    def test_an_answer_noted_but_not_attached_is_missing(self):
        case = case_on("2026-11-29", sent("2026-09-15", "recourse", "LRAR 1A 444"),
                       answer("2026-10-30", "recourse", "rejected"))
        ok, message = verdict("defenseur", case, "defenseur.answers")
        assert not ok
        assert "la réponse du 30 octobre 2026 à « Recours devant la commission" in message
        assert verdict("defenseur", case, "defenseur.answers", attach("answer"))[0]

    def test_no_answer_noted_means_nothing_to_attach(self):
        case = case_on("2026-11-29", sent("2026-09-15", "recourse", "LRAR 1A 444"))
        ok, message = verdict("defenseur", case, "defenseur.answers")
        assert ok and message.startswith("Aucune réponse de l'organisme n'est notée")

    def test_the_contested_decision_is_asked_for(self):
        case = case_on("2026-11-29")
        ok, message = verdict("defenseur", case, "defenseur.decision")
        assert not ok and "décision contestée du 1er août 2026" in message
        assert verdict("defenseur", case, "defenseur.decision", attach("notification"))[0]


# -- CNIL ----------------------------------------------------------------------------------

class TestCnil:
    def test_without_a_prior_request_the_cnil_cannot_be_seized(self):
        found = checks("cnil", case_on("2026-11-29"))
        assert not found["cnil.prior_request"].ok
        assert not found["cnil.proof_of_request"].ok
        assert not found["cnil.delay"].ok

    def test_the_request_is_the_explanation_letter(self):
        case = case_on("2026-11-29", sent("2026-10-01", "explanation"))
        ok, message = verdict("cnil", case, "cnil.prior_request")
        assert ok
        assert message == ("Demande préalable à l'organisme : Demande d'explication et de "
                           "communication de mes données du 1er octobre 2026.")

    def test_a_request_with_no_proof_of_sending_is_not_enough(self):
        case = case_on("2026-11-29", sent("2026-10-01", "explanation"))
        ok, message = verdict("cnil", case, "cnil.proof_of_request")
        assert not ok and "la CNIL rejette une plainte sans justificatif" in message

    @pytest.mark.parametrize("proof", ["number", "attached"])
    def test_a_registered_number_or_a_receipt_attached_proves_it(self, proof):
        number = "LRAR 1A 555" if proof == "number" else ""
        case = case_on("2026-11-29", sent("2026-10-01", "explanation", number))
        files = [] if proof == "number" else [attach("sending")]
        assert verdict("cnil", case, "cnil.proof_of_request", *files)[0]

    def test_the_body_still_has_a_month_from_receipt(self):
        # Sent 20 October, no acknowledgement: received a week later at the latest, due 27 November.
        case = case_on("2026-11-20", sent("2026-10-20", "explanation", "LRAR 1A 666"))
        ok, message = verdict("cnil", case, "cnil.delay")
        assert not ok
        assert "L'organisme a encore jusqu'au 27 novembre 2026 pour répondre" in message

    def test_a_month_after_receipt_silence_opens_the_cnil(self):
        case = case_on("2026-11-30", sent("2026-10-20", "explanation", "LRAR 1A 666"))
        ok, message = verdict("cnil", case, "cnil.delay")
        assert ok and "dépassé depuis le 27 novembre 2026" in message

    def test_the_acknowledgement_of_receipt_dates_the_month(self):
        case = case_on("2026-11-24", sent("2026-10-20", "explanation", "LRAR 1A 666"),
                       received("2026-10-22", "explanation"))
        assert verdict("cnil", case, "cnil.delay")[0]  # due 23 November (22nd was a Sunday)

    def test_an_announced_extension_adds_two_months(self):
        case = case_on("2026-12-15", sent("2026-10-20", "explanation", "LRAR 1A 666"),
                       extension("2026-11-10", "explanation"))
        ok, message = verdict("cnil", case, "cnil.delay")
        assert not ok
        assert "jusqu'au 27 janvier 2027" in message and "deux mois de prolongation" in message

    def test_an_incomplete_answer_opens_the_cnil_at_once(self):
        case = case_on("2026-11-02", sent("2026-10-20", "explanation", "LRAR 1A 666"),
                       answer("2026-10-30", "explanation", "partial", "no_score"))
        ok, message = verdict("cnil", case, "cnil.delay")
        assert ok and "a répondu le 30 octobre 2026 de façon incomplète" in message

    def test_a_complete_answer_leaves_nothing_to_complain_of(self):
        case = case_on("2026-12-15", sent("2026-10-20", "explanation", "LRAR 1A 666"),
                       answer("2026-10-30", "explanation", "full"))
        ok, message = verdict("cnil", case, "cnil.delay")
        assert not ok and "L'organisme a répondu complètement le 30 octobre 2026" in message

    def test_the_body_is_identified_by_name_and_address(self):
        ok, message = verdict("cnil", case_on("2026-11-29"), "cnil.body_identified")
        assert ok and "ajoutez son numéro SIREN" in message

    def test_the_siren_is_shown_when_known(self):
        ok, message = verdict("cnil", case_on("2026-11-29"), "cnil.body_identified", siren="356000000")
        assert ok and "SIREN 356000000" in message and "ajoutez" not in message

    def test_a_body_without_an_address_is_not_identified(self):
        case = case_on("2026-11-29", address=[])
        ok, message = verdict("cnil", case, "cnil.body_identified")
        assert not ok and message.startswith("Il manque l'adresse de l'organisme")

    def test_an_answer_received_must_be_attached(self):
        case = case_on("2026-11-02", sent("2026-10-20", "explanation", "LRAR 1A 666"),
                       answer("2026-10-30", "explanation", "partial", "no_score"))
        assert not verdict("cnil", case, "cnil.answers")[0]
        assert verdict("cnil", case, "cnil.answers", attach("answer"))[0]


# -- CADA ----------------------------------------------------------------------------------

class TestCada:
    def test_only_an_administration_answers_to_the_cada(self):
        assert verdict("cada", case_on("2026-11-29"), "cada.public_body")[0]
        ok, message = verdict("cada", case_on("2026-11-29", name=BANK), "cada.public_body")
        assert not ok and "n'est pas une administration" in message

    def test_the_initial_request_is_required(self):
        ok, message = verdict("cada", case_on("2026-11-29"), "cada.initial_request")
        assert not ok and "La CADA exige la copie de la demande initiale" in message

    def test_the_recomposed_request_serves_as_its_copy_and_says_so(self):
        case = case_on("2026-11-29", sent("2026-10-01", "explanation"))
        ok, message = verdict("cada", case, "cada.initial_request")
        assert ok and "telle que Recours l'a rédigée" in message

    def test_the_persons_own_copy_is_preferred(self):
        case = case_on("2026-11-29", sent("2026-10-01", "explanation"))
        ok, message = verdict("cada", case, "cada.initial_request", attach("request"))
        assert ok and "(votre exemplaire)" in message

    def test_silence_is_a_refusal_only_a_month_after_receipt(self):
        case = case_on("2026-11-20", sent("2026-11-01", "explanation"))
        ok, message = verdict("cada", case, "cada.month_elapsed")
        assert not ok and "le silence ne vaut refus qu'après le 8 décembre 2026" in message
        later = case_on("2026-12-09", sent("2026-11-01", "explanation"))
        assert verdict("cada", later, "cada.month_elapsed")[0]

    def test_an_express_refusal_needs_no_month(self):
        case = case_on("2026-11-10", sent("2026-11-01", "explanation"),
                       answer("2026-11-06", "explanation", "refused"))
        ok, message = verdict("cada", case, "cada.month_elapsed")
        assert ok and message == "L'organisme a refusé le 6 novembre 2026."

    def test_the_refusal_must_be_attached(self):
        case = case_on("2026-11-10", sent("2026-11-01", "explanation"),
                       answer("2026-11-06", "explanation", "refused"))
        ok, message = verdict("cada", case, "cada.refusal_copy")
        assert not ok and message.startswith("Il manque la copie du refus du 6 novembre 2026")
        assert verdict("cada", case, "cada.refusal_copy", attach("answer"))[0]

    def test_without_a_written_refusal_silence_is_what_goes_to_the_cada(self):
        case = case_on("2026-11-29", sent("2026-09-01", "explanation"))
        ok, message = verdict("cada", case, "cada.refusal_copy")
        assert ok and "c'est le silence de l'organisme" in message

    def test_within_two_months_of_the_implicit_refusal(self):
        # Sent 1 September: refused by silence on 1 October, so the CADA until 1 December.
        case = case_on("2026-11-29", sent("2026-09-01", "explanation"))
        ok, message = verdict("cada", case, "cada.window")
        assert ok and "au plus tard le 1er décembre 2026" in message

    def test_past_the_window_the_file_says_when_it_still_runs(self):
        case = case_on("2026-12-15", sent("2026-09-01", "explanation"))
        ok, message = verdict("cada", case, "cada.window")
        assert not ok
        assert "paraît expiré depuis le 1er décembre 2026" in message
        assert "ne vous est opposable que si le refus" in message

    def test_an_express_refusal_before_the_silence_starts_the_window(self):
        case = case_on("2026-11-15", sent("2026-09-01", "explanation"),
                       answer("2026-09-20", "explanation", "refused"))
        ok, message = verdict("cada", case, "cada.window")
        assert ok and "au plus tard le 20 novembre 2026" in message

    def test_a_refusal_after_the_silence_does_not_lengthen_the_window(self):
        """Silence was a refusal on 1 October; the written refusal of 20 October changes nothing
        (the window ran out on 1 December)."""
        case = case_on("2026-12-15", sent("2026-09-01", "explanation"),
                       answer("2026-10-20", "explanation", "refused"))
        ok, _ = verdict("cada", case, "cada.window")
        assert not ok


# -- The rules as data -----------------------------------------------------------------------

def test_every_rule_names_its_source_and_the_bases_it_rests_on():
    """A lawyer checks each rule against its source without reading Python."""
    data = tomllib.loads((REFERRALS / "checks.toml").read_text(encoding="utf-8"))
    for rule in data["check"]:
        assert rule["source"].startswith(("https://", "http://")), rule["id"]
        assert set(rule["rests_on"]) <= set(catalogue.bases()), rule["id"]
        assert rule["confidence"] in ("V", "P", "U"), rule["id"]


def test_every_rule_in_the_data_is_checked_and_every_check_has_a_rule():
    case = case_on("2026-11-29")
    produced = {c.id for authority in ("defenseur", "cnil", "cada") for c in check_referral(authority, case)}
    assert produced == set(rules())


def test_an_unknown_authority_is_refused():
    with pytest.raises(ValueError, match="unknown authority 'tribunal'"):
        check_referral("tribunal", case_on("2026-11-29"))
