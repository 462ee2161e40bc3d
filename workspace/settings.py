"""The workspace's settings, read from the environment (prefix ``RECOURS_``).

- ``RECOURS_DATABASE_URL``: the database; by default an SQLite file, ``instance/workspace.sqlite3``;
  in production ``postgresql+psycopg://user:password@host/db``.
- ``RECOURS_DATA_KEY``: required; the key that encrypts personal data (``clinic new-key`` makes one).
- ``RECOURS_SECRET_KEY``: required by the web pages; signs sessions and tokens.
- ``RECOURS_RETENTION_MONTHS``: ``12`` by default; a closed dossier is erased that long after closing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = ROOT / "instance" / "workspace.sqlite3"
DEFAULT_RETENTION_MONTHS = 12


class SettingsError(ValueError):
    """A setting missing or malformed, said plainly (the command line prints it)."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_key: str
    secret_key: str = ""
    retention_months: int = DEFAULT_RETENTION_MONTHS


def from_environment(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    months = env.get("RECOURS_RETENTION_MONTHS", str(DEFAULT_RETENTION_MONTHS))
    if not months.isdigit() or not 1 <= int(months) <= 120:
        raise SettingsError("RECOURS_RETENTION_MONTHS doit être un nombre de mois entre 1 et 120.")
    return Settings(
        database_url=env.get("RECOURS_DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE}",
        data_key=env.get("RECOURS_DATA_KEY", ""),
        secret_key=env.get("RECOURS_SECRET_KEY", ""),
        retention_months=int(months),
    )
