"""The workspace's storage: users, dossiers and their events, proofs and mandates, the audit log.

Every personal value goes in sealed and comes out opened here, and nowhere else: a dossier's
under its own key (``key_of``), the staff's under the master key. Every act on a dossier is
written to the audit log with ids only. The clock is an argument (``clock``), so
retention and deadlines can be tested on any day.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from letters import Case, FieldError, parse_case
from letters.bundle import Attachment, Sending, read_upload
from letters.bundle.checks import PROOF_ROLES
from letters.calendar_fr import add_months

from . import board_store, passwords, totp
from .board import Board, Summary, board_of, line_of, summarize
from .db import engine_for
from .models import ACTIONS, ROLES, AuditEntry, Dossier, DossierKey, Event, Proof, User, new_id
from .sealing import DossierSealer, Sealer
from .settings import Settings

log = logging.getLogger(__name__)
# After this many failed logins to one account within the window, its logins are refused for
# the lockout's length, whatever is typed, with the same words as a wrong password.
LOCK_AFTER = 5
LOCK_WINDOW = timedelta(minutes=15)
LOCKED_FOR = timedelta(minutes=15)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class CaseInvalid(ValueError):
    """The case (or the event added to it) does not validate; ``errors`` name each field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class NotFound(LookupError):
    pass


class NotASending(ValueError):
    """A file said to attest a sending it cannot attest; the message says why, in plain French."""


@dataclass(frozen=True)
class ProofRow:
    """A file of the dossier as its page lists it, the contents left sealed."""

    id: str
    role: str
    name: str
    pages: int
    proves: str | None  # the id of the 'sent' event it attests, if the person said which


@dataclass(frozen=True)
class DossierRow:
    """What a list of dossiers shows without opening any: no personal data."""

    id: str
    referent_id: str | None
    status: str
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class NewUser:
    id: str
    totp_secret: str  # shown once, to enrol the authenticator app
    totp_uri: str


class Workspace:
    def __init__(self, engine: Engine, sealer: Sealer, *, retention_months: int = 12,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.sealer = sealer
        self.retention_months = retention_months
        self.clock = clock
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> Workspace:
        return cls(engine_for(settings.database_url), Sealer(settings.data_key),
                   retention_months=settings.retention_months, **kwargs)

    def today(self) -> date:
        return self.clock().date()

    def log_act(self, s: Session, action: str, user_id: str | None, dossier_id: str | None = None) -> None:
        assert action in ACTIONS, action
        s.add(AuditEntry(at=self.clock(), user_id=user_id, action=action, dossier_id=dossier_id))

    # -- Users ---------------------------------------------------------------------------

    def add_user(self, email: str, password: str, role: str = "referent") -> NewUser:
        email = email.strip().lower()
        if "@" not in email or len(email) > 200:
            raise ValueError("Cette adresse e-mail ne semble pas complète.")
        if role not in ROLES:
            raise ValueError(f"Rôle inconnu : {role} (possibles : {', '.join(ROLES)}).")
        secret = totp.new_secret()
        user = User(id=new_id(), email_index=self.sealer.index(email),
                    password_hash=passwords.hash_password(password), role=role, created_at=self.clock())
        user.email_sealed = self.sealer.seal_text(email, f"users.email:{user.id}")
        user.totp_sealed = self.sealer.seal_text(secret, f"users.totp:{user.id}")
        with self.sessions.begin() as s:
            if s.scalar(select(User.id).where(User.email_index == user.email_index)):
                raise ValueError("Un compte existe déjà pour cette adresse e-mail.")
            s.add(user)
        return NewUser(user.id, secret, totp.provisioning_uri(secret, email))

    def login(self, email: str, password: str, code: str) -> str | None:
        """The user's id when the password and the TOTP code are right and the account is not
        locked, else None: the caller says the same whatever went wrong."""
        now = self.clock()
        with self.sessions.begin() as s:
            user = s.scalar(select(User).where(User.email_index == self.sealer.index(email.strip().lower())))
            if user is None or user.disabled_at is not None:
                passwords.check_password(_dummy_hash(), password)  # the same time, found or not
                self.log_act(s, "login_failed", None)
                return None
            if self._locked(s, user.id, now):
                passwords.check_password(_dummy_hash(), password)  # the same time, locked or not
                self.log_act(s, "login_locked", user.id)
                return None
            secret = self.sealer.open_text(user.totp_sealed, f"users.totp:{user.id}")
            step = totp.verify(secret, code, now.replace(tzinfo=UTC).timestamp(), user.totp_last_step) \
                if passwords.check_password(user.password_hash, password) else None
            if step is None:
                self.log_act(s, "login_failed", user.id)
                if self._failures(s, user.id, now) >= LOCK_AFTER:
                    self.log_act(s, "account_locked", user.id)
                return None
            user.totp_last_step = step
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(password)
            self.log_act(s, "login", user.id)
            return user.id

    def _locked(self, s: Session, user_id: str, now: datetime) -> bool:
        """Was the account locked less than ``LOCKED_FOR`` ago?"""
        return s.scalar(select(AuditEntry.id).where(
            AuditEntry.user_id == user_id, AuditEntry.action == "account_locked",
            AuditEntry.at > now - LOCKED_FOR).limit(1)) is not None

    def _failures(self, s: Session, user_id: str, now: datetime) -> int:
        """The account's failed logins within ``LOCK_WINDOW``, since its last login or lock."""
        s.flush()
        since = s.scalar(select(func.max(AuditEntry.id)).where(
            AuditEntry.user_id == user_id, AuditEntry.action.in_(("login", "account_locked")))) or 0
        return s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.user_id == user_id, AuditEntry.action == "login_failed", AuditEntry.id > since,
            AuditEntry.at > now - LOCK_WINDOW)) or 0

    def user_email(self, user_id: str) -> str:
        with self.sessions() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound(user_id)
            return self.sealer.open_text(user.email_sealed, f"users.email:{user.id}")

    def user_role(self, user_id: str) -> str:
        with self.sessions() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound(user_id)
            return user.role

    def users(self) -> list[tuple[str, str, str]]:
        """Every user as (id, e-mail, role)."""
        with self.sessions() as s:
            return [(u.id, self.sealer.open_text(u.email_sealed, f"users.email:{u.id}"), u.role)
                    for u in s.scalars(select(User).order_by(User.created_at))]

    def find_user(self, email: str) -> str | None:
        with self.sessions() as s:
            index = self.sealer.index(email.strip().lower())
            return s.scalar(select(User.id).where(User.email_index == index))

    # -- Dossiers ------------------------------------------------------------------------

    def validate(self, data: dict[str, Any]) -> Case:
        """The case as ``parse_case`` reads it today, or ``CaseInvalid`` with every field error."""
        case, errors = parse_case({k: v for k, v in data.items() if k != "today"}, today=self.today())
        if case is None:
            raise CaseInvalid(errors)
        return case

    def create(self, data: dict[str, Any], referent_id: str | None, actor: str | None,
               action: str = "create") -> str:
        case = self.validate(data)
        base, events = _split(data)
        now = self.clock()
        dossier = Dossier(id=new_id(), referent_id=referent_id, status="open", created_at=now, changed_at=now)
        key, key_sealed = self.sealer.new_dossier_key(dossier.id)
        dossier.key = DossierKey(dossier_id=dossier.id, key_sealed=key_sealed)
        dossier.case_sealed = key.seal(_dump(base), f"dossiers.case:{dossier.id}")
        for event in events:
            dossier.events.append(_sealed_event(key, dossier.id, len(dossier.events), event))
        with self.sessions.begin() as s:
            s.add(dossier)
            board_store.save(s, key, dossier.id, summarize(case))
            self.log_act(s, action, actor, dossier.id)
        return dossier.id

    def key_of(self, s: Session, dossier_id: str) -> DossierSealer:
        """The dossier's own key, opened with the master key; NotFound once it is erased."""
        row = s.get(DossierKey, dossier_id)
        if row is None:
            raise NotFound(dossier_id)
        return self.sealer.dossier_sealer(row.key_sealed, dossier_id)

    def _get(self, s: Session, dossier_id: str) -> Dossier:
        dossier = s.get(Dossier, dossier_id)
        if dossier is None:
            raise NotFound(dossier_id)
        return dossier

    def _data(self, s: Session, dossier: Dossier) -> dict[str, Any]:
        key = self.key_of(s, dossier.id)
        data = json.loads(key.open(dossier.case_sealed, f"dossiers.case:{dossier.id}"))
        events = [json.loads(key.open(e.event_sealed, f"events:{dossier.id}:{e.id}")) for e in dossier.events]
        return {**data, "events": events} if events else data

    def case_data(self, dossier_id: str, actor: str | None) -> dict[str, Any]:
        """The dossier's case as the public app saves it (events included); logged as 'open'."""
        with self.sessions.begin() as s:
            data = self._data(s, self._get(s, dossier_id))
            self.log_act(s, "open", actor, dossier_id)
            return data

    def case(self, dossier_id: str, actor: str | None) -> Case:
        return self.validate(self.case_data(dossier_id, actor))

    def update(self, dossier_id: str, data: dict[str, Any], actor: str | None) -> None:
        """Replace the case (its events included) after validating it whole.

        An event that comes back unchanged keeps its row, so a file said to attest it still
        does; one that is gone takes that link with it."""
        case = self.validate(data)
        base, events = _split(data)
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            key = self.key_of(s, dossier_id)
            dossier.case_sealed = key.seal(_dump(base), f"dossiers.case:{dossier.id}")
            board_store.save(s, key, dossier_id, summarize(case))
            stored = [(row, json.loads(key.open(row.event_sealed, f"events:{dossier.id}:{row.id}")))
                      for row in dossier.events]
            rows = []
            for i, event in enumerate(events):
                same = next((row for row, old in stored if old == event and row not in rows), None)
                if same is not None:
                    same.position = i
                rows.append(same or _sealed_event(key, dossier.id, i, event))
            dossier.events[:] = rows
            dossier.changed_at = self.clock()
            self.log_act(s, "change", actor, dossier_id)

    def add_event(self, dossier_id: str, event: dict[str, Any], actor: str | None) -> None:
        """Append one event; the whole case is validated with it, as on the public timeline."""
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            data = self._data(s, dossier)
            case = self.validate({**data, "events": [*data.get("events", []), event]})
            key = self.key_of(s, dossier_id)
            dossier.events.append(_sealed_event(key, dossier.id, len(dossier.events), event))
            board_store.save(s, key, dossier_id, summarize(case))
            dossier.changed_at = self.clock()
            self.log_act(s, "add_event", actor, dossier_id)

    def sendings(self, dossier_id: str) -> dict[str, Sending]:
        """The dossier's 'sent' events by id, in their order: what a receipt can attest."""
        with self.sessions() as s:
            return self._sendings(s, self._get(s, dossier_id))

    def _sendings(self, s: Session, dossier: Dossier) -> dict[str, Sending]:
        key = self.key_of(s, dossier.id)
        out = {}
        for row in dossier.events:
            event = json.loads(key.open(row.event_sealed, f"events:{dossier.id}:{row.id}"))
            if event.get("kind") == "sent":
                out[row.id] = Sending(event["letter"], date.fromisoformat(event["date"]))
        return out

    def add_proof(self, dossier_id: str, attachment: Attachment, actor: str | None,
                  proves: str | None = None) -> str:
        """Keep a file in the dossier; ``proves``: the 'sent' event a receipt or a proof of
        sending attests, when the person says which (``sendings``)."""
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            if proves is not None:
                if attachment.role not in PROOF_ROLES:
                    raise NotASending("Seuls un avis de réception ou une preuve d'envoi prouvent un envoi : "
                                      "choisissez l'un d'eux, ou laissez « Ce qu'elle prouve » vide.")
                if proves not in self._sendings(s, dossier):
                    raise NotASending("Choisissez l'envoi dans la liste.")
            proof = Proof(id=new_id(), dossier_id=dossier_id, position=len(dossier.proofs),
                          role=attachment.role, kind=attachment.kind, pages=attachment.pages,
                          created_at=self.clock(), event_id=proves)
            key = self.key_of(s, dossier_id)
            proof.name_sealed = key.seal_text(attachment.name, f"proofs.name:{proof.id}")
            proof.data_sealed = key.seal(attachment.data, f"proofs.data:{proof.id}")
            dossier.proofs.append(proof)
            dossier.changed_at = self.clock()
            self.log_act(s, "add_proof", actor, dossier_id)
            return proof.id

    def proofs(self, dossier_id: str, actor: str | None) -> list[Attachment]:
        """The dossier's files, opened and checked again as uploads are, each with the sending
        it attests when the person said which."""
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            key = self.key_of(s, dossier_id)
            sendings = self._sendings(s, dossier)
            self.log_act(s, "open", actor, dossier_id)
            return [replace(read_upload(key.open_text(p.name_sealed, f"proofs.name:{p.id}"),
                                        key.open(p.data_sealed, f"proofs.data:{p.id}"), p.role),
                            proves=sendings.get(p.event_id) if p.event_id else None)
                    for p in dossier.proofs]

    def proof_list(self, dossier_id: str) -> list[ProofRow]:
        """The dossier's files with their names, their contents left sealed."""
        with self.sessions() as s:
            dossier = self._get(s, dossier_id)
            key = self.key_of(s, dossier_id)
            return [ProofRow(p.id, p.role, key.open_text(p.name_sealed, f"proofs.name:{p.id}"), p.pages,
                             p.event_id) for p in dossier.proofs]

    def assign(self, dossier_id: str, referent_id: str, actor: str | None) -> None:
        """Give the dossier to a référent (an account of the workspace)."""
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            if s.get(User, referent_id) is None:
                raise NotFound(referent_id)
            dossier.referent_id = referent_id
            self.log_act(s, "change", actor, dossier_id)

    def close(self, dossier_id: str, actor: str | None) -> None:
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            dossier.status, dossier.closed_at = "closed", self.clock()
            self.log_act(s, "close", actor, dossier_id)

    def reopen(self, dossier_id: str, actor: str | None) -> None:
        with self.sessions.begin() as s:
            dossier = self._get(s, dossier_id)
            dossier.status, dossier.closed_at = "open", None
            self.log_act(s, "reopen", actor, dossier_id)

    def dossiers(self, referent_id: str | None = None, status: str | None = None) -> list[DossierRow]:
        query = select(Dossier).order_by(Dossier.created_at)
        if referent_id is not None:
            query = query.where(Dossier.referent_id == referent_id)
        if status is not None:
            query = query.where(Dossier.status == status)
        with self.sessions() as s:
            return [DossierRow(d.id, d.referent_id, d.status, d.created_at, d.closed_at)
                    for d in s.scalars(query)]

    def board(self, visible: Callable[[DossierRow], bool] = lambda row: True) -> Board:
        """The deadlines board of today for the open dossiers ``visible`` keeps, drawn from their
        summaries (``board_store``), no case opened: a summary made on an earlier day, or never,
        is made again from its case first."""
        today = self.today()
        rows = [row for row in self.dossiers(status="open") if visible(row)]
        with self.sessions() as s:
            summaries = board_store.stored(s, self.sealer)
        summaries.update(self._summarize([r.id for r in rows if r.id not in summaries
                                          or summaries[r.id].computed_on != today]))
        return board_of((line_of(row.id, row.referent_id, summaries[row.id], today) for row in rows), today)

    def summarize_stale(self) -> int:
        """Make again every open dossier's summary made before today (``clinic purge``, daily),
        so that the day's first look at the board opens no case; how many were made."""
        today = self.today()
        with self.sessions() as s:
            fresh = {k for k, v in board_store.stored(s, self.sealer).items() if v.computed_on == today}
        return len(self._summarize([row.id for row in self.dossiers(status="open") if row.id not in fresh]))

    def _summarize(self, dossier_ids: list[str], batch: int = 100) -> dict[str, Summary]:
        """Make the dossiers' summaries again from their cases, as of today, and keep them: a
        hundred to a transaction (one each, on SQLite, would wait on the disk 500 times for 500
        dossiers). When another process made one at the same moment, its summary stands."""
        out: dict[str, Summary] = {}
        for i in range(0, len(dossier_ids), batch):
            part = dossier_ids[i:i + batch]
            try:
                out.update(self._summarize_in_one(part))
            except IntegrityError:
                for dossier_id in part:
                    try:
                        out.update(self._summarize_in_one([dossier_id]))
                    except IntegrityError:
                        with self.sessions() as s:
                            out.update(board_store.stored(s, self.sealer, only=dossier_id))
        return out

    def _summarize_in_one(self, dossier_ids: list[str]) -> dict[str, Summary]:
        out = {}
        with self.sessions.begin() as s:
            for dossier_id in dossier_ids:
                summary = summarize(self.validate(self._data(s, self._get(s, dossier_id))))
                board_store.save(s, self.key_of(s, dossier_id), dossier_id, summary)
                out[dossier_id] = summary
        return out

    def all_cases(self) -> Iterator[tuple[DossierRow, Case]]:
        """Every dossier with its case as of today: for the counts."""
        for row in self.dossiers():
            with self.sessions() as s:
                data = self._data(s, self._get(s, row.id))
            yield row, self.validate(data)

    # -- Rights: export, erasure, retention ----------------------------------------------

    def export(self, dossier_id: str, actor: str | None) -> bytes:
        """The case as the public app's "Enregistrer mon dossier" file, to take away."""
        with self.sessions.begin() as s:
            data = self._data(s, self._get(s, dossier_id))
            self.log_act(s, "export", actor, dossier_id)
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")

    def erase(self, dossier_id: str, actor: str | None, action: str = "erase", *,
              compact: bool = True) -> None:
        """Delete the dossier with its events, files and mandates; the audit keeps only its id.

        The dossier's key goes first: whatever the database keeps of its rows afterwards (free
        pages, dead tuples until a vacuum) no longer opens, with the master key or any other.
        """
        with self.sessions.begin() as s:
            self._get(s, dossier_id)
            s.execute(delete(DossierKey).where(DossierKey.dossier_id == dossier_id))
            s.execute(delete(Dossier).where(Dossier.id == dossier_id))
            self.log_act(s, action, actor, dossier_id)
        if compact:
            self.compact_keys()

    def compact_keys(self) -> None:
        """On PostgreSQL, rewrite the small table of dossier keys, so that an erased dossier's key
        does not stay in the table's files as a dead row until some later vacuum. (SQLite
        overwrites deleted rows itself: ``secure_delete``, db.py.) The write-ahead log and the
        backups keep it as long as they keep anything; a failure here leaves the erasure done."""
        if self.engine.dialect.name != "postgresql":
            return
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("SET lock_timeout = '5s'"))
                c.execute(text("VACUUM FULL dossier_keys"))
        except SQLAlchemyError as error:  # the next erasure's rewrite takes this key away too
            log.warning("the dossier keys' table was not rewritten after an erasure (%s)",
                        type(error).__name__)

    def purge(self, actor: str | None = None) -> list[str]:
        """Erase every dossier closed more than ``retention_months`` ago; returns their ids."""
        now = self.clock()
        limit = datetime.combine(add_months(now.date(), -self.retention_months), now.time())
        with self.sessions() as s:
            due = list(s.scalars(select(Dossier.id).where(Dossier.status == "closed",
                                                           Dossier.closed_at <= limit)))
        for dossier_id in due:
            self.erase(dossier_id, actor, action="purge", compact=False)
        if due:
            self.compact_keys()
        return due

    def audit(self, dossier_id: str | None = None) -> list[AuditEntry]:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if dossier_id is not None:
            query = query.where(AuditEntry.dossier_id == dossier_id)
        with self.sessions() as s:
            return list(s.scalars(query))


def _sealed_event(key: DossierSealer, dossier_id: str, position: int, event: dict[str, Any]) -> Event:
    row = Event(id=new_id(), dossier_id=dossier_id, position=position)
    row.event_sealed = key.seal(_dump(event), f"events:{dossier_id}:{row.id}")
    return row


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The case without ``today`` (a dossier lives on) and its events, stored apart."""
    base = {k: v for k, v in data.items() if k not in ("events", "today")}
    return base, list(data.get("events") or [])


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return passwords.hash_password("not-a-password-of-anyone")
