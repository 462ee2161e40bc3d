"""The clinic workspace in a real browser, the whole flow a social worker goes through: log in
with the password and the TOTP code, import a sheet (a mistake first, said by row and column),
the deadlines board, a dossier, an event, a mandate and the letters written under it, the
referral file, the counts, erasure. axe finds nothing at 1280 and 360 px; screenshots kept."""

from __future__ import annotations

import io
import threading
import time

import docx
import pytest
from pypdf import PdfReader
from werkzeug.serving import make_server

from web import create_app
from workspace import totp
from workspace.db import engine_for, migrate
from workspace.sealing import Sealer, new_key
from workspace.store import Workspace

from .conftest import check_state, explain, new_context

PASSWORD = "un mot de passe assez long"
EMAIL = "claire.martin@asso.example"
SHEET = ("person.name,person.address,organisation.kind,organisation.name,decision.kind,decision.date,"
         "decision.benefit,decision.amount\n"
         "Samia Benali,12 rue des Lilas / 33000 Bordeaux,caf,CAF de la Gironde,overpayment,{day},"
         "prime_activite,2340\n"
         "Karim Haddad,5 rue Neuve / 33800 Bordeaux,caf,CAF de la Gironde,refusal,2026-10-20,rsa,\n")


@pytest.fixture(scope="module")
def clinic_server(tmp_path_factory):
    """The app with the workspace on, an SQLite file of its own, on a free loopback port."""
    folder = tmp_path_factory.mktemp("espace")
    engine = engine_for(f"sqlite:///{folder / 'workspace.sqlite3'}")
    migrate(engine)
    ws = Workspace(engine, Sealer(new_key()))
    user = ws.add_user(EMAIL, PASSWORD)
    app = create_app({"TESTING": True, "WORKSPACE": "1", "WORKSPACE_STORE": ws,
                      "SECRET_KEY": "k" * 48, "RATE_LIMIT_POSTS": 0})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="clinic-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", ws, user
    finally:
        server.shutdown()
        thread.join(timeout=10)
        engine.dispose()


@pytest.fixture
def staff_page(chromium, clinic_server):
    from .conftest import Traffic

    base = clinic_server[0]
    traffic = Traffic(origin=base)
    context = new_context(chromium, traffic)
    yield context.new_page()
    context.close()
    assert traffic.outside == [], f"requests left the machine: {traffic.outside}"


def fresh_code(secret: str) -> str:
    """A code of a 30-second step not used yet (each code is accepted once)."""
    step = int(time.time()) // 30
    if getattr(fresh_code, "used", None) == step:
        time.sleep(30 - time.time() % 30 + 0.5)
    fresh_code.used = int(time.time()) // 30  # type: ignore[attr-defined]
    return totp.totp(secret, time.time())


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_the_whole_workspace_flow(staff_page, clinic_server, axe_source, tmp_path):
    base, ws, user = clinic_server
    page, found = staff_page, {}
    page.goto(base + "/espace/")
    assert page.url.endswith("/espace/connexion")
    check_state(page, axe_source, "workspace-login", found)
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Code à six chiffres").fill("000000" if fresh_code(user.totp_secret) != "000000"
                                                  else "111111")
    click_and_wait(page, page.get_by_role("button", name="Se connecter", exact=True))
    assert page.locator("#error-summary").is_visible()
    assert page.get_by_label("Adresse e-mail").input_value() == EMAIL
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Code à six chiffres").fill(fresh_code(user.totp_secret))
    click_and_wait(page, page.get_by_role("button", name="Se connecter", exact=True))
    assert page.locator("h1").inner_text() == "Dossiers et échéances"

    # Import: a sheet with a mistake (a 13th month), then the sheet fixed.
    click_and_wait(page, page.get_by_role("link", name="Importer", exact=True))
    sheet = tmp_path / "dossiers.csv"
    sheet.write_text(SHEET.format(day="2026-13-01"), encoding="utf-8")
    page.get_by_label("Fichier(s) à importer").set_input_files(str(sheet))
    click_and_wait(page, page.get_by_role("button", name="Importer", exact=True))
    row = page.locator("table.import-errors tbody tr").first.inner_text()
    assert "ligne 2" in row and "decision.date" in row
    check_state(page, axe_source, "workspace-import-errors", found)
    sheet.write_text(SHEET.format(day="2026-09-01"), encoding="utf-8")
    page.get_by_label("Fichier(s) à importer").set_input_files(str(sheet))
    click_and_wait(page, page.get_by_role("button", name="Importer", exact=True))
    assert "2 dossier(s) importé(s)" in page.locator("#imported").inner_text()

    # The board: both dossiers, by référent; then Samia Benali's dossier.
    click_and_wait(page, page.get_by_role("link", name="Dossiers et échéances", exact=True))
    assert page.get_by_role("link", name="Samia Benali", exact=True).first.is_visible()
    check_state(page, axe_source, "workspace-board", found)
    click_and_wait(page, page.get_by_role("link", name="Samia Benali", exact=True).first)
    assert "Dossier de Samia Benali" in page.locator("h1").inner_text()

    # An event: the explanation request sent, with its registered-letter number.
    page.locator("#f-event-kind").check()
    page.get_by_label("Quelle lettre ?").select_option("explanation")
    page.get_by_label("Date", exact=True).fill("15/09/2026")
    page.get_by_label("Numéro du recommandé").fill("1A 234 567 8901 2")
    click_and_wait(page, page.get_by_role("button", name="Ajouter au dossier", exact=True))
    assert "Demande d'explication" in page.locator("ul.progress").inner_text()

    # A proof, then a mandate signed today: the letters are written for the person.
    proof = tmp_path / "avis.pdf"
    from ..bundle_helpers import pdf_bytes

    proof.write_bytes(pdf_bytes("Avis de réception du 18 septembre 2026"))
    page.get_by_label("Ce qu'est la pièce").select_option("receipt")
    page.get_by_label("Ce qu'elle prouve").select_option(index=1)  # the one sending: the request
    page.locator("#f-proof-file").set_input_files(str(proof))
    click_and_wait(page, page.get_by_role("button", name="Ajouter la pièce", exact=True))
    assert "avis.pdf" in page.locator("#pieces").inner_text()
    assert "Accusé de réception joint : avis.pdf" in page.locator("ul.progress").inner_text()
    page.get_by_label("Nom de la structure").fill("Association Droits Devant")
    page.get_by_label("Adresse de la structure").fill("3 place du Marché\n33000 Bordeaux")
    page.get_by_label("Nom du référent").fill("Claire Martin")
    for scope in ("write_letters", "receive_answers", "copy_to_referent"):
        page.locator(f"input[name='mandate.scope'][value='{scope}']").check()
    page.get_by_label("Durée, en mois").fill("6")
    page.locator("#f-mandate-signed_on").fill(ws.today().strftime("%d/%m/%Y"))
    click_and_wait(page, page.get_by_role("button", name="Enregistrer le mandat", exact=True))
    assert "agissant pour le compte de" in page.locator("#lettres").inner_text()
    check_state(page, axe_source, "workspace-dossier", found)
    with page.expect_download() as started:
        page.locator("#lettres a", has_text="Word").first.click()
    text = "\n".join(p.text for p in docx.Document(started.value.path()).paragraphs)
    assert "Association Droits Devant, agissant pour le compte de Samia Benali" in text
    assert "Pour Samia Benali, par mandat : Claire Martin, Association Droits Devant" in text

    # The referral file to the CNIL, with the dossier's proof merged.
    page.locator("#saisine input[value='cnil']").check()
    with page.expect_download(timeout=90_000) as started:  # letters recomposed, PDF laid out
        page.locator("#saisine button").click(timeout=90_000)
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(started.value.path().read_bytes())).pages)
    assert "Avis de réception du 18 septembre 2026" in pdf
    assert "Avis de réception de l'envoi du 15 septembre 2026" in pdf

    # The counts, then erasure: asked to confirm first.
    click_and_wait(page, page.get_by_role("link", name="Chiffres", exact=True))
    assert page.locator("svg").count() >= 3
    check_state(page, axe_source, "workspace-figures", found)
    page.go_back()
    click_and_wait(page, page.get_by_role("button", name="Effacer le dossier", exact=True))
    assert page.locator("#f-confirm-error").is_visible()
    page.locator("#f-confirm").check()
    click_and_wait(page, page.get_by_role("button", name="Effacer le dossier", exact=True))
    assert page.locator("h1").inner_text() == "Dossier effacé"
    assert len(ws.dossiers()) == 1
    assert {name: v for name, v in found.items() if v} == {}, explain(found)
