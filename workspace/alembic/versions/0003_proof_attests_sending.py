"""A receipt or a proof of sending may say which 'sent' event it attests (proofs.event_id).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot add a foreign key to a table in place: the batch copies the table.
    with op.batch_alter_table("proofs") as batch:
        batch.add_column(sa.Column("event_id", sa.String(32)))
        batch.create_foreign_key("fk_proofs_event_id_events", "events", ["event_id"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index("ix_proofs_event_id", ["event_id"])


def downgrade() -> None:
    with op.batch_alter_table("proofs") as batch:
        batch.drop_index("ix_proofs_event_id")
        batch.drop_constraint("fk_proofs_event_id_events", type_="foreignkey")
        batch.drop_column("event_id")
