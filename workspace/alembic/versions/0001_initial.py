"""The workspace's first schema: users, dossiers, events, proofs, mandates, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("email_index", sa.String(64), nullable=False, unique=True),
        sa.Column("email_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("totp_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("totp_last_step", sa.Integer()),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("disabled_at", sa.DateTime()),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("referent_id", sa.String(32), sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("case_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime()),
    )
    op.create_index("ix_dossiers_referent_id", "dossiers", ["referent_id"])
    op.create_index("ix_dossiers_closed_at", "dossiers", ["closed_at"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("dossier_id", sa.String(32), sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_sealed", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_events_dossier_id", "events", ["dossier_id"])
    op.create_table(
        "proofs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("dossier_id", sa.String(32), sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("name_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("data_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_proofs_dossier_id", "proofs", ["dossier_id"])
    op.create_table(
        "mandates",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("dossier_id", sa.String(32), sa.ForeignKey("dossiers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("referent_id", sa.String(32), sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("signed_on", sa.Date()),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("revoked_on", sa.Date()),
        sa.Column("details_sealed", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_mandates_dossier_id", "mandates", ["dossier_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(32)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("dossier_id", sa.String(32)),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    for table in ("audit_log", "mandates", "proofs", "events", "dossiers", "users"):
        op.drop_table(table)
