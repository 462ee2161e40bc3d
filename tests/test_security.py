"""Security of the web layer: headers, cookies, CSRF on every form, escaping, safe file names."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import secrets
from pathlib import Path

import pytest
from flask import render_template_string
from jinja2 import StrictUndefined, UndefinedError

from letters.export import filename
from web import create_app, security

from .conftest import CAF_FORM, TODAY, load_case_data, packet_for, token_of

TEMPLATES = Path(__file__).parent.parent / "templates"


def responses_of_every_kind(client, browser):
    """A page, a page with errors, the packet, a download, a static file, an error, the API."""
    packet = browser.submit(CAF_FORM)
    token = token_of(packet)
    case = html.unescape(re.search(r'name="case" value="([^"]+)"', packet.text).group(1))
    case_data = load_case_data("caf-prime-activite-indu")
    stylesheet = client.get("/static/recours.css")
    stylesheet.close()  # a file response: close it, its headers stay
    return {
        "form": client.get("/"),
        "form with errors": browser.submit({**CAF_FORM, "person.name": ""}),
        "packet": packet,
        "download": client.post("/telecharger", data={"csrf_token": token, "case": case,
                                                      "format": "docx", "letter": "recourse"}),
        "stylesheet": stylesheet,
        "privacy": client.get("/confidentialite"),
        "not found": client.get("/nulle-part"),
        "api": client.post("/api/v1/letters", json=case_data),
        "api error": client.post("/api/v1/letters", json={"person": {}}),
        "api file": client.post("/api/v1/letters?format=zip", json=case_data),
    }


def test_every_response_carries_the_protective_headers(client, browser):
    for name, got in responses_of_every_kind(client, browser).items():
        assert got.status_code < 500, name
        headers = got.headers
        csp = headers.get("Content-Security-Policy", "")
        assert "default-src 'none'" in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert "style-src 'self'" in csp and "script-src 'self'" in csp, name
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name
        assert headers.get("X-Content-Type-Options") == "nosniff", name
        assert headers.get("Referrer-Policy") == "no-referrer", name
        assert "camera=()" in headers.get("Permissions-Policy", ""), name
        assert "geolocation=()" in headers.get("Permissions-Policy", ""), name
        assert headers.get("X-Frame-Options") == "DENY", name
        assert "Strict-Transport-Security" not in headers, name  # plain HTTP here


def test_pages_and_letters_are_never_cached_but_the_stylesheet_may_be(client, browser):
    got = responses_of_every_kind(client, browser)
    for name in ("form", "packet", "download", "api", "api file", "privacy"):
        assert got[name].headers.get("Cache-Control") == "no-store", name
    assert got["stylesheet"].headers.get("Cache-Control") != "no-store"


def test_hsts_and_secure_cookies_over_https(app):
    client = app.test_client()
    page = client.get("/", base_url="https://recours.example")
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = next(c for c in page.headers.getlist("Set-Cookie") if c.startswith("recours_csrf="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=strict"} <= flags


def test_the_csrf_cookie_over_plain_http_is_still_httponly_and_strict(client):
    cookie = next(c for c in client.get("/").headers.getlist("Set-Cookie")
                  if c.startswith("recours_csrf="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict"} <= flags


def test_templates_have_no_inline_style_or_script_and_load_nothing_from_elsewhere():
    """The CSP forbids inline code; a template that used some would break in the browser."""
    for path in sorted(TEMPLATES.glob("*.html")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle\s*=", source), path.name
        assert "<style" not in source, path.name
        assert not re.search(r"<script(?![^>]*\ssrc=)", source), path.name
        assert not re.search(r"\son[a-z]+\s*=", source), path.name
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", source):
            assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", tag), (path.name, tag)


def test_the_letter_preview_in_the_packet_page_has_no_inline_style(browser):
    page = browser.submit(CAF_FORM)
    assert not re.search(r"\sstyle\s*=", page.text)
    assert "<style" not in page.text


def post_routes(app):
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "POST" in (rule.methods or ()) and not rule.rule.startswith("/api/"))


def test_every_form_route_refuses_a_post_without_the_token(app):
    """Whatever routes exist now or later, none acts on a forged cross-site POST."""
    routes = post_routes(app)
    assert {"/", "/telecharger", "/modifier"} <= set(routes)
    case = '{"person": {"name": "Samia"}}'
    for route in routes:
        no_cookie = app.test_client()
        got = no_cookie.post(route, data={**CAF_FORM, "csrf_token": "x" * 43, "case": case})
        assert got.status_code == 400, route
        with_cookie = app.test_client()
        with_cookie.get("/")
        got = with_cookie.post(route, data={**CAF_FORM, "csrf_token": "forged", "case": case})
        assert got.status_code == 400, route
        assert "Vos lettres" not in got.text, route


def test_every_post_form_on_the_pages_carries_the_token(browser):
    pages = {"form": browser.client.get("/"), "packet": browser.submit(CAF_FORM)}
    for name, page in pages.items():
        forms = re.findall(r"<form\b[^>]*>.*?</form>", page.text, flags=re.S)
        posting = [f for f in forms if re.search(r'method="post"', f, flags=re.I)]
        assert posting, name
        for form in posting:
            assert 'name="csrf_token"' in form, (name, form[:120])


def test_the_token_pages_carry_is_the_cookie_security_checks(browser):
    page = browser.client.get("/")
    cookie = browser.client.get_cookie(security.CSRF_COOKIE)
    assert cookie is not None
    assert f'name="{security.CSRF_FIELD}" value="{cookie.value}"' in page.text


def test_the_api_refuses_a_cross_site_form_post(client):
    """A page elsewhere can post a form (text/plain or urlencoded) but not JSON without asking."""
    for content_type in ("application/x-www-form-urlencoded", "text/plain", "multipart/form-data"):
        got = client.post("/api/v1/letters", data='{"person": {}}', content_type=content_type)
        assert got.status_code == 400, content_type
        assert got.is_json and "Content-Type: application/json" in got.get_json()["errors"][0]["message"]


def test_typed_markup_comes_back_as_text_everywhere(browser):
    payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    page = browser.submit({**CAF_FORM, "person.name": payload, "decision.description": payload,
                           "organisation.name": payload})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    hidden = re.search(r'name="case" value="([^"]*)"', page.text).group(1)
    assert json.loads(html.unescape(hidden))["person"]["name"] == payload  # kept whole, as text


def test_every_page_template_is_autoescaped_and_has_no_safe_filter(app):
    with app.app_context():
        for path in sorted(TEMPLATES.glob("*.html")):
            source = path.read_text(encoding="utf-8")
            assert app.select_jinja_autoescape(path.name), path.name
            assert "|safe" not in source.replace(" ", ""), path.name
            assert "autoescape false" not in source, path.name


def test_a_missing_variable_in_a_page_is_an_error_not_a_blank(app):
    assert app.jinja_env.undefined is StrictUndefined
    with app.test_request_context("/"), pytest.raises(UndefinedError):
        render_template_string("<p>{{ nothing_by_that_name }}</p>")


@pytest.mark.parametrize("name", [
    '../../etc/passwd', 'lettre"; filename=evil.exe', "ligne\r\nSet-Cookie: x=1", "été à l'École.docx",
    "", "...", "\x00\x1f.docx", "a" * 300,
])
def test_content_disposition_file_names_cannot_break_the_header_or_a_path(name):
    value = security.attachment(name)
    chosen = re.fullmatch(r'attachment; filename="([A-Za-z0-9._-]+)"', value)
    assert chosen, value
    assert "/" not in chosen.group(1) and not chosen.group(1).startswith(".")


def test_letter_file_names_are_safe_even_for_a_hostile_title():
    letter = packet_for("caf-prime-activite-indu").letters[0]
    hostile = dataclasses.replace(letter, title='../"x"\r\nSet-Cookie: a=b ; été')
    name = filename(hostile, "docx", 1)
    assert re.fullmatch(r"[a-z0-9-]+\.docx", name), name
    assert security.attachment(name) == f'attachment; filename="{name}"'


def test_letter_templates_fail_on_a_missing_variable_and_the_html_letter_is_autoescaped():
    from letters.compose import letter_languages
    from letters.prose import environment
    from letters.render.html import _templates

    for language in letter_languages():
        assert environment(language).undefined is StrictUndefined, language
        with pytest.raises(UndefinedError):
            environment(language).from_string("Madame, {{ no_such_variable }}").render()
    html_letters = _templates()
    assert html_letters.undefined is StrictUndefined
    assert html_letters.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_the_examples_in_the_web_layer_docstrings_hold():
    import doctest

    from web import languages, ratelimit

    for module in (security, ratelimit, languages):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


# -- Tokens the server signs, and posts from this site only

def test_an_equal_cookie_and_field_the_server_never_issued_are_refused(app):
    for made_up in ("a" * 43, "A" * 22 + "." + "B" * 43, secrets.token_urlsafe(32)):
        client = app.test_client()
        client.set_cookie(security.CSRF_COOKIE, made_up)
        got = client.post("/telecharger", data={"csrf_token": made_up, "case": "{}", "format": "zip"})
        assert got.status_code == 400, made_up
        form = client.post("/", data={**CAF_FORM, "csrf_token": made_up})
        assert form.status_code == 400 and 'value="Samia Benali"' in form.text  # given back to resend
        assert client.get_cookie(security.CSRF_COOKIE).value != made_up  # replaced by a signed one


def test_tokens_are_signed_with_the_secret_key_and_another_key_refuses_them():
    one = create_app({"TESTING": True, "TODAY": TODAY, "SECRET_KEY": "one key"})
    same = create_app({"TESTING": True, "TODAY": TODAY, "SECRET_KEY": "one key"})
    other = create_app({"TESTING": True, "TODAY": TODAY, "SECRET_KEY": "another key"})
    token = token_of(one.test_client().get("/"))
    for app, expected in ((one, 200), (same, 200), (other, 400)):
        client = app.test_client()
        client.set_cookie(security.CSRF_COOKIE, token)
        assert client.post("/", data={**CAF_FORM, "csrf_token": token}).status_code == expected


def test_without_a_secret_key_each_instance_makes_its_own(monkeypatch):
    monkeypatch.delenv("RECOURS_SECRET_KEY", raising=False)
    keys = {create_app({"TESTING": True}).config["SECRET_KEY"] for _ in range(3)}
    assert len(keys) == 3 and all(len(k) >= 40 for k in keys)
    monkeypatch.setenv("RECOURS_SECRET_KEY", "from the environment")
    assert create_app({"TESTING": True}).config["SECRET_KEY"] == "from the environment"


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"}, {"Origin": "http://localhost.evil.example"},
    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
], ids=lambda h: " ".join(f"{k}={v}" for k, v in h.items()))
def test_a_form_posted_from_another_site_gets_the_400_page_even_with_a_good_token(app, browser, headers):
    token, case = browser.packet(CAF_FORM)
    for route in post_routes(app):
        got = browser.client.post(route, data={**CAF_FORM, "csrf_token": token, "case": case,
                                               "format": "txt", "letter": "recourse"}, headers=headers)
        assert got.status_code == 400, route
        assert "<h1>La demande n'a pas pu être lue</h1>" in got.text.replace("&#39;", "'"), route


@pytest.mark.parametrize("headers", [
    {}, {"Origin": "http://localhost"}, {"Origin": "null"}, {"Sec-Fetch-Site": "same-origin"},
    {"Sec-Fetch-Site": "same-origin", "Origin": "null"}, {"Sec-Fetch-Site": "none"},
], ids=lambda h: " ".join(f"{k}={v}" for k, v in h.items()) or "no header")
def test_a_form_posted_from_this_site_goes_through(browser, headers):
    token = browser.token()
    got = browser.client.post("/", data={**CAF_FORM, "csrf_token": token}, headers=headers)
    assert got.status_code == 200 and "Vos lettres" in got.text
    stale = browser.client.post("/", data={**CAF_FORM, "csrf_token": "stale"}, headers=headers)
    assert stale.status_code == 400 and 'value="Samia Benali"' in stale.text  # the form, kept
