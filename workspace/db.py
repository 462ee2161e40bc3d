"""The database: an engine for the configured URL, and the migrations that shape it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from .sealing import Sealer

MIGRATIONS = Path(__file__).parent / "alembic"


def engine_for(url: str) -> Engine:
    """An engine; an SQLite file's folder is created, and SQLite enforces foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")  # erased rows are overwritten, not left in free pages
            cursor.close()
            # Python's sqlite3 opens a transaction only before a change of rows, so a migration's
            # CREATE TABLE would stay after the migration failed: SQLAlchemy begins each one itself.
            connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine, revision: str = "head", sealer: Sealer | None = None) -> None:
    """Bring the schema to ``revision`` with Alembic (``clinic init-db`` calls it).

    A migration that re-seals stored dossiers (0002 gives each its own key) needs the master
    key, ``sealer``; on a database without dossiers, none does. All of it happens in one
    transaction: a migration that fails leaves the database as it was."""
    _run(engine, "upgrade", revision, sealer)


def downgrade(engine: Engine, revision: str, sealer: Sealer | None = None) -> None:
    _run(engine, "downgrade", revision, sealer)


def _run(engine: Engine, direction: str, revision: str, sealer: Sealer | None) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["sealer"] = sealer
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)
