"""A packet date's label said again from its key, day, title and the day a letter met it: the
same words the packet wrote, in every language; on a later day, the words of that day."""

from __future__ import annotations

from datetime import date

import pytest

from letters import compose_packet
from letters.compose import date_label, letter_languages

from .conftest import CASES, case_from, load_case_data


@pytest.mark.parametrize("language", letter_languages())
def test_every_date_of_every_example_reads_as_the_packet_wrote_it(language):
    checked = 0
    for name in sorted(p.stem for p in CASES.glob("*.json")):
        case = case_from(load_case_data(name))
        for d in compose_packet(case, language).dates:
            assert date_label(d.key, d.day, case.today, d.done, d.title, language) == (d.label, d.passed), \
                (name, d.key)
            checked += 1
    assert checked > 100


def test_on_a_later_day_a_date_gone_by_says_so_and_one_met_in_time_says_when():
    due = date(2026, 12, 1)
    assert date_label("recourse", due, date(2026, 11, 29)) == (
        "Dernier jour pour envoyer le recours (estimation)", False)
    assert date_label("recourse", due, date(2026, 12, 2)) == (
        "Dernier jour pour envoyer le recours (estimation) : date dépassée", True)
    met = date(2026, 11, 30)
    assert date_label("recourse", due, date(2026, 12, 2), done=met) == (
        "Dernier jour pour envoyer le recours (estimation) : recours envoyé le 30 novembre 2026", False)
    assert date_label("due:explanation", due, date(2026, 12, 2), title="Demande d'explication") == (
        "L'organisme doit avoir répondu à « Demande d'explication » (estimation) : il est en retard", True)


def test_a_deadline_of_the_caisses_own_request_names_the_caisse():
    assert date_label("rectification_payer", date(2026, 12, 1), date(2026, 11, 29), title="CAF du Nord") == (
        "Dernier jour pour demander une rectification (facultatif, estimation) – CAF du Nord", False)
