"""Referral files on the timeline page: the Défenseur des droits, the CNIL, the CADA.

Nothing is stored: the case travels with the page, the person's proofs are read in memory
(web/uploads.py), checked by their content (letters/bundle/uploads.py) and forgotten
once the PDF is sent back. ``/suivi/saisine`` with ``action=check`` shows the admissibility
checks for the authority chosen, in the page's language; ``action=build`` answers with the
PDF, or with the page and each refused file's error next to its field, the choices kept.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from letters import Case
from letters.bundle import AUTHORITIES, Attachment, UploadError, build_bundle, check_referral, read_uploads
from letters.bundle.siren import clean_siren
from letters.bundle.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES
from letters.messages import N_

from . import casepages, heavy, security

bp = Blueprint("referral", __name__)

# The kinds of proof the page asks for, one file field each (several files allowed).
PROOF_ROLES = ("notification", "request", "sending", "receipt", "answer", "other")
ROLE_LABELS = {
    "notification": _l("La décision contestée (la notification)"),
    "request": _l("La copie de vos lettres à l'organisme, si vous les avez écrites vous-même"),
    "sending": _l("Les preuves d'envoi (récépissés de recommandé)"),
    "receipt": _l("Les avis de réception"),
    "answer": _l("Les réponses de l'organisme"),
    "other": _l("Autres documents"),
}
AUTHORITY_LABELS = {
    "defenseur": _l("Le Défenseur des droits"),
    "cnil": _l("La CNIL (vos données personnelles)"),
    "cada": _l("La CADA (un document administratif refusé)"),
}
# What each check looks at, said in the page's language; the French detail, as the file's
# first page writes it, comes from letters/data/referrals/checks.toml.
CHECK_TITLES = {
    "defenseur.competence": _l("Le Défenseur des droits peut examiner une réclamation contre cet organisme"),
    "defenseur.prior_steps": _l("Vous avez d'abord écrit à l'organisme (réclamation ou recours)"),
    "defenseur.proof_of_steps": _l("Chaque lettre envoyée à l'organisme a sa preuve d'envoi"),
    "defenseur.answers": _l("Chaque réponse de l'organisme est jointe"),
    "defenseur.decision": _l("La décision contestée est jointe"),
    "cnil.prior_request": _l("Vous avez d'abord demandé vos données à l'organisme"),
    "cnil.proof_of_request": _l("Votre demande à l'organisme a sa preuve d'envoi"),
    "cnil.delay": _l("L'organisme a eu un mois pour répondre, ou sa réponse est incomplète"),
    "cnil.body_identified": _l("Le nom et l'adresse de l'organisme sont connus"),
    "cnil.answers": _l("Chaque réponse de l'organisme est jointe"),
    "cada.public_body": _l("L'organisme est une administration ou un service public"),
    "cada.initial_request": _l("Vous avez d'abord demandé le document à l'organisme"),
    "cada.month_elapsed": _l("Un mois est passé depuis votre demande, ou l'organisme a refusé"),
    "cada.refusal_copy": _l("Le refus de l'organisme est joint"),
    "cada.window": _l("Le délai de deux mois pour saisir la CADA n'est pas dépassé"),
}
UPLOAD_MESSAGES = {
    "empty": N_("Le fichier « %(name)s » est vide."),
    "heavy": N_("Le fichier « %(name)s » est trop lourd : %(most)s Mo au plus. Numérisez-le en plus "
                "basse résolution."),
    "type": N_("Le fichier « %(name)s » n'est ni un PDF, ni une photo JPEG, ni une image PNG. Envoyez "
               "l'un de ces trois types."),
    "pages": N_("Le fichier « %(name)s » a %(pages)s pages : %(most)s au plus. Gardez les pages utiles."),
    "password": N_("Le PDF « %(name)s » est protégé par un mot de passe : enregistrez-en une copie sans "
                   "protection."),
    "damaged": N_("Le fichier « %(name)s » est abîmé ou illisible : enregistrez-le ou photographiez-le "
                  "de nouveau."),
    "no_page": N_("Le PDF « %(name)s » n'a aucune page."),
    "pixels": N_("L'image « %(name)s » est trop grande : réduisez-la."),
    "files": N_("Trop de fichiers : %(most)s au plus."),
    "total_heavy": N_("Les fichiers pèsent ensemble plus de %(most)s Mo : allégez-les."),
    "total_pages": N_("Les fichiers font ensemble plus de %(most)s pages."),
}
BAD_SIREN = _l("Un numéro SIREN a neuf chiffres (par exemple 123 456 789) : vérifiez-le, ou laissez "
               "la case vide.")
CHOOSE_AUTHORITY = _l("Choisissez à qui vous adressez le dossier.")
CHOOSE_AGAIN = _l("Pour votre sécurité, la page ne garde pas les fichiers : choisissez-les de nouveau.")
ALL_FILES = "files"  # the field an error about all the files together is shown next to


def init_app(app: Flask) -> None:
    """The proofs stay in memory through the app's request class (web/uploads.py), which never
    spools a file to disk."""
    app.register_blueprint(bp)


@bp.url_value_preprocessor
def _room_for_proofs(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Only this page takes files: its body may be as large as the files allowed together
    (the app's own limit, a few hundred KB, holds everywhere else). This runs before the
    app's CSRF check reads the form."""
    if endpoint == "referral.referral":
        request.max_content_length = MAX_TOTAL_BYTES + 512 * 1024


def choices() -> dict[str, Any]:
    """What the section's fields held, to show them again."""
    return {"referral.authority": request.form.get("referral.authority", ""),
            "referral.discrimination": request.form.get("referral.discrimination", "") == "yes",
            "referral.siren": request.form.get("referral.siren", "")[:40]}


def shown_checks(authority: str, case: Case, discrimination: bool, siren: str) -> list[dict[str, Any]]:
    """Each check in the page's language: met, missing, or met once the right file is joined.

    A check that fails as the events stand but passes with one file of every kind attached
    is one a file fixes: the page then says to join it below."""
    found = check_referral(authority, case, discrimination=discrimination, siren=siren)
    every_kind = [Attachment(role, "pdf", role, 1, b"") for role in PROOF_ROLES]
    with_files = {c.id: c.ok for c in check_referral(authority, case, every_kind,
                                                     discrimination=discrimination, siren=siren)}
    out = []
    for c in found:
        state = "ok" if c.ok else "attach" if with_files.get(c.id) else "missing"
        out.append({"id": c.id, "state": state, "title": str(CHECK_TITLES.get(c.id, c.id)),
                    "detail": c.message})
    return out


@bp.post("/suivi/saisine")
def referral():
    case = casepages.carried_case()  # a case that is not valid gives the form, saying why
    values = choices()
    field_errors: dict[str, str] = {}
    authority = values["referral.authority"]
    if authority not in AUTHORITIES:
        field_errors["referral.authority"] = str(CHOOSE_AUTHORITY)
    siren = clean_siren(values["referral.siren"]) if values["referral.siren"].strip() else ""
    if siren is None:
        field_errors["referral.siren"] = str(BAD_SIREN)
    if field_errors:
        return _page(case, values, field_errors, None, 422)
    assert siren is not None  # for the type checker: None is an error above
    discrimination = values["referral.discrimination"] and authority == "defenseur"
    checks = shown_checks(authority, case, discrimination, siren)
    if request.form.get("action") != "build":
        return _page(case, values, {}, checks, 200)
    attachments, upload_errors = read_uploads(_uploaded())
    if upload_errors:
        for error in upload_errors:
            field_errors.setdefault(_field_of(error), _message(error))
        return _page(case, values, field_errors, checks, 422)
    with heavy.pdf_turn():  # one PDF at a time in this process, in the order asked
        bundle = build_bundle(authority, case, attachments, discrimination=discrimination, siren=siren)
    response = Response(bundle.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = security.attachment(
        f"dossier-saisine-{authority}-{casepages.today().isoformat()}.pdf")
    return response


def _uploaded() -> list[tuple[str, bytes, str]]:
    """Every file chosen, with the kind its field says; each read to one byte past the limit,
    so that a file too large is said to be so. The name is kept with its field for errors."""
    files = []
    for role in PROOF_ROLES:
        for upload in request.files.getlist(f"referral.proof.{role}")[:MAX_FILES + 1]:
            if upload.filename:
                files.append((upload.filename, upload.read(MAX_FILE_BYTES + 1), role))
    return files


def _field_of(error: UploadError) -> str:
    names = {role: request.files.getlist(f"referral.proof.{role}") for role in PROOF_ROLES}
    for role, uploads in names.items():
        if any(error.name and error.name in (u.filename or "") for u in uploads):
            return f"referral.proof.{role}"
    return f"referral.{ALL_FILES}"


def _message(error: UploadError) -> str:
    template = UPLOAD_MESSAGES.get(error.code)
    if template is None:
        return error.message
    return gettext(template, name=error.name, **error.params)


def _page(case: Case, values: dict[str, Any], errors: dict[str, str],
          checks: list[dict[str, Any]] | None, status: int):
    section = {"values": values, "errors": errors, "checks": checks,
               "files_again": any(k.startswith("referral.proof") or k == f"referral.{ALL_FILES}"
                                  for k in errors) or (status == 422 and bool(request.files))}
    return casepages.timeline_page(case, status=status, referral=section)


@bp.app_context_processor
def _words() -> dict[str, Any]:
    return {"referral_words": template_words}


def template_words() -> dict[str, Any]:
    return {"roles": [(r, str(ROLE_LABELS[r])) for r in PROOF_ROLES],
            "authorities": [(a, str(AUTHORITY_LABELS[a])) for a in AUTHORITIES],
            "choose_again": str(CHOOSE_AGAIN)}
