"""A receipt linked to the letter it proves: chosen among the dossier's sendings when the file is
added, shown next to that letter on the dossier's page, and the pièce proving that sending in the
referral file."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from letters.bundle import Sending, read_upload
from workspace.store import NotASending

from ..bundle_helpers import pdf_bytes
from ..conftest import load_case_data
from .test_web import Staff

EXPLANATION = {"date": "2026-09-15", "kind": "sent", "letter": "explanation", "proof": "1A 234"}
RECOURSE = {"date": "2026-09-22", "kind": "sent", "letter": "recourse"}
ACK = {"date": "2026-09-18", "kind": "received_ack", "letter": "explanation"}


def followed(ws) -> str:
    data = load_case_data("caf-prime-activite-indu")
    data["decision"]["date"] = "2026-09-01"
    data["events"] = [EXPLANATION, ACK, RECOURSE]
    return ws.create(data, None, None)


def sending_id(ws, dossier: str, letter: str) -> str:
    return next(i for i, s in ws.sendings(dossier).items() if s.letter == letter)


def receipt(name: str = "avis.pdf"):
    return read_upload(name, pdf_bytes("Avis de réception"), "receipt")


def test_the_sendings_a_receipt_can_attest_are_the_sent_events(ws):
    dossier = followed(ws)
    assert list(ws.sendings(dossier).values()) == [Sending("explanation", date(2026, 9, 15)),
                                                   Sending("recourse", date(2026, 9, 22))]


def test_a_receipt_keeps_the_sending_it_attests_and_gives_it_to_the_referral_file(ws):
    dossier = followed(ws)
    recourse = sending_id(ws, dossier, "recourse")
    ws.add_proof(dossier, receipt(), None, proves=recourse)
    ws.add_proof(dossier, receipt("autre.pdf"), None)
    assert [(p.name, p.proves) for p in ws.proof_list(dossier)] == [("avis.pdf", recourse),
                                                                     ("autre.pdf", None)]
    assert [a.proves for a in ws.proofs(dossier, None)] == [Sending("recourse", date(2026, 9, 22)), None]


@pytest.mark.parametrize("wrong", ["answer", "not-an-event", "acknowledgement"])
def test_a_file_cannot_attest_what_is_not_a_sending_and_nothing_is_kept(ws, wrong):
    dossier = followed(ws)
    explanation = sending_id(ws, dossier, "explanation")
    if wrong == "answer":
        attachment, proves = read_upload("reponse.pdf", pdf_bytes("Réponse"), "answer"), explanation
    elif wrong == "not-an-event":
        attachment, proves = receipt(), "f" * 32
    else:  # the id of an event of the dossier that is not a sending
        from sqlalchemy import select

        from workspace.models import Event

        with ws.sessions() as s:
            query = select(Event.id).where(Event.dossier_id == dossier).order_by(Event.position)
            ids = list(s.scalars(query))
        attachment, proves = receipt(), ids[1]
    with pytest.raises(NotASending):
        ws.add_proof(dossier, attachment, None, proves=proves)
    assert ws.proof_list(dossier) == []


def test_a_case_changed_keeps_the_receipt_on_its_sending_unless_that_sending_is_gone(ws):
    dossier = followed(ws)
    ws.add_proof(dossier, receipt(), None, proves=sending_id(ws, dossier, "recourse"))
    data = ws.case_data(dossier, None)
    data["person"]["phone"] = "06 12 34 56 78"
    ws.update(dossier, data, None)
    [kept] = ws.proofs(dossier, None)
    assert kept.proves == Sending("recourse", date(2026, 9, 22))
    data["events"] = [EXPLANATION, ACK]  # the recourse's sending was a mistake
    ws.update(dossier, data, None)
    assert [p.proves for p in ws.proof_list(dossier)] == [None]


def test_the_dossier_page_offers_the_sendings_and_shows_the_receipt_next_to_its_letter(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = followed(ws)
    page = claire.client.get(f"/espace/dossiers/{dossier}").text
    options = re.search(r'<select id="f-proof-proves".*?</select>', page, re.S).group(0)
    assert "Recours devant la commission de recours amiable, envoyée le 22 septembre 2026" in options
    assert "Demande d&#39;explication et de communication de mes données, envoyée le 15 septembre 2026" \
        in options
    added = claire.post(f"/espace/dossiers/{dossier}/piece", {"proof.file": ("ar.pdf", pdf_bytes("AR"))},
                        **{"proof.role": "receipt", "proof.proves": sending_id(ws, dossier, "recourse")})
    assert added.status_code == 303
    page = claire.client.get(f"/espace/dossiers/{dossier}").text
    items = re.search(r'<ul class="progress">(.*?)</ul>', page, re.S).group(1).split("<li ")
    recourse = next(i for i in items if "Recours devant la commission de recours amiable" in i)
    explanation = next(i for i in items if "Demande d&#39;explication" in i)
    assert "Accusé de réception joint : <span dir=\"auto\">ar.pdf</span>" in recourse
    assert "Accusé de réception joint" not in explanation
    assert "(1 p.), preuve de l'envoi du 22 septembre 2026 : Recours devant la commission" in page


def test_a_file_said_to_attest_a_sending_it_cannot_is_said_next_to_the_field(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = followed(ws)
    recourse = sending_id(ws, dossier, "recourse")
    page = claire.post(f"/espace/dossiers/{dossier}/piece", {"proof.file": ("rep.pdf", pdf_bytes("Réponse"))},
                       **{"proof.role": "answer", "proof.proves": recourse})
    assert page.status_code == 422 and 'id="f-proof-proves-error"' in page.text
    assert f'<option value="{recourse}" selected>' in page.text  # the choices are kept
    assert ws.proof_list(dossier) == []


def test_the_referral_file_lists_the_receipt_as_the_piece_proving_that_sending(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = followed(ws)
    claire.post(f"/espace/dossiers/{dossier}/piece", {"proof.file": ("ar.pdf", pdf_bytes("AR DU RECOURS"))},
                **{"proof.role": "receipt", "proof.proves": sending_id(ws, dossier, "recourse")})
    answer = claire.post(f"/espace/dossiers/{dossier}/saisine", **{"referral.authority": "defenseur"})
    assert answer.status_code == 200
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.data)).pages))
    assert ("3 Avis de réception de l'envoi du 22 septembre 2026 (« Recours devant la commission de recours "
            "amiable », pièce n° 2) ar.pdf 1") in text
    assert "(avis de réception, pièce n° 3)" in text
