"""Nothing is kept: no file written, nothing typed in any log or cookie, clean document properties.

The flows below press every button of every form the pages offer, so a route added later is
covered without touching this file.
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
import re
import socket
import sys
import threading
import urllib.parse
import urllib.request
import zipfile
import zlib
from html.parser import HTMLParser
from http.cookiejar import CookieJar

import pytest
from flask import request
from werkzeug.serving import make_server

from letters import compose_packet
from letters.export import RENDERERS
from web import create_app

from .bundle_helpers import pdf_bytes
from .conftest import CAF_FORM, TODAY, case_from, load_case_data, token_of
from .interview_walk import confirm, go

# Values nobody else would type: if any shows up in a log, a cookie or a file, it leaked.
TYPED = {
    "person.name": "Zéphyrine Quenouille-Marchetti",
    "person.address": "7 impasse des Tournesols-Bleus\n84120 Pertuis",
    "person.email": "zephyrine.quenouille@example.org",
    "person.phone": "06 41 52 63 74",
    "person.reference": "allocataire 8876543-QX",
    "decision.reference": "INDU-2026-XYLO-5521",
    "decision.description": "Le contrôleur Barnabé Ostrogoth m'a demandé mes relevés xylophoniques.",
}
FORM = {**CAF_FORM, **TYPED}
SECRETS = [v for value in TYPED.values() for v in value.split("\n")] + ["Quenouille", "Ostrogoth"]


class Forms(HTMLParser):
    """The POST forms of a page: action, enctype, hidden fields, submit buttons, file fields.

    A button belongs to the form its ``form`` attribute names, or else to the form around it,
    and submits to its ``formaction`` if it has one (a page carries its case in one form that
    the other buttons submit).
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._by_id: dict[str, dict] = {}
        self._current: dict | None = None
        self._outside: list[tuple[str, dict]] = []  # buttons naming a form, until all are known
        self.feed(text)
        for form_id, button in self._outside:
            self._by_id[form_id]["buttons"].append(button)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._current = {"action": a.get("action") or "/", "enctype": a.get("enctype", ""),
                             "hidden": {}, "buttons": [], "files": []}
            self.forms.append(self._current)
            if a.get("id"):
                self._by_id[a["id"]] = self._current
        elif tag == "button" and a.get("type", "submit") == "submit":
            button = {"name": a.get("name"), "value": a.get("value"), "action": a.get("formaction")}
            if a.get("form"):
                self._outside.append((a["form"], button))
            elif self._current is not None:
                self._current["buttons"].append(button)
        elif self._current is not None and tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self._current["hidden"][a["name"]] = a.get("value") or ""
        elif self._current is not None and tag == "input" and a.get("type") == "file":
            self._current["files"].append(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def press_every_button(client, page, done: set) -> list:
    """Submit each POST form of ``page`` once per submit button not pressed yet (``done``)."""
    got = []
    for form in Forms(page.get_data(as_text=True)).forms:
        if form["files"]:
            continue
        for button in form["buttons"] or [{"name": None, "value": None, "action": None}]:
            data = dict(form["hidden"])
            if button["name"]:
                data[button["name"]] = button["value"] or ""
            action = html.unescape(button["action"] or form["action"])
            key = (action, *sorted(
                (k, v) for k, v in data.items() if k not in ("csrf_token", "case")))
            if key in done:
                continue
            done.add(key)
            got.append(client.post(action, data=data))
    return got


def whole_flow(client) -> list:
    """What a person does, with every variation the pages offer, and what a clinic does."""
    got = [client.get("/formulaire")]
    packet = client.post("/", data={**FORM, "csrf_token": token_of(client.get("/formulaire"))})
    assert packet.status_code == 200 and "Vos lettres" in packet.text
    got.append(packet)
    got.append(client.post("/", data={**FORM, "decision.date": "2031-01-01",
                                      "csrf_token": token_of(client.get("/formulaire"))}))
    done: set = set()
    level_one = press_every_button(client, packet, done)
    got += level_one
    for page in level_one:
        if page.mimetype == "text/html" and "Content-Disposition" not in page.headers:
            got += press_every_button(client, page, done)
    saved = [r for r in got if r.mimetype == "application/json" and "Content-Disposition" in r.headers]
    for kept in saved[:1]:  # the saved case file, uploaded again to resume
        got.append(client.post("/reprendre", data={"csrf_token": token_of(client.get("/formulaire")),
                                                   "dossier": (io.BytesIO(kept.data), "dossier.json")},
                               content_type="multipart/form-data"))
    got += read_and_interview(client)
    # The referral file, with a proof: its checks, then the PDF (its file fields by hand).
    timeline = next(r for r in got if r.mimetype == "text/html" and "referral.proof.notification" in r.text)
    case_form = next(f for f in Forms(timeline.get_data(as_text=True)).forms if "case" in f["hidden"])
    for action in ("check", "build"):
        got.append(client.post("/suivi/saisine", content_type="multipart/form-data", data={
            **case_form["hidden"], "referral.authority": "cnil", "action": action,
            "referral.proof.notification": (io.BytesIO(pdf_bytes(TYPED["decision.reference"])), "avis.pdf")}))
    case = case_data()
    got.append(client.post("/api/v1/letters", json=case))
    got.append(client.post("/api/v1/letters?format=zip", json=case))
    got.append(client.post("/api/v1/letters", json={**case, "decision": {"kind": "nope"}}))
    got.append(client.get("/test-crash"))
    return got


# A notification naming the same person: what the reader reads must not leak either.
NOTIFICATION = f"""Caisse d'allocations familiales de Vaucluse
4 rue de la Carreterie
84000 Avignon
Avignon, le 10 novembre 2026
N° allocataire : 8876543
Réf. : {TYPED["decision.reference"]}
Madame {TYPED["person.name"]}
{TYPED["person.address"]}
Objet : notification d'un indu de prime d'activité
Madame,
Vous avez perçu de la prime d'activité à tort pour la période de janvier à juin 2025.
Le montant de l'indu s'élève à 1 234,56 €.
Motif : vos ressources déclarées sont incomplètes.
"""


def read_and_interview(client) -> list:
    """The first page, the notification pasted, every line confirmed, each step to the letters."""
    start = client.get("/")
    page = client.post("/lire", data={"csrf_token": token_of(start), "text": NOTIFICATION})
    got = [start, page, client.get("/etapes")]
    step = confirm(client, page)
    got.append(step)
    while 'class="step-count"' in step.text and step.status_code == 200:
        back = go(client, step, button="back")
        step = go(client, step, {k: v for k, v in TYPED.items() if k not in ("person.name",)})
        got += [back, step]
    assert "letter-card" in step.text  # the packet, in whatever language the flow left set
    got.append(client.post("/api/v1/notifications", json={"text": NOTIFICATION}))
    return got


def case_data() -> dict:
    data = load_case_data("caf-prime-activite-indu")
    data["person"].update(name=TYPED["person.name"], address=TYPED["person.address"].split("\n"),
                          email=TYPED["person.email"], reference=TYPED["person.reference"])
    data["decision"]["description"] = TYPED["decision.description"]
    return data


def flow_app():
    app = create_app({"TESTING": True, "TODAY": TODAY, "PROPAGATE_EXCEPTIONS": False,
                      "RATE_LIMIT_POSTS": 0})

    def crash():
        # A bug whose message quotes what was typed, as a real bug's message might.
        raise ValueError(f"cannot read {TYPED['person.name']} at {TYPED['person.address']}")

    app.add_url_rule("/test-crash", "crash", crash)
    return app


@pytest.fixture(scope="module")
def flow():
    """One whole flow, shared by the tests that only read its responses."""
    app = flow_app()
    seen: set[str] = set()
    app.before_request(lambda: seen.add(request.endpoint))
    client = app.test_client()
    return app, client, whole_flow(client), seen


def test_the_flows_reach_every_route_that_takes_a_post(flow):
    app, _, _, seen = flow
    posting = {r.endpoint for r in app.url_map.iter_rules() if "POST" in (r.methods or ())}
    missing = posting - seen - {"pages.switch_language"}  # the switcher is exercised by i18n tests
    assert not missing, f"routes no flow here exercises: {sorted(missing)}"


def test_no_log_at_any_level_holds_anything_typed(caplog, capfd):
    app = flow_app()
    caplog.set_level(logging.DEBUG)
    for name in ("web", "werkzeug", "letters"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    responses = whole_flow(app.test_client())
    assert any(r.status_code == 500 for r in responses)
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records) + "".join(capfd.readouterr())
    # The crash is logged, with where it happened, so the check below looks at real logs.
    assert "ValueError (message withheld" in logged and "in crash" in logged
    for secret in SECRETS:
        assert secret not in logged, secret


def test_a_real_server_logs_requests_without_anything_typed(caplog):
    """The development server's access log, through a socket, as in production."""
    app = flow_app()
    caplog.set_level(logging.DEBUG)
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        first = opener.open(base + "/formulaire", timeout=10).read().decode()
        token = token_of(first)
        body = urllib.parse.urlencode({**FORM, "csrf_token": token}, doseq=True).encode()
        assert "Vos lettres" in opener.open(base + "/", data=body, timeout=20).read().decode()
        request = urllib.request.Request(base + "/api/v1/letters?format=json", method="POST",
                                         data=json.dumps(case_data()).encode(),
                                         headers={"Content-Type": "application/json"})
        assert opener.open(request, timeout=20).status == 200
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    access = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any('"POST / HTTP/1.1" 200' in line for line in access)
    for secret in SECRETS:
        assert secret not in caplog.text, secret


_WRITES: list[str] = []
_RECORDING = threading.Event()


def _audit(event: str, args: tuple) -> None:
    if not _RECORDING.is_set():
        return
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if writing and not str(path).endswith(".pyc"):
            _WRITES.append(f"open {path!r} {mode or flags}")
    elif event == "socket.connect":
        address = args[1]
        host = str(address[0] if isinstance(address, tuple) else address)
        if not host.startswith(("127.", "::1", "localhost")):
            _WRITES.append(f"connect to {host}")
    elif event in ("os.mkdir", "os.rename", "os.remove", "shutil.copyfile", "tempfile.mkstemp",
                   "tempfile.mkdtemp"):
        _WRITES.append(f"{event} {args!r}")


sys.addaudithook(_audit)


def test_a_whole_flow_writes_no_file_and_calls_no_other_server():
    app = flow_app()
    whole_flow(app.test_client())  # first run: imports and caches warm up
    _WRITES.clear()
    _RECORDING.set()
    try:
        responses = whole_flow(app.test_client())
    finally:
        _RECORDING.clear()
    assert len(responses) > 10
    assert _WRITES == []


def test_the_audit_hook_would_see_a_file_being_written(tmp_path):
    _WRITES.clear()
    _RECORDING.set()
    try:
        (tmp_path / "x.txt").write_text("x")
    finally:
        _RECORDING.clear()
    assert any("x.txt" in w for w in _WRITES)


def test_cookies_hold_a_random_token_or_a_language_code_and_nothing_typed(flow):
    _, client, responses, _ = flow
    cookies = [c for r in responses for c in r.headers.getlist("Set-Cookie")]
    cookies += [c for c in client.get("/formulaire?lang=en").headers.getlist("Set-Cookie")]
    assert cookies
    for cookie in cookies:
        name, value = cookie.split(";")[0].split("=", 1)
        assert name in ("recours_csrf", "recours_lang"), cookie
        if name == "recours_csrf":
            assert re.fullmatch(r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", value), cookie  # nonce.HMAC
        else:
            assert re.fullmatch(r"[a-z]{2}", value), cookie
    assert "session" not in " ".join(cookies)
    assert not any(secret in " ".join(cookies) for secret in SECRETS)


def test_the_privacy_page_is_linked_from_every_page(flow):
    app, client, responses, _ = flow
    pages = [r for r in responses if r.mimetype == "text/html" and "Content-Disposition" not in r.headers]
    pages += [client.get(rule.rule) for rule in app.url_map.iter_rules()
              if "GET" in (rule.methods or ()) and not rule.arguments
              and not rule.rule.startswith(("/api/", "/static", "/healthz", "/test-"))]
    pages.append(client.get("/nulle-part"))
    assert len(pages) > 8
    for page in pages:
        assert 'href="/confidentialite"' in page.text, page.request.path


def test_the_privacy_page_says_plainly_what_is_kept():
    page = flow_app().test_client().get("/confidentialite")
    assert page.status_code == 200
    text = page.text.replace("&#39;", "'")
    assert "<h1>Vos données et la confidentialité</h1>" in text
    for fact in ("ni base de données", "ne contiennent jamais ce que vous tapez", "recours_csrf",
                 "recours_lang", "ne chargent rien depuis un autre site", "votre nom comme auteur"):
        assert fact in text, fact


# -- The documents themselves

def letter():
    data = case_data()
    return compose_packet(case_from(data)).letters[0]


def machine_details() -> list[str]:
    host = socket.gethostname()
    return [*([host] if len(host) >= 6 else []), os.getcwd(), sys.prefix, "python-docx", "python",
            "lxml", "WeasyPrint", "Werkzeug", "Flask"]


def test_the_docx_names_the_person_as_author_and_nothing_of_the_machine():
    x = letter()
    archive = zipfile.ZipFile(io.BytesIO(RENDERERS["docx"](x)))
    core = archive.read("docProps/core.xml").decode()
    assert f"<dc:creator>{TYPED['person.name']}</dc:creator>" in core
    assert re.search(r"<cp:lastModifiedBy>(Zéphyrine Quenouille-Marchetti)?</cp:lastModifiedBy>", core)
    assert "docProps/custom.xml" not in archive.namelist()
    everything = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.endswith((".xml", ".rels")))
    for detail in machine_details():
        assert detail.lower() not in everything.lower(), detail


def _pdf_text(pdf: bytes) -> str:
    """The PDF with its compressed streams inflated, so metadata can be searched."""
    parts = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts).decode("latin-1")


def test_the_pdf_names_the_person_as_author_and_nothing_of_the_machine():
    if "pdf" not in RENDERERS:
        pytest.skip("no PDF renderer in this version")
    text = _pdf_text(RENDERERS["pdf"](letter()))
    assert "Quenouille" in text  # the author (and the letter), so inflating worked
    for detail in machine_details():
        assert detail.lower() not in text.lower(), detail
    assert "/Producer" not in text and "Producer=" not in text
