"""Reading the notification and the interview in a real browser, as a person goes through them:
a phone photo, pasted text, confirm and correct, each step to the letters; in French and
Arabic, with the keyboard alone and without JavaScript. axe-core on every state, photographed
at 360 and 1280 px (test-artifacts/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..interview_walk import pasted
from .conftest import check_state, explain, flat, new_context, open_app, said, ui_languages

SAMPLES = Path(__file__).parent.parent / "notifications"
PHOTO = SAMPLES / "caf-indu-prime-activite.photo.jpg"
ADDRESS = "12 rue des Lilas\n33000 Bordeaux"


def press(page, locator, timeout: float = 10_000) -> None:
    with page.expect_navigation(timeout=timeout):
        locator.click(timeout=timeout)


def primary(page):
    return page.locator("main form button.primary").first


def carried(page, name: str):
    return json.loads(page.locator(f"input[name='{name}']").first.input_value())


def confirm_every_line(page, wrong: tuple[str, ...] = ()) -> None:
    """Say "yes" to each line read (or "no" for those in ``wrong``); all pages given."""
    for group in page.locator("fieldset.read").all():
        name = group.locator("input[type=radio]").first.get_attribute("name")
        value = "no" if name.removeprefix("confirm.") in wrong else "yes"
        group.locator(f"input[value='{value}']").check()
    pages = page.locator("[name='confirm.pages'][value='yes']")
    if pages.count():
        pages.check()


def through_the_steps(page, axe_source=None, found=None, prefix="") -> list[str]:
    """Next on each step, filling the address when asked; the step ids met, in order."""
    met = []
    while page.locator(".step-count").count():
        step = page.locator("input[name=step]").input_value()
        met.append(step)
        if axe_source is not None:
            check_state(page, axe_source, f"{prefix}step-{step}", found)
        address = page.locator("[name='person.address']")
        if address.count() and not address.input_value():
            address.fill(ADDRESS)
        press(page, primary(page))
    return met


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_photo_path_to_the_letters(page, live_server, axe_source, language):
    found: dict[str, list] = {}
    open_app(page, live_server, language, "/")
    assert page.locator("h1").inner_text() == said(language, "Photographiez ou déposez votre courrier")
    check_state(page, axe_source, f"{language}-read-start", found)

    page.locator("#f-file").set_input_files(str(PHOTO))
    press(page, primary(page), timeout=60_000)  # read with Tesseract, on a machine shared
    assert page.locator("h1").inner_text() == said(language, "Ce que dit votre courrier")
    check_state(page, axe_source, f"{language}-read-photo", found)
    assert page.locator("fieldset.read").count() >= 8
    assert "2340,50 €" in page.locator("fieldset.read").filter(has_text="2 340,50").inner_text()

    press(page, primary(page))  # nothing answered: each line asks to be confirmed
    assert page.locator("#error-summary").is_visible()
    check_state(page, axe_source, f"{language}-read-errors", found)
    confirm_every_line(page)
    press(page, primary(page))
    assert said(language, "Étape %(number)d sur %(total)d", number=1,
                total=int(page.locator(".step-count").inner_text().split()[-1])) in page.locator(
                    ".step-count").inner_text()
    assert page.locator(".confirmed dd").count() >= 8, "what was read is shown as facts"
    steps = through_the_steps(page, axe_source, found, f"{language}-photo-")
    assert "decision" not in steps, "the body and the decision were read: not asked"
    assert page.locator("h1").inner_text() == said(language, "Vos lettres")
    assert page.locator(".letter-card").count() >= 2
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


def test_confirm_and_correct_an_amount_read_wrong(page, live_server):
    open_app(page, live_server, "fr", "/")
    page.locator("details.paste > summary").click()
    page.locator("#f-text").fill(pasted("caf-indu-prime-activite"))
    press(page, page.get_by_role("button", name="Lire ce texte"))
    confirm_every_line(page, wrong=("decision.amount",))
    press(page, primary(page))
    assert "decision.amount" not in carried(page, "read")
    while not page.locator("[name='decision.amount']").count():
        press(page, primary(page))
    amount = page.locator("[name='decision.amount']")
    assert amount.input_value() == "2340,50", "filled with what was read, to correct"
    amount.fill("1 340,50")
    through_the_steps(page)
    text = flat(" ".join(x.text_content() for x in page.locator(
        ".letter-card > details:not(.courtesy) .letter-preview").all()))
    assert "1 340,50" in text and "2 340,50" not in text


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || '', type: e.type || '',
                value: e.value ?? '', text: (e.innerText || '').trim().slice(0, 80)}; }""")


def tab_to(page, matches, limit: int = 200) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if matches(now):
            return now
    raise AssertionError("never reached by Tab")


def enter_on_primary(page) -> None:
    tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "go" and f["value"] == "next")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pasted_text_path_with_the_keyboard_alone(page, live_server, language):
    open_app(page, live_server, language, "/")
    paste = said(language, "Ou collez le texte du courrier")
    tab_to(page, lambda f: f["tag"] == "summary" and f["text"] == paste)
    page.keyboard.press("Enter")  # opens it
    tab_to(page, lambda f: f["name"] == "text")
    page.keyboard.insert_text(pasted("caf-indu-prime-activite"))
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == said(language, "Lire ce texte"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    lines = page.locator("fieldset.read").count()
    for _ in range(lines):  # Tab reaches each group's first choice, "yes"; Space picks it
        tab_to(page, lambda f: f["type"] == "radio" and f["value"] == "yes")
        page.keyboard.press("Space")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == said(language, "Continuer"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert len(carried(page, "read")) == lines
    while page.locator(".step-count").count():
        if page.locator("[name='person.address']").count():
            tab_to(page, lambda f: f["name"] == "person.address")
            page.keyboard.type("12 rue des Lilas")
            page.keyboard.press("Enter")  # a new line, not a submission
            page.keyboard.type("33000 Bordeaux")
        enter_on_primary(page)
    assert page.locator("h1").inner_text() == said(language, "Vos lettres")


def test_back_keeps_everything_and_the_switcher_keeps_the_step(page, live_server):
    open_app(page, live_server, "fr", "/etapes")
    page.locator("[name='organisation.kind']").select_option("caf")
    page.locator("[name='decision.kind'][value='overpayment']").check()
    page.locator("[name='decision.benefit']").select_option("prime_activite")
    press(page, primary(page))
    page.locator("[name='decision.amount']").fill("2 340,50 €")
    press(page, primary(page))
    press(page, page.get_by_role("button", name="Retour"))
    assert page.locator("[name='decision.amount']").input_value() == "2340,50"
    page.locator("[name='decision.date']").fill("10/11/2026")
    with page.expect_navigation():
        page.locator("nav.languages [lang='ar']").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("input[name=step]").input_value() == "letter"
    assert page.locator("[name='decision.date']").input_value() == "10/11/2026"
    press(page, page.get_by_role("button", name=said("ar", "Retour")))
    assert page.locator("[name='decision.kind'][value='overpayment']").is_checked()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_reading_and_the_interview_work_without_javascript(chromium, traffic, live_server, language):
    context = new_context(chromium, traffic, java_script_enabled=False)
    try:
        page = context.new_page()
        open_app(page, live_server, language, "/")
        page.locator("details.paste > summary").click()
        page.locator("#f-text").fill(pasted("cpam-c2s-refus"))
        press(page, page.locator("details.paste button"))
        confirm_every_line(page)
        press(page, primary(page))
        through_the_steps(page)
        assert page.locator("h1").inner_text() == said(language, "Vos lettres")
    finally:
        context.close()
    assert traffic.outside == []


@pytest.mark.parametrize("language", ui_languages())
def test_the_new_pages_pass_axe_in_every_language(page, live_server, axe_source, language):
    found: dict[str, list] = {}
    open_app(page, live_server, language, "/")
    press(page, primary(page))  # nothing given
    expect(page.locator("#error-summary")).to_be_focused()
    check_state(page, axe_source, f"{language}-read-nothing", found)
    assert page.locator("details.paste").get_attribute("open") is not None, "open where the error is"
    page.locator("#f-text").fill(pasted("caf-suspension-aides-logement"))
    press(page, page.locator("details.paste button"))
    assert page.locator("section.missing li").count() == 3, "what the letter lacks, in plain words"
    check_state(page, axe_source, f"{language}-read-missing", found)
    confirm_every_line(page)
    press(page, primary(page))
    check_state(page, axe_source, f"{language}-step-first", found)
    page.locator("[name='decision.received']").fill("hier")
    press(page, primary(page))
    check_state(page, axe_source, f"{language}-step-errors", found)
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)
