"""Upgrading a workspace that already holds dossiers: revision 0002 gives each its own key and
re-seals all it holds, in one transaction; without the master key it stops and changes nothing."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from workspace import mandate
from workspace.cli import clinic
from workspace.db import downgrade, engine_for, migrate
from workspace.sealing import Sealer, SealError
from workspace.settings import SettingsError
from workspace.store import Workspace

from ..bundle_helpers import pdf_bytes
from .conftest import KEY

CASE = {"person": {"name": "Samia Benali", "address": ["12 rue des Lilas", "33000 Bordeaux"]},
        "organisation": {"kind": "caf"},
        "decision": {"kind": "overpayment", "benefit": "prime_activite", "date": "2026-09-01"}}
SENT = {"date": "2026-11-15", "kind": "sent", "letter": "explanation"}
SCAN = pdf_bytes("Avis de réception")
NOW = datetime(2026, 11, 20, 9, 0)
# The tables as revision 0001 made them, written here as that revision's store wrote them:
# every value under the master key.
T = {name: sa.table(name, *(sa.column(c) for c in columns)) for name, columns in {
    "dossiers": ("id", "referent_id", "status", "case_sealed", "created_at", "changed_at", "closed_at"),
    "events": ("id", "dossier_id", "position", "event_sealed"),
    "proofs": ("id", "dossier_id", "position", "role", "kind", "pages", "name_sealed", "data_sealed",
               "created_at"),
    "mandates": ("id", "dossier_id", "referent_id", "scope", "signed_on", "valid_until", "revoked_on",
                 "details_sealed"),
}.items()}


def seal(master: Sealer, value, place: str) -> bytes:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode("utf-8")
    return master.seal(raw, place)


def stored_as_in_0001(engine, master: Sealer, dossier: str = "d" * 32) -> str:
    with engine.begin() as c:
        c.execute(T["dossiers"].insert().values(
            id=dossier, status="open", created_at=NOW, changed_at=NOW,
            case_sealed=seal(master, CASE, f"dossiers.case:{dossier}")))
        c.execute(T["events"].insert().values(
            id="e" * 32, dossier_id=dossier, position=0,
            event_sealed=seal(master, SENT, f"events:{dossier}:{'e' * 32}")))
        c.execute(T["proofs"].insert().values(
            id="p" * 32, dossier_id=dossier, position=0, role="receipt", kind="pdf", pages=1, created_at=NOW,
            name_sealed=seal(master, b"avis.pdf", f"proofs.name:{'p' * 32}"),
            data_sealed=seal(master, SCAN, f"proofs.data:{'p' * 32}")))
        details = {"clinic_name": "Association Droits Devant", "clinic_address": [],
                   "referent": "Claire Martin"}
        c.execute(T["mandates"].insert().values(
            id="m" * 32, dossier_id=dossier, scope="write_letters", signed_on=date(2026, 11, 2),
            valid_until=date(2027, 5, 2), details_sealed=seal(master, details, f"mandates:{'m' * 32}")))
    return dossier


def raw_case(engine, dossier: str) -> bytes:
    table = T["dossiers"]
    with engine.connect() as c:
        return c.execute(sa.select(table.c.case_sealed).where(table.c.id == dossier)).scalar_one()


def revision_of(engine) -> str:
    with engine.connect() as c:
        return c.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()


@pytest.fixture
def old_workspace(database):
    """A database at revision 0001 holding one dossier with an event, a file and a mandate."""
    engine = engine_for(database[1])
    migrate(engine, "0001")
    try:
        yield engine, stored_as_in_0001(engine, Sealer(KEY))
    finally:
        engine.dispose()


def test_the_upgrade_reseals_every_dossier_under_its_own_key(old_workspace, clock):
    engine, dossier = old_workspace
    master = Sealer(KEY)
    master.open(raw_case(engine, dossier), f"dossiers.case:{dossier}")  # under the master key before
    migrate(engine, sealer=master)
    ws = Workspace(engine, master, clock=clock)
    assert ws.case_data(dossier, None) == {**CASE, "events": [SENT]}
    [proof] = ws.proofs(dossier, None)
    assert (proof.name, proof.data) == ("avis.pdf", SCAN)
    [held] = mandate.mandates(ws, dossier)
    assert (held.clinic_name, held.referent) == ("Association Droits Devant", "Claire Martin")
    with pytest.raises(SealError):
        master.open(raw_case(engine, dossier), f"dossiers.case:{dossier}")
    [line] = ws.board().lines  # its board summary, made the first time the board is drawn
    assert line.person == "Samia Benali"
    ws.erase(dossier, None)
    assert ws.dossiers() == []


def test_without_the_master_key_the_upgrade_stops_and_leaves_the_database_as_it_was(old_workspace):
    engine, dossier = old_workspace
    with pytest.raises(SettingsError, match="RECOURS_DATA_KEY"):
        migrate(engine)
    assert revision_of(engine) == "0001"
    assert "dossier_keys" not in sa.inspect(engine).get_table_names()
    assert Sealer(KEY).open(raw_case(engine, dossier), f"dossiers.case:{dossier}")


def test_with_another_key_the_upgrade_says_so_and_changes_nothing(old_workspace, database):
    engine, _ = old_workspace
    from workspace.sealing import new_key

    result = CliRunner().invoke(clinic, ["init-db"], env={"RECOURS_DATABASE_URL": database[1],
                                                          "RECOURS_DATA_KEY": new_key()})
    assert result.exit_code == 1 and "RECOURS_DATA_KEY" in result.output
    assert revision_of(engine) == "0001"


def test_clinic_init_db_upgrades_with_the_key_it_is_given(old_workspace, database):
    engine, dossier = old_workspace
    result = CliRunner().invoke(clinic, ["init-db"], env={"RECOURS_DATABASE_URL": database[1],
                                                          "RECOURS_DATA_KEY": KEY})
    assert result.output == "Base de données prête.\n"
    assert revision_of(engine) != "0001"
    assert Workspace(engine, Sealer(KEY)).case_data(dossier, None)["person"] == CASE["person"]


def test_the_downgrade_seals_everything_under_the_master_key_again(old_workspace):
    engine, dossier = old_workspace
    master = Sealer(KEY)
    migrate(engine, "0002", sealer=master)
    downgrade(engine, "0001", sealer=master)
    assert json.loads(master.open(raw_case(engine, dossier), f"dossiers.case:{dossier}")) == CASE
    with engine.connect() as c:
        data = c.execute(sa.select(T["proofs"].c.data_sealed)).scalar_one()
    assert master.open(data, f"proofs.data:{'p' * 32}") == SCAN
