"""Every error is a real page in French, or JSON on the API; never a traceback."""

from __future__ import annotations

import io

from flask import abort

from web import create_app, security

from .conftest import CAF_FORM, CASES, TODAY, load_case_data, token_of

SECRET = "Samia Benali, 12 rue des Lilas"


def make_app(**config):
    """An app that, like production, turns an unexpected exception into the 500 page."""
    app = create_app({"TESTING": True, "TODAY": TODAY, "PROPAGATE_EXCEPTIONS": False,
                      "RATE_LIMIT_POSTS": 1000, **config})

    def crash():
        raise RuntimeError(f"an unexpected bug while handling {SECRET}")

    def unprocessable():
        abort(422)

    for prefix in ("", "/api/v1"):
        app.add_url_rule(f"{prefix}/test-crash", f"crash{prefix}", security.csrf_exempt(crash),
                         methods=["GET", "POST"])
        app.add_url_rule(f"{prefix}/test-422", f"unprocessable{prefix}", unprocessable)
    return app


def html_errors(**headers):
    app = make_app(RATE_LIMIT_POSTS=2)  # the download (a file costs 2), then the form is one too many
    client = app.test_client()
    token = token_of(client.get("/"))
    got = {
        400: client.post("/telecharger", data={"csrf_token": token, "case": "{oops", "format": "zip"},
                         headers=headers),
        429: client.post("/", data={**CAF_FORM, "csrf_token": token}, headers=headers),
    }
    client = make_app().test_client()
    token = token_of(client.get("/"))
    got |= {
        404: client.get("/nulle-part", headers=headers),
        405: client.get("/telecharger", headers=headers),
        413: client.post("/", data={"csrf_token": token, "decision.description": "x" * 300_000},
                         headers=headers),
        422: client.get("/test-422", headers=headers),
        500: client.get("/test-crash", headers=headers),
    }
    return got


TITLES = {
    400: "La demande n'a pas pu être lue", 404: "Page introuvable", 405: "Action impossible",
    413: "Envoi trop volumineux", 422: "Des informations sont à corriger", 429: "Trop de demandes",
    500: "Une erreur est survenue",
}


def test_each_error_is_a_real_page_in_french_with_a_way_back():
    pages = html_errors()
    assert set(pages) == set(TITLES)
    for code, page in pages.items():
        assert page.status_code == code
        assert page.mimetype == "text/html"
        assert '<html lang="fr"' in page.text
        assert f"<h1>{TITLES[code]}</h1>" in page.text.replace("&#39;", "'"), code
        assert 'href="/"' in page.text and "Revenir au formulaire" in page.text
        assert "Traceback" not in page.text and "RuntimeError" not in page.text
        assert SECRET not in page.text


def test_each_error_page_speaks_the_language_the_browser_asks_for():
    for code, page in html_errors(**{"Accept-Language": "en-GB,en;q=0.9"}).items():
        assert page.status_code == code
        assert '<html lang="en"' in page.text, code
        assert TITLES[code] not in page.text.replace("&#39;", "'"), code
    assert "<h1>Page not found</h1>" in html_errors(**{"Accept-Language": "en"})[404].text


def test_a_form_with_errors_is_a_422_page_with_each_error_next_to_its_field(browser):
    page = browser.submit({**CAF_FORM, "decision.date": "2026-02-30"})
    assert page.status_code == 422
    assert '<html lang="fr"' in page.text
    assert "La date de la décision n&#39;existe pas dans le calendrier." in page.text
    assert 'value="Samia Benali"' in page.text  # nothing typed is lost


def api_errors():
    client = make_app(RATE_LIMIT_POSTS=1).test_client()
    case = load_case_data("bank-credit-refusal")
    client.post("/api/v1/letters", json=case)
    got = {429: client.post("/api/v1/letters", json=case)}
    client = make_app().test_client()
    got |= {
        400: client.post("/api/v1/letters", data="{oops", content_type="application/json"),
        404: client.post("/api/v1/letters?format=docx&letter=nope", json=case),
        405: client.get("/api/v1/letters"),
        413: client.post("/api/v1/letters", data="[" + " " * 300_000 + "]", content_type="application/json"),
        422: client.post("/api/v1/letters",
                         json={**case, "decision": {"kind": "refusal", "date": "2099-01-01"}}),
        500: client.post("/api/v1/test-crash", json=case),
    }
    return got


def test_each_api_error_is_json_with_a_french_message():
    responses = api_errors()
    assert set(responses) == set(TITLES)
    for code, got in responses.items():
        assert got.status_code == code
        assert got.is_json, code
        errors = got.get_json()["errors"]
        assert errors and all(e["field"] and e["message"] for e in errors), code
        assert SECRET not in got.text and "Traceback" not in got.text
    assert responses[422].get_json()["errors"][0]["field"] == "decision.date"
    assert "rien n'a été conservé" in responses[500].get_json()["errors"][0]["message"]



def test_a_405_names_the_methods_the_address_accepts():
    client = make_app().test_client()
    for path in ("/telecharger", "/api/v1/letters"):
        got = client.get(path)
        assert got.status_code == 405, path
        assert set(got.headers["Allow"].replace(" ", "").split(",")) >= {"POST"}, path
        assert "GET" not in got.headers["Allow"].split(", "), path
    assert "GET" in client.put("/glossaire").headers["Allow"].split(", ")


def chunked(client, path: str, body: bytes, content_type: str):
    """A body sent with ``Transfer-Encoding: chunked``: no Content-Length for the app to check."""
    return client.post(path, input_stream=io.BytesIO(body), content_type=content_type,
                       headers={"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})


def test_a_chunked_body_over_the_limit_is_a_413_like_any_other():
    client = make_app().test_client()
    token = token_of(client.get("/"))
    api = chunked(client, "/api/v1/letters", b"[" + b" " * 300_000 + b"]", "application/json")
    assert api.status_code == 413 and api.is_json
    page = chunked(client, "/", f"csrf_token={token}&decision.description=".encode() + b"x" * 300_000,
                   "application/x-www-form-urlencoded")
    assert page.status_code == 413 and "<h1>Envoi trop volumineux</h1>" in page.text
    case = (CASES / "caf-prime-activite-indu.json").read_bytes()
    assert chunked(client, "/api/v1/letters", case, "application/json").status_code == 200
