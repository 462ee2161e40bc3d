"""The workspace's pages: login, the dossiers and the deadlines board, a dossier (its timeline,
events, proofs, mandates, letters, referral file, export, erasure), import, counts, the audit.

Thin: each view reads the request, asks ``workspace/`` and ``letters/``, answers with a page
or a file. A référent sees the dossiers they follow and those nobody follows yet; an admin
sees every one, the audit log and the accounts. Every act on a dossier is in the audit log
(ids and action words only), written by ``workspace.store``.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, g, make_response, redirect, render_template, request, url_for
from markupsafe import Markup

from letters import Case, compose_packet
from letters.bundle import AUTHORITIES, build_bundle, read_upload
from letters.bundle.siren import clean_siren
from letters.bundle.uploads import MAX_FILE_BYTES, UploadError
from letters.export import MIME, filename, render
from letters.model import Letter
from letters.reader import day_parts
from workspace import mandate as mandates
from workspace.importer import RowError, read_json_files, read_sheet
from workspace.models import ROLES
from workspace.stats import counts, svg_bars
from workspace.store import CaseInvalid, DossierRow, NotASending, NotFound

from .. import heavy, security
from ..referral import PROOF_ROLES, ROLE_LABELS
from . import auth
from .context import workspace

bp = Blueprint("clinic", __name__, url_prefix="/espace", template_folder="templates")
bp.before_request(auth.require_login)

EVENT_KINDS = {"sent": "Lettre envoyée", "received_ack": "Avis de réception reçu",
               "answer": "Réponse de l'organisme", "extension": "Délai prolongé par l'organisme"}
ANSWERS = {"full": "Complète", "partial": "Incomplète", "refused": "Refus de répondre",
           "rejected": "Recours rejeté", "accepted": "Recours accepté"}
SCOPE_LABELS = {"write_letters": "écrire et envoyer les lettres en son nom",
                "receive_answers": "recevoir les réponses de l'organisme à la structure",
                "copy_to_referent": "une copie des lettres au référent",
                "refer_to_authorities": "saisir le Défenseur des droits, la CNIL ou la CADA"}
AUTHORITY_NAMES = {"defenseur": "Défenseur des droits", "cnil": "CNIL", "cada": "CADA"}
# What a file said to attest a sending is, next to that letter on the dossier's page.
ATTESTS = {"receipt": "Accusé de réception joint", "sending": "Preuve d'envoi jointe"}
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@bp.app_template_filter("jour")
def _day(value: date | None) -> str:
    from letters.formatting import long_date

    return long_date(value, "fr") if value else ""


# -- Login -------------------------------------------------------------------------------

@bp.get("/connexion")
def login():
    return render_template("clinic/login.html", values={}, error="",
                           expired=request.args.get("expiree") == "1"), 200


@bp.post("/connexion")
def login_post():
    email = request.form.get("email", "")[:200]
    user_id = workspace().login(email, request.form.get("password", "")[:200],
                                request.form.get("code", "").replace(" ", "")[:10])
    if user_id is None:  # a wrong address, password or code, or an account locked: one answer
        return render_template("clinic/login.html", values={"email": email}, expired=False,
                               error="Adresse, mot de passe ou code incorrect."), 401
    auth.start(user_id, workspace().user_role(user_id))
    return redirect(url_for("clinic.home"), 303)


def too_many_logins() -> Response:
    """The login page again, over the limit of attempts from one client (web/clinic/__init__.py)."""
    page = render_template("clinic/login.html", values={"email": request.form.get("email", "")[:200]},
                           expired=False, error="Trop d'essais de connexion depuis cet appareil ou ce "
                                                "réseau : attendez quelques minutes, puis réessayez.")
    return make_response(page, 429)


@bp.post("/deconnexion")
def logout():
    auth.end()
    return redirect(url_for("clinic.login"), 303)


# -- Dossiers and the board ----------------------------------------------------------------

def _visible(row: DossierRow) -> bool:
    return g.role == "admin" or row.referent_id in (None, g.user_id)


def _names() -> dict[str | None, str]:
    return {uid: email for uid, email, _ in workspace().users()}


@bp.get("/")
def home():
    ws = workspace()
    found = ws.board(_visible)
    closed = [row for row in ws.dossiers(status="closed") if _visible(row)]
    return render_template("clinic/home.html", board=found, names=_names(), closed=closed,
                           today=ws.today())


def _row(dossier_id: str) -> DossierRow:
    row = next((r for r in workspace().dossiers() if r.id == dossier_id), None)
    if row is None or not _visible(row):
        abort(404)
    return row


def _case_data(dossier_id: str) -> tuple[DossierRow, dict[str, Any], Case]:
    row = _row(dossier_id)
    ws = workspace()
    data = ws.case_data(dossier_id, g.user_id)
    return row, data, ws.validate(data)


def dossier_page(dossier_id: str, status: int = 200, **extra: Any):
    row, data, case = _case_data(dossier_id)
    ws = workspace()
    packet = compose_packet(case)
    mandate_list = mandates.mandates(ws, dossier_id)
    acting = mandates.in_force(ws, dossier_id, ws.today())
    sendings = ws.sendings(dossier_id)
    titles = {p.letter: p.title for p in packet.progress}
    sending_choices = [(event_id, f"{titles.get(s.letter, s.letter)}, envoyée le {_day(s.sent)}")
                       for event_id, s in sendings.items()]
    context = {"row": row, "case": case, "packet": packet, "mandates": mandate_list,
               "acting": acting, "proofs": ws.proof_list(dossier_id), "sendings": sendings,
               "sending_choices": sending_choices, "titles": titles, "attests": ATTESTS,
               "names": _names(), "event_kinds": EVENT_KINDS,
               "answers": ANSWERS, "scopes": SCOPE_LABELS, "roles": ROLE_LABELS, "proof_roles": PROOF_ROLES,
               "authorities": [(a, AUTHORITY_NAMES[a]) for a in AUTHORITIES],
               "letters": list(enumerate(packet.letters, start=1)), "values": {}, "errors": {},
               "today": ws.today(), "referents": [(u, e) for u, e, _ in ws.users()]}
    context.update(extra)
    return render_template("clinic/dossier.html", **context), status


@bp.get("/dossiers/<dossier_id>")
def dossier(dossier_id: str):
    return dossier_page(dossier_id)


@bp.post("/dossiers/<dossier_id>/evenement")
def add_event(dossier_id: str):
    _row(dossier_id)
    form = request.form
    values = {k: form.get(k, "") for k in ("event.kind", "event.letter", "event.date", "event.answer",
                                           "event.proof")}
    event: dict[str, Any] = {"kind": values["event.kind"], "letter": values["event.letter"],
                             "date": values["event.date"]}
    if values["event.kind"] == "answer":
        event["answer"] = values["event.answer"]
        event["issues"] = form.getlist("event.issues")
    if values["event.proof"].strip():
        event["proof"] = values["event.proof"].strip()
    typed = _typed_day(values["event.date"])
    if typed is not None:
        event["date"] = typed.isoformat()  # else as typed: the case's reader says what is wrong
    try:
        workspace().add_event(dossier_id, event, g.user_id)
    except CaseInvalid as error:
        errors = {}
        for e in error.errors:
            name = e.field.rsplit(".", 1)[-1] if e.field.startswith("events.") else "date"
            errors.setdefault(f"event.{name}", e.message)
        return dossier_page(dossier_id, 422, values=values, errors=errors)
    return redirect(url_for("clinic.dossier", dossier_id=dossier_id, _anchor="evenements"), 303)


def _typed_day(text: str) -> date | None:
    """A day as people write it (15/10/2026, 15 octobre 2026…), or None."""
    parts = day_parts(text)
    try:
        return date(*parts) if parts is not None else None
    except ValueError:  # 31/02
        return None


@bp.post("/dossiers/<dossier_id>/piece")
def add_proof(dossier_id: str):
    _row(dossier_id)
    role = request.form.get("proof.role", "")
    proves = request.form.get("proof.proves", "")[:32]
    upload = request.files.get("proof.file")
    errors: dict[str, str] = {}
    if role not in PROOF_ROLES:
        errors["proof.role"] = "Choisissez ce qu'est la pièce."
    if upload is None or not upload.filename:
        errors["proof.file"] = "Choisissez le fichier (PDF, JPEG ou PNG)."
    if not errors and upload is not None:
        try:
            attachment = read_upload(upload.filename or "", upload.read(MAX_FILE_BYTES + 1), role)
            workspace().add_proof(dossier_id, attachment, g.user_id, proves=proves or None)
        except UploadError as error:
            errors["proof.file"] = error.message
        except NotASending as error:
            errors["proof.proves"] = f"{error} Puis choisissez de nouveau le fichier."
        else:
            return redirect(url_for("clinic.dossier", dossier_id=dossier_id, _anchor="pieces"), 303)
    return dossier_page(dossier_id, 422, values={"proof.role": role, "proof.proves": proves}, errors=errors)


# -- Mandates and the letters written under them ------------------------------------------------

@bp.post("/dossiers/<dossier_id>/mandat")
def grant_mandate(dossier_id: str):
    _row(dossier_id)
    form = request.form
    values = {k: form.get(k, "") for k in ("mandate.clinic", "mandate.address", "mandate.referent",
                                           "mandate.months", "mandate.signed_on")}
    values["mandate.scope"] = form.getlist("mandate.scope")
    errors: dict[str, str] = {}
    signed_on = None
    if values["mandate.signed_on"].strip():
        signed_on = _typed_day(values["mandate.signed_on"])
        if signed_on is None:
            errors["mandate.signed_on"] = "Date attendue comme 15/10/2026."
    months = int(values["mandate.months"]) if values["mandate.months"].isdigit() else 0
    if not errors:
        try:
            mandates.grant(workspace(), dossier_id, g.user_id, scope=tuple(values["mandate.scope"]),
                           months=months, clinic_name=values["mandate.clinic"][:200],
                           referent=values["mandate.referent"][:200],
                           clinic_address=tuple(x.strip() for x in values["mandate.address"].splitlines()
                                                if x.strip())[:6],
                           signed_on=signed_on)
        except ValueError as error:
            errors["mandate.scope" if "Portée" in str(error) else
                   "mandate.months" if "mois" in str(error) else "mandate.clinic"] = str(error)
    if errors:
        return dossier_page(dossier_id, 422, values=values, errors=errors)
    return redirect(url_for("clinic.dossier", dossier_id=dossier_id, _anchor="mandats"), 303)


def _mandate_of(dossier_id: str, mandate_id: str) -> mandates.MandateView:
    found = next((m for m in mandates.mandates(workspace(), dossier_id) if m.id == mandate_id), None)
    if found is None:
        abort(404)
    return found


@bp.get("/dossiers/<dossier_id>/mandat/<mandate_id>.txt")
def mandate_document(dossier_id: str, mandate_id: str):
    _row(dossier_id)
    _mandate_of(dossier_id, mandate_id)
    text = mandates.document(workspace(), mandate_id, g.user_id)
    response = Response(text, mimetype="text/plain; charset=utf-8")
    response.headers["Content-Disposition"] = security.attachment("mandat-a-signer.txt")
    return response


@bp.post("/dossiers/<dossier_id>/mandat/<mandate_id>/signature")
def sign_mandate(dossier_id: str, mandate_id: str):
    _row(dossier_id)
    _mandate_of(dossier_id, mandate_id)
    signed_on = _typed_day(request.form.get(f"signed_on.{mandate_id}", ""))
    if signed_on is None:
        return dossier_page(dossier_id, 422,
                            errors={f"signed_on.{mandate_id}": "Date attendue comme 15/10/2026."})
    mandates.record_signature(workspace(), mandate_id, g.user_id, signed_on)
    return redirect(url_for("clinic.dossier", dossier_id=dossier_id, _anchor="mandats"), 303)


@bp.post("/dossiers/<dossier_id>/mandat/<mandate_id>/revocation")
def revoke_mandate(dossier_id: str, mandate_id: str):
    _row(dossier_id)
    _mandate_of(dossier_id, mandate_id)
    mandates.revoke(workspace(), mandate_id, g.user_id)
    return redirect(url_for("clinic.dossier", dossier_id=dossier_id, _anchor="mandats"), 303)


def letters_for(dossier_id: str) -> tuple[Case, list[Letter]]:
    """The dossier's letters of today, written under the mandate in force if there is one."""
    _, _, case = _case_data(dossier_id)
    ws = workspace()
    letters = list(compose_packet(case).letters)
    acting_mandate = mandates.in_force(ws, dossier_id, ws.today())
    acting = mandates.acting_for(acting_mandate, case.person.name, ws.today()) if acting_mandate else None
    if acting:
        letters = [mandates.under_mandate(x, acting) for x in letters]
    return case, letters


@bp.get("/dossiers/<dossier_id>/lettres/<int:number>.<fmt>")
def letter_file(dossier_id: str, number: int, fmt: str):
    if fmt not in ("docx", "pdf", "txt"):
        abort(404)
    _, letters = letters_for(dossier_id)
    if not 1 <= number <= len(letters):
        abort(404)
    letter = letters[number - 1]
    if fmt == "pdf":
        with heavy.pdf_turn():  # one PDF at a time in this process, in the order asked
            data = render(letter, fmt)
    else:
        data = render(letter, fmt)
    response = Response(data, mimetype=MIME[fmt])
    response.headers["Content-Disposition"] = security.attachment(filename(letter, fmt, number))
    return response


@bp.get("/dossiers/<dossier_id>/lettres.zip")
def letters_zip(dossier_id: str):
    _, letters = letters_for(dossier_id)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, letter in enumerate(letters, start=1):
            archive.writestr(filename(letter, "docx", i), render(letter, "docx"))
    response = Response(out.getvalue(), mimetype="application/zip")
    response.headers["Content-Disposition"] = security.attachment("lettres.zip")
    return response


# -- Referral file, export, closing, erasure ----------------------------------------------------

@bp.post("/dossiers/<dossier_id>/saisine")
def referral(dossier_id: str):
    _row(dossier_id)
    authority = request.form.get("referral.authority", "")
    siren_typed = request.form.get("referral.siren", "")[:40]
    errors: dict[str, str] = {}
    if authority not in AUTHORITIES:
        errors["referral.authority"] = "Choisissez à qui s'adresse le dossier."
    siren = clean_siren(siren_typed) if siren_typed.strip() else ""
    if siren is None:
        errors["referral.siren"] = "Un numéro SIREN a neuf chiffres : vérifiez-le, ou laissez la case vide."
    if errors or siren is None:
        return dossier_page(dossier_id, 422, values={"referral.authority": authority,
                                                     "referral.siren": siren_typed}, errors=errors)
    ws = workspace()
    _, _, case = _case_data(dossier_id)
    proofs = ws.proofs(dossier_id, g.user_id)
    with heavy.pdf_turn():
        bundle = build_bundle(authority, case, proofs, siren=siren,
                              discrimination=request.form.get("referral.discrimination") == "yes")
    response = Response(bundle.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = security.attachment(f"dossier-saisine-{authority}.pdf")
    return response


@bp.post("/dossiers/<dossier_id>/export")
def export(dossier_id: str):
    _row(dossier_id)
    response = Response(workspace().export(dossier_id, g.user_id), mimetype="application/json")
    name = f"recours-dossier-{workspace().today().isoformat()}.json"
    response.headers["Content-Disposition"] = security.attachment(name)
    return response


@bp.post("/dossiers/<dossier_id>/cloture")
def close(dossier_id: str):
    row = _row(dossier_id)
    if row.status == "open":
        workspace().close(dossier_id, g.user_id)
    else:
        workspace().reopen(dossier_id, g.user_id)
    return redirect(url_for("clinic.dossier", dossier_id=dossier_id), 303)


@bp.post("/dossiers/<dossier_id>/referent")
def assign(dossier_id: str):
    _row(dossier_id)
    chosen = request.form.get("referent", "")
    if chosen not in {u for u, _, _ in workspace().users()}:
        return dossier_page(dossier_id, 422, errors={"referent": "Choisissez un compte de la liste."})
    workspace().assign(dossier_id, chosen, g.user_id)
    return redirect(url_for("clinic.dossier", dossier_id=dossier_id), 303)


@bp.post("/dossiers/<dossier_id>/effacement")
def erase(dossier_id: str):
    _row(dossier_id)
    if request.form.get("confirm") != "yes":
        return dossier_page(dossier_id, 422, errors={
            "confirm": "Cochez la case pour confirmer : l'effacement ne peut pas être annulé."})
    workspace().erase(dossier_id, g.user_id)
    return render_template("clinic/erased.html"), 200


# -- Import ------------------------------------------------------------------------------

@bp.get("/import")
def import_page():
    return render_template("clinic/import.html", row_errors=[], imported=None, values={}, errors={})


@bp.post("/import")
def import_post():
    ws = workspace()
    files = [f for f in request.files.getlist("import.files") if f.filename]
    if not files:
        return render_template("clinic/import.html", row_errors=[], imported=None, values={},
                               errors={"import.files": "Choisissez un tableau CSV ou XLSX, ou des "
                                                             "fichiers de dossier JSON."}), 422
    raw = [(f.filename or "", f.read(MAX_IMPORT_BYTES + 1)) for f in files]
    found: tuple[list[dict[str, Any]], list[RowError]]
    if any(len(data) > MAX_IMPORT_BYTES for _, data in raw):
        found = [], [RowError("(fichier)", "", "Fichier trop gros : 5 Mo au plus par import.")]
    elif all(name.lower().endswith(".json") for name, _ in raw):
        found = read_json_files(raw, ws.today())
    elif len(raw) == 1:
        found = read_sheet(raw[0][1], ws.today())
    else:
        found = [], [RowError("(fichiers)", "", "Un seul tableau à la fois, ou seulement des fichiers JSON.")]
    cases, errors = found
    if errors:
        return render_template("clinic/import.html", row_errors=errors, imported=None, values={},
                               errors={}), 422
    referent = None if g.role == "admin" and request.form.get("import.mine") != "yes" else g.user_id
    for data in cases:
        ws.create(data, referent, g.user_id, action="import")
    return render_template("clinic/import.html", row_errors=[], imported=len(cases), values={}, errors={})


# -- Counts and the audit log -------------------------------------------------------------

@bp.get("/chiffres")
def figures():
    tables = counts(case for row, case in workspace().all_cases() if _visible(row))
    charts = [(t, Markup(svg_bars(t, chart_id=f"c{i}"))) for i, t in enumerate(tables)]  # nosec B704  # escaped in svg_bars
    return render_template("clinic/figures.html", charts=charts)


@bp.get("/journal")
@auth.admin_only
def journal():
    return render_template("clinic/journal.html", entries=workspace().audit()[-500:], names=_names(),
                           roles=ROLES)


@bp.errorhandler(NotFound)
def _not_found(_error: NotFound):
    abort(404)
