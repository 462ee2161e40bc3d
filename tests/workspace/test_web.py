"""The workspace's pages, on SQLite and on PostgreSQL: login with the TOTP code, sessions that
expire, roles, CSRF, the board, a dossier (events, proofs, mandate, letters under it, referral
file, export, erasure), import with errors by row and column, counts, the audit log."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, timedelta

from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from web import create_app
from workspace import totp

from ..bundle_helpers import pdf_bytes
from ..conftest import load_case_data, token_of

PASSWORD = "un mot de passe assez long"


class Staff:
    """A member of staff in a browser of their own: its cookies, the page's token."""

    def __init__(self, app, ws, email: str, role: str = "referent") -> None:
        self.ws, self.client = ws, app.test_client()
        self.user = ws.add_user(email, PASSWORD, role)
        self.email = email

    def code(self) -> str:
        return totp.totp(self.user.totp_secret, self.ws.clock().replace(tzinfo=UTC).timestamp())

    def token(self) -> str:
        return token_of(self.client.get("/espace/connexion"))

    def login(self, code: str | None = None):
        return self.client.post("/espace/connexion", data={
            "csrf_token": self.token(), "email": self.email, "password": PASSWORD,
            "code": code or self.code()})

    def post(self, url: str, files: dict | None = None, **fields):
        form = MultiDict({"csrf_token": self.token(), **fields})
        for name, (filename, content) in (files or {}).items():
            form.add(name, FileStorage(io.BytesIO(content), filename))
        boundary, body = encode_multipart(form)
        return self.client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def new_dossier(ws, staff=None) -> str:
    data = load_case_data("caf-prime-activite-indu")
    data["decision"]["date"] = "2026-09-01"
    return ws.create(data, staff.user.id if staff else None, None)


def test_every_page_is_behind_the_login(site, ws):
    client = site.test_client()
    dossier = new_dossier(ws)
    for url in ("/espace/", f"/espace/dossiers/{dossier}", "/espace/import", "/espace/chiffres",
                "/espace/journal", f"/espace/dossiers/{dossier}/lettres.zip"):
        answer = client.get(url)
        assert answer.status_code == 302 and "/espace/connexion" in answer.headers["Location"], url


def test_login_needs_the_password_and_the_code_then_shows_the_board(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    wrong = claire.login(code="000000" if claire.code() != "000000" else "111111")
    assert wrong.status_code == 401 and "Adresse, mot de passe ou code incorrect." in wrong.text
    assert 'value="claire@asso.example"' in wrong.text  # the address typed is kept
    assert claire.login().status_code == 303
    home = claire.client.get("/espace/")
    assert home.status_code == 200 and "Dossiers et échéances" in home.text


def test_a_post_without_the_token_is_refused(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    answer = claire.client.post(f"/espace/dossiers/{dossier}/effacement", data={"confirm": "yes"})
    assert answer.status_code == 400
    assert [r.id for r in ws.dossiers()] == [dossier]


def test_a_session_ends_after_thirty_minutes_idle_and_after_eight_hours(site, ws, clock):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    clock.now += timedelta(minutes=29)
    assert claire.client.get("/espace/").status_code == 200
    clock.now += timedelta(minutes=31)
    expired = claire.client.get("/espace/")
    assert expired.status_code == 302 and "expiree=1" in expired.headers["Location"]
    assert "Votre session a expiré" in claire.client.get(expired.headers["Location"]).text
    claire.login()
    for _ in range(17):  # active all day long, a page every 29 minutes
        clock.now += timedelta(minutes=29)
        claire.client.get("/espace/")
    assert claire.client.get("/espace/").status_code == 302


def test_a_referent_sees_their_dossiers_not_a_colleagues_and_the_admin_sees_all(site, ws):
    claire, malik = Staff(site, ws, "claire@asso.example"), Staff(site, ws, "malik@asso.example")
    admin = Staff(site, ws, "direction@asso.example", "admin")
    mine, theirs = new_dossier(ws, claire), new_dossier(ws, malik)
    for staff in (claire, admin):
        staff.login()
    assert claire.client.get(f"/espace/dossiers/{mine}").status_code == 200
    assert claire.client.get(f"/espace/dossiers/{theirs}").status_code == 404
    assert claire.client.get("/espace/journal").status_code == 403
    assert admin.client.get(f"/espace/dossiers/{theirs}").status_code == 200
    assert admin.client.get("/espace/journal").status_code == 200


def test_the_board_says_what_is_overdue_and_groups_by_referent(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    data = load_case_data("caf-prime-activite-indu")
    data["decision"]["date"] = "2026-06-01"  # the two-month recourse delay has passed
    ws.create(data, claire.user.id, None)
    home = claire.client.get("/espace/").text
    assert "En retard (1)" in home
    assert data["person"]["name"] in home and "claire@asso.example" in home


def test_an_event_is_added_and_a_bad_one_is_said_next_to_its_field(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    bad = claire.post(f"/espace/dossiers/{dossier}/evenement", **{
        "event.kind": "sent", "event.letter": "explanation", "event.date": "31/02/2026"})
    assert bad.status_code == 422 and 'id="f-event-date-error"' in bad.text
    assert 'value="31/02/2026"' in bad.text
    good = claire.post(f"/espace/dossiers/{dossier}/evenement", **{
        "event.kind": "sent", "event.letter": "explanation", "event.date": "20/11/2026",
        "event.proof": "1A 234 567 8901 2"})
    assert good.status_code == 303
    assert ws.case_data(dossier, None)["events"] == [
        {"kind": "sent", "letter": "explanation", "date": "2026-11-20", "proof": "1A 234 567 8901 2"}]
    page = claire.client.get(f"/espace/dossiers/{dossier}").text
    assert "En attente" in page


def test_a_proof_is_checked_by_its_content_and_kept_sealed(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    refused = claire.post(f"/espace/dossiers/{dossier}/piece", {"proof.file": ("ar.pdf", b"PK\x03\x04zip")},
                          **{"proof.role": "receipt"})
    assert refused.status_code == 422 and "n'est ni un PDF" in refused.text.replace("&#39;", "'")
    added = claire.post(f"/espace/dossiers/{dossier}/piece", {"proof.file": ("ar.pdf", pdf_bytes("AR"))},
                        **{"proof.role": "receipt"})
    assert added.status_code == 303
    assert [(p.role, p.name, p.pages) for p in ws.proof_list(dossier)] == [("receipt", "ar.pdf", 1)]


def mandate_for(claire, dossier, signed_on="20/11/2026", **extra):
    return claire.post(f"/espace/dossiers/{dossier}/mandat", **{
        "mandate.clinic": "Association Droits Devant", "mandate.address": "3 place du Marché\n33000 Bordeaux",
        "mandate.referent": "Claire Martin", "mandate.months": "6", "mandate.signed_on": signed_on,
        "mandate.scope": ["write_letters", "receive_answers", "copy_to_referent"], **extra})


def letter_text(claire, dossier) -> str:
    return claire.client.get(f"/espace/dossiers/{dossier}/lettres/1.txt").text


def test_letters_under_a_signed_mandate_say_who_acts_for_whom_and_where_answers_go(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    person = ws.case_data(dossier, None)["person"]["name"]
    before = letter_text(claire, dossier)
    assert "agissant pour le compte de" not in before
    assert mandate_for(claire, dossier).status_code == 303
    after = letter_text(claire, dossier)
    assert f"Association Droits Devant, agissant pour le compte de {person}" in after
    assert "Je vous remercie d'adresser votre réponse à Association Droits Devant, 3 place du Marché" in after
    assert f"Pour {person}, par mandat : Claire Martin, Association Droits Devant" in after
    assert "Mandat signé le 20 novembre 2026" in after
    copies = after.split("Copie :")[1]
    assert "- Claire Martin, Association Droits Devant" in copies
    docx = claire.client.get(f"/espace/dossiers/{dossier}/lettres/1.docx")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"


def test_an_unsigned_or_revoked_mandate_writes_nothing_for_the_person(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    mandate_for(claire, dossier, signed_on="")
    assert "agissant pour le compte de" not in letter_text(claire, dossier)
    document = claire.client.get(re.search(r'href="([^"]+\.txt)"', claire.client.get(
        f"/espace/dossiers/{dossier}").text).group(1))
    assert "MANDAT" in document.text and "Révocation" in document.text
    dossier2 = new_dossier(ws, claire)
    mandate_for(claire, dossier2)
    page = claire.client.get(f"/espace/dossiers/{dossier2}").text
    revoke = re.search(r'action="([^"]+/revocation)"', page).group(1)
    assert claire.post(revoke).status_code == 303
    assert "agissant pour le compte de" not in letter_text(claire, dossier2)


def test_a_mandate_without_scope_is_refused_next_to_the_field_with_the_rest_kept(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    page = mandate_for(claire, dossier, **{"mandate.scope": []})
    assert page.status_code == 422 and 'id="f-mandate-scope-error"' in page.text
    assert 'value="Association Droits Devant"' in page.text


def test_the_referral_file_uses_the_dossiers_proofs(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    claire.post(f"/espace/dossiers/{dossier}/piece", {"proof.file": ("decision.pdf", pdf_bytes("Indu CAF"))},
                **{"proof.role": "notification"})
    answer = claire.post(f"/espace/dossiers/{dossier}/saisine", **{"referral.authority": "defenseur"})
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.data)).pages)
    assert "Indu CAF" in text


def test_export_gives_the_public_apps_file_and_erase_removes_everything(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    dossier = new_dossier(ws, claire)
    exported = claire.post(f"/espace/dossiers/{dossier}/export")
    assert exported.status_code == 200
    assert json.loads(exported.data)["person"] == load_case_data("caf-prime-activite-indu")["person"]
    refused = claire.post(f"/espace/dossiers/{dossier}/effacement")
    assert refused.status_code == 422 and "Cochez la case pour confirmer" in refused.text
    assert claire.post(f"/espace/dossiers/{dossier}/effacement", confirm="yes").status_code == 200
    assert ws.dossiers() == []
    assert claire.client.get(f"/espace/dossiers/{dossier}").status_code == 404
    assert [a.action for a in ws.audit(dossier)][-1] == "erase"


def test_a_sheet_with_errors_imports_nothing_and_says_row_and_column(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    sheet = ("person.name,person.address,organisation.kind,decision.kind,decision.date,decision.benefit\n"
             "Samia Benali,12 rue des Lilas / 33000 Bordeaux,caf,overpayment,2026-09-01,prime_activite\n"
             "Jean Dupont,4 rue Haute / 33000 Bordeaux,caf,overpayment,2026-13-01,prime_activite\n")
    page = claire.post("/espace/import", {"import.files": ("cas.csv", sheet.encode())})
    assert page.status_code == 422
    assert re.search(r"<td>ligne 3</td><td><code>decision.date</code></td>", page.text)
    assert ws.dossiers() == []
    fixed = sheet.replace("2026-13-01", "2026-10-01")
    done = claire.post("/espace/import", {"import.files": ("cas.csv", fixed.encode())})
    assert done.status_code == 200 and "2 dossier(s) importé(s)" in done.text
    assert [r.referent_id for r in ws.dossiers()] == [claire.user.id] * 2


def test_the_counts_page_draws_charts_and_hides_small_numbers(site, ws):
    claire = Staff(site, ws, "claire@asso.example")
    claire.login()
    for _ in range(5):
        new_dossier(ws, claire)
    page = claire.client.get("/espace/chiffres").text
    assert page.count("<svg") >= 3
    assert "<td>5</td>" in page  # five CAF dossiers: shown
    assert "moins de 5" in page or "&lt; 5" in page


def test_the_audit_log_names_acts_and_ids_never_a_person(site, ws):
    admin = Staff(site, ws, "direction@asso.example", "admin")
    admin.login()
    dossier = new_dossier(ws, admin)
    admin.client.get(f"/espace/dossiers/{dossier}")
    page = admin.client.get("/espace/journal").text
    assert dossier[:8] in page and "open" in page
    person = load_case_data("caf-prime-activite-indu")["person"]
    assert person["name"] not in page and person["address"][0] not in page


def test_the_workspace_is_off_unless_asked_for():
    app = create_app({"TESTING": True})
    assert app.test_client().get("/espace/connexion").status_code == 404


def test_what_the_pages_store_is_sealed(site, ws, database):
    """A dossier imported, followed, given a proof and a mandate through the pages: the
    database holds none of what was typed or uploaded in clear."""
    from .test_at_rest import CLINIC, FILE_NAME, NAME, STAFF, STREET, found_in, proof_file, stored_bytes

    staff = Staff(site, ws, STAFF)
    staff.login()
    sheet = ("person.name,person.address,organisation.kind,decision.kind,decision.date,decision.benefit\n"
             f"{NAME},{STREET} / 33000 Bordeaux,caf,overpayment,2026-09-01,prime_activite\n")
    assert staff.post("/espace/import", {"import.files": ("cas.csv", sheet.encode())}).status_code == 200
    [row] = ws.dossiers()
    staff.post(f"/espace/dossiers/{row.id}/evenement", **{
        "event.kind": "sent", "event.letter": "explanation", "event.date": "20/11/2026",
        "event.proof": "LRAR 9Z 876"})
    staff.post(f"/espace/dossiers/{row.id}/piece", {"proof.file": (FILE_NAME, proof_file())},
               **{"proof.role": "receipt"})
    mandate_for(staff, row.id, **{"mandate.clinic": CLINIC})
    assert "agissant pour le compte de" in letter_text(staff, row.id)
    assert found_in(stored_bytes(ws, database, row.id)) == []
