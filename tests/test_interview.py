"""The interview: one short step at a time, only the questions this case needs, nothing lost.

Which questions a case needs is data (letters/fields.py: each field's step and ``ask`` rule);
these tests read like the cases they check.
"""

from __future__ import annotations

import html
import json

import pytest

from letters.fields import BY_PATH, CASE_FIELDS, STEPS
from letters.interview import asked, choices, steps

from .interview_walk import confirm, go, hidden, pasted, questions, read, step_of


def case(body="caf", kind="overpayment", benefit="prime_activite", reason=""):
    return {"organisation": {"kind": body},
            "decision": {"kind": kind, "benefit": benefit, **({"reason": reason} if reason else {})}}


def asked_paths(data) -> set[str]:
    return {f.path for f in CASE_FIELDS if asked(f, data)}


def test_an_indu_asks_its_period_and_good_faith_a_refusal_does_not():
    indu, refusal = asked_paths(case()), asked_paths(case(kind="refusal", benefit="c2s", body="cpam"))
    assert {"decision.period.from", "decision.period.to", "decision.good_faith",
            "decision.recovery_started"} <= indu
    assert not {"decision.period.from", "decision.good_faith", "decision.recovery_started"} & refusal


def test_prior_notice_is_asked_for_a_sanction_or_a_suspension_only():
    assert "decision.prior_notice_given" in asked_paths(case("france_travail", "sanction", "are"))
    assert "decision.prior_notice_given" in asked_paths(case(kind="suspension", benefit="aides_logement"))
    assert "decision.prior_notice_given" not in asked_paths(case())


def test_a_remise_is_offered_for_an_indu_only():
    wants = BY_PATH["wants"]
    assert "remission" in choices(wants, case())
    assert "remission" not in choices(wants, case("bank", "refusal", "credit"))


def test_who_pays_is_asked_for_the_rsa_only():
    assert "decision.payer" in asked_paths(case("departement", "overpayment", "rsa"))
    assert "decision.payer" not in asked_paths(case())


def test_the_reason_is_asked_only_where_the_reasons_offer_one_for_that_case():
    # reasons/*.toml: a missed convocation (sanction, suspension), an activity during sick leave
    # (indemnités journalières), a missing document (suspension, refusal, indu).
    assert "decision.reason" in asked_paths(case("france_travail", "sanction", "are"))
    assert "decision.reason" not in asked_paths(case("caf", "sanction", "prestations_familiales") | {
        "organisation": {"kind": "bank"}})
    assert "decision.reason" not in asked_paths(case("bank", "score", "credit"))


def test_the_facts_of_a_reason_are_asked_only_with_that_reason():
    missed = asked_paths(case("france_travail", "sanction", "are", "missed_appointment"))
    document = asked_paths(case(kind="suspension", benefit="aah", reason="missing_document"))
    assert "decision.notice_received" in missed and "decision.document_sent" not in missed
    assert "decision.document_sent" in document and "decision.notice_received" not in document


def test_the_body_s_error_is_asked_for_a_pension_indu():
    assert "decision.body_error" in asked_paths(case("carsat", "overpayment", "retraite"))
    assert "decision.body_error" not in asked_paths(case())


def test_every_field_the_form_asks_has_an_interview_step():
    assert all(f.step in STEPS for f in CASE_FIELDS if f.form)


def test_the_steps_skip_what_was_confirmed_and_show_it_as_facts():
    data = case()
    kept = steps(data, ["organisation.kind", "decision.kind", "decision.benefit"])
    assert kept[0].id != "decision"  # nothing left to ask there
    assert {f.path for f in kept[0].facts} == {"organisation.kind", "decision.kind", "decision.benefit"}


# -- The pages

def test_a_step_says_where_the_person_is_and_back_and_forward_keep_everything(client):
    first = client.get("/etapes")
    assert first.status_code == 200
    number, total, step = step_of(first)
    assert (number, step) == (1, "decision") and total == len(STEPS)
    assert "Étape 1 sur" in first.text
    second = go(client, first, {"organisation.kind": "caf", "decision.kind": "overpayment",
                                "decision.benefit": "prime_activite"})
    assert step_of(second)[:1] == (2,)
    third = go(client, second, {"decision.date": "10 novembre 2026", "decision.amount": "2 340,50 €"})
    back = go(client, third, {"decision.period.from": "01/01/2025"}, button="back")
    assert step_of(back)[2] == "letter"
    assert 'value="10/11/2026"' in back.text and 'value="2340,50"' in back.text
    again = go(client, back)
    assert 'value="01/01/2025"' in again.text  # what was typed on the page left by Back


def test_only_the_questions_this_case_needs_are_asked(client):
    first = client.get("/etapes")
    refusal = go(client, first, {"organisation.kind": "bank", "decision.kind": "refusal",
                                 "decision.benefit": "credit"})
    seen: set[str] = set()
    page = refusal
    while 'class="step-count"' in page.text:
        seen |= set(questions(page))
        page = go(client, page, {"person.name": "Samia Benali", "person.address": "1 rue X\n33000 Bordeaux"})
    assert "Vos lettres" in page.text
    assert not {"decision.period.from", "decision.good_faith", "decision.prior_notice_given",
                "decision.payer", "decision.recovery_started"} & seen
    assert 'value="remission"' not in refusal.text


def test_an_error_is_shown_next_to_its_field_and_later_steps_wait_their_turn(client):
    first = client.get("/etapes")
    second = go(client, first, {"organisation.kind": "caf", "decision.kind": "overpayment",
                                "decision.benefit": "prime_activite"})
    wrong = go(client, second, {"decision.date": "hier"})
    assert wrong.status_code == 422 and step_of(wrong)[2] == "letter"
    assert 'id="f-decision-date-error"' in wrong.text and 'value="hier"' in wrong.text
    assert "person.name" not in html.unescape(wrong.text.split('id="error-summary"')[1].split("</div>")[0])


def test_je_ne_sais_pas_leaves_a_typed_answer_out(client):
    second = go(client, client.get("/etapes"), {"organisation.kind": "caf", "decision.kind": "overpayment",
                                                 "decision.benefit": "prime_activite"})
    assert 'name="unknown" value="decision.date"' in second.text
    third = go(client, second, {"decision.date": "10/11/2026"}, unknown=("decision.date",))
    assert "date" not in json.loads(hidden(third, "case"))["decision"]


def test_every_question_a_person_may_not_know_offers_je_ne_sais_pas(client):
    page = go(client, client.get("/etapes"), {"organisation.kind": "caf", "decision.kind": "overpayment",
                                               "decision.benefit": "prime_activite"})
    while 'class="step-count"' in page.text:
        for name in questions(page):
            spec = BY_PATH[name]
            if spec.required or spec.type in ("choice", "choices", "lines") or name == "decision.description":
                continue
            shown = f'name="unknown" value="{name}"' in page.text or (
                spec.type == "flag" and f'name="{name}" value="unknown"' in page.text)
            assert shown, name
        page = go(client, page, {"person.name": "Samia Benali", "person.address": "1 rue X\n33000 Bordeaux"})


def test_the_last_step_prepares_the_letters_and_a_missing_field_sends_back_to_its_step(client):
    page = go(client, client.get("/etapes"), {"organisation.kind": "caf", "decision.kind": "overpayment",
                                               "decision.benefit": "prime_activite"})
    while 'class="step-count"' in page.text and step_of(page)[2] != "person":
        page = go(client, page)
    missing = go(client, page)  # no name, no address
    assert missing.status_code == 422 and step_of(missing)[2] == "person"
    assert 'id="f-person-name-error"' in missing.text


def test_the_switcher_shows_the_same_step_in_another_language_with_the_answers(client):
    second = go(client, client.get("/etapes"), {"organisation.kind": "caf", "decision.kind": "overpayment",
                                                 "decision.benefit": "prime_activite"})
    data = {"csrf_token": hidden(second, "csrf_token"), "case": hidden(second, "case"),
            "read": hidden(second, "read"), "step": "letter", "page": "interview", "lang": "ar",
            "decision.amount": "120"}
    page = client.post("/langue", data=data)
    assert page.status_code == 200 and 'lang="ar" dir="rtl"' in page.text
    assert step_of(page)[2] == "letter" and 'value="120"' in page.text


@pytest.mark.parametrize("name", ["caf-indu-prime-activite", "msa-indu-prestations-familiales"])
def test_a_notification_read_and_confirmed_leaves_fewer_questions_than_the_manual_path(client, name):
    step = confirm(client, read(client, pasted(name)))
    seen: set[str] = set()
    while 'class="step-count"' in step.text:
        seen |= set(questions(step))
        step = go(client, step, {"person.address": "1 rue X\n33000 Bordeaux"})
    assert "Vos lettres" in step.text, html.unescape(step.text)[-2000:]
    for read_field in ("decision.date", "decision.amount", "organisation.kind", "decision.kind"):
        assert read_field not in seen


def test_a_confirmed_fact_that_does_not_hold_is_asked_again_on_its_step(app):
    app.config["TODAY"] = "2026-11-05"  # before the notification's date
    client = app.test_client()
    step = confirm(client, read(client, pasted("caf-indu-prime-activite")))
    while 'class="step-count"' in step.text and step.status_code == 200:
        step = go(client, step, {"person.address": "1 rue X\n33000 Bordeaux"})
    assert step.status_code == 422 and step_of(step)[2] == "letter"
    assert 'id="f-decision-date-error"' in step.text and 'value="10/11/2026"' in step.text
    assert "decision.date" not in json.loads(hidden(step, "read"))
