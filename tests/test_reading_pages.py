"""The first page reads the notification; the next one shows what was read, to confirm or correct.

Nothing read is used before the person says it is right; a file that cannot be read gets its
reason in the page's language and the way on without it.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from letters.notification import files

from .conftest import token_of
from .interview_walk import confirm, confirm_names, hidden, pasted, read, step_of

NOTIFICATIONS = Path(__file__).parent / "notifications"


def test_the_first_page_asks_for_the_notification_before_any_question(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "<h1>Photographiez ou déposez votre courrier</h1>" in page.text
    assert 'type="file" id="f-file" name="file"' in page.text and 'name="text"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    for question in ("person.name", "decision.kind", "organisation.kind"):
        assert f'name="{question}"' not in page.text
    # The ways on without the letter: the interview from its start, and everything on one page.
    assert 'href="/etapes"' in page.text and 'href="/formulaire"' in page.text


def test_a_pdf_is_read_and_each_field_is_shown_with_the_words_it_was_read_from(client):
    pdf = (NOTIFICATIONS / "caf-indu-prime-activite.pdf").read_bytes()
    page = read(client, file=(io.BytesIO(pdf), "courrier.pdf"))
    assert page.status_code == 200
    assert "<h1>Ce que dit votre courrier</h1>" in page.text
    assert "Le montant : <strong dir=\"auto\">2340,50 €</strong>" in page.text
    assert "Le montant de l&#39;indu s&#39;élève à 2 340,50 €." in page.text  # its source
    assert "confirm.decision.amount" in confirm_names(page)
    assert "confirm.decision.period" in confirm_names(page)


def test_nothing_read_is_used_before_the_person_says_it_is_right(client):
    page = read(client, pasted("caf-indu-prime-activite"))
    unanswered = client.post("/confirmer", data={"csrf_token": token_of(page),
                                                  "reading": hidden(page, "reading")})
    assert unanswered.status_code == 422
    assert "Dites si c'est juste" in html.unescape(unanswered.text)
    # Every line said right: the interview starts, those fields shown as facts and not asked.
    step = confirm(client, page)
    assert step.status_code == 200
    number, total, _ = step_of(step)
    assert number == 1 and total >= 2
    case = json.loads(hidden(step, "case"))
    assert case["decision"]["amount"] == 2340.5 and case["organisation"]["kind"] == "caf"
    assert "decision.amount" in json.loads(hidden(step, "read"))
    assert 'name="decision.amount"' not in step.text


def test_a_line_said_wrong_is_asked_again_filled_with_what_was_read(client):
    page = read(client, pasted("caf-indu-prime-activite"))
    step = confirm(client, page, {"confirm.decision.date": "no"})
    assert "decision.date" not in json.loads(hidden(step, "read"))
    assert 'name="decision.date"' in step.text and 'value="10/11/2026"' in step.text


def test_the_mentions_the_notification_lacks_are_said_in_plain_words(client):
    page = read(client, pasted("caf-suspension-aides-logement"))
    assert "Ce que votre courrier ne dit pas, alors que la loi l'exige" in page.text
    assert "Le courrier ne dit pas pourquoi cette décision a été prise." in page.text
    assert "Avez-vous donné toutes les pages du courrier ?" in page.text
    step = confirm(client, page, {"confirm.pages": "yes"})
    case = json.loads(hidden(step, "case"))
    lacked = {k for k, v in case["decision"].items() if v is False}
    assert lacked, case["decision"]
    # Not every page given: what the reader did not see is not taken as missing.
    unsure = confirm(client, read(client, pasted("caf-suspension-aides-logement")), {"confirm.pages": "no"})
    assert not {k for k, v in json.loads(hidden(unsure, "case"))["decision"].items() if v is False}


@pytest.mark.parametrize(("upload", "status", "words"), [
    ((b"PK\x03\x04 not a letter", "courrier.docx"), 422, "Les fichiers « .docx » ne sont pas lus"),
    ((b"", "vide.pdf"), 422, "Le fichier est vide"),
    ((b"%PDF-1.7 broken", "abime.pdf"), 422, "Le fichier est abîmé"),
    ((b"x" * (files.MAX_BYTES + 10), "lourd.txt"), 413, "10 Mo au plus"),
])
def test_a_file_that_cannot_be_read_gets_its_reason_and_the_way_on_without_it(client, upload, status, words):
    page = read(client, file=(io.BytesIO(upload[0]), upload[1]))
    assert page.status_code == status
    assert words in page.text.replace("&#39;", "'")
    assert 'href="/etapes"' in page.text  # the questions, without the letter


def test_a_body_over_the_upload_limit_still_gets_the_first_page_with_the_limit(client):
    token = token_of(client.get("/"))
    big = io.BytesIO(b"x" * (files.MAX_BYTES + 1024 * 1024))
    # Encoded in memory here too: the test client would spool so large a body to a file.
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(big, "x.jpg")})
    page = client.post("/lire", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert page.status_code == 413 and "10 Mo au plus" in page.text


def test_a_blurred_photo_is_refused_in_the_page_language(client):
    blurred = Image.new("RGB", (1200, 1600), "white")
    out = io.BytesIO()
    blurred.save(out, "JPEG")
    client.get("/formulaire?lang=en")
    page = read(client, file=(io.BytesIO(out.getvalue()), "photo.jpg"))
    assert page.status_code == 422
    assert 'lang="en"' in page.text and "Photographiez" not in page.text.split("<main")[1]


def test_pasted_text_is_kept_when_it_cannot_be_read(client):
    page = read(client, "trop court")
    assert page.status_code == 422 and "trop court" in page.text
    assert "Ce texte est trop court pour être un courrier" in page.text


def test_without_the_photo_reader_the_page_says_to_paste_the_text_and_when_to_come_back(client, monkeypatch):
    from letters.notification import ocr

    monkeypatch.setattr(ocr, "TESSERACT", "tesseract-not-installed")
    photo = (NOTIFICATIONS / "caf-indu-prime-activite.photo.jpg").read_bytes()
    page = read(client, file=(io.BytesIO(photo), "photo.jpg"))
    assert page.status_code == 503 and "Retry-After" in page.headers
    assert "recopiez le texte du courrier" in page.text


# -- The API: the same reading, as data

def test_the_api_reads_a_file_sent_as_multipart(client):
    pdf = (NOTIFICATIONS / "caf-indu-prime-activite.pdf").read_bytes()
    got = client.post("/api/v1/notifications", data={"file": (io.BytesIO(pdf), "courrier.pdf")},
                      content_type="multipart/form-data")
    assert got.status_code == 200
    body = got.get_json()
    assert set(body) == {"case", "found", "missing_mentions"}
    assert body["case"]["decision"]["amount"] == 2340.5
    assert {"field": "decision.amount", "value": 2340.5,
            "source": "Le montant de l'indu s'élève à 2 340,50 €."} in body["found"]


def test_the_api_reads_pasted_text_and_names_the_missing_mentions_by_basis(client):
    got = client.post("/api/v1/notifications", json={"text": pasted("caf-suspension-aides-logement")})
    assert got.status_code == 200
    ids = [m["id"] for m in got.get_json()["missing_mentions"]]
    assert ids == ["crpa-l311-3-1", "crpa-l211-5", "cja-r421-5"]
    assert all(m["basis"] and m["message"] for m in got.get_json()["missing_mentions"])


@pytest.mark.parametrize(("request_kwargs", "status"), [
    ({"json": {}}, 400),
    ({"json": {"text": 12}}, 400),
    ({"data": "pas du JSON", "content_type": "application/json"}, 400),
    ({"json": {"text": "x" * 20_001}}, 413),
    ({"json": {"text": "trop court"}}, 422),
    ({"data": {"file": (io.BytesIO(b"PK\x03\x04"), "a.docx")}, "content_type": "multipart/form-data"}, 422),
])
def test_the_api_refuses_what_it_cannot_read_in_the_usual_errors_shape(client, request_kwargs, status):
    got = client.post("/api/v1/notifications", **request_kwargs)
    assert got.status_code == status
    errors = got.get_json()["errors"]
    assert errors and all(set(e) == {"field", "message"} and e["message"] for e in errors)


def test_the_api_says_when_to_come_back_without_the_photo_reader(client, monkeypatch):
    from letters.notification import ocr

    monkeypatch.setattr(ocr, "TESSERACT", "tesseract-not-installed")
    photo = (NOTIFICATIONS / "caf-indu-prime-activite.photo.jpg").read_bytes()
    got = client.post("/api/v1/notifications", data={"file": (io.BytesIO(photo), "p.jpg")},
                      content_type="multipart/form-data")
    assert got.status_code == 503 and int(got.headers["Retry-After"]) > 0
    assert "recopiez le texte" in got.get_json()["errors"][0]["message"]


def test_the_api_needs_no_form_token_but_the_page_does(client):
    assert client.post("/api/v1/notifications", json={"text": pasted("cpam-c2s-refus")}).status_code == 200
    page = client.post("/lire", data={"text": pasted("cpam-c2s-refus")})
    assert page.status_code == 400 and "La page a expiré" in html.unescape(page.text)


def walk_to_the_letters(client, page):
    from .interview_walk import go

    while 'class="step-count"' in page.text and page.status_code == 200:
        page = go(client, page, {"person.address": "5 rue Paul Bert\n69100 Villeurbanne"})
    assert "Vos lettres" in page.text, html.unescape(page.text)[-1500:]
    return html.unescape(page.text)


def test_the_letters_say_what_the_notification_lacked_once_the_person_gave_every_page(client):
    page = read(client, pasted("caf-suspension-aides-logement"))
    letters = walk_to_the_letters(client, confirm(client, page, {"confirm.pages": "yes"}))
    assert "Le courrier que j'ai reçu ne comporte pas" in letters  # no algorithm mention
    assert "La décision ne m'a pas été motivée de façon suffisante" in letters  # no reasons
    assert "La notification que j'ai reçue ne mentionnait pas" in letters  # no voies et délais
    # Pages left out: what they might say is unknown, and no letter says it is missing.
    page = read(client, pasted("caf-suspension-aides-logement"))
    letters = walk_to_the_letters(client, confirm(client, page, {"confirm.pages": "no"}))
    assert "Le courrier que j'ai reçu ne comporte pas" not in letters
    assert "La notification que j'ai reçue ne mentionnait pas" not in letters


def test_reading_a_file_costs_as_much_as_a_pdf_in_the_rate_limit_and_a_text_as_a_page():
    from web import create_app

    from .conftest import TODAY

    client = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 12}).test_client()
    pdf = (NOTIFICATIONS / "cpam-c2s-refus.pdf").read_bytes()

    def send_file():
        return client.post("/api/v1/notifications", data={"file": (io.BytesIO(pdf), "c.pdf")},
                           content_type="multipart/form-data").status_code

    assert [send_file(), send_file()] == [200, 200]  # 6 + 6 of 12
    assert send_file() == 429
    fresh = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 12}).test_client()
    texts = [fresh.post("/api/v1/notifications", json={"text": pasted("cpam-c2s-refus")}).status_code
             for _ in range(12)]
    assert texts == [200] * 12


def test_the_first_page_refuses_a_form_posted_from_another_site(client):
    token = token_of(client.get("/"))
    page = client.post("/lire", data={"csrf_token": token, "text": pasted("cpam-c2s-refus")},
                       headers={"Sec-Fetch-Site": "cross-site"})
    assert page.status_code == 400 and "Ce que dit votre courrier" not in page.text


def test_what_the_notification_lacks_is_said_in_the_page_language(client):
    client.get("/formulaire?lang=en")
    page = html.unescape(read(client, pasted("caf-suspension-aides-logement")).text)
    assert "The letter does not say why this decision was taken." in page
    assert "Le courrier ne dit pas pourquoi" not in page.split('name="reading"')[0]
    assert "Mes droits ont été suspendus" not in page  # the kind read, named in English too
    # The indu's message lists what it leaves out, each item translated.
    msa = html.unescape(read(client, pasted("msa-indu-prestations-familiales")).text)
    assert "This letter claims a sum without stating that you can ask for a correction within 20 days" in msa
