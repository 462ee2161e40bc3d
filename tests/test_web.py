"""The web flow through the test client: form, errors next to fields, preview, downloads, API."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile

import docx
import pytest

from .conftest import CAF_FORM, load_case_data, token_of


def test_the_form_asks_grouped_questions_in_french(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="fr"' in page.text
    for legend in ("1. Vous", "2. L'organisme qui a pris la décision", "3. La décision",
                   "5. Ce qui peut compter pour votre recours", "6. Ce que vous demandez"):
        assert legend in page.text
    assert "Je ne sais pas" in page.text
    assert 'name="csrf_token"' in page.text


def test_a_complete_form_gives_the_packet_preview(browser):
    page = browser.submit(CAF_FORM)
    assert page.status_code == 200
    assert "Vos lettres" in page.text
    assert "Demande d&#39;explication et de communication de mes données" in page.text
    assert "Recours devant la commission de recours amiable" in page.text
    assert "À envoyer au plus tard le 4 janvier 2027" in page.text
    shown = html.unescape(page.text).replace("\u00a0", " ").replace("\u2011", "-").replace("'", "&#39;")
    assert "article L. 311-3-1 du code des relations entre le public et l&#39;administration" in shown
    assert "Et ensuite ?" in page.text


def test_errors_are_shown_next_to_their_fields_and_at_the_top_with_everything_kept(browser):
    fields = {**CAF_FORM, "person.name": "", "decision.date": "2031-01-01",
              "decision.description": "Mon récit <b>important</b>"}
    page = browser.submit(fields)
    assert page.status_code == 422
    assert 'class="error-summary"' in page.text
    assert '<a href="#f-person-name">Votre nom est obligatoire.</a>' in page.text
    assert 'id="f-decision-date-error"' in page.text
    assert 'aria-invalid="true"' in page.text
    assert 'value="2031-01-01"' in page.text
    assert "Mon récit &lt;b&gt;important&lt;/b&gt;</textarea>" in page.text
    assert 'value="caf" selected' in page.text
    assert 'value="contest" checked' in page.text


def test_an_expired_token_gives_the_form_back_without_losing_anything(client):
    page = client.post("/", data={**CAF_FORM, "csrf_token": "forged"})
    assert page.status_code == 400
    assert "La page a expiré" in page.text
    assert 'value="Samia Benali"' in page.text


def test_a_post_without_the_cookie_is_refused(app):
    fresh = app.test_client()
    page = fresh.post("/", data={**CAF_FORM, "csrf_token": "x" * 43})
    assert page.status_code == 400
    assert "Vos lettres" not in page.text


def preview_case(browser) -> tuple[str, str]:
    return browser.packet(CAF_FORM)


def test_each_letter_downloads_as_docx_and_text(browser, client):
    token, case = preview_case(browser)
    got = client.post("/telecharger", data={"csrf_token": token, "case": case,
                                            "format": "docx", "letter": "recourse"})
    assert got.status_code == 200
    assert got.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert got.headers["Content-Disposition"] == (
        'attachment; filename="02-recours-devant-la-commission-de-recours-amiable.docx"')
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(got.data)).paragraphs)
    assert "Samia Benali" in text and "commission de recours amiable" in text
    txt = client.post("/telecharger", data={"csrf_token": token, "case": case,
                                            "format": "txt", "letter": "explanation"})
    assert txt.mimetype == "text/plain"
    assert txt.data.decode().startswith("Samia Benali\n12 rue des Lilas\n")


def test_all_letters_download_as_one_zip(browser, client):
    token, case = preview_case(browser)
    got = client.post("/telecharger", data={"csrf_token": token, "case": case, "format": "zip"})
    names = sorted(zipfile.ZipFile(io.BytesIO(got.data)).namelist())
    assert names == [
        "01-demande-d-explication-et-de-communication-de-mes-donnees.docx",
        "01-demande-d-explication-et-de-communication-de-mes-donnees.txt",
        "02-recours-devant-la-commission-de-recours-amiable.docx",
        "02-recours-devant-la-commission-de-recours-amiable.txt",
    ]


def test_modify_gives_the_form_back_filled(browser, client):
    token, case = preview_case(browser)
    page = client.post("/modifier", data={"csrf_token": token, "case": case})
    assert page.status_code == 200
    assert 'value="Samia Benali"' in page.text
    assert "12 rue des Lilas\n33000 Bordeaux</textarea>" in page.text


def test_a_tampered_case_field_is_a_clear_error(browser, client):
    token, _ = preview_case(browser)
    page = client.post("/telecharger", data={"csrf_token": token, "case": "{not json", "format": "zip"})
    assert page.status_code == 400
    assert "<h1>La demande n'a pas pu être lue</h1>" in page.text


def test_api_returns_the_packet(client):
    got = client.post("/api/v1/letters", json=load_case_data("caf-prime-activite-indu"))
    assert got.status_code == 200
    body = got.get_json()
    assert [x["id"] for x in body["letters"]] == ["explanation", "recourse"]
    recourse = body["letters"][1]
    assert recourse["send_by"] == "2027-01-04"
    assert recourse["answer_due"] == "2027-02-08" and recourse["timing"] == "before"
    assert recourse["recipient"][:2] == ["Commission de recours amiable", "CAF de la Gironde"]
    assert "css-l845-2" in recourse["bases"]
    assert recourse["text"].startswith("Samia Benali\n")
    assert body["next_steps"] and body["warnings"]


def test_api_zip_and_single_docx(client):
    case = load_case_data("bank-credit-refusal")
    archive = client.post("/api/v1/letters?format=zip", json=case)
    assert archive.mimetype == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(archive.data)).namelist()) == 4
    one = client.post("/api/v1/letters?format=docx&letter=explanation", json=case)
    assert one.status_code == 200
    assert docx.Document(io.BytesIO(one.data)).paragraphs[0].text == "Julien Petit"


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"person": {"name": ""}}, 422, "person.name"),
    ({**load_case_data("bank-credit-refusal"), "decision": {"kind": "refusal", "date": "2099-01-01"}},
     422, "decision.date"),
])
def test_api_bad_input_is_422_with_field_errors(client, body, status, field):
    got = client.post("/api/v1/letters", json=body)
    assert got.status_code == status
    assert field in [e["field"] for e in got.get_json()["errors"]]


def test_api_invalid_json_is_400_in_json(client):
    got = client.post("/api/v1/letters", data="{oops", content_type="application/json")
    assert got.status_code == 400
    assert got.get_json()["errors"][0]["field"] == "(document)"


def test_api_unknown_letter_or_format_is_a_json_error(client):
    case = load_case_data("bank-credit-refusal")
    assert client.post("/api/v1/letters?format=docx&letter=nope", json=case).status_code == 404
    got = client.post("/api/v1/letters?format=exe", json=case)
    assert got.status_code == 400 and got.is_json


def test_an_unknown_page_is_a_real_page(client):
    got = client.get("/nulle-part")
    assert got.status_code == 404
    assert "<h1>Page introuvable</h1>" in got.text


def test_an_oversized_post_is_a_real_page(client):
    got = client.post("/", data={"decision.description": "x" * 300_000})
    assert got.status_code == 413
    assert "Envoi trop volumineux" in got.text


def test_the_case_never_lands_in_a_cookie(browser):
    page = browser.submit(CAF_FORM)
    cookies = " ".join(page.headers.getlist("Set-Cookie"))
    assert "Benali" not in cookies and "Samia" not in cookies
    assert json.dumps(CAF_FORM["person.name"]) not in cookies


# -- The packet page: how to send each letter, and the person's own words.

def card(page_text: str, kind: str) -> str:
    """One letter card's HTML, read as text (entities decoded)."""
    page_text = html.unescape(page_text)
    start = page_text.index(f'data-kind="{kind}"')
    return page_text[start:page_text.index("</section>", start)]


def previews(page_text: str) -> str:
    """What the letters say on the packet page (their previews), not the data the page carries."""
    return " ".join(re.findall(r'<div class="letter-preview" dir="ltr">(.*?)</div>', page_text, re.S))


def test_each_card_lists_the_ways_its_kind_gives_in_that_order(browser):
    page = browser.submit(CAF_FORM).text
    explanation, recourse = card(page, "explanation"), card(page, "recourse")
    order = [explanation.index(w) for w in ("Par votre espace en ligne", "En la déposant à l'accueil",
                                            "En lettre recommandée")]
    assert order == sorted(order), "free first where it is safe"
    assert recourse.index("En lettre recommandée") < recourse.index("En la déposant")
    assert "Par votre espace en ligne" not in recourse, "a recourse's date must be provable"
    assert "C'est le plus sûr pour cette lettre" in recourse
    assert "C'est le plus sûr pour cette lettre" not in explanation


def test_the_court_sheet_is_never_shown_as_a_letter_to_send(client):
    data = load_case_data("caf-prime-activite-indu")
    data["decision"]["date"] = "2026-09-01"
    data["events"] = [{"date": "2026-09-12", "kind": "sent", "letter": "recourse"},
                      {"date": "2026-11-02", "kind": "answer", "letter": "recourse", "answer": "rejected"}]
    token = token_of(client.get("/"))
    page = client.post("/lettres", data={"csrf_token": token, "case": json.dumps(data)}).text
    sheet, defenseur = card(page, "court_info"), card(page, "defenseur")
    assert "Comment l'envoyer" not in sheet and "À envoyer avant le" not in sheet
    assert "recommandée" not in sheet.split('class="downloads"')[0]
    assert "ne l'envoyez pas" in sheet
    assert "Par courrier, sans timbre" in defenseur and "Libre réponse 71120" in defenseur
    assert 'href="https://www.defenseurdesdroits.fr/"' in defenseur
    assert "Par courrier, sans timbre" in defenseur.split("Par son formulaire en ligne")[0]


def test_the_packet_shows_the_persons_own_words_and_leaves_them_out_on_request(browser, client):
    story = "طلبت مني الكاف إرجاع 2340 يورو"
    token, case = browser.packet({**CAF_FORM, "decision.description": story})
    page = client.post("/lettres", data={"csrf_token": token, "case": case}).text
    assert story in previews(page)
    words = page[page.index('id="words"'):page.index('class="letters"')]
    assert f'<blockquote class="typed" dir="auto">{story}</blockquote>' in words
    assert "alphabet arabe" in words
    out = client.post("/mes-mots", data={"csrf_token": token, "case": case, "in_letters": "no"})
    assert out.status_code == 200
    carried_case = json.loads(html.unescape(out.text.split('name="case" value="')[1].split('"')[0]))
    assert carried_case["decision"]["description_in_letters"] is False
    assert carried_case["decision"]["description"] == story
    assert story not in previews(out.text), "no letter quotes it any more"
    assert "Remettre mes mots dans les lettres" in out.text
    back = client.post("/mes-mots", data={"csrf_token": token, "case": json.dumps(carried_case),
                                          "in_letters": "yes"})
    assert story in previews(back.text)


def test_no_words_section_without_a_description(browser):
    page = browser.submit({**CAF_FORM, "decision.description": ""}).text
    assert 'id="words"' not in page
