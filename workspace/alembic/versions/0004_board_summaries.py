"""The deadlines board's summary of each dossier, so the board opens no case to be drawn.

Dossiers stored before this revision get theirs the first time the board is drawn (or by
``clinic purge``): nothing to compute here.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "board_entries",
        sa.Column("dossier_id", sa.String(32), sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("shown_sealed", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "dossier_dates",
        sa.Column("dossier_id", sa.String(32), sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(8), nullable=False),
        sa.Column("late_if_past", sa.Boolean(), nullable=False),
        sa.Column("done", sa.Date()),
    )


def downgrade() -> None:
    op.drop_table("dossier_dates")
    op.drop_table("board_entries")
