"""The workspace's tables (SQLAlchemy 2). What is personal is only ever stored sealed.

In clear: ids (random), among them which sending a file attests, roles, statuses, timestamps
of the workspace's own acts (created, closed, erased), the mandate's scope and dates, the audit
log (who, what, which dossier id, when), and what the deadlines board needs to be drawn without
opening any case (``board_entries``, ``dossier_dates``): for each dossier, the days of its
dates as its packet computes them, whose each is (the person's or the body's), whether it is
overdue once past, the day a letter sent met it, and the day they were computed. These are not
personal data of substance: tied to a random id only, they tell when the steps of a procedure
fall, not who the person is, where they live, which body decided, on what benefit, for how
much, or what anyone wrote. What would tell any of that stays sealed, the kind of each date
included (its key names the letter, and a letter to the caisse that pays the RSA names the
benefit): the person's name, the dates' kinds, the letters' titles, which letters are to send
and which await an answer, in one sealed value per dossier.

Sealed (``sealing.py``): under the master key, e-mails, TOTP secrets and each dossier's own
key (``dossier_keys``); under that dossier key, the case and each of its events, every file
and its name, the mandate's details, the board's sealed value. Alembic migrations
(``alembic/versions``) create the same schema.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("referent", "admin")
STATUSES = ("open", "closed")
# What the audit log may record; nothing else, and never a value typed by anyone.
# "account_locked": a fifth failed login within the lockout window locked the account;
# "login_locked": a login refused because the account is locked, whatever was typed.
ACTIONS = ("login", "login_failed", "account_locked", "login_locked", "create", "open", "change",
           "add_event", "add_proof", "close", "reopen", "export", "erase", "purge", "mandate",
           "revoke_mandate", "import")


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


class BoardEntry(Base):
    """What the deadlines board shows of a dossier, computed from its case on ``computed_on``
    (again whenever the dossier changes, and each day: ``board_store.py``), so that drawing
    the board opens no case. Its dates are in ``dossier_dates``."""

    __tablename__ = "board_entries"

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True)
    computed_on: Mapped[date] = mapped_column(Date)
    # The person's name, each date's kind and the title it names, the letters to send and
    # those awaiting an answer: JSON, under the dossier's key.
    shown_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class DossierDate(Base):
    """One date of a dossier's packet, as the board keeps it: a day and whose it is, no status
    (overdue and "this week" are said at read time, from the day of reading)."""

    __tablename__ = "dossier_dates"

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)  # its kind: the sealed value's
    day: Mapped[date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(8))  # "person" or "body"
    late_if_past: Mapped[bool] = mapped_column(Boolean)  # gone by and not met, it is overdue
    done: Mapped[date | None] = mapped_column(Date)  # the day the letter that meets it was sent


class AuditEntry(Base):
    """Who did what to which dossier, when: ids and a fixed action word, no personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[str | None] = mapped_column(String(32))  # kept after the user is gone
    action: Mapped[str] = mapped_column(String(32))
    dossier_id: Mapped[str | None] = mapped_column(String(32))  # kept after the dossier is erased
