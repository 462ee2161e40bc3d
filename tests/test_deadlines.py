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


def test_send_by_is_never_before_today_and_a_close_deadline_is_flagged():
    packet = packet_for("caf-prime-activite-indu", decision__date="2026-10-02")  # ends 2 Dec
    assert packet.letter("recourse").send_by == date(2026, 11, 29)
    assert any("il reste peu de temps" in w for w in packet.warnings)


def test_a_passed_deadline_is_flagged_but_the_letter_is_still_made():
    packet = packet_for("caf-prime-activite-indu", decision__date="2026-08-01")
    assert packet.letter("recourse") is not None
    assert any("le délai pour contester a expiré" in w for w in packet.warnings)


def test_the_optional_rectification_deadline_is_twenty_days():
    packet = packet_for("cpam-c2s-suspension", organisation__kind="cpam",
                        decision__benefit="indemnites_journalieres", decision__kind="overpayment",
                        decision__date="2026-11-20")
    assert dates_of(packet)["rectification"] == date(2026, 12, 10)
    assert any("rectifier" in s for s in packet.next_steps)


def test_every_packet_says_its_dates_are_estimates():
    assert any("estimations" in w for w in packet_for("bank-credit-refusal").warnings)
