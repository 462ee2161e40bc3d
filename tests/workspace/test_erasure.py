"""Crypto-erasure: each dossier sealed under a key of its own, deleted first when the dossier is
erased, so that what the database keeps of an erased dossier (free pages, dead rows) opens with
no key the workspace still holds, the master key of RECOURS_DATA_KEY included."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from letters.bundle import read_upload
from workspace import mandate
from workspace.models import Dossier, DossierKey, Event, Mandate, Proof
from workspace.sealing import Key, SealError

from ..bundle_helpers import pdf_bytes
from ..conftest import load_case_data

CASE = load_case_data("caf-prime-activite-indu")
SENT = {"date": "2026-11-15", "kind": "sent", "letter": "explanation", "proof": "LRAR 1A 234"}


def full_dossier(ws) -> str:
    """A dossier with every kind of sealed value: its case, an event, a file, a mandate."""
    dossier = ws.create({**CASE, "events": [SENT]}, None, None)
    ws.add_proof(dossier, read_upload("avis.pdf", pdf_bytes("Avis de réception"), "receipt"), None)
    mandate.grant(ws, dossier, None, scope=("write_letters",), months=6, clinic_name="Association",
                  referent="Claire Martin")
    return dossier


def sealed_values(ws, dossier_id: str) -> dict[str, bytes]:
    """Every value of the dossier as the database holds it, by the place it is bound to."""
    with ws.sessions() as s:
        out = {f"dossiers.case:{dossier_id}": s.get(Dossier, dossier_id).case_sealed}
        for e in s.scalars(select(Event).where(Event.dossier_id == dossier_id)):
            out[f"events:{dossier_id}:{e.id}"] = e.event_sealed
        for p in s.scalars(select(Proof).where(Proof.dossier_id == dossier_id)):
            out[f"proofs.name:{p.id}"], out[f"proofs.data:{p.id}"] = p.name_sealed, p.data_sealed
        for m in s.scalars(select(Mandate).where(Mandate.dossier_id == dossier_id)):
            out[f"mandates:{m.id}"] = m.details_sealed
    assert len(out) == 5
    return out


def keys_held(ws) -> list[Key]:
    """Every key the workspace can still use: the master key, and each dossier key it stores."""
    with ws.sessions() as s:
        stored = list(s.scalars(select(DossierKey)))
        return [ws.sealer, *(ws.sealer.dossier_sealer(k.key_sealed, k.dossier_id) for k in stored)]


def opens_with(keys: list[Key], sealed: bytes, place: str) -> list[Key]:
    found = []
    for key in keys:
        try:
            key.open(sealed, place)
        except SealError:
            continue
        found.append(key)
    return found


def test_each_dossier_has_its_own_key_and_the_master_key_alone_opens_none_of_it(ws):
    one, two = full_dossier(ws), full_dossier(ws)
    held = keys_held(ws)
    assert len(held) == 3  # the master key and one key per dossier
    for dossier in (one, two):
        for place, sealed in sealed_values(ws, dossier).items():
            opened = opens_with(held, sealed, place)
            assert len(opened) == 1 and opened[0] is not ws.sealer, place


def test_after_erasure_what_was_stored_opens_with_no_key_the_workspace_holds(ws):
    kept, erased = full_dossier(ws), full_dossier(ws)
    captured = sealed_values(ws, erased)  # as an attacker copying the database would have them
    assert all(opens_with(keys_held(ws), v, place) for place, v in captured.items())
    ws.erase(erased, None)
    held = keys_held(ws)
    assert len(held) == 2  # the master key and the kept dossier's
    assert {place: opens_with(held, v, place) for place, v in captured.items()} == {
        place: [] for place in captured}
    assert ws.case_data(kept, None)["person"]["name"] == CASE["person"]["name"]


def test_a_dossier_key_moved_to_another_dossier_does_not_open(ws):
    one, two = ws.create(CASE, None, None), ws.create(CASE, None, None)
    with ws.sessions.begin() as s:
        s.get(DossierKey, two).key_sealed = s.get(DossierKey, one).key_sealed
    with pytest.raises(SealError):
        ws.case_data(two, None)


def pieces_of(values: dict[str, bytes]) -> dict[str, bytes]:
    """A stretch of each sealed value (nonce and first ciphertext bytes) to look for in raw files;
    a large value spans pages, so its start is what one page surely holds whole."""
    return {place: v[:40] for place, v in values.items()}


def key_of(ws, dossier_id: str) -> bytes:
    with ws.sessions() as s:
        return s.get(DossierKey, dossier_id).key_sealed


def test_sqlite_overwrites_what_an_erasure_deletes(tmp_path, clock):
    """secure_delete: the file keeps neither the erased dossier's key nor its values."""
    from .conftest import _workspace

    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    with _workspace(url, clock) as ws:
        kept, erased = full_dossier(ws), full_dossier(ws)
        wanted = {**pieces_of(sealed_values(ws, erased)), "key": key_of(ws, erased)}
        control = pieces_of(sealed_values(ws, kept))
        with ws.engine.connect() as c:
            assert c.execute(text("PRAGMA secure_delete")).scalar() == 1
        ws.engine.dispose()
        raw = Path(tmp_path / "w.sqlite3").read_bytes()
        assert all(piece in raw for piece in wanted.values())  # the scan sees them while they are there
        ws.erase(erased, None)
        ws.engine.dispose()
        raw = Path(tmp_path / "w.sqlite3").read_bytes()
        assert [name for name, piece in wanted.items() if piece in raw] == []
        assert all(piece in raw for piece in control.values())


def test_postgresql_files_keep_no_erased_dossier_key(postgres_ws, postgres_server):
    """The table of keys is rewritten after an erasure: no dead row keeps the key in the data
    files (the write-ahead log, like any backup, keeps it as long as it keeps anything)."""
    ws = postgres_ws
    kept, erased = full_dossier(ws), full_dossier(ws)
    wanted, control = key_of(ws, erased), key_of(ws, kept)

    def tables_hold(value: bytes) -> bool:
        with ws.engine.connect() as c:
            c.execute(text("CHECKPOINT"))
        base = Path(postgres_server.data) / "base"
        return any(value in path.read_bytes() for path in base.rglob("*") if path.is_file())

    assert tables_hold(wanted) and tables_hold(control)
    ws.erase(erased, None)
    assert not tables_hold(wanted)
    assert tables_hold(control)
