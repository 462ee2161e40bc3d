"""The workspace's tables (SQLAlchemy 2). What is personal is only ever stored sealed.

In clear: ids (random), among them which sending a file attests, roles, statuses, timestamps
of the workspace's own acts (created, closed, erased), the mandate's scope and dates, and the
audit log (who, what, which dossier
id, when). Sealed (``sealing.py``): under the master key, e-mails, TOTP secrets and each
dossier's own key (``dossier_keys``); under that dossier key, the case and each of its events,
every file and its name, the mandate's details. Alembic migrations (``alembic/versions``)
create the same schema.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("referent", "admin")
STATUSES = ("open", "closed")
# What the audit log may record; nothing else, and never a value typed by anyone.
ACTIONS = ("login", "login_failed", "create", "open", "change", "add_event", "add_proof", "close",
           "reopen", "export", "erase", "purge", "mandate", "revoke_mandate", "import")


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class PartOfDossier:
    """A row that belongs to one dossier and goes when it goes (ON DELETE CASCADE)."""

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email_index: Mapped[str] = mapped_column(String(64), unique=True)  # keyed hash, for login
    email_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    totp_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # a code is used once
    role: Mapped[str] = mapped_column(String(16), default="referent")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    referent_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    case_sealed: Mapped[bytes] = mapped_column(LargeBinary)  # the case JSON without its events
    created_at: Mapped[datetime] = mapped_column(DateTime)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    events: Mapped[list[Event]] = relationship(back_populates="dossier", cascade="all, delete-orphan",
                                               order_by="Event.position", passive_deletes=True)
    proofs: Mapped[list[Proof]] = relationship(back_populates="dossier", cascade="all, delete-orphan",
                                               order_by="Proof.position", passive_deletes=True)
    mandates: Mapped[list[Mandate]] = relationship(back_populates="dossier", cascade="all, delete-orphan",
                                                   passive_deletes=True)
    key: Mapped[DossierKey] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class DossierKey(Base):
    """The dossier's own data key, sealed under the master key: without it, nothing of the
    dossier opens, so erasing the dossier deletes it first (``Workspace.erase``)."""

    __tablename__ = "dossier_keys"

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True)
    key_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class Event(PartOfDossier, Base):
    """One event of the case's timeline (sent, acknowledged, answered), sealed."""

    __tablename__ = "events"

    position: Mapped[int] = mapped_column(Integer)
    event_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    dossier: Mapped[Dossier] = relationship(back_populates="events")


class Proof(PartOfDossier, Base):
    """A file of the dossier (a proof of sending, an answer…): its bytes and its name, sealed."""

    __tablename__ = "proofs"

    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))  # pdf, jpeg, png
    pages: Mapped[int] = mapped_column(Integer)
    name_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    data_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The 'sent' event a receipt or a proof of sending attests, when the person said which:
    # an id, as random as the others; the event itself stays sealed.
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    dossier: Mapped[Dossier] = relationship(back_populates="proofs")


class Mandate(PartOfDossier, Base):
    """The person's mandate to the clinic: what it may do for them, until when, revoked or not."""

    __tablename__ = "mandates"

    referent_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scope: Mapped[str] = mapped_column(String(200))  # comma-separated ids of mandate.SCOPES
    signed_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    details_sealed: Mapped[bytes] = mapped_column(LargeBinary)  # the clinic's and référent's names
    dossier: Mapped[Dossier] = relationship(back_populates="mandates")


class AuditEntry(Base):
    """Who did what to which dossier, when: ids and a fixed action word, no personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[str | None] = mapped_column(String(32))  # kept after the user is gone
    action: Mapped[str] = mapped_column(String(32))
    dossier_id: Mapped[str | None] = mapped_column(String(32))  # kept after the dossier is erased
