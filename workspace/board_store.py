"""Each open dossier's board summary in the database, so the board opens no case to be drawn.

A summary is written with the case (``Workspace.create``, ``update``, ``add_event``) and again
each day, its dates moving with "today" (the day a letter sent today would be answered by…):
by ``clinic purge``, and by the board itself for any summary made on an earlier day. In clear,
per dossier: the day it was made, and each date's day, owner, whether it is overdue once past,
and the day a letter met it (models.py says why these are not personal data of substance);
sealed under the dossier's key, one value: the person's name, each date's kind and the title
its label names, the letters to send and those awaiting an answer.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .board import Dated, Summary
from .models import BoardEntry, Dossier, DossierDate, DossierKey
from .sealing import DossierSealer, Sealer


def place(dossier_id: str) -> str:
    return f"board_entries:{dossier_id}"


def save(s: Session, key: DossierSealer, dossier_id: str, summary: Summary) -> None:
    """Replace the dossier's summary with ``summary`` (in the caller's transaction)."""
    s.execute(delete(DossierDate).where(DossierDate.dossier_id == dossier_id))
    s.execute(delete(BoardEntry).where(BoardEntry.dossier_id == dossier_id))
    shown = {"person": summary.person, "kinds": [[d.key, d.title] for d in summary.dates],
             "to_send": list(summary.to_send), "waiting": [list(w) for w in summary.waiting]}
    sealed = key.seal(json.dumps(shown, ensure_ascii=False).encode("utf-8"), place(dossier_id))
    s.add(BoardEntry(dossier_id=dossier_id, computed_on=summary.computed_on, shown_sealed=sealed))
    s.add_all(DossierDate(dossier_id=dossier_id, position=i, day=d.day, owner=d.owner,
                          late_if_past=d.late_if_past, done=d.done) for i, d in enumerate(summary.dates))


def stored(s: Session, master: Sealer, only: str | None = None) -> dict[str, Summary]:
    """Every open dossier's summary as stored (or ``only`` that dossier's), by dossier id; none
    for a dossier without one."""
    entries = (select(BoardEntry.dossier_id, BoardEntry.computed_on, BoardEntry.shown_sealed,
                      DossierKey.key_sealed)
               .join(Dossier, Dossier.id == BoardEntry.dossier_id)
               .join(DossierKey, DossierKey.dossier_id == BoardEntry.dossier_id)
               .where(Dossier.status == "open"))
    rows = (select(DossierDate).join(Dossier, Dossier.id == DossierDate.dossier_id)
            .where(Dossier.status == "open").order_by(DossierDate.dossier_id, DossierDate.position))
    if only is not None:
        entries, rows = entries.where(Dossier.id == only), rows.where(Dossier.id == only)
    dates: dict[str, list[DossierDate]] = defaultdict(list)
    for row in s.scalars(rows):
        dates[row.dossier_id].append(row)
    out = {}
    for dossier_id, computed_on, sealed, key_sealed in s.execute(entries):
        shown = json.loads(master.dossier_sealer(key_sealed, dossier_id).open(sealed, place(dossier_id)))
        summary = _summary(computed_on, shown, dates[dossier_id])
        if summary is not None:
            out[dossier_id] = summary
    return out


def _summary(computed_on: date, shown: dict[str, Any], rows: list[DossierDate]) -> Summary | None:
    kinds = shown["kinds"]
    if len(kinds) != len(rows):
        return None  # not as saved: made again from the case, as a missing one is
    dated = tuple(Dated(key, r.day, r.owner, r.late_if_past, r.done, title)
                  for (key, title), r in zip(kinds, rows, strict=True))
    return Summary(computed_on, shown["person"], dated, tuple(shown["to_send"]),
                   tuple((letter, title) for letter, title in shown["waiting"]))
