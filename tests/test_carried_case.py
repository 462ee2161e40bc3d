"""The case a page carries: validated like the API's, once per page, known fields only.

Every route that takes a case reads it with ``load_case_json`` then ``parse_case``, as the API
does; a case that is not valid gives the form back, filled with what it holds and each error
next to its field. What a page carries (and a saved file holds) is the validated case, so an
unknown key, a lone surrogate or a part of the wrong shape is never echoed back.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from .conftest import CAF_FORM, CASES, case_from, load_case_data, token_of

CASE_ROUTES = ["/modifier", "/telecharger", "/suivi", "/lettres", "/dossier", "/langue", "/suivi/evenement"]


def post_case(client, route: str, case_text: str, **fields):
    token = token_of(client.get("/"))
    return client.post(route, data={"csrf_token": token, "case": case_text, "format": "zip",
                                    "event.kind": "sent", "event.letter": "explanation",
                                    "event.date": "2026-11-20", **fields})


def example(**changes) -> dict:
    data = load_case_data("caf-prime-activite-indu")
    return {**data, **changes}


@pytest.mark.parametrize("route", CASE_ROUTES)
@pytest.mark.parametrize("shape", [
    {"decision": "x"}, {"person": [], "organisation": 3, "decision": None}, example(events=5),
    example(events="abc"), example(events=[1, "x", None]), example(wants="contest"),
    example(person={"name": ["Samia"], "address": {"x": 1}}),
], ids=lambda s: json.dumps(s)[:30])
def test_a_case_of_the_wrong_shape_gives_the_form_with_plain_errors(client, route, shape):
    got = post_case(client, route, json.dumps(shape))
    assert got.status_code == 422, got.status_code
    assert 'class="error-summary"' in got.text and 'id="describe"' in got.text
    assert "Traceback" not in got.text


@pytest.mark.parametrize("route", CASE_ROUTES)
def test_a_lone_surrogate_in_the_carried_case_is_dropped_not_a_crash(client, route):
    data = example()
    data["person"] = {**data["person"], "name": "Samia\ud800 Benali", "reference": "\udfff"}
    data["decision"] = {**data["decision"], "description": "Montant\udc80 réclamé"}
    got = post_case(client, route, json.dumps(data))  # JSON escapes, as a page or a script sends
    assert got.status_code == 200, got.status_code
    body = got.get_data()
    if got.mimetype != "application/zip":
        body.decode("utf-8")  # strict: the answer holds no surrogate
    if route == "/dossier":
        saved = json.loads(body)
        assert saved["person"]["name"] == "Samia Benali" and "reference" not in saved["person"]
        assert saved["decision"]["description"] == "Montant réclamé"


def test_the_form_given_back_shows_any_text_cleaned(client):
    bad = {"person": {"name": "Sam\ud800ia", "address": ["1 rue\x00 X"]}, "decision": {"kind": "nope"}}
    got = post_case(client, "/modifier", json.dumps(bad))
    assert got.status_code == 422
    assert 'value="Samia"' in got.text and "1 rue X" in got.text


def hidden_case(page) -> dict:
    return json.loads(html.unescape(re.search(r'name="case" value="([^"]+)"', page.text).group(1)))


def test_the_packet_page_carries_the_validated_case_once_and_no_unknown_key(client):
    data = example(extra="x" * 20_000, notes={"private": "y" * 5_000})
    data["person"] = {**data["person"], "nickname": "z" * 3_000}
    got = post_case(client, "/lettres", json.dumps(data))
    assert got.status_code == 200
    assert got.text.count('name="case"') == 1
    carried = hidden_case(got)
    assert "extra" not in carried and "notes" not in carried and "nickname" not in carried["person"]
    assert "xxxxxxxxxx" not in got.text and "zzzzzzzzzz" not in got.text
    assert carried["person"]["name"] == "Samia Benali" and carried["wants"] == data["wants"]
    assert len(got.data) < 60_000  # was about 32 times the case: each of 8 forms echoed it raw


def test_every_button_that_acts_on_the_case_submits_the_one_form_that_carries_it(browser):
    page = browser.submit(CAF_FORM)
    assert page.text.count('name="case"') == 1 and page.text.count('id="case-form"') == 1
    buttons = re.findall(r"<button\b[^>]*>", page.text)
    outside = [b for b in buttons if 'form="case-form"' in b]
    assert len(outside) >= 8  # the downloads of each letter, the whole packet, follow, save, languages
    assert all("formaction=" in b for b in outside if "visually-hidden" not in b)
    per_letter = re.findall(r'formaction="(/telecharger\?letter=[a-z_]+)"', page.text)
    assert len(set(per_letter)) == len(re.findall(r'class="letter-card"', page.text))


def test_a_letter_downloads_from_the_address_its_button_names(browser):
    token, case = browser.packet(CAF_FORM)
    got = browser.client.post("/telecharger?letter=recourse", data={"csrf_token": token, "case": case,
                                                                     "format": "txt"})
    assert got.status_code == 200 and got.mimetype == "text/plain"
    assert "recours" in got.headers["Content-Disposition"]


def test_enter_in_an_event_field_adds_the_event_not_a_language_or_a_download(browser):
    """The first button of the case form in page order is the one Enter presses."""
    token, case = browser.packet(CAF_FORM)
    timeline = browser.client.post("/suivi", data={"csrf_token": token, "case": case})
    assert timeline.status_code == 200
    form = re.search(r'<form\b[^>]*id="case-form"[^>]*>', timeline.text).group(0)
    assert 'action="/suivi/evenement"' in form
    first = next(b for b in re.findall(r"<button\b[^>]*>", timeline.text)
                 if 'form="case-form"' in b or timeline.text.index(b) > timeline.text.index(form))
    assert "formaction" not in first, first


def test_a_today_in_the_carried_case_is_neither_used_nor_carried(client):
    """The pages count from the real today (the app's, in tests): a case that pinned another
    gives the very page the same case without it gives, and carries no date of its own."""
    def page(data: dict):
        got = post_case(client, "/lettres", json.dumps(data))
        assert got.status_code == 200
        return got

    free = example()
    del free["today"]
    pinned = page(example(today="2026-11-05"))
    assert "today" not in hidden_case(pinned) and "today" not in hidden_case(page(free))
    without_token = re.compile(r'name="csrf_token" value="[^"]*"')
    assert without_token.sub("", pinned.text) == without_token.sub("", page(free).text)


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.json")))
def test_every_example_case_reads_back_as_the_same_case_from_what_a_page_carries(name):
    """Each declared field comes back, those the model names otherwise too (a period's "from")."""
    from letters import parse_case
    from letters.case_data import case_data

    case = case_from(load_case_data(name))
    again, errors = parse_case(case_data(case, with_today=True))
    assert errors == [] and again == case
