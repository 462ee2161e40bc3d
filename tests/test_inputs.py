"""Dates and amounts as people write them: on the form, on the timeline, in the API, the same
forms are read the same way; an error says the format the person sees, and keeps what was
typed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from letters import parse_case
from letters.form import canonical

from .conftest import CAF_FORM, carried, load_case_data, token_of

DATES = ["2026-10-15", "15/10/2026", "15.10.2026", "15-10-2026", "15 octobre 2026", "15 Octobre 2026",
         "le 15 oct. 2026", " 15 / 10 / 2026 ", "١٥/١٠/٢٠٢٦"]
FIRSTS = ["1er octobre 2026", "1 octobre 2026", "01/10/2026", "1/10/2026", "2026-10-01"]
AMOUNTS = {"2340,50": 2340.5, "2 340,50 €": 2340.5, "2\u00a0340,50\u00a0€": 2340.5,
           "2\u202f340,50 €": 2340.5, "2.340,50": 2340.5, "2340.50": 2340.5, "2340": 2340.0,
           "2 340 €": 2340.0, "2.340": 2340.0, "2340,5 EUR": 2340.5, "1.234.567,89": 1234567.89,
           "2,340.50": 2340.5, "12,5": 12.5}


def with_decision(**fields) -> dict:
    data = load_case_data("caf-prime-activite-indu")
    data["decision"].update(fields)
    return data


@pytest.mark.parametrize("typed", DATES)
def test_every_way_of_writing_a_date_reads_the_same_day(typed):
    case, errors = parse_case(with_decision(date=typed))
    assert errors == [] and case.decision.date == date(2026, 10, 15)


@pytest.mark.parametrize("typed", FIRSTS)
def test_the_first_of_the_month_reads_with_or_without_er(typed):
    case, errors = parse_case(with_decision(date=typed))
    assert errors == [] and case.decision.date == date(2026, 10, 1)


@pytest.mark.parametrize(("typed", "amount"), AMOUNTS.items())
def test_every_way_of_writing_an_amount_reads_the_same_sum(typed, amount):
    case, errors = parse_case(with_decision(amount=typed))
    assert errors == [] and case.decision.amount == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("15/10/26", "La date de la décision doit être écrite jj/mm/aaaa, par exemple 15/10/2026."),
    ("octobre 2026", "La date de la décision doit être écrite jj/mm/aaaa, par exemple 15/10/2026."),
    ("15 brumaire 2026", "La date de la décision doit être écrite jj/mm/aaaa, par exemple 15/10/2026."),
    ("31/02/2026", "La date de la décision n'existe pas dans le calendrier."),
    ("30 février 2026", "La date de la décision n'existe pas dans le calendrier."),
])
def test_a_date_that_cannot_be_read_says_how_to_write_it(typed, message):
    case, errors = parse_case(with_decision(date=typed))
    assert case is None and [(e.field, e.message) for e in errors] == [("decision.date", message)]


@pytest.mark.parametrize(("typed", "message"), [
    ("2,340", "« 2,340 » : est-ce 2340 € ou 2,34 € ? Écrivez par exemple 2340 ou 2,34."),
    ("2.340.50", "Le montant doit être un nombre, par exemple 2340,50."),
    ("deux mille", "Le montant doit être un nombre, par exemple 2340,50."),
    ("-12,50 €", "Le montant ne peut pas être négatif."),
])
def test_an_amount_that_cannot_be_read_is_refused_not_guessed(typed, message):
    case, errors = parse_case(with_decision(amount=typed))
    assert case is None and [(e.field, e.message) for e in errors] == [("decision.amount", message)]


def test_the_api_reads_the_same_forms_and_answers_with_iso_dates(client):
    data = with_decision(date="15/10/2026", amount="2 340,50 €", received="1er novembre 2026")
    data["events"] = [{"date": "20.11.2026", "kind": "sent", "letter": "explanation"}]
    got = client.post("/api/v1/letters", json=data)
    assert got.status_code == 200
    body = got.get_json()
    assert body["progress"][0]["sent"] == "2026-11-20"
    assert all(len(d["date"]) == 10 and d["date"][4] == "-" for d in body["dates"])
    assert "2 340,50 €" in body["letters"][0]["text"].replace("\u202f", " ").replace("\u00a0", " ")


def test_the_api_says_the_same_format_in_its_errors(client):
    got = client.post("/api/v1/letters", json=with_decision(date="15/10/26"))
    assert got.status_code == 422
    assert got.get_json()["errors"] == [{
        "field": "decision.date",
        "message": "La date de la décision doit être écrite jj/mm/aaaa, par exemple 15/10/2026."}]


def test_the_form_takes_typed_dates_and_amounts_and_carries_them_as_the_api_writes_them(browser):
    page = browser.submit({**CAF_FORM, "decision.date": "10 novembre 2026",
                           "decision.amount": "2 340,50 €"})
    assert page.status_code == 200
    case = json.loads(carried(page)[1])
    assert case["decision"]["date"] == "2026-11-10" and case["decision"]["amount"] == 2340.5


@pytest.mark.parametrize(("lang", "message"), [
    ("fr", "La date de la décision doit être écrite jj/mm/aaaa, par exemple 15/10/2026."),
    ("en", "must be written dd/mm/yyyy, for example 15/10/2026."),
    ("es", "debe escribirse dd/mm/aaaa, por ejemplo 15/10/2026."),
    ("ar", "يوم/شهر/سنة، مثلًا 15/10/2026."),
])
def test_a_date_error_on_the_form_says_the_format_in_the_language_and_keeps_the_typed_value(
        client, lang, message):
    token = token_of(client.get(f"/?lang={lang}"))
    got = client.post("/", data={**CAF_FORM, "decision.date": "10/11/26", "decision.amount": "2,340",
                                 "csrf_token": token})
    assert got.status_code == 422
    assert message in got.text
    assert "AAAA-MM-JJ" not in got.text and "YYYY-MM-DD" not in got.text
    assert 'value="10/11/26"' in got.text and 'value="2,340"' in got.text


def test_modify_shows_the_dates_as_the_person_reads_them(browser, client):
    token, case = browser.packet({**CAF_FORM, "decision.date": "2026-11-10", "decision.amount": "2340,5"})
    form = client.post("/modifier", data={"csrf_token": token, "case": case})
    assert 'name="decision.date" type="text" dir="auto" value="10/11/2026"' in form.text
    assert 'value="2340,50"' in form.text


def test_canonical_leaves_what_does_not_read_as_typed():
    assert canonical({"decision": {"date": "hier", "amount": "beaucoup"}}) == {
        "decision": {"date": "hier", "amount": "beaucoup"}}
