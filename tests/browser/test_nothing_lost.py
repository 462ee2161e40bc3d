"""Nothing a person typed or noted is lost, on a phone (360 px), in French, Arabic and Spanish:
dates and amounts typed as people write them, errors that keep the typed value and land in
view, events noted and confirmed, "modify" that keeps the history, and coming back with the
saved file from the top of the first page. axe-core on every state."""

from __future__ import annotations

import json

import pytest

from ..conftest import CAF_FORM
from .conftest import NARROW, check_state, explain, fill_form, flat, open_app, said, submit

LANGUAGES = ("fr", "ar", "es")
PHONE = {"width": NARROW, "height": 640}
# The same day and amount, each language typing them another way people do.
TYPED = {
    "fr": ("15 octobre 2026", "2 340,50 €"),
    "ar": ("15/10/2026", "2.340,50"),
    "es": ("15.10.2026", "2340,50"),
}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def carried_case(page) -> dict:
    return json.loads(page.locator("input[name=case]").first.input_value())


def in_view(page, selector: str) -> bool:
    """Entirely on screen, top and bottom, as the page is scrolled now."""
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
                                   return r.top >= 0 && r.bottom <= innerHeight; }""", selector)


def note_event(page, kind: str, letter: str, day: str, **answer) -> None:
    page.locator(f"[name='event.kind'][value='{kind}']").check()
    page.locator("[name='event.letter']").select_option(letter)
    page.locator("[name='event.date']").fill(day)
    if answer:
        page.locator(f"[name='event.answer'][value='{answer['answer']}']").check()
        for issue in answer.get("issues", ()):
            page.locator(f"[name='event.issues'][value='{issue}']").check()
    with page.expect_navigation():
        page.locator("form[action$='/suivi/evenement'] button.primary").click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_amounts_as_people_write_them_and_errors_that_keep_and_show_them(
        phone, live_server, axe_source, language):
    page, found = phone, {}
    open_app(page, live_server, language)
    day, amount = TYPED[language]
    fill_form(page, {**CAF_FORM, "decision.date": "15/10/26", "decision.amount": "2,340"})
    submit(page)
    check_state(page, axe_source, f"{language}-typed-errors", found)

    date_field = page.locator("[name='decision.date']")
    amount_field = page.locator("[name='decision.amount']")
    assert date_field.input_value() == "15/10/26", "what was typed comes back"
    assert amount_field.input_value() == "2,340"
    error = page.locator("#f-decision-date-error")
    assert "15/10/2026" in error.inner_text() and "AAAA" not in error.inner_text()
    assert flat(error.inner_text()).endswith(
        flat(said(language, "{label} doit être écrite jj/mm/aaaa, par exemple 15/10/2026.")
             .replace("{label}", said(language, "La date de la décision"))))

    # Each link of the summary lands on its field with the question and the error on screen.
    for field in ("decision-date", "decision-amount"):
        page.locator(f"#error-summary a[href='#f-{field}']").click()
        assert page.evaluate("document.activeElement.id") == f"f-{field}"
        for part in (f"label[for='f-{field}']", f"#f-{field}-error", f"#f-{field}"):
            assert in_view(page, part), f"{part} is off screen after the link"
        page.evaluate("window.scrollTo(0, 0)")

    date_field.fill(day)
    amount_field.fill(amount)
    submit(page)
    assert page.locator(".letter-card").count() >= 2
    case = carried_case(page)
    assert case["decision"]["date"] == "2026-10-15" and case["decision"]["amount"] == 2340.5
    recourse = page.locator(".letter-card > details:not(.courtesy) .letter-preview").nth(1)
    assert "15 octobre 2026" in flat(recourse.text_content())
    assert "2 340,50 €" in flat(recourse.text_content())

    page.get_by_role("button", name=said(language, "Modifier mes réponses")).click()
    assert date_field.input_value() == "15/10/2026", "shown back as the person reads dates"
    assert amount_field.input_value() == "2340,50"
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_events_are_checked_confirmed_and_survive_modify(phone, live_server, axe_source, language):
    page, found = phone, {}
    open_app(page, live_server, language)
    fill_form(page, {**CAF_FORM, "decision.date": "01/09/2026"})
    submit(page)
    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    letters = page.locator("[name='event.letter'] option").all()
    offered = [o.get_attribute("value") for o in letters if o.get_attribute("value")]
    assert offered == ["explanation", "recourse"], "only the letters this case has"

    note_event(page, "sent", "explanation", "")  # no date
    assert page.locator("#f-event-date-error").is_visible()
    assert page.locator("[name='event.letter']").input_value() == "explanation", "kept"
    note_event(page, "sent", "explanation", "20/08/2026")  # before the decision
    assert page.locator("#f-event-date-error").is_visible()
    assert page.locator("[name='event.date']").input_value() == "20/08/2026"
    note_event(page, "sent", "explanation", "1er décembre 2026")  # after today (29 November)
    assert page.locator("#f-event-date-error").is_visible()
    check_state(page, axe_source, f"{language}-event-errors", found)
    assert "events" not in carried_case(page), "nothing was recorded"

    note_event(page, "sent", "explanation", "15/09/2026")
    confirmation = page.locator("#added")
    assert confirmation.is_visible() and in_view(page, "#added h2")
    assert flat(confirmation.locator("h2").inner_text()) == said(language, "C'est noté")
    assert said(language, "Votre dossier a changé : enregistrez-le de nouveau pour garder cet ajout. "
                          "Recours ne garde rien.") in flat(confirmation.inner_text())
    check_state(page, axe_source, f"{language}-event-added", found)
    with page.expect_download() as saved:
        confirmation.get_by_role("button").click()
    assert saved.value.suggested_filename == "recours-dossier-2026-11-29.json"
    assert "Benali" not in saved.value.suggested_filename

    note_event(page, "sent", "recourse", "20.09.2026")
    note_event(page, "answer", "explanation", "20 octobre 2026", answer="partial", issues=["no_score"])
    history = carried_case(page)["events"]
    assert [(e["date"], e["kind"], e["letter"]) for e in history] == [
        ("2026-09-15", "sent", "explanation"), ("2026-09-20", "sent", "recourse"),
        ("2026-10-20", "answer", "explanation")]
    progress = page.locator("ul.progress").inner_text()

    # Modify: back to the form from the letters, change the phone number, send again.
    submit(page, page.locator("button[formaction$='/lettres']").inner_text())
    page.get_by_role("button", name=said(language, "Modifier mes réponses")).click()
    assert page.locator("[name='person.name']").input_value() == CAF_FORM["person.name"]
    page.locator("[name='person.phone']").fill("06 12 34 56 78")
    submit(page)
    assert carried_case(page)["events"] == history, "the history survives modify"
    assert carried_case(page)["person"]["phone"] == "06 12 34 56 78"
    kinds = [c.get_attribute("data-kind") for c in page.locator(".letter-card").all()]
    assert "explanation" not in kinds and "recourse" not in kinds, "sent letters are not offered again"
    assert "reply_partial" in kinds
    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    assert page.locator("ul.progress").inner_text() == progress, "same progress as before"
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_coming_back_with_the_saved_file_from_the_top_of_the_first_page(
        phone, live_server, axe_source, language):
    page, found = phone, {}
    open_app(page, live_server, language)
    resume = page.locator("details.resume")
    assert resume.locator("summary").inner_text() == said(language, "J'ai déjà un dossier")
    assert resume.bounding_box()["y"] < PHONE["height"], "on the first screen of a phone"
    resume.locator("summary").click()
    check_state(page, axe_source, f"{language}-resume-open", found)

    page.locator("#f-dossier").set_input_files(
        files=[{"name": "photo.json", "mimeType": "application/json", "buffer": b'{"photo": 1}'}])
    submit(page, said(language, "Reprendre ce dossier"))
    error = page.locator("#f-dossier-error")
    assert page.locator("details.resume").get_attribute("open") is not None
    assert said(language, "Ce fichier n'est pas un dossier enregistré par Recours. Choisissez le fichier "
                          "« recours-dossier-… .json » que Recours vous a fait enregistrer. Pour un "
                          "courrier de l'organisme, remplissez plutôt le formulaire ci-dessous."
                ) in flat(error.inner_text())
    check_state(page, axe_source, f"{language}-resume-not-a-case", found)

    case = {**json.loads(json.dumps(CAF_FORM_CASE)),
            "events": [{"date": "2026-11-20", "kind": "sent", "letter": "explanation"}]}
    page.locator("#f-dossier").set_input_files(files=[{
        "name": "recours-dossier-2026-11-20.json", "mimeType": "application/json",
        "buffer": json.dumps(case).encode()}])
    submit(page, said(language, "Reprendre ce dossier"))
    assert page.locator("ul.progress li").count() == 1, "the follow-up, where it was left"
    assert carried_case(page)["events"] == case["events"]
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


CAF_FORM_CASE = {
    "person": {"name": "Samia Benali", "address": ["12 rue des Lilas", "33000 Bordeaux"]},
    "organisation": {"kind": "caf", "name": "CAF de la Gironde"},
    "decision": {"kind": "overpayment", "benefit": "prime_activite", "date": "2026-11-10",
                 "amount": 2340},
    "wants": ["explanation", "human_review", "contest"],
}
