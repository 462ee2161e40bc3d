"""Dossiers stored, read, changed, exported and erased, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from letters import parse_case
from letters.bundle import read_upload
from workspace.models import AuditEntry, Dossier, Event, Proof
from workspace.sealing import Sealer, SealError, new_key
from workspace.settings import SettingsError
from workspace.store import CaseInvalid, Workspace

from ..bundle_helpers import pdf_bytes
from ..conftest import load_case_data

CASE = load_case_data("caf-prime-activite-indu")
EVENT = {"date": "2026-11-15", "kind": "sent", "letter": "explanation", "proof": "LRAR 1A 234"}


def rows(ws, model) -> int:
    with ws.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def referent(ws):
    return ws.add_user("claire.martin@asso.example", "un mot de passe assez long").id


def test_a_dossier_comes_back_as_it_was_stored(ws, referent):
    dossier = ws.create({**CASE, "events": [EVENT]}, referent, referent)
    data = ws.case_data(dossier, referent)
    assert data == {**{k: v for k, v in CASE.items() if k != "today"}, "events": [EVENT]}
    assert ws.case(dossier, referent).events[0].proof == "LRAR 1A 234"


def test_an_invalid_case_is_refused_with_its_fields(ws, referent):
    bad = copy.deepcopy(CASE)
    bad["decision"]["date"] = "2026-13-01"
    with pytest.raises(CaseInvalid) as error:
        ws.create(bad, referent, referent)
    assert [e.field for e in error.value.errors] == ["decision.date"]
    assert rows(ws, Dossier) == 0


def test_an_event_is_validated_with_the_whole_case(ws, referent):
    dossier = ws.create(CASE, referent, referent)
    with pytest.raises(CaseInvalid) as error:
        ws.add_event(dossier, {**EVENT, "date": "2026-12-25"}, referent)  # after today
    assert error.value.errors[0].field == "events.0.date"
    ws.add_event(dossier, EVENT, referent)
    ws.add_event(dossier, {"date": "2026-11-20", "kind": "received_ack", "letter": "explanation"}, referent)
    assert [e.kind for e in ws.case(dossier, referent).events] == ["sent", "received_ack"]


def test_a_changed_case_replaces_the_old_one_events_included(ws, referent):
    dossier = ws.create({**CASE, "events": [EVENT]}, referent, referent)
    changed = copy.deepcopy(CASE)
    changed["person"]["phone"] = "06 12 34 56 78"
    ws.update(dossier, changed, referent)
    data = ws.case_data(dossier, referent)
    assert data["person"]["phone"] == "06 12 34 56 78" and "events" not in data
    assert rows(ws, Event) == 0


def test_files_come_back_byte_for_byte(ws, referent):
    dossier = ws.create(CASE, referent, referent)
    scan = pdf_bytes("Avis de réception 1A 234")
    ws.add_proof(dossier, read_upload("avis.pdf", scan, "receipt"), referent)
    [back] = ws.proofs(dossier, referent)
    assert (back.name, back.role, back.kind, back.data) == ("avis.pdf", "receipt", "pdf", scan)


def test_the_export_is_the_public_apps_case_file(ws, referent):
    dossier = ws.create({**CASE, "events": [EVENT]}, referent, referent)
    exported = json.loads(ws.export(dossier, referent))
    case, errors = parse_case(exported, today=ws.today())
    assert errors == [] and case.person.name == "Samia Benali"
    assert exported["events"] == [EVENT] and "today" not in exported


def test_erasing_removes_the_dossier_its_events_and_files_and_the_audit_keeps_only_its_id(ws, referent):
    dossier = ws.create({**CASE, "events": [EVENT]}, referent, referent)
    ws.add_proof(dossier, read_upload("avis.pdf", pdf_bytes("x"), "receipt"), referent)
    ws.erase(dossier, referent)
    assert (rows(ws, Dossier), rows(ws, Event), rows(ws, Proof)) == (0, 0, 0)
    assert [(a.action, a.dossier_id) for a in ws.audit(dossier)][-1] == ("erase", dossier)


def test_retention_erases_what_was_closed_long_enough_ago(ws, referent, clock):
    old, recent, still_open = (ws.create(CASE, referent, referent) for _ in range(3))
    clock.now = datetime(2025, 11, 1, 9, 0)
    ws.close(old, referent)
    clock.now = datetime(2026, 1, 15, 9, 0)
    ws.close(recent, referent)
    clock.now = datetime(2026, 11, 29, 10, 0)
    assert ws.purge() == [old]  # closed 13 months ago; the other 10 months ago
    assert {d.id for d in ws.dossiers()} == {recent, still_open}
    clock.now = datetime(2027, 1, 16, 10, 0)
    assert ws.purge() == [recent]


def test_a_reopened_dossier_is_not_purged(ws, referent, clock):
    dossier = ws.create(CASE, referent, referent)
    clock.now = datetime(2025, 1, 1)
    ws.close(dossier, referent)
    ws.reopen(dossier, referent)
    clock.now = datetime(2026, 11, 29)
    assert ws.purge() == []


def test_the_audit_log_says_who_did_what_to_which_dossier(ws, referent):
    dossier = ws.create(CASE, referent, referent)
    ws.case_data(dossier, referent)
    ws.add_event(dossier, EVENT, referent)
    ws.export(dossier, referent)
    entries = ws.audit(dossier)
    assert [(a.action, a.user_id) for a in entries] == [
        ("create", referent), ("open", referent), ("add_event", referent), ("export", referent)]
    assert set(AuditEntry.__table__.columns.keys()) == {"id", "at", "user_id", "action", "dossier_id"}


def test_without_the_right_key_nothing_opens(ws, referent):
    dossier = ws.create(CASE, referent, referent)
    stranger = Workspace(ws.engine, Sealer(new_key()), clock=ws.clock)
    with pytest.raises(SealError, match="ne s'ouvrent pas avec cette clé"):
        stranger.case_data(dossier, None)
    with pytest.raises(SettingsError, match="RECOURS_DATA_KEY est vide"):
        Sealer("")


def test_a_sealed_value_moved_to_another_row_does_not_open(ws, referent):
    one, two = ws.create(CASE, referent, referent), ws.create(CASE, referent, referent)
    with ws.sessions.begin() as s:
        s.get(Dossier, two).case_sealed = s.get(Dossier, one).case_sealed
    with pytest.raises(SealError):
        ws.case_data(two, referent)
