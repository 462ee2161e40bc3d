"""WCAG 2.1 AA in a real browser: axe-core on every page and state, in every interface language.

Each state is also photographed at 360 and 1280 px wide into test-artifacts/ (for people to
look at) and checked for sideways scrolling at 360 px.
"""

from __future__ import annotations

import pytest

from ..conftest import CAF_FORM
from .conftest import check_state, every_state, explain, fill_form, open_app, run_axe, submit, ui_languages


@pytest.mark.parametrize("language", ui_languages())
def test_every_page_and_state_passes_axe_in_each_language(page, live_server, axe_source, language):
    found: dict[str, list] = {}
    for state in every_state(page, live_server, language, CAF_FORM):
        check_state(page, axe_source, f"{language}-{state}", found)
    assert len(found) == 2 * 9
    failing = {state: v for state, v in found.items() if v}
    assert not failing, explain(failing)


def test_the_printable_letter_page_passes_axe(page, live_server, axe_source):
    open_app(page, live_server, "fr")
    fill_form(page, CAF_FORM)
    submit(page)
    with page.expect_download() as download:
        page.locator(".letter-card").first.locator("button[value=html]").click()
    page.set_content(download.value.path().read_text(encoding="utf-8"))
    assert page.locator("h1.subject").count() == 1
    violations = run_axe(page, axe_source)
    assert violations == [], explain(violations)
