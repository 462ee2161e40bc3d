"""A receipt said to attest one sending: the referral file puts it right after that letter, names
the sending it proves on the bordereau and in the chronology, and counts it for that step only."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from letters.bundle import Sending, build_bundle, check_referral
from letters.bundle.assemble import pieces
from letters.bundle.checks import Evidence

from .bundle_helpers import attach, case_on, sent

# Two letters sent on different days, neither with a registered-letter number noted.
EVENTS = (sent("2026-09-15", "explanation"), sent("2026-09-22", "recourse"))
EXPLANATION, RECOURSE = Sending("explanation", date(2026, 9, 15)), Sending("recourse", date(2026, 9, 22))


def receipt(proves: Sending | None, name: str = "avis.pdf"):
    return replace(attach("receipt", name=name), proves=proves)


def evidence(*attachments) -> Evidence:
    from letters.bundle import evidence_for

    return evidence_for(case_on("2026-11-29", *EVENTS), attachments)


def texts(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_receipt_follows_the_letter_whose_sending_it_attests():
    found = pieces(evidence(receipt(RECOURSE), attach("answer")))
    assert [(p.number, p.title) for p in found] == [
        (1, "Demande d'explication et de communication de mes données"),
        (2, "Recours devant la commission de recours amiable"),
        (3, "Avis de réception"),
        (4, "Réponse de l'organisme")]
    assert (found[2].proves, found[2].proves_piece) == (RECOURSE, 2)


def test_a_receipt_said_of_no_sending_stays_among_the_other_files():
    found = pieces(evidence(receipt(None), attach("answer")))
    assert [p.title for p in found][2:] == ["Avis de réception", "Réponse de l'organisme"]
    assert found[2].proves is None


def test_the_bordereau_and_the_chronology_name_the_sending_it_proves():
    bundle = build_bundle("defenseur", case_on("2026-11-29", *EVENTS), [receipt(RECOURSE)])
    pages = texts(bundle.pdf)
    bordereau = next(p for p in pages if "Bordereau des pièces" in p)
    assert ("3 Avis de réception de l'envoi du 22 septembre 2026 (« Recours devant la commission de "
            "recours amiable », pièce n° 2) avis.pdf 1") in bordereau
    chronology = next(p for p in pages if "Chronologie" in p)
    assert ("22 septembre 2026 : envoi de « Recours devant la commission de recours amiable » "
            "(avis de réception, pièce n° 3)") in chronology
    # Nothing claimed for the sending it does not attest: the next line follows at once.
    assert ("15 septembre 2026 : envoi de « Demande d'explication et de communication de mes données » "
            "22 septembre 2026") in chronology
    divider = next(p for p in pages if p.strip().startswith("Pièce n° 3"))
    assert "Avis de réception de l'envoi du 22 septembre 2026" in divider


def check(check_id: str, *files):
    """One check of the file for the case's two sendings, with ``files`` attached."""
    authority = check_id.split(".")[0]
    found = check_referral(authority, case_on("2026-11-29", *EVENTS), list(files))
    return next(c for c in found if c.id == check_id)


def test_a_receipt_proves_the_sending_it_is_said_to_attest_not_another():
    """The recourse is proven by its receipt; the explanation request, sent first, is not."""
    proof = check("defenseur.proof_of_steps", receipt(RECOURSE))
    assert not proof.ok
    assert "Demande d'explication et de communication de mes données du 15 septembre 2026" in proof.message
    assert "Recours" not in proof.message


def test_a_receipt_said_of_no_sending_still_covers_one_step_as_before():
    proof = check("defenseur.proof_of_steps", receipt(None))
    assert not proof.ok
    assert "Recours devant la commission de recours amiable du 22 septembre 2026" in proof.message
    assert "Demande d'explication" not in proof.message


def test_the_cnil_counts_a_receipt_of_another_letter_as_no_proof_of_the_request():
    assert not check("cnil.proof_of_request", receipt(RECOURSE)).ok
    assert check("cnil.proof_of_request", receipt(EXPLANATION)).ok
    assert check("cnil.proof_of_request", receipt(None)).ok
