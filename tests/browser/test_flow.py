"""The whole flow in a real browser, as a person goes through it: with the mouse and labels,
with the keyboard alone, without JavaScript, and in each interface language."""

from __future__ import annotations

import io
import re

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from ..conftest import CAF_FORM
from .conftest import fill_form, new_context, open_app, submit, switch_language, ui_languages

NAME = CAF_FORM["person.name"]


def words(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-")
    return re.sub(r"\s+", " ", text.replace("\u2010\n", "").replace("-\n", "-")).strip()


def download(page, button) -> tuple[str, bytes]:
    with page.expect_download() as started:
        button.click()
    got = started.value
    return got.suggested_filename, got.path().read_bytes()


def pdf_text(data: bytes) -> str:
    return words("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    return words("\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs))


def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {id: e.id, tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || '',
                value: e.value ?? '', text: (e.innerText || '').trim().slice(0, 80),
                ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                seen: r.bottom > 0 && r.top < innerHeight && r.width > 0};
    }""")


def tab_to(page, matches, limit: int = 120) -> dict:
    """Press Tab until the focused element matches; every stop must show its focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["ring"] and now["seen"], f"focus not visible on {now}"
        if matches(now):
            return now
    raise AssertionError("never reached by Tab")


def test_a_person_meets_errors_fixes_them_and_downloads_word_and_pdf(page, live_server):
    open_app(page, live_server, "fr")
    page.get_by_label("Vos nom et prénom").fill("")
    page.get_by_label("Votre adresse postale").fill(CAF_FORM["person.address"])
    page.get_by_label("Type d'organisme").select_option(label="CAF (allocations familiales)")
    page.get_by_label("Son nom exact").fill(CAF_FORM["organisation.name"])
    page.get_by_label("On me réclame de l'argent").check()
    page.get_by_label("Quelle aide ou quel service est concerné ?").select_option(label="Prime d'activité")
    page.get_by_label("Date de la décision").fill("2031-01-01")
    page.get_by_label("Montant réclamé ou en jeu, en euros").fill("2340")
    page.get_by_label("Racontez ce qui s'est passé").fill(CAF_FORM["decision.description"])
    page.get_by_role("button", name="Préparer mes lettres").click()

    summary = page.locator("#error-summary")
    expect(summary, "the summary takes the focus as the page loads").to_be_focused()
    links = summary.get_by_role("link")
    assert links.count() == 2
    assert page.title().startswith("Erreurs dans le formulaire")
    messages = page.locator(".field .error")
    assert messages.count() == 2
    for message in messages.all():
        assert message.inner_text().startswith("Erreur :"), "said in words, not only in red"
    assert page.get_by_label("Racontez ce qui s'est passé").input_value() == CAF_FORM["decision.description"]
    for link, field in zip(links.all(), ("f-person-name", "f-decision-date"), strict=True):
        link.click()
        assert page.evaluate("document.activeElement.id") == field, "each link leads to its field"

    page.get_by_label("Vos nom et prénom").fill(NAME)
    page.get_by_label("Date de la décision").fill(CAF_FORM["decision.date"])
    page.get_by_role("button", name="Préparer mes lettres").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vos lettres"

    card = page.locator(".letter-card").filter(has_text="Recours devant la commission de recours amiable")
    name, data = download(page, card.get_by_role("button", name=re.compile(r"^Télécharger \(Word\)")))
    assert name.endswith(".docx")
    text = docx_text(data)
    assert NAME in text and "CAF de la Gironde" in text and "2 340,00 €" in text
    name, data = download(page, card.get_by_role("button", name=re.compile(r"^Télécharger \(PDF\)")))
    assert name.endswith(".pdf")
    assert "Objet : Recours devant la commission de recours amiable" in pdf_text(data)
    name, data = download(page, page.get_by_role("button", name="Toutes les lettres en un PDF, à imprimer"))
    assert name == "recours-lettres.pdf"
    whole = pdf_text(data)
    assert "Demande d'explication" in whole and "Recours devant la commission" in whole


def test_the_whole_flow_with_the_keyboard_alone(page, live_server):
    page.goto(live_server + "/formulaire")
    page.keyboard.press("Tab")
    assert "skip" in page.evaluate("document.activeElement.className")
    assert focused(page)["seen"], "the skip link shows when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    def field(name):
        return tab_to(page, lambda f: f["name"] == name)

    field("person.name")
    page.keyboard.type(NAME)
    field("person.address")
    page.keyboard.type("12 rue des Lilas")
    page.keyboard.press("Enter")  # a new line in the address, not a submission
    page.keyboard.type("33000 Bordeaux")
    field("organisation.kind")
    page.keyboard.type("CAF")  # a closed list picks the option one starts typing
    assert focused(page)["value"] == "caf"
    field("decision.kind")
    page.keyboard.press("Space")
    assert focused(page)["value"] == "overpayment"
    field("decision.description")
    page.keyboard.type("La CAF me réclame 2 340 euros.")
    assert page.locator("[name='person.address']").input_value() == "12 rue des Lilas\n33000 Bordeaux"

    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Préparer mes lettres")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Vos lettres"

    tab_to(page, lambda f: f["tag"] == "summary" and f["text"].startswith("Lire la lettre"))
    page.keyboard.press("Enter")
    assert page.locator(".letter-card details[open] .letter-preview").first.is_visible()
    tab_to(page, lambda f: f["tag"] == "button" and f["text"].startswith("Télécharger (PDF)"))
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    assert started.value.suggested_filename.endswith(".pdf")
    assert NAME in pdf_text(started.value.path().read_bytes())


def test_the_flow_works_without_javascript(chromium, traffic, live_server):
    context = new_context(chromium, traffic, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/formulaire")
        submit(page)
        # No script runs in this page: the browser's own autofocus moves the focus.
        expect(page.locator("#error-summary")).to_be_focused()
        fill_form(page, CAF_FORM)
        submit(page)
        page.locator(".letter-card > details:not(.courtesy) > summary").first.click()
        assert page.locator(".letter-card .letter-preview").first.is_visible()
        name, data = download(page, page.locator(".letter-card").first.locator("button[value=pdf]"))
        assert name.endswith(".pdf") and NAME in pdf_text(data)
    finally:
        context.close()
    assert traffic.outside == []


@pytest.mark.parametrize("language", [x for x in ui_languages() if x != "fr"])
def test_switching_language_keeps_the_answers_and_the_letters_stay_french(page, live_server, language):
    open_app(page, live_server, "fr")
    fill_form(page, CAF_FORM)
    switch_language(page, language)
    html = page.locator("html")
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    for field in ("person.name", "organisation.name", "decision.description"):
        assert page.locator(f"[name='{field}']").input_value() == CAF_FORM[field]
    assert page.locator("[name='organisation.kind']").input_value() == "caf"

    submit(page)
    assert html.get_attribute("lang") == language
    preview = page.locator(".letter-card > details:not(.courtesy) article.letter").first
    assert preview.get_attribute("lang") == "fr"
    name, data = download(page, page.locator(".letter-card").first.locator("button[value=pdf]"))
    assert "Madame, Monsieur" in pdf_text(data), "the letter to send stays in French"

    switch_language(page, "fr")
    assert page.get_by_role("heading", level=1).inner_text() == "Vos lettres"
    assert page.locator(".letter-card").count() >= 2, "the packet survives the switch"
