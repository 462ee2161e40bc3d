"""The courtesy copy of each letter, on a phone (360 px), in Arabic and in Spanish, opened as a
person opens it: marked as not to be sent, in the page's language, the Arabic one laid out from
the right with its French names and figures kept in order; the next steps and the follow-up
page's dates in the same language; axe-core at zero on every state, screenshots kept."""

from __future__ import annotations

import re

import pytest

from ..conftest import CAF_FORM
from .conftest import (
    ARTIFACTS,
    NARROW,
    check_state,
    explain,
    fill_form,
    flat,
    open_app,
    said,
    screenshot,
    submit,
)
from .test_sending_and_own_words import ADVANCED, card, resume

# The first words of things each language's packet text says (letters/data/text/<lang>/).
SUBJECT = {"ar": "الموضوع:", "es": "Asunto:"}
FIRST_STEP = {"ar": "أعيدوا قراءة كل رسالة", "es": "Vuelva a leer cada carta"}
SENT_ON = {"ar": "أُرسلت بتاريخ", "es": "Enviada el"}
FRENCH_STEP = "Relisez chaque lettre"


def open_copies(page) -> list:
    copies = page.locator("details.courtesy").all()
    for details in copies:
        details.locator("summary").click()
    return copies


@pytest.mark.parametrize("language", ("ar", "es"))
def test_each_letter_has_its_courtesy_copy_marked_not_to_send(page, live_server, axe_source, language):
    page.set_viewport_size({"width": NARROW, "height": 640})
    found: dict[str, list] = {}
    open_app(page, live_server, language)
    fill_form(page, CAF_FORM)
    submit(page)
    cards = page.locator(".letter-card").all()
    copies = open_copies(page)
    assert len(copies) == len(cards) == 2, "one copy beside each French letter"
    warning = said(language, "Traduction de courtoisie – ne pas envoyer.")
    for details in copies:
        assert warning in flat(details.locator(".courtesy-warning").inner_text())
        preview = details.locator(".letter-preview")
        assert preview.locator("article").get_attribute("lang") == language
        assert SUBJECT[language] in preview.inner_text()
    # The French letters stay French, left to right, whatever the page.
    french = page.locator("details:not(.courtesy) .letter-preview article")
    assert [a.get_attribute("lang") for a in french.all()] == ["fr", "fr"]
    assert all(a.evaluate("e => getComputedStyle(e).direction") == "ltr" for a in french.all())
    steps = page.locator("ol.steps")
    assert steps.get_attribute("lang") == language
    assert FIRST_STEP[language] in steps.inner_text() and FRENCH_STEP not in steps.inner_text()
    check_state(page, axe_source, f"{language}-courtesy-open", found)
    recourse_copy = ARTIFACTS / f"{language}-courtesy-recourse-{NARROW}.png"
    page.locator("details.courtesy").last.screenshot(path=str(recourse_copy))

    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    dates = page.locator("table.dates tbody td[lang]")
    assert dates.count() >= 3 and {d.get_attribute("lang") for d in dates.all()} == {language}
    check_state(page, axe_source, f"{language}-timeline-dates", found)

    open_app(page, live_server, language)
    resume(page, ADVANCED)
    copies = open_copies(page)
    assert len(copies) == page.locator(".letter-card").count() >= 4
    check_state(page, axe_source, f"{language}-courtesy-advanced-open", found)
    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    progress = page.locator("ul.progress")
    assert progress.get_attribute("lang") == language and SENT_ON[language] in progress.inner_text()
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


def test_the_arabic_copy_reads_from_the_right_with_french_runs_in_order(page, live_server):
    page.set_viewport_size({"width": NARROW, "height": 640})
    open_app(page, live_server, "ar")
    fill_form(page, CAF_FORM)
    submit(page)
    open_copies(page)
    copy = card(page, "recourse").locator("details.courtesy .letter-preview")
    article = copy.locator("article")
    assert article.get_attribute("dir") == "rtl"
    assert article.evaluate("e => getComputedStyle(e).direction") == "rtl"
    box = copy.bounding_box()
    # A numbered request: its number at the right, the text starting to its left.
    request = article.locator("p.request").first
    number = request.locator(".number").bounding_box()
    assert number["x"] + number["width"] > box["x"] + box["width"] * 0.75
    assert flat(request.inner_text()).startswith("1. أطلب منكم")
    # A French name, an amount, an article number: each in a left-to-right run of its own.
    runs = [s.inner_text() for s in article.locator("span[dir='ltr']").all()]
    assert "CAF de la Gironde" in runs and "12 rue des Lilas" in runs
    assert any(re.fullmatch(r"L\W+845\W2", r) for r in runs), [r for r in runs if "845" in r]
    assert any("2,340.00 €" in flat(s.inner_text()) for s in article.locator("span[dir='rtl']").all())
    # The page's own headings and buttons stay right to left; the French letter left to right.
    french = card(page, "recourse").locator("details:not(.courtesy) .letter-preview")
    assert french.get_attribute("dir") == "ltr"
    screenshot(page, f"ar-courtesy-reading-{NARROW}")
