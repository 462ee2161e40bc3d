"""The deadlines board drawn from each dossier's stored summary: the same lines as when every
case was opened and its packet composed on each view, with no case opened; a summary made on an
earlier day is made again once; overdue and "this week" are said on the day of reading."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from letters import compose_packet
from workspace import board_store
from workspace.board import line_of
from workspace.models import BoardEntry, DossierDate
from workspace.sealing import Key

from ..conftest import load_case_data
from .test_web import Staff

# Dossiers in every state the board tells apart, on 29 November 2026.
SENT_IN_TIME = [{"date": "2026-09-15", "kind": "sent", "letter": "explanation"},
                {"date": "2026-09-15", "kind": "sent", "letter": "recourse"}]
ANSWERED = [{"date": "2026-10-01", "kind": "sent", "letter": "explanation"},
            {"date": "2026-10-20", "kind": "answer", "letter": "explanation", "answer": "partial",
             "issues": ["no_score"]}]
DOSSIERS = [
    ("caf-prime-activite-indu", "2026-11-10", []),  # fresh: the rectification's last day tomorrow
    ("caf-prime-activite-indu", "2026-09-01", SENT_IN_TIME),  # the body late on both letters
    ("caf-prime-activite-indu", "2026-08-01", []),  # the recourse delay missed
    ("caf-prime-activite-indu", "2026-09-20", ANSWERED),  # an incomplete answer received
    ("departement-rsa-suspension", None, []),  # the caisse that pays the RSA has letters too
    ("bank-credit-refusal", None, []),
    ("cpam-c2s-suspension", None, []),
]


def stored_dossiers(ws, referent: str | None = None) -> list[str]:
    ids = []
    for i, (name, decided, events) in enumerate(DOSSIERS):
        data = copy.deepcopy(load_case_data(name))
        data["person"]["name"] = f"Personne {i}"
        if decided:
            data["decision"]["date"] = decided
        data["events"] = events
        ids.append(ws.create(data, referent, None))
    return ids


def line_as_before(ws, dossier_id: str) -> tuple:
    """A dossier's line as the board computed it before it kept summaries: its case opened,
    its packet composed that day (the earlier workspace/board.py, kept here as the reference)."""
    case = ws.case(dossier_id, None)
    today = case.today
    packet = compose_packet(case)
    upcoming = [d for d in packet.dates if d.day >= today]
    sent = {e.letter: e.date for e in case.events if e.kind == "sent"}

    def met(d) -> bool:
        letter = {"recourse": "recourse", "cada_window": "cada"}.get(d.key)
        return letter in sent and sent[letter] <= d.day

    overdue = tuple(d for d in packet.dates
                    if d.day < today and d.owner == "person" and d.key != "rectification"
                    and not d.key.startswith("send:") and not met(d))
    return (case.person.name, shown(upcoming[0]) if upcoming else None,
            tuple(shown(d) for d in upcoming if d.day < today + timedelta(days=7)),
            tuple(shown(d) for d in overdue),
            tuple(p.title for p in packet.progress if p.status == "overdue"),
            tuple(x.title for x in packet.letters))


def shown(d) -> tuple:
    return d.key, d.day, d.owner, d.label


def line_now(line) -> tuple:
    return (line.person, shown(line.next) if line.next else None, tuple(map(shown, line.this_week)),
            tuple(map(shown, line.overdue)), line.late_answers, line.to_send)


@pytest.fixture
def opened(monkeypatch):
    """Every sealed value opened, counted by the kind of place it lives in."""
    counts: Counter[str] = Counter()
    original = Key.open

    def counting(key, sealed, where):
        counts[where.split(":")[0]] += 1
        return original(key, sealed, where)

    monkeypatch.setattr(Key, "open", counting)
    return counts


def test_the_board_gives_the_lines_it_gave_when_it_opened_every_case(ws, clock):
    ids = stored_dossiers(ws)
    seen: Counter[str] = Counter()
    for days in (0, 1, 3, 9, 40):  # dates move with today: each day's summaries are made again
        clock.now = datetime(2026, 11, 29, 10, 0) + timedelta(days=days)
        lines = {line.dossier_id: line_now(line) for line in ws.board().lines}
        assert lines == {i: line_as_before(ws, i) for i in ids}, days
        for _, upcoming, this_week, overdue, late, to_send in lines.values():
            seen.update(next=bool(upcoming), this_week=bool(this_week), overdue=bool(overdue),
                        late=bool(late), to_send=bool(to_send))
    assert {k for k, v in seen.items() if v} == {"next", "this_week", "overdue", "late", "to_send"}, seen


def test_drawing_the_board_opens_no_case_and_no_event(site, ws, opened):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    stored_dossiers(ws, claire.user.id)
    opened.clear()
    page = claire.client.get("/espace/")
    assert page.status_code == 200 and "Personne 6" in page.text and "En retard (" in page.text
    assert opened["dossiers.case"] == 0 and opened["events"] == 0
    assert opened["board_entries"] == len(DOSSIERS)  # one small sealed value each: its name, its kinds


def test_a_summary_made_on_an_earlier_day_is_made_again_once(ws, clock, opened):
    stored_dossiers(ws)
    ws.board()
    clock.now += timedelta(days=1)
    opened.clear()
    ws.board()
    assert opened["dossiers.case"] == len(DOSSIERS)
    opened.clear()
    ws.board()
    assert opened["dossiers.case"] == 0


def test_clinic_purge_makes_the_days_summaries_so_the_first_view_opens_no_case(ws, clock, opened):
    stored_dossiers(ws)
    clock.now += timedelta(days=1)
    assert ws.summarize_stale() == len(DOSSIERS)
    assert ws.summarize_stale() == 0
    opened.clear()
    ws.board()
    assert opened["dossiers.case"] == 0


def test_overdue_and_this_week_are_said_on_the_day_of_reading(ws):
    """Stored on 29 November, read on 1 December without being made again: the rectification's
    last day (30 November) has gone by, and says so; the recourse delay is still ahead."""
    [fresh, *_] = stored_dossiers(ws)
    with ws.sessions() as s:
        summary = board_store.stored(s, ws.sealer)[fresh]
    later = line_of(fresh, None, summary, date(2026, 12, 1))
    rectification = next(d for d in summary.dates if d.key == "rectification")
    assert rectification.day == date(2026, 11, 30)
    assert "rectification" not in [d.key for d in later.this_week]
    assert later.overdue == ()  # optional: its passing is never overdue
    assert later.next.key != "rectification"
    on_the_day = line_of(fresh, None, summary, date(2026, 11, 30))
    assert on_the_day.next.key == "rectification"
    assert not on_the_day.next.label.endswith("date dépassée")
    missed = line_of(fresh, None, summary, date(2027, 3, 1))
    assert [d.key for d in missed.overdue] == ["recourse"]
    assert missed.overdue[0].label.endswith("date dépassée")


def test_a_letter_noted_as_sent_changes_the_line_at_once(ws):
    ids = stored_dossiers(ws)
    late = ids[2]
    assert [d.key for d in next(x for x in ws.board().lines if x.dossier_id == late).overdue] == ["recourse"]
    ws.add_event(late, {"date": "2026-09-25", "kind": "sent", "letter": "recourse"}, None)
    assert next(x for x in ws.board().lines if x.dossier_id == late).overdue == ()


def test_in_clear_the_board_keeps_days_and_whose_they_are_nothing_else():
    assert set(DossierDate.__table__.columns.keys()) == {"dossier_id", "position", "day", "owner",
                                                          "late_if_past", "done"}
    assert set(BoardEntry.__table__.columns.keys()) == {"dossier_id", "computed_on", "shown_sealed"}
