"""The committed migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from workspace.models import Base


def test_the_migrations_match_the_models(ws):
    with ws.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert set(inspect(ws.engine).get_table_names()) >= {
        "users", "dossiers", "events", "proofs", "mandates", "audit_log", "alembic_version"}


def test_erasing_a_dossier_cascades_in_the_database_itself(ws):
    """Foreign keys hold on SQLite too (its pragma is on), so no event or file outlives its dossier."""
    with ws.engine.connect() as connection:
        fks = inspect(connection).get_foreign_keys("events")
    assert fks[0]["options"].get("ondelete") == "CASCADE"


def test_the_workspace_never_imports_the_web_layer():
    """It may build on letters/, never on the app: the web phase registers it, not the reverse."""
    import subprocess
    import sys

    code = ("import sys, workspace.cli, workspace.store, workspace.board, workspace.stats, "
            "workspace.mandate, workspace.importer; print(sorted(m for m in ('flask', 'app', 'i18n', "
            "'security', 'tracking', 'web') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
