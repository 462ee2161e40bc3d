"""The synthetic notifications (tests/notifications/), read as a person hands them in: the PDF
of an online account, a scan, a phone photo. Each field is checked against the truth beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from letters import parse_case
from letters.notification import read_notification

from .notifications.accuracy import samples, score, truth


@cache
def reading(path: Path) -> dict:
    """Each sample is read once per session: OCR takes one to three seconds a page."""
    return read_notification(path.read_bytes(), path.name).as_dict()


@pytest.mark.parametrize("kind, floor", [("text PDF", 1.0), ("scan", 0.95), ("phone photo", 0.85)])
def test_field_accuracy_over_the_samples_of_each_kind(kind, floor):
    files = samples(kind)
    assert len(files) >= 6, kind
    scores = [score(reading(p), truth(p)) for p in files]
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    wrong = {p.name: s.wrong for p, s in zip(files, scores, strict=True) if s.wrong}
    assert total >= 80
    assert right / total >= floor, (f"{right}/{total}", wrong)


@pytest.mark.parametrize("path", samples("text PDF"), ids=lambda p: p.stem)
def test_a_text_pdf_gives_every_field_and_every_missing_mention_exactly(path):
    assert score(reading(path), truth(path)).wrong == ()


@pytest.mark.parametrize("path", samples("text PDF"), ids=lambda p: p.stem)
def test_the_case_read_from_a_notification_is_valid_once_the_person_completes_it(path):
    """Field names and values are the case's own: only what the letter cannot give is added."""
    case = reading(path)["case"]
    completed = {
        "today": "2027-01-15",
        "person": {**case["person"], "address": ["1 rue de l'Exemple", "75001 Paris"]},
        "organisation": case["organisation"],
        "decision": case["decision"],
    }
    parsed, errors = parse_case(completed)
    assert parsed is not None, [e.as_dict() for e in errors]
    assert parsed.organisation.kind == truth(path)["fields"]["organisation.kind"]


def test_a_notice_on_two_pages_is_read_to_its_last_page():
    """The voies et délais of the MSA letter are on its second page."""
    for path in samples("text PDF") + samples("scan"):
        if path.name.startswith("msa-"):
            found = {f["field"]: f for f in reading(path)["found"]}
            assert found["decision.appeal_routes_given"]["value"] is True
            assert "commission de recours amiable de la MSA" in found["decision.notified_deadline"]["source"]


def test_every_field_shows_the_words_it_was_read_from():
    path = next(p for p in samples("phone photo") if p.name.startswith("caf-indu"))
    found = {f["field"]: f for f in reading(path)["found"]}
    assert found["decision.amount"]["value"] == 2340.5
    assert "2 340,50 €" in found["decision.amount"]["source"]
    assert found["decision.date"]["source"] == "Bordeaux, le 10 novembre 2026"
    assert found["person.name"]["source"] == "Madame Nadia Ferrand"
