"""The deadlines board on 29 November 2026: three CAF dossiers, two référents."""

from __future__ import annotations

import copy
from datetime import date, datetime

from workspace.board import as_text, board
from workspace.store import DossierRow

from ..conftest import case_from, load_case_data

TODAY = date(2026, 11, 29)


def dossier(letter: str, referent: str, decided: str, *events: dict):
    data = copy.deepcopy(load_case_data("caf-prime-activite-indu"))
    data["decision"]["date"] = decided
    data["events"] = list(events)
    return DossierRow(letter * 32, referent, "open", datetime(2026, 1, 1), None), case_from(data)


FRESH = dossier("a", "claire", "2026-11-10")  # decided 19 days ago, nothing sent yet
SILENT = dossier("b", "claire", "2026-09-01",  # both letters sent in time, no answer since
                 {"date": "2026-09-15", "kind": "sent", "letter": "explanation"},
                 {"date": "2026-09-15", "kind": "sent", "letter": "recourse"})
LATE = dossier("c", "marc", "2026-08-01")  # the two-month recourse delay ended on 1 October


def test_dossiers_are_grouped_by_referent_most_urgent_first():
    found = board([FRESH, SILENT, LATE], TODAY)
    assert {k: [x.dossier_id[0] for x in v] for k, v in found.by_referent.items()} == {
        "claire": ["b", "a"], "marc": ["c"]}


def test_a_deadline_the_person_missed_is_overdue():
    [line] = board([LATE], TODAY).lines
    assert [(d.key, d.day) for d in line.overdue] == [("recourse", date(2026, 10, 1))]


def test_a_deadline_met_by_a_letter_sent_in_time_is_not():
    [line] = board([SILENT], TODAY).lines
    assert line.overdue == ()
    assert line.late_answers == ("Demande d'explication et de communication de mes données",
                                 "Recours devant la commission de recours amiable")


def test_what_falls_due_this_week_and_what_comes_next():
    [line] = board([FRESH], TODAY).lines
    # The explanation request has no delay to beat (to send at once): the rectification's last
    # day, tomorrow, is what comes next.
    assert (line.next.key, line.next.day) == ("rectification", date(2026, 11, 30))
    assert "Demande d'explication et de communication de mes données" in line.to_send
    assert ("rectification", date(2026, 11, 30)) in [(d.key, d.day) for d in line.this_week]
    assert all(d.day < date(2026, 12, 6) for d in line.this_week)
    assert line.overdue == () and line.late_answers == ()


def test_the_board_as_text():
    names = {"claire": "claire@asso.example", "marc": "marc@asso.example"}
    text = as_text(board([FRESH, LATE], TODAY), names)
    assert text.splitlines()[:3] == ["Échéances au 29 novembre 2026", "",
                                     "== claire@asso.example (1 dossier)"]
    assert ("    EN RETARD : Dernier jour pour envoyer le recours (estimation) : date dépassée "
            "(1er octobre 2026)") in text
    assert ("prochaine date 30 novembre 2026, Dernier jour pour demander une rectification "
            "(facultatif, estimation)") in text


def test_an_empty_board_says_so():
    assert as_text(board([], TODAY), {}) == "Échéances au 29 novembre 2026\nAucun dossier ouvert.\n"
