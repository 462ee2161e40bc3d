"""The referral file on the timeline page, in a real browser and in every interface language:
the checks read in the page's language, a refused file said next to its field, the PDF
downloaded with the proof merged; axe finds nothing at 1280 and 360 px (screenshots kept)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ..bundle_helpers import pdf_bytes
from ..conftest import CAF_FORM
from .conftest import check_state, explain, fill_form, open_app, said, submit, ui_languages


def to_timeline(page, base: str, language: str) -> None:
    open_app(page, base, language)
    fill_form(page, CAF_FORM)
    submit(page)
    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    assert page.locator("#referral").is_visible()


@pytest.mark.parametrize("language", ui_languages())
def test_checks_then_the_referral_file(page, live_server, axe_source, language, tmp_path):
    found: dict = {}
    to_timeline(page, live_server, language)
    section = page.locator("#referral")
    section.locator("input[name='referral.authority'][value='cnil']").check()
    with page.expect_navigation():
        section.locator("button[name='action'][value='check']").click()
    assert said(language, "Ce que Recours a vérifié") in page.locator("#checks-title").inner_text()
    assert page.locator(".checks-list li").count() == 5
    assert page.locator("input[name='referral.authority'][value='cnil']").is_checked()
    check_state(page, axe_source, f"referral-checks-{language}", found)

    bad = tmp_path / "reponse.pdf"
    bad.write_bytes(b"PK\x03\x04 not a pdf")
    page.locator("#f-referral-proof-answer").set_input_files(str(bad))
    with page.expect_navigation():
        page.locator("#referral button.primary").click()
    error = page.locator("#f-referral-proof-answer-error")
    assert error.is_visible() and "reponse.pdf" in error.inner_text()
    check_state(page, axe_source, f"referral-error-{language}", found)

    good = tmp_path / "decision.pdf"
    good.write_bytes(pdf_bytes("Notification de la CAF de la Gironde"))
    page.locator("#f-referral-proof-notification").set_input_files(str(good))
    with page.expect_download() as started:
        page.locator("#referral button.primary").click()
    data = started.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert started.value.suggested_filename.startswith("dossier-saisine-cnil-")
    assert "Notification de la CAF de la Gironde" in text
    assert {name: v for name, v in found.items() if v} == {}, explain(found)


def test_enter_in_the_siren_field_checks_the_referral_file_not_the_event_form(page, live_server):
    to_timeline(page, live_server, "fr")
    section = page.locator("#referral")
    section.locator("input[name='referral.authority'][value='cnil']").check()
    siren = page.locator("#f-referral-siren")
    siren.fill("552 100 554")
    with page.expect_navigation():
        siren.press("Enter")
    assert page.url.endswith("/suivi/saisine#referral")
    assert page.locator("#checks-title").is_visible()
    assert page.locator("#error-summary").count() == 0  # the event form was not sent
    assert page.locator("#f-referral-siren").input_value() == "552 100 554"
    assert page.locator("input[name='referral.authority'][value='cnil']").is_checked()
