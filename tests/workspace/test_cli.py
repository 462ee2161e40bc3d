"""`flask --app app clinic ...`: the commands, driven by click's runner without any app."""

from __future__ import annotations

import base64
import copy
import csv
import io
import json

from click.testing import CliRunner

from workspace.cli import clinic
from workspace.db import engine_for
from workspace.store import Workspace

from .conftest import KEY


def env_for(url: str) -> dict[str, str]:
    return {"RECOURS_DATABASE_URL": url, "RECOURS_DATA_KEY": KEY}


def invoke(url: str, *args: str, stdin: str | None = None):
    return CliRunner().invoke(clinic, list(args), input=stdin, env=env_for(url), catch_exceptions=False)


def sheet(tmp_path) -> str:
    rows = [["person.name", "person.address", "organisation.kind", "decision.kind", "decision.benefit",
             "decision.date", "wants"],
            ["Samia Benali", "12 rue des Lilas / 33000 Bordeaux", "caf", "overpayment", "prime_activite",
             "2026-08-01", "explanation, contest"]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "cas.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


def test_a_day_with_the_workspace_from_init_to_purge(database, tmp_path):
    url = database[1]
    assert invoke(url, "init-db").output == "Base de données prête.\n"
    added = invoke(url, "add-user", "claire@asso.example", "--password-stdin",
                   stdin="un mot de passe assez long\n")
    assert added.exit_code == 0 and added.output.startswith("Compte créé (referent).")
    assert "otpauth://totp/Recours:claire%40asso.example?secret=" in added.output
    imported = invoke(url, "import", sheet(tmp_path), "--referent", "claire@asso.example")
    assert imported.output == "1 dossier(s) importé(s).\n"
    board = invoke(url, "deadlines").output
    assert "== claire@asso.example (1 dossier)" in board and "- Samia Benali [" in board
    assert invoke(url, "purge").output == ("0 dossier(s) effacé(s) (clos depuis plus de 12 mois).\n"
                                           "Échéances du jour recalculées pour 0 dossier(s).\n")
    engine = engine_for(url)
    from workspace.sealing import Sealer

    ws = Workspace(engine, Sealer(KEY))
    [row] = ws.dossiers()
    assert [a.action for a in ws.audit(row.id)] == ["import"]
    engine.dispose()


def test_an_import_with_errors_imports_nothing_and_says_where(database, tmp_path):
    url = database[1]
    invoke(url, "init-db")
    bad = tmp_path / "bad.csv"
    bad.write_text("person.name,decision.date\nSamia,2026-02-30\n", encoding="utf-8")
    result = CliRunner().invoke(clinic, ["import", str(bad)], env=env_for(url))
    assert result.exit_code == 1
    assert ("ligne 2, colonne decision.date : La date de la décision n'existe pas dans le calendrier."
            in result.output)
    assert "rien n'a été importé" in result.output
    assert invoke(url, "deadlines").output.endswith("Aucun dossier ouvert.\n")


def test_without_a_key_the_workspace_refuses_to_start(tmp_path):
    result = CliRunner().invoke(clinic, ["init-db"], env={"RECOURS_DATABASE_URL": f"sqlite:///{tmp_path}/w.db",
                                                          "RECOURS_DATA_KEY": ""})
    assert result.exit_code == 1 and "RECOURS_DATA_KEY est vide" in result.output


def test_new_key_prints_a_key_the_workspace_accepts():
    key = CliRunner().invoke(clinic, ["new-key"]).output.strip()
    assert len(base64.urlsafe_b64decode(key)) == 32


def test_a_password_too_short_is_refused(database):
    invoke(database[1], "init-db")
    result = CliRunner().invoke(clinic, ["add-user", "a@asso.example", "--password-stdin"], input="court\n",
                                env=env_for(database[1]))
    assert result.exit_code == 1 and "au moins 12 caractères" in result.output


def test_an_import_of_a_folder_of_case_files(database, tmp_path):
    from ..conftest import load_case_data

    url = database[1]
    invoke(url, "init-db")
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("bank-credit-refusal", "cpam-c2s-suspension"):
        data = copy.deepcopy(load_case_data(name))
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    assert invoke(url, "import", str(folder)).output == "2 dossier(s) importé(s).\n"
