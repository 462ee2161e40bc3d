"""The referral file as a PDF, read back with pypdf: what is missing first, then every pièce in order."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from letters.bundle import build_bundle

from .bundle_helpers import answer, attach, case_on, image_bytes, pdf_bytes, sent

# The CAF case: a request for explanation and a recourse sent on 15 September, the request
# answered in part on 20 October.
EVENTS = (sent("2026-09-15", "explanation", "LRAR 1A 234 567 8901 2"), sent("2026-09-15", "recourse"),
          answer("2026-10-20", "explanation", "partial", "secret_invoked", "no_score"))


def texts(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_an_incomplete_file_says_what_is_missing_on_its_first_page():
    bundle = build_bundle("cada", case_on("2026-11-29", *EVENTS))
    first = texts(bundle.pdf)[0]
    assert not bundle.complete
    assert "Ce dossier est incomplet" in first
    assert "Il manque la copie du refus du 20 octobre 2026" in first
    assert first.index("Ce dossier est incomplet") < first.index("Déjà vérifié")


def test_a_complete_file_says_so_and_lists_nothing_missing():
    reply = attach("answer", pdf_bytes("Réponse CAF"))
    bundle = build_bundle("cnil", case_on("2026-11-29", *EVENTS), [reply])
    first = texts(bundle.pdf)[0]
    assert bundle.complete
    assert "Ce dossier contient ce que Commission nationale de l'informatique et des libertés" in first
    assert "incomplet" not in first


def test_the_pieces_follow_the_bordereau_each_behind_its_divider():
    notification = attach("notification", pdf_bytes("NOTIFICATION INDU 88412"))
    receipt = attach("receipt", image_bytes("PNG", (500, 700)), name="avis.png")
    reply = attach("answer", pdf_bytes("REPONSE PAGE 1", "REPONSE PAGE 2"))
    bundle = build_bundle("defenseur", case_on("2026-11-29", *EVENTS), [reply, receipt, notification])
    pages = texts(bundle.pdf)

    bordereau = next(p for p in pages if "Bordereau des pièces" in p)
    assert re.search(r"1 Décision contestée \(notification\) notification\.pdf 1", bordereau)
    assert re.search(r"2 Demande d'explication et de communication de mes données 15 septembre 2026 \d",
                     bordereau)
    assert re.search(r"3 Recours devant la commission de recours amiable 15 septembre 2026 \d", bordereau)
    assert re.search(r"4 Réponse de l'organisme answer\.pdf 2", bordereau)
    assert "5 Avis de réception avis.png 1" in bordereau

    dividers = [i for i, p in enumerate(pages) if p.strip().startswith("Pièce n°")]
    assert [int(re.match(r"\s*Pièce n° (\d+)", pages[i]).group(1)) for i in dividers] == [1, 2, 3, 4, 5]
    # Each PDF pièce comes right after its divider; the image is its own page, stamped.
    assert "NOTIFICATION INDU 88412" in pages[dividers[0] + 1]
    assert "Bordeaux, le 15 septembre 2026" in pages[dividers[1] + 1]  # the letter as sent, that day
    assert pages[dividers[3] + 1].startswith("REPONSE PAGE 1") and "REPONSE PAGE 2" in pages[dividers[3] + 2]
    assert pages[dividers[4]].startswith("Pièce n° 5 : Avis de réception (avis.png)")
    assert len(pages) == dividers[4] + 1


def test_the_summary_to_paste_carries_what_the_form_asks_for():
    bundle = build_bundle("cnil", case_on("2026-11-29", *EVENTS), siren="356000000")
    summary = next(p for p in texts(bundle.pdf) if "À recopier dans le formulaire en ligne" in p)
    for expected in ("Samia Benali", "12 rue des Lilas, 33000 Bordeaux", "CAF de la Gironde",
                     "Son numéro SIREN 356000000",
                     "Caisse nationale des allocations familiales (CNAF)",
                     "Date de la demande à l'organisme 15 septembre 2026 "
                     "(preuve d'envoi : LRAR 1A 234 567 8901 2)",
                     "Réponse incomplète du 20 octobre 2026 : un secret a été opposé ; le score"):
        assert expected in summary, expected


def test_the_summary_states_only_what_the_case_carries():
    case = case_on("2026-11-29")  # no event, no phone, reasons not given
    summary = next(p for p in texts(build_bundle("defenseur", case).pdf) if "À recopier" in p)
    assert "Les motifs de la décision ne m'ont pas été donnés." in summary
    assert "Votre téléphone" not in summary
    assert "Démarches déjà faites" not in summary
    assert "Après un contrôle sur pièces" not in summary  # the person's own words are not pasted


def test_a_letter_the_replay_cannot_write_is_in_the_chronology_but_not_a_piece():
    # A reminder with no request before it: Recours never wrote it, so it has no text to show.
    case = case_on("2026-11-29", sent("2026-10-01", "reminder", "LRAR 1A 999"))
    pages = texts(build_bundle("defenseur", case).pdf)
    chronology = next(p for p in pages if "Chronologie" in p)
    assert "1er octobre 2026 : envoi de « Relance » (preuve d'envoi : LRAR 1A 999)" in chronology
    assert not any(p.strip().startswith("Pièce n°") for p in pages)


def test_the_file_names_the_person_and_nothing_of_the_software():
    bundle = build_bundle("cada", case_on("2026-11-29", *EVENTS))
    meta = PdfReader(io.BytesIO(bundle.pdf)).metadata
    assert dict(meta) == {"/Title": "Dossier de saisine : Commission d'accès aux documents administratifs "
                                    "(CADA)", "/Author": "Samia Benali"}


def test_without_a_request_the_summary_claims_no_refusal_and_no_access_request():
    case = case_on("2026-11-29")
    for authority in ("cada", "cnil"):
        summary = next(p for p in texts(build_bundle(authority, case).pdf) if "À recopier" in p)
        assert "Refus de communication" not in summary and "Droit d'accès à mes données" not in summary
        assert "Décision en cause La décision de récupération d'un trop-perçu (indu)" in summary


def test_a_reference_keeps_its_capitals_when_a_sentence_starts_with_it():
    pages = texts(build_bundle("defenseur", case_on("2026-11-29")).pdf)
    summary = next(p for p in pages if "À recopier" in p)
    assert "(référence INDU-2026-88412)" in summary
