"""Each letter card says how to send it, from the data, cheapest first where it is safe; the
court sheet is never a letter to send; the person sees their own words as the body will read
them and can leave them out. On a phone (360 px), in French, Arabic and Spanish, axe-core on
every state."""

from __future__ import annotations

import json

import pytest

from letters import catalogue

from ..conftest import CAF_FORM
from .conftest import NARROW, check_state, explain, fill_form, flat, open_app, said, submit

LANGUAGES = ("fr", "ar", "es")
WAY_TITLES = {
    "online_account": "Par votre espace en ligne",
    "by_hand": "En la déposant à l'accueil de l'organisme",
    "registered": "En lettre recommandée avec avis de réception",
    "post": "Par courrier simple",
    "free_post": "Par courrier, sans timbre",
    "online_form": "Par son formulaire en ligne",
}
# A case well advanced: the explanation answered in part, the recourse rejected. Its packet
# holds a reply, the CADA, the CNIL, the Défenseur des droits and the court sheet.
ADVANCED = {
    "person": {"name": "Samia Benali", "address": ["12 rue des Lilas", "33000 Bordeaux"]},
    "organisation": {"kind": "caf", "name": "CAF de la Gironde",
                     "address": ["Rue du Docteur Gabriel Péry", "33078 Bordeaux Cedex"]},
    "decision": {"kind": "overpayment", "benefit": "prime_activite", "date": "2026-09-01",
                 "amount": 2340},
    "wants": ["explanation", "human_review", "contest"],
    "events": [
        {"date": "2026-09-10", "kind": "sent", "letter": "explanation"},
        {"date": "2026-09-12", "kind": "sent", "letter": "recourse"},
        {"date": "2026-10-20", "kind": "answer", "letter": "explanation", "answer": "partial",
         "issues": ["secret_invoked", "no_score"]},
        {"date": "2026-11-02", "kind": "answer", "letter": "recourse", "answer": "rejected"},
    ],
}
ARABIC_STORY = "طلبت مني الكاف إرجاع 2340 يورو بعد مراقبة، ولم أفهم السبب."


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": NARROW, "height": 640})
    return page


def card(page, kind: str):
    return page.locator(f".letter-card[data-kind='{kind}']")


def letter_text(page, kind: str) -> str:
    """The French letter of that card, as its preview shows it."""
    return card(page, kind).locator("details:not(.courtesy) .letter-preview").text_content()


def ways_of(page, kind: str, language: str) -> list[str]:
    """The ways a card lists, read back from their titles in the page's language."""
    titles = {said(language, title): way for way, title in WAY_TITLES.items()}
    return [titles[flat(t)] for t in card(page, kind).locator("ul.ways li strong").all_inner_texts()]


def resume(page, case: dict) -> None:
    page.locator("details.resume summary").click()
    page.locator("#f-dossier").set_input_files(files=[{
        "name": "recours-dossier.json", "mimeType": "application/json", "buffer": json.dumps(case).encode()}])
    submit(page, page.locator("details.resume button").inner_text())
    submit(page, page.locator("button[formaction$='/lettres']").inner_text())


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_card_says_how_to_send_it_and_the_court_sheet_is_not_sent(phone, live_server,
                                                                      axe_source, language):
    page, found = phone, {}
    open_app(page, live_server, language)
    fill_form(page, CAF_FORM)
    submit(page)
    assert ways_of(page, "explanation", language) == ["online_account", "by_hand", "registered"]
    assert ways_of(page, "recourse", language) == ["registered", "by_hand"], "the date must be provable"
    recourse = flat(card(page, "recourse").inner_text())
    assert said(language, "C'est le plus sûr pour cette lettre : la date d'envoi compte.") in recourse
    assert said(language, "C'est le plus sûr pour cette lettre : la date d'envoi compte.") not in flat(
        card(page, "explanation").inner_text())
    check_state(page, axe_source, f"{language}-packet-ways", found)

    open_app(page, live_server, language)
    resume(page, ADVANCED)
    kinds = [c.get_attribute("data-kind") for c in page.locator(".letter-card").all()]
    assert {"cada", "cnil", "defenseur", "court_info"} <= set(kinds)
    for kind in kinds:
        listed = ways_of(page, kind, language)
        assert listed == list(catalogue.kinds()[kind].sending), kind

    sheet = card(page, "court_info")
    assert sheet.locator("ul.ways, time").count() == 0, "no way to send, no date to send it by"
    assert said(language, "En lettre recommandée avec avis de réception") not in flat(sheet.inner_text())
    assert said(language, "Une fiche pour vous, à garder : ne l'envoyez pas. Elle explique la suite "
                          "devant le tribunal et où trouver de l'aide.") in flat(sheet.inner_text())

    defenseur = card(page, "defenseur")
    assert "Libre réponse 71120" in defenseur.locator("ul.ways li").first.inner_text()
    for kind in ("cada", "cnil", "defenseur"):
        link = card(page, kind).locator("ul.ways a[rel~='external']")
        assert link.get_attribute("href") == catalogue.authorities()[kind].online
    check_state(page, axe_source, f"{language}-packet-ways-advanced", found)

    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    upcoming = flat(page.locator("section[aria-labelledby='next-title']").inner_text())
    assert said(language, "une fiche pour vous, à garder : ne l'envoyez pas") in upcoming
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_person_sees_their_own_words_and_can_leave_them_out(phone, live_server, axe_source,
                                                                language):
    page, found = phone, {}
    open_app(page, live_server, language)
    fill_form(page, {**CAF_FORM, "decision.description": ARABIC_STORY})
    submit(page)
    words = page.locator("#words")
    assert words.locator("blockquote").inner_text() == ARABIC_STORY
    assert words.locator("blockquote").get_attribute("dir") == "auto"
    assert said(language, "Votre texte est écrit en alphabet arabe. En France, l'organisme ne saura "
                          "sans doute pas le lire.") in flat(words.inner_text())
    assert words.bounding_box()["y"] < page.locator(".letter-card").first.bounding_box()["y"], \
        "before the letters and their download buttons"
    assert ARABIC_STORY in letter_text(page, "recourse")
    check_state(page, axe_source, f"{language}-own-words", found)

    with page.expect_navigation():
        words.get_by_role("button", name=said(language, "Retirer mes mots des lettres")).click()
    assert page.url.endswith("/mes-mots#words")
    assert ARABIC_STORY not in letter_text(page, "recourse")
    assert said(language, "Vos mots ne sont pas dans les lettres : elles disent seulement les faits de "
                          "vos réponses et vos demandes.") in flat(page.locator("#words").inner_text())
    case = json.loads(page.locator("input[name=case]").first.input_value())
    assert case["decision"]["description_in_letters"] is False
    assert case["decision"]["description"] == ARABIC_STORY, "kept, only left out of the letters"
    check_state(page, axe_source, f"{language}-own-words-left-out", found)

    # The choice survives "modify", then the words can be put back.
    page.get_by_role("button", name=said(language, "Modifier mes réponses")).click()
    assert page.locator("[name='decision.description']").input_value() == ARABIC_STORY
    submit(page)
    assert ARABIC_STORY not in letter_text(page, "recourse")
    with page.expect_navigation():
        page.get_by_role("button", name=said(language, "Remettre mes mots dans les lettres")).click()
    assert ARABIC_STORY in letter_text(page, "recourse")
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


def test_a_story_in_french_gets_no_warning_about_its_script(phone, live_server):
    open_app(phone, live_server, "fr")
    fill_form(phone, CAF_FORM)
    submit(phone)
    words = phone.locator("#words")
    assert words.locator("blockquote").inner_text() == CAF_FORM["decision.description"]
    assert words.locator(".note").count() == 0
