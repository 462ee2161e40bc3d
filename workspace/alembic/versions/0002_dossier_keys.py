"""Each dossier sealed under a key of its own, kept sealed under the master key (crypto-erasure).

Every dossier stored before this revision is re-sealed here: a fresh key per dossier, its case,
events, files and their names, and its mandates' details opened with the master key and sealed
again with the dossier's key. The master key comes from ``clinic init-db`` (``db.migrate``).
The places (associated data) are those the store uses, written out here as they were when this
revision was made, so that a later change to the store cannot change what this one does.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from workspace.sealing import DossierSealer, Key, Sealer
from workspace.settings import SettingsError

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

dossiers = sa.table("dossiers", sa.column("id", sa.String), sa.column("case_sealed", sa.LargeBinary))
keys = sa.table("dossier_keys", sa.column("dossier_id", sa.String), sa.column("key_sealed", sa.LargeBinary))
# Each sealed column of a dossier's rows, with the place its values are bound to.
SEALED: tuple[tuple[str, str, Callable[[str, str], str]], ...] = (
    ("events", "event_sealed", lambda dossier, row: f"events:{dossier}:{row}"),
    ("proofs", "name_sealed", lambda dossier, row: f"proofs.name:{row}"),
    ("proofs", "data_sealed", lambda dossier, row: f"proofs.data:{row}"),
    ("mandates", "details_sealed", lambda dossier, row: f"mandates:{row}"),
)


def _sealer() -> Sealer:
    sealer = context.config.attributes.get("sealer")
    if sealer is None:
        raise SettingsError("La migration 0002 chiffre chaque dossier avec sa propre clé : elle a besoin de "
                           "RECOURS_DATA_KEY. Lancez `flask --app app clinic init-db` avec la clé.")
    assert isinstance(sealer, Sealer)
    return sealer


def _dossier_ids(bind: Any) -> list[str]:
    return list(bind.execute(sa.select(dossiers.c.id)).scalars())


def _reseal(bind: Any, dossier_id: str, old: Key, new: Key) -> None:
    """Every sealed value of one dossier, opened with ``old`` and sealed with ``new``, one row
    at a time (a dossier's files can weigh megabytes each)."""
    place = f"dossiers.case:{dossier_id}"
    case = bind.execute(sa.select(dossiers.c.case_sealed).where(dossiers.c.id == dossier_id)).scalar_one()
    bind.execute(dossiers.update().where(dossiers.c.id == dossier_id)
                 .values(case_sealed=new.seal(old.open(case, place), place)))
    for table_name, column, where in SEALED:
        table = sa.table(table_name, sa.column("id", sa.String), sa.column("dossier_id", sa.String),
                         sa.column(column, sa.LargeBinary))
        found = bind.execute(sa.select(table.c.id).where(table.c.dossier_id == dossier_id)).scalars()
        for row_id in list(found):
            value = bind.execute(sa.select(table.c[column]).where(table.c.id == row_id)).scalar_one()
            place = where(dossier_id, row_id)
            bind.execute(table.update().where(table.c.id == row_id)
                         .values({column: new.seal(old.open(value, place), place)}))


def upgrade() -> None:
    op.create_table(
        "dossier_keys",
        sa.Column("dossier_id", sa.String(32), sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("key_sealed", sa.LargeBinary(), nullable=False),
    )
    bind = op.get_bind()
    found = _dossier_ids(bind)
    if not found:
        return
    master = _sealer()
    for dossier_id in found:
        key, key_sealed = master.new_dossier_key(dossier_id)
        bind.execute(keys.insert().values(dossier_id=dossier_id, key_sealed=key_sealed))
        _reseal(bind, dossier_id, master, key)


def downgrade() -> None:
    bind = op.get_bind()
    found = _dossier_ids(bind)
    if found:
        master = _sealer()
        for dossier_id in found:
            query = sa.select(keys.c.key_sealed).where(keys.c.dossier_id == dossier_id)
            key: DossierSealer = master.dossier_sealer(bind.execute(query).scalar_one(), dossier_id)
            _reseal(bind, dossier_id, key, master)
    op.drop_table("dossier_keys")
