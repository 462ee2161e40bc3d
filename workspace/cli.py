"""The ``clinic`` commands of the Flask command line (``flask --app app clinic ...``).

A plain ``click.Group``: the web layer registers it with ``app.cli.add_command(clinic)``, and
tests drive it with click's ``CliRunner`` without any app. The workspace comes from the
environment (``settings.py``), or from ``obj`` when the caller passes one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .board import as_text
from .db import migrate
from .importer import read_path
from .models import ROLES
from .sealing import SealError, new_key
from .settings import SettingsError, from_environment
from .store import Workspace


def _workspace(ctx: click.Context) -> Workspace:
    if isinstance(ctx.obj, Workspace):
        return ctx.obj
    try:
        ws = Workspace.from_settings(from_environment())
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    ctx.obj = ws
    ctx.call_on_close(ws.engine.dispose)  # no connection outlives the command
    return ws


@click.group("clinic", help="L'espace des structures d'accompagnement : comptes, dossiers, échéances.")
def clinic() -> None:
    pass


@clinic.command("new-key")
def new_key_command() -> None:
    """Affiche une nouvelle clé de chiffrement, à mettre dans RECOURS_DATA_KEY."""
    click.echo(new_key())


@clinic.command("init-db")
@click.pass_context
def init_db(ctx: click.Context) -> None:
    """Crée ou met à jour les tables (migrations Alembic)."""
    ws = _workspace(ctx)
    try:
        migrate(ws.engine, sealer=ws.sealer)
    except (SealError, SettingsError) as error:
        raise click.ClickException(str(error)) from None
    click.echo("Base de données prête.")


@clinic.command("add-user")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, required=True,
              help="lire le mot de passe sur l'entrée standard")
@click.option("--role", type=click.Choice(ROLES), default="referent", show_default=True)
@click.pass_context
def add_user(ctx: click.Context, email: str, password_stdin: bool, role: str) -> None:
    """Crée un compte ; affiche le secret TOTP à enregistrer dans l'application d'authentification."""
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = _workspace(ctx).add_user(email, password, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Compte créé ({role}).")
    click.echo("Secret TOTP, à saisir une seule fois dans l'application d'authentification : "
               f"{user.totp_secret}")
    click.echo(user.totp_uri)


@clinic.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--referent", "referent_email", help="e-mail du référent des dossiers importés")
@click.pass_context
def import_command(ctx: click.Context, path: Path, referent_email: str | None) -> None:
    """Importe un tableau CSV ou XLSX (une ligne par cas) ou un dossier de fichiers JSON."""
    ws = _workspace(ctx)
    referent = ws.find_user(referent_email) if referent_email else None
    if referent_email and referent is None:
        raise click.ClickException(f"Aucun compte pour {referent_email}.")
    cases, errors = read_path(path, ws.today())
    if errors:
        for e in errors:
            where = f"{e.where}, colonne {e.column}" if e.column else e.where
            click.echo(f"{where} : {e.message}", err=True)
        raise click.ClickException(f"{len(errors)} erreur(s) : rien n'a été importé. "
                                   "Corrigez puis recommencez.")
    for data in cases:
        ws.create(data, referent, referent, action="import")
    click.echo(f"{len(cases)} dossier(s) importé(s).")


@clinic.command("deadlines")
@click.pass_context
def deadlines(ctx: click.Context) -> None:
    """Le tableau des échéances : prochaine date, cette semaine, en retard, par référent."""
    ws = _workspace(ctx)
    try:
        found = ws.board()
    except SealError as error:
        raise click.ClickException(str(error)) from None
    names: dict[str | None, str] = {uid: email for uid, email, _ in ws.users()}
    click.echo(as_text(found, names), nl=False)


@clinic.command("purge")
@click.pass_context
def purge(ctx: click.Context) -> None:
    """Efface les dossiers clos depuis plus que la durée de conservation, puis recalcule les
    échéances du jour (à lancer chaque jour)."""
    ws = _workspace(ctx)
    erased = ws.purge()
    click.echo(f"{len(erased)} dossier(s) effacé(s) (clos depuis plus de {ws.retention_months} mois).")
    try:
        made = ws.summarize_stale()
    except SealError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Échéances du jour recalculées pour {made} dossier(s).")
