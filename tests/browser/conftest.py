"""Real-browser fixtures: the app on a free loopback port, one headless Chromium per session.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; axe-core comes from the npm
registry at the version pinned in package-lock.json (`make test` installs both when missing).
Every page a test opens is watched: any request that leaves 127.0.0.1 is refused and recorded,
and the test fails on it.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.support import Translations
from werkzeug.serving import make_server

from web import create_app

from ..conftest import TODAY

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("RECOURS_CHROMIUM", "/usr/bin/chromium")
NARROW, WIDE = 360, 1280
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MISSING = "{} is missing: run `make test`, which installs it ({})."


def ui_languages() -> tuple[str, ...]:
    """Every interface language the app offers; a new one is tested without editing tests."""
    return tuple(create_app({"TESTING": True}).config["UI_LANGUAGES"])


@pytest.fixture(scope="session")
def live_app():
    return create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 0})


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[str]:
    """The app served by werkzeug on 127.0.0.1 and a port the system picks, in a thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(MISSING.format(CHROMIUM, "apt-get install chromium"))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(MISSING.format(AXE, "npm ci --prefix tests/browser"))
    return AXE.read_text(encoding="utf-8")


@dataclass
class Traffic:
    """What the pages of one test asked for: every URL, and the bytes each response carried."""

    origin: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def traffic(live_server) -> Traffic:
    return Traffic(origin=live_server)


def _watch(context, traffic: Traffic) -> None:
    origin = urlsplit(traffic.origin)

    def route(r) -> None:
        url = r.request.url
        traffic.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or (parts.hostname, parts.port) == (origin.hostname, origin.port):
            r.continue_()
        else:
            traffic.outside.append(url)
            r.abort("blockedbyclient")

    context.route("**/*", route)


def new_context(chromium, traffic: Traffic, **options):
    """A fresh profile (no cookies) whose every request is checked against the app's origin."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    options.setdefault("locale", "fr-FR")  # a browser set to French, as most users have
    options.setdefault("accept_downloads", True)
    context = chromium.new_context(**options)
    context.set_default_timeout(10_000)
    _watch(context, traffic)
    return context


@pytest.fixture
def context(chromium, traffic):
    context = new_context(chromium, traffic)
    yield context
    context.close()
    assert traffic.outside == [], f"requests left the machine: {traffic.outside}"


@pytest.fixture
def page(context):
    return context.new_page()


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations on the page as it is now, every rule axe runs by default."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, so a strict Content-Security-Policy on the
        # page (no inline script) does not have to be loosened for the test.
        page.evaluate(axe_source + "\n;0")
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""")


def explain(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


def check_state(page, axe_source: str, name: str, found: dict) -> None:
    """axe at full width, then the page at 360 px: no sideways scrolling, and photographs.

    The viewport the test had is given back afterwards.
    """
    before = page.viewport_size
    page.set_viewport_size({"width": WIDE, "height": 900})
    found[name] = run_axe(page, axe_source)
    screenshot(page, f"{name}-{WIDE}")
    page.set_viewport_size({"width": NARROW, "height": 800})
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found[name].append({"id": "narrow-overflow", "help": f"{overflow}px wider than {NARROW}px"})
    found[f"{name}-{NARROW}"] = run_axe(page, axe_source)  # reflowed layout, same rules
    screenshot(page, f"{name}-{NARROW}")
    page.set_viewport_size(before)


@lru_cache(maxsize=8)
def _catalog(language: str) -> Translations:
    return Translations.load(str(ROOT / "translations"), [language])


def said(language: str, message: str, **params) -> str:
    """What a page in ``language`` shows for a French interface message (its catalog's words).

    Whitespace is folded the way ``inner_text`` folds it, so the two compare.
    """
    text = message if language == "fr" else _catalog(language).gettext(message)
    return flat(text % params if params else text)


def flat(text: str) -> str:
    """Text with every run of spaces (no-break ones too) as one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def screenshot(page, name: str) -> Path:
    """A full-page PNG under test-artifacts/, kept for people to look at (never compared)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_app(page, base: str, language: str, path: str = "/") -> None:
    """Open a page the way a person does: in a French browser, then pick the language."""
    page.goto(base + path)
    if page.locator("html").get_attribute("lang") != language:
        switch_language(page, language)


def switch_language(page, language: str) -> None:
    """Click the language's name in the switcher, as a person would."""
    with page.expect_navigation():
        page.locator(f"nav.languages [lang='{language}']:is(a, button)").click()
    assert page.locator("html").get_attribute("lang") == language


def fill_form(page, fields: dict) -> None:
    """Type each answer into the field named after its JSON path, whatever the language."""
    for name, value in fields.items():
        inputs = page.locator(f"[name='{name}']")
        kind = inputs.first.evaluate("e => e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase()")
        if kind == "select":
            inputs.select_option(value)
        elif kind == "radio":
            page.locator(f"[name='{name}'][value='{value}']").check()
        elif kind == "checkbox":
            for box in inputs.all():
                box.set_checked(box.get_attribute("value") in value)
        else:
            inputs.fill(value)


def submit(page, name: str | None = None) -> None:
    """Press the form's main button (the page's primary one unless a name is given)."""
    button = (page.get_by_role("button", name=name, exact=True) if name
              else page.locator("form button.primary").first)
    with page.expect_navigation():
        button.click()


def every_state(page, base: str, language: str, fields: dict) -> Iterator[str]:
    """Walk through every page and state a person meets, yielding each state's name.

    The form, the form with errors, the packet (letters closed, then open), the follow-up
    timeline and its errors, the glossary, the privacy page and the not-found page.
    """
    open_app(page, base, language)
    yield "form"
    submit(page)
    assert page.locator("#error-summary").is_visible()
    yield "form-errors"
    fill_form(page, fields)
    submit(page)
    assert page.locator(".letter-card").count() >= 1
    yield "packet"
    for summary in page.locator("details > summary").all():
        summary.click()
    yield "packet-letters-open"
    submit(page, page.locator("button[formaction$='/suivi']").inner_text())
    assert page.locator("table.dates").is_visible()
    yield "timeline"
    submit(page, page.locator("form[action$='/suivi/evenement'] button[type=submit]").last.inner_text())
    assert page.locator("#error-summary").is_visible()
    yield "timeline-errors"
    for path, name in (("/glossaire", "glossary"), ("/confidentialite", "privacy"),
                       ("/nulle-part", "not-found")):
        open_app(page, base, language, path)
        yield name
