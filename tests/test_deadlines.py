"""Dates: months, weekends and public holidays, a notification's own delay, the post's margin."""

from __future__ import annotations

from datetime import date

import pytest

from letters.calendar_fr import add_months, next_working_day, public_holidays

from .conftest import packet_for


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 11, 10), 2, date(2027, 1, 10)),
    (date(2026, 12, 31), 2, date(2027, 2, 28)),
    (date(2027, 12, 31), 2, date(2028, 2, 29)),
    (date(2026, 11, 30), 1, date(2026, 12, 30)),
])
def test_months_keep_the_day_number_or_end_of_month(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("year", "monday"), [(2026, date(2026, 4, 6)), (2027, date(2027, 3, 29)),
                                              (2024, date(2024, 4, 1)), (2038, date(2038, 4, 26))])
def test_easter_monday_is_a_holiday(year, monday):
    assert monday in public_holidays(year)


def test_the_eleven_public_holidays_of_2027():
    assert sorted(public_holidays(2027)) == [
        date(2027, 1, 1), date(2027, 3, 29), date(2027, 5, 1), date(2027, 5, 6), date(2027, 5, 8),
        date(2027, 5, 17), date(2027, 7, 14), date(2027, 8, 15), date(2027, 11, 1),
        date(2027, 11, 11), date(2027, 12, 25),
    ]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2027, 1, 9), date(2027, 1, 11)),     # Saturday -> Monday
    (date(2027, 1, 10), date(2027, 1, 11)),    # Sunday -> Monday
    (date(2026, 12, 25), date(2026, 12, 28)),  # Christmas Friday -> Monday
    (date(2027, 12, 25), date(2027, 12, 27)),  # Christmas Saturday -> Monday
    (date(2027, 5, 1), date(2027, 5, 3)),      # 1 May on a Saturday
    (date(2026, 12, 24), date(2026, 12, 24)),  # a working day stays
])
def test_a_last_day_off_work_moves_to_the_next_working_day(day, expected):
    assert next_working_day(day) == expected


def dates_of(packet) -> dict[str, date]:
    return {d.key: d.day for d in packet.dates}


def test_a_recourse_deadline_on_a_sunday_moves_to_monday():
    packet = packet_for("caf-prime-activite-indu")  # decided 10 Nov 2026; 10 Jan 2027 is a Sunday
    assert dates_of(packet)["recourse"] == date(2027, 1, 11)
    assert packet.letter("recourse").send_by == date(2027, 1, 4)


def test_a_recourse_deadline_on_christmas_moves_to_the_next_working_day():
    packet = packet_for("caf-prime-activite-indu", decision__date="2026-10-25")
    assert dates_of(packet)["recourse"] == date(2026, 12, 28)
    assert packet.letter("recourse").send_by == date(2026, 12, 21)


def test_the_date_of_receipt_starts_the_delay_when_known():
    packet = packet_for("caf-prime-activite-indu", decision__received="2026-11-16")
    assert dates_of(packet)["recourse"] == date(2027, 1, 18)


def test_the_notifications_own_deadline_wins_and_the_packet_says_so():
    packet = packet_for("caf-prime-activite-indu",
                        decision__notified_deadline={"days": 30, "body": "commission de recours amiable"})
    assert dates_of(packet)["recourse"] == date(2026, 12, 10)
    assert any("écrit sur votre notification (30 jours" in w for w in packet.warnings)


def test_a_close_deadline_says_send_today_not_a_date_already_gone():
    """A last day on 2 December, seen on 29 November: the week's margin is eaten into."""
    recourse = packet_for("caf-prime-activite-indu", decision__date="2026-10-02").letter("recourse")
    assert (recourse.last_day, recourse.send_by) == (date(2026, 12, 2), date(2026, 11, 25))
    assert recourse.timing == "urgent"
    assert any("il reste peu de temps" in w for w in packet_for("caf-prime-activite-indu",
                                                               decision__date="2026-10-02").warnings)


def test_a_letter_no_delay_binds_is_sent_as_soon_as_possible():
    """The CNIL and the Défenseur des droits have no delay: no "send by" date of today."""
    explanation = packet_for("caf-prime-activite-indu").letter("explanation")
    assert (explanation.send_by, explanation.last_day, explanation.timing) == (None, None, "asap")


def test_the_answer_a_recourse_awaits_runs_from_the_letter_s_date_plus_the_post():
    """Two months after the body receives it (CSS R142-6): from 29 Nov + a week, never from the
    last day it could be sent (which once gave "vers le 5 mars 2027")."""
    recourse = packet_for("caf-prime-activite-indu").letter("recourse")
    assert recourse.written == date(2026, 11, 29)
    assert recourse.answer_due == date(2027, 2, 8)  # 6 Dec + 2 months = Sat 6 Feb -> Mon 8 Feb


def test_a_passed_deadline_is_flagged_but_the_letter_is_still_made():
    packet = packet_for("caf-prime-activite-indu", decision__date="2026-08-01")
    assert packet.letter("recourse") is not None
    assert any("le délai pour contester a expiré" in w for w in packet.warnings)


def test_the_optional_rectification_deadline_is_twenty_days():
    packet = packet_for("cpam-c2s-suspension", organisation__kind="cpam",
                        decision__benefit="indemnites_journalieres", decision__kind="overpayment",
                        decision__date="2026-11-20")
    assert dates_of(packet)["rectification"] == date(2026, 12, 10)
    assert any("rectifier" in s and "R. 133-9-2" in s for s in packet.next_steps)


def test_the_rectification_cites_the_benefit_s_own_text_and_none_where_the_brief_has_none():
    """CSS R847-1-1 for the prime d'activité, the code rural for the MSA, nothing for housing
    benefit (the brief marks that right unverified)."""
    prime = packet_for("caf-prime-activite-indu", decision__date="2026-11-20")
    assert dates_of(prime)["rectification"] and "css-r847-1-1" in {
        d.rests_on for d in prime.dates if d.key == "rectification"}
    msa = packet_for("caf-prime-activite-indu", organisation__kind="msa",
                     decision__benefit="prestations_familiales", decision__date="2026-11-20")
    assert {d.rests_on for d in msa.dates if d.key == "rectification"} == {"crural-r725-22-0"}
    housing = packet_for("caf-prime-activite-indu", decision__benefit="aides_logement",
                         decision__date="2026-11-20")
    assert "rectification" not in dates_of(housing)


def test_a_control_opens_no_recourse_delay():
    """No decision yet, nothing to contest: no "last day to send the recourse"."""
    assert "recourse" not in dates_of(packet_for("caf-control-score"))


def test_every_packet_says_its_dates_are_estimates():
    assert any("estimations" in w for w in packet_for("bank-credit-refusal").warnings)
