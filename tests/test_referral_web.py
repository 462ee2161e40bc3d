"""Referral files on the timeline page: the checks in the page's language, the proofs checked by
their content next to their field, the PDF downloaded, nothing stored and nothing typed lost."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

from pypdf import PdfReader
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from .bundle_helpers import image_bytes, pdf_bytes
from .conftest import load_case_data, token_of

SENT = {"date": "2026-09-01", "kind": "sent", "letter": "explanation", "proof": "1A 234 567 8901 2"}


def noisy_png() -> bytes:
    """A photo that does not compress: about a megabyte."""
    import os

    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3)).save(out, "PNG")
    return out.getvalue()


def followed(**decision) -> dict:
    data = load_case_data("caf-prime-activite-indu")
    data["decision"].update({"date": "2026-08-01", **decision})
    data["events"] = [SENT]
    return data


def post(client, data: dict, files: dict | None = None, lang: str = "", **fields):
    """The section's form as a browser sends it (multipart, encoded in memory here too)."""
    token = token_of(client.get("/"))
    form = MultiDict({"csrf_token": token, "case": json.dumps(data), **fields})
    for name, (filename, content) in (files or {}).items():
        form.add(name, FileStorage(io.BytesIO(content), filename))
    boundary, body = encode_multipart(form)
    url = "/suivi/saisine" + (f"?lang={lang}" if lang else "")
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_the_timeline_offers_a_referral_file(client):
    token = token_of(client.get("/"))
    page = client.post("/suivi", data={"csrf_token": token, "case": json.dumps(followed())})
    assert page.status_code == 200
    assert "Préparer un dossier de saisine" in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert 'name="referral.proof.receipt"' in page.text


def test_checking_says_what_is_done_and_what_a_file_would_fix(client):
    page = post(client, followed(), **{"referral.authority": "cnil", "action": "check"})
    assert page.status_code == 200
    text = page.text
    assert "Ce que Recours a vérifié" in text
    # The request was sent with a registered-letter number: proven; one month has passed.
    assert "Fait :</strong>\n        Votre demande à l&#39;organisme a sa preuve d&#39;envoi" in text
    assert 'value="cnil" checked' in text  # the choice is shown again


def test_a_missing_decision_copy_is_one_to_join_below(client):
    page = post(client, followed(), **{"referral.authority": "defenseur", "action": "check"})
    item = next(part for part in page.text.split("<li ") if "La décision contestée est jointe" in part)
    assert "check-attach" in item and "À joindre ci-dessous" in item


def test_the_checks_are_in_the_page_language_with_the_french_detail_kept(client):
    page = post(client, followed(), lang="en", **{"referral.authority": "cnil", "action": "check"})
    assert page.status_code == 200
    assert "What Recours checked" in page.text
    assert "The name and address of the body are known" in page.text
    assert 'lang="fr"' in page.text  # the detail, as the file's first page writes it


def test_no_authority_chosen_is_said_next_to_the_field_and_the_siren_kept(client):
    page = post(client, followed(), **{"referral.siren": "123 456 789", "action": "check"})
    assert page.status_code == 422
    assert "Choisissez à qui vous adressez le dossier." in page.text
    assert 'value="123 456 789"' in page.text


def test_a_bad_siren_is_said_next_to_its_field(client):
    page = post(client, followed(), **{"referral.authority": "cnil", "referral.siren": "12345",
                                       "action": "check"})
    assert page.status_code == 422
    assert 'id="f-referral-siren-error"' in page.text


def test_building_answers_with_the_pdf_and_the_proofs_merged(client):
    files = {"referral.proof.notification": ("decision.pdf", pdf_bytes("Notification de la CAF")),
             "referral.proof.receipt": ("ar.jpg", image_bytes())}
    response = post(client, followed(), files, **{"referral.authority": "defenseur", "action": "build"})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "dossier-saisine-defenseur-2026-11-29.pdf" in response.headers["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Notification de la CAF" in text
    assert "Bordereau" in text or "bordereau" in text


def test_a_file_that_is_not_a_pdf_or_a_photo_is_refused_next_to_its_field(client):
    files = {"referral.proof.answer": ("reponse.pdf", b"PK\x03\x04 a zip pretending")}
    page = post(client, followed(), files, **{"referral.authority": "cnil", "action": "build",
                                              "referral.siren": "552 100 554"})
    assert page.status_code == 422
    assert 'id="f-referral-proof-answer-error"' in page.text
    assert "n&#39;est ni un PDF" in page.text
    assert "choisissez-les de nouveau" in page.text
    assert 'value="552 100 554"' in page.text and 'value="cnil" checked' in page.text


def test_an_upload_error_reads_in_the_page_language(client):
    files = {"referral.proof.answer": ("raro.pdf", b"%PDF-1.7 broken")}
    page = post(client, followed(), files, lang="es", **{"referral.authority": "cnil", "action": "build"})
    assert page.status_code == 422
    assert "está dañado o es ilegible" in page.text


def test_the_files_go_to_memory_never_to_a_temporary_file(client, monkeypatch):
    from werkzeug import formparser

    def refuse(*args, **kwargs):
        raise AssertionError("an upload was written to disk")

    monkeypatch.setattr(formparser, "SpooledTemporaryFile", refuse)
    big = noisy_png()
    assert len(big) > 500 * 1024  # past what werkzeug would keep in memory by itself
    files = {"referral.proof.notification": ("decision.png", big)}
    response = post(client, followed(), files, **{"referral.authority": "defenseur", "action": "build"})
    assert response.status_code == 200


class Controls(HTMLParser):
    """Each control of a page with the form it belongs to: the one its ``form`` attribute
    names, or else the form around it, as a browser resolves it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.forms: dict[str, dict] = {}
        self._around: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._around = a.get("id") or f"form-{len(self.forms)}"
            self.forms[self._around] = a
        elif tag in ("input", "button", "select", "textarea"):
            self.controls.append({"tag": tag, **a, "owner": a.get("form") or self._around})

    def handle_endtag(self, tag):
        if tag == "form":
            self._around = None

    def of(self, form_id: str) -> list[dict]:
        return [c for c in self.controls if c["owner"] == form_id]


def timeline_controls(client) -> Controls:
    token = token_of(client.get("/"))
    page = client.post("/suivi", data={"csrf_token": token, "case": json.dumps(followed())})
    assert page.status_code == 200
    return Controls(page.text)


def test_the_referral_fields_belong_to_the_referral_form_and_the_event_fields_to_theirs(client):
    found = timeline_controls(client)
    referral = found.of("referral-form")
    named = {c.get("name") for c in referral}
    assert {"referral.authority", "referral.discrimination", "referral.siren", "action",
            "referral.proof.receipt", "case", "csrf_token"} <= named
    assert all(c["owner"] == "referral-form" for c in found.controls
               if (c.get("name") or "").startswith("referral."))
    assert not [c for c in referral if (c.get("name") or "").startswith("event.")]
    form = found.forms["referral-form"]
    assert form["action"] == "/suivi/saisine#referral" and form["enctype"] == "multipart/form-data"


def test_enter_in_a_referral_field_presses_the_referral_forms_first_button_check(client):
    """Enter in a text field submits its form with the form's first submit button: here the
    check, which answers the checks and keeps what was typed, not the event form."""
    found = timeline_controls(client)
    siren = next(c for c in found.controls if c.get("name") == "referral.siren")
    controls = found.of(siren["owner"])
    first = next(c for c in controls if c["tag"] == "button" and c.get("type", "submit") == "submit")
    assert (first.get("name"), first.get("value"), first.get("formaction")) == ("action", "check", None)
    assert found.forms[siren["owner"]]["action"] == "/suivi/saisine#referral"
    sent = {c["name"]: c.get("value", "") for c in controls if c.get("type") == "hidden"}
    sent.update({"referral.authority": "cnil", "referral.siren": "552 100 554"})
    sent[first["name"]] = first["value"]
    boundary, body = encode_multipart(MultiDict(sent))
    page = client.post("/suivi/saisine", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert page.status_code == 200 and "Ce que Recours a vérifié" in page.text
    assert 'value="552 100 554"' in page.text and "L&#39;événement n&#39;a pas été ajouté" not in page.text
