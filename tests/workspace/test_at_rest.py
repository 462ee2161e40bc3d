"""The database holds no personal field in clear: the raw SQLite file and the raw PostgreSQL rows
(and its data files) are scanned for every name, address, description and file content stored."""

from __future__ import annotations

import copy
from pathlib import Path

from sqlalchemy import text

from letters.bundle import read_upload
from workspace import mandate

from ..bundle_helpers import blank_pdf
from ..conftest import load_case_data

# Values no table has any reason to hold, each easy to find in a dump.
NAME = "Zénobie Quarantotto"
EMAIL = "zenobie.quarantotto@exemple.org"
STREET = "17 impasse des Glycines Ardentes"
STORY = "Mon histoire singulière racontée une seule fois xyzzy"
ORGANISATION = "CAF du Val Imaginaire"
PROOF_TEXT = "CONTENU-DE-LA-PREUVE-QWERTY"
FILE_NAME = "avis-quarantotto.pdf"
STAFF = "referente.unique@asso.example"
CLINIC = "Association Lumière du Quartier"
PLAIN = [NAME, EMAIL, STREET, STORY, ORGANISATION, FILE_NAME, STAFF, CLINIC, "LRAR 9Z 876", PROOF_TEXT]


def store_everything(ws) -> str:
    case = copy.deepcopy(load_case_data("caf-prime-activite-indu"))
    case["person"].update(name=NAME, email=EMAIL, address=[STREET, "33000 Bordeaux"])
    case["organisation"]["name"] = ORGANISATION
    case["decision"]["description"] = STORY
    user = ws.add_user(STAFF, "un mot de passe assez long").id
    dossier = ws.create(case, user, user)
    ws.add_event(dossier, {"date": "2026-11-15", "kind": "sent", "letter": "explanation",
                           "proof": "LRAR 9Z 876"}, user)
    ws.add_proof(dossier, read_upload(FILE_NAME, proof_file(), "receipt"), user)
    mandate.grant(ws, dossier, user, scope=("write_letters",), months=6, clinic_name=CLINIC,
                  referent="Claire Martin")
    return dossier


def proof_file() -> bytes:
    """A PDF whose bytes show PROOF_TEXT as it is (a comment after its end), so a file stored
    unsealed would be found."""
    return blank_pdf(1) + f"% {PROOF_TEXT}\n".encode()


def found_in(blob: bytes) -> list[str]:
    lowered = blob.lower()
    return [v for v in PLAIN
            if v.encode("utf-8").lower() in lowered or v.encode("utf-16-le").lower() in lowered]


def test_the_database_holds_nothing_personal_in_clear(ws, database):
    assert found_in(proof_file()) == [PROOF_TEXT]  # the scan finds a value stored as it is
    dossier = store_everything(ws)
    assert ws.case(dossier, None).person.name == NAME  # it is all there, sealed
    assert found_in(stored_bytes(ws, database, dossier)) == []


def stored_bytes(ws, database, dossier: str) -> bytes:
    """Everything the database holds, as bytes: the SQLite file, or every PostgreSQL row."""
    kind, url = database
    if kind == "sqlite":
        ws.engine.dispose()  # the file is complete once every connection is closed
        raw = Path(url.removeprefix("sqlite:///")).read_bytes()
        assert len(raw) > 10_000
        return raw
    with ws.engine.connect() as c:
        listed = c.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        tables = [r[0] for r in listed]
        dumped = "\n".join(str(r[0]) for t in tables
                           # the table names come from the catalogue, not from input
                           for r in c.execute(text(f'SELECT row_to_json(x)::text FROM "{t}" x')))  # nosec B608
    assert {"users", "dossiers", "events", "proofs", "mandates", "audit_log"} <= set(tables)
    assert dossier in dumped  # the rows were read
    return dumped.encode("utf-8")


def test_postgresql_data_files_hold_nothing_personal_in_clear(postgres_ws, postgres_server):
    store_everything(postgres_ws)
    with postgres_ws.engine.connect() as c:
        c.execute(text("CHECKPOINT"))  # everything written to the data files and the WAL
    server = postgres_server
    leaks, scanned = {}, 0
    for path in Path(server.data).rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            scanned += len(raw)
            hits = found_in(raw)
            if hits:
                leaks[str(path)] = hits
    assert scanned > 10_000_000  # the tables, the WAL, the catalogue: the whole cluster was read
    assert leaks == {}


def test_the_audit_log_holds_only_ids_and_action_words(ws):
    store_everything(ws)
    for entry in ws.audit():
        assert found_in(f"{entry.user_id} {entry.action} {entry.dossier_id}".encode()) == []
        assert entry.action.isidentifier()
