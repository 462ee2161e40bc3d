"""A delay printed in months ("dans un délai de deux mois") is read, kept and counted as months,
and the reason given and the deductions are read where the notification says so."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from letters import compose_packet, parse_case
from letters.deadlines import recourse_deadline
from letters.notification import read_text
from letters.selection import select_route

from .conftest import case_from, load_case_data
from .interview_walk import pasted


def with_notified(**deadline):
    data = copy.deepcopy(load_case_data("caf-prime-activite-indu"))
    data["decision"].update(date="2026-10-30", received="2026-10-31",
                            notified_deadline={"body": "commission de recours amiable", **deadline})
    return data


def test_the_reader_fills_the_months_the_notification_prints():
    case = read_text(pasted("caf-indu-prime-activite")).case
    assert case["decision"]["notified_deadline"] == {"months": 2, "body": "commission de recours amiable"}


def test_two_months_count_as_calendar_months_from_the_reception():
    case = case_from(with_notified(months=2))
    deadline = recourse_deadline(case, select_route(case))
    assert deadline is not None and deadline.notified
    assert deadline.day == date(2026, 12, 31)  # 31 October + two months, a working day
    sixty_days = recourse_deadline(case_from(with_notified(days=60)), select_route(case))
    assert sixty_days is not None and sixty_days.day != deadline.day


def test_the_packet_says_the_delay_used_is_the_one_on_the_notification_in_months():
    packet = compose_packet(case_from(with_notified(months=2)))
    said = " ".join(packet.warnings)
    assert "Le délai utilisé est celui écrit sur votre notification (2 mois" in said
    packet = compose_packet(case_from(with_notified(days=30)))
    said = " ".join(packet.warnings)
    assert "(30 jours" in said


def test_days_and_months_together_are_refused_next_to_the_months():
    case, errors = parse_case({**with_notified(days=60, months=2), "today": "2026-11-29"})
    assert case is None
    assert [e.field for e in errors] == ["decision.notified_deadline.months"]


def test_months_out_of_range_are_refused_in_months():
    _, errors = parse_case({**with_notified(months=40), "today": "2026-11-29"})
    assert any("nombre de mois entre 1 et 24" in e.message for e in errors)


def test_the_reason_given_is_read_as_one_of_the_reasons_where_it_is_offered():
    radiation = read_text(pasted("france-travail-radiation")).case["decision"]
    sick_leave = read_text(pasted("cpam-indu-indemnites")).case["decision"]
    assert radiation["reason"] == "missed_appointment"
    assert sick_leave["reason"] == "activity_during_leave"
    # A reason of fact that is none of them (undeclared income) stays out of the case.
    assert "reason" not in read_text(pasted("caf-indu-prime-activite")).case["decision"]


def test_deductions_already_made_are_read():
    assert read_text(pasted("msa-indu-prestations-familiales")).case["decision"]["recovery_started"] is True
    assert "recovery_started" not in read_text(pasted("caf-indu-prime-activite")).case["decision"]


@pytest.mark.parametrize(("language", "said"), [
    ("fr", "(2 mois, auprès de"), ("en", "(2 months, with"), ("es", "(dos meses, ante"), ("ar", "شهرين")])
def test_every_language_says_the_months_the_notification_printed(language, said):
    """The packet's note on the notified delay in each language, never a delay of "None" days."""
    warnings = compose_packet(case_from(with_notified(months=2)), language).warnings
    assert any(said in w and "None" not in w for w in warnings), warnings
