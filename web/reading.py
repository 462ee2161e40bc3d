"""Reading the person's notification: the first page (a photo, a scan, a PDF or its text),
the page that shows what was read to confirm or correct, and the API's ``/api/v1/notifications``.

The file is read in memory (``uploads.py``) and forgotten with the request; nothing read is
logged or used before the person confirms it. What they confirm starts the interview
(``interview.py``) with those fields shown as facts, not asked again.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, g, jsonify, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from letters import catalogue
from letters.fields import BY_PATH, DEFAULT_WANTS
from letters.form import shown_amount, shown_day
from letters.interview import value_at
from letters.messages import N_
from letters.notification import Reading, UnreadableNotification, files, read_notification, read_text
from letters.notification import errors as reading_errors
from letters.notification.lexicon import data as notification_data
from letters.safejson import load_case_json

from . import casepages, interview, security, uploads

bp = Blueprint("reading", __name__)
MAX_TEXT = 20_000  # characters: a notification is one to four pages
RETRY_AFTER = 3600  # seconds: the photo reader is a package to install, not a passing fault
NOTHING = N_("Déposez une photo ou le PDF de votre courrier, ou collez son texte.")
TOO_LONG = N_("Ce texte est trop long pour un courrier : {limit} caractères au plus. Collez seulement "
              "la décision.")
TOO_SHORT = N_("Ce texte est trop court pour être un courrier : collez tout le texte de la décision.")
CHECK = _l("Dites si c'est juste, ou choisissez « Non » pour le corriger plus loin.")
ALL_PAGES = "pages"  # the question: did the reader see every page of the notification?
STATUS = {"too_large": 413, "reader_missing": 503}
TEXT_PROBLEMS = ("nothing", "too_long", "too_short")
API_STATUS = {"nothing": 400, "too_long": 413}  # no notification sent; a text past any letter's size


def unreadable_message(exc: UnreadableNotification) -> str:
    """Why the file was not read, in the page's language."""
    try:
        return gettext(exc.template).format(**exc.params)
    except (KeyError, IndexError, ValueError):  # a faulty translation must not hide the reason
        return exc.message


def status_of(exc: UnreadableNotification) -> int:
    return STATUS.get(exc.code, 422)


def read_request() -> Reading:
    """The notification this request carries: a ``file`` part, else a ``text`` field or JSON
    ``{"text"}``. Raises ``UnreadableNotification`` with the reason (code ``nothing`` when empty)."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.read(files.MAX_BYTES + 1)
        return read_notification(data, upload.filename)
    if request.is_json:
        body = request.get_json(silent=True)
        text = body.get("text") if isinstance(body, dict) else None
    else:
        text = request.form.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableNotification("nothing", NOTHING)
    if len(text) > MAX_TEXT:
        raise UnreadableNotification("too_long", TOO_LONG, limit=MAX_TEXT)
    if sum(c.isalpha() for c in text) < files.MIN_TEXT_CHARS:
        raise UnreadableNotification("too_short", TOO_SHORT)
    return read_text(text)


def refused(exc: UnreadableNotification) -> None:
    """Remember to say when to come back, for a reader that is not installed."""
    if exc.code == "reader_missing":
        g.retry_after = RETRY_AFTER


@bp.after_app_request
def _retry_after(response):
    if response.status_code == 503 and "retry_after" in g:
        response.headers["Retry-After"] = str(g.retry_after)
    return response


@bp.app_context_processor
def _reading_helpers() -> dict[str, object]:
    return {"label_of": label_of, "mention_message": mention_message, "value_at": value_at,
            "choice_label": choice_label, "euros": lambda v: f"{shown_amount(v)} €", "day": shown_day}


# How the confirmation page names what was read, where the field's own label is a lawyer's word.
def mentions_data() -> dict[str, Any]:
    return notification_data("mentions")


GROUP_LABELS = {"decision.period": _l("La période concernée"),
                "decision.notified_deadline": _l("Le délai pour contester et l'organisme à saisir"),
                "decision.algorithm_mentioned": _l("Le courrier dit qu'un traitement automatique a servi"),
                "decision.reasons_given": _l("Le courrier dit pourquoi"),
                "decision.appeal_routes_given": _l("Le courrier dit comment contester")}


def label_of(path: str) -> str:
    """A field's name on the pages, in their language."""
    if path in GROUP_LABELS:
        return str(GROUP_LABELS[path])
    return gettext(BY_PATH[path].label) if path in BY_PATH else path


def choice_label(path: str, value: Any) -> str:
    named = {**catalogue.bodies(), **catalogue.benefits(), **catalogue.reasons()}
    return gettext(named[value].form_label) if isinstance(value, str) and value in named else str(value)


def mention_message(mention: dict[str, Any]) -> str:
    """What the notification lacks, in the page's language. The indu's message lists what it
    leaves out (mentions.toml [overpayment]): each item is translated, then the sentence."""
    message = str(mention.get("message", ""))
    rule = mentions_data()["overpayment"]
    head, _, tail = rule["message"].partition("{items}")
    if not (message.startswith(head) and message.endswith(tail)):
        return gettext(message)
    listed = message[len(head):len(message) - len(tail)]
    names = {v: k for k, v in rule["items"].items()}
    parts = [p for chunk in listed.split(" ni ") for p in chunk.split(", ")]
    if not all(p in names for p in parts):
        return gettext(message)
    shown = [gettext(p) for p in parts]
    joined = shown[0] if len(shown) == 1 else gettext("{items} ni {last}").format(
        items=", ".join(shown[:-1]), last=shown[-1])
    return gettext(rule["message"]).format(items=joined)


# -- The first page ---------------------------------------------------------------------------

@bp.get("/")
def start():
    return start_page({}, {})


def start_page(values: dict[str, Any], errors: dict[str, str], status: int = 200):
    summary = list(errors.items())
    return render_template("start.html", values=values, errors=errors, summary=summary,
                           limit_mb=files.MAX_BYTES // (1024 * 1024), max_pages=files.MAX_PAGES,
                           switch_page="start"), status


@bp.post("/lire")
@uploads.reads_uploads
@security.checks_csrf_itself
def read():
    text = request.form.get("text", "")
    if not security.csrf_ok():
        return start_page({"text": text}, {"csrf": str(casepages.EXPIRED)}, 400)
    try:
        reading = read_request()
    except UnreadableNotification as exc:
        refused(exc)
        field = "text" if exc.code in TEXT_PROBLEMS or not request.files.get("file") else "file"
        return start_page({"text": text}, {field: unreadable_message(exc)}, status_of(exc))
    return confirm_page(reading.as_dict(), {}, {})


@bp.errorhandler(413)
def _too_large(error):
    """A body over the upload limit never reaches the reader: the first page says the limit."""
    message = unreadable_message(reading_errors.too_large(files.MAX_BYTES // (1024 * 1024)))
    return start_page({}, {"file": message}, 413)


# -- Confirm or correct -----------------------------------------------------------------------

def to_confirm(reading: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields read that the case can hold, each once, with the words they were read from."""
    case = reading.get("case") if isinstance(reading.get("case"), dict) else {}
    out, seen = [], set()
    for item in reading.get("found") or ():
        if not isinstance(item, dict) or not isinstance(item.get("field"), str):
            continue
        path = item["field"]
        part, _, key = path.partition(".")
        held = case.get(part, {}) if isinstance(case.get(part), dict) else {}
        if key not in held or path in seen or not item.get("source"):
            continue
        seen.add(path)
        out.append({"path": path, "value": held[key], "source": str(item["source"])})
    return out


def confirm_page(reading: dict[str, Any], answers: dict[str, str], errors: dict[str, str],
                 status: int = 200):
    fields = to_confirm(reading)
    summary = [(f"confirm.{f['path']}", errors[f["path"]]) for f in fields if f["path"] in errors]
    if ALL_PAGES in errors:
        summary.append((f"confirm.{ALL_PAGES}", errors[ALL_PAGES]))
    absent = [f for f in reading.get("found") or () if isinstance(f, dict) and f.get("value") is False
              and not f.get("source")]
    return render_template(
        "read.html", fields=fields, missing=reading.get("missing_mentions") or [], absent=absent,
        answers=answers, errors={f"confirm.{k}": v for k, v in errors.items()}, summary=summary,
        reading_json=json.dumps(reading, ensure_ascii=False), switch_page="read",
        values=answers), status


def carried_reading() -> dict[str, Any]:
    data, errors = load_case_json(request.form.get("reading", ""))
    if errors or not isinstance(data, dict):
        abort(400)
    return data


@bp.post("/confirmer")
def confirm():
    """What the person confirmed becomes the case; the rest is asked in the interview."""
    reading = carried_reading()
    fields = to_confirm(reading)
    answers = {k: v for k, v in request.form.items() if k.startswith("confirm.")}
    errors = {f["path"]: str(CHECK) for f in fields
              if answers.get(f"confirm.{f['path']}") not in ("yes", "no")}
    absent = [f for f in reading.get("found") or () if isinstance(f, dict) and f.get("value") is False
              and not f.get("source")]
    if absent and answers.get(f"confirm.{ALL_PAGES}") not in ("yes", "no", "unknown"):
        errors[ALL_PAGES] = str(_l("Dites si vous avez donné toutes les pages du courrier."))
    if errors:
        return confirm_page(reading, answers, errors, 422)
    data: dict[str, Any] = {"wants": list(DEFAULT_WANTS)}
    confirmed: list[str] = []
    for f in fields:
        interview.put(data, f["path"], f["value"])
        if answers[f"confirm.{f['path']}"] == "yes":
            confirmed.append(f["path"])
    if answers.get(f"confirm.{ALL_PAGES}") == "yes":
        for f in absent:  # what the whole notification does not say, it lacks
            interview.put(data, f["field"], False)
            confirmed.append(f["field"])
    rejected = [f["path"] for f in fields if f["path"] not in confirmed]
    return interview.first_step(data, confirmed, rejected)


def again() -> Any:
    """The page the language switcher was pressed on, again, with everything chosen kept."""
    page = request.form.get("page")
    if page == "read":
        answers = {k: v for k, v in request.form.items() if k.startswith("confirm.")}
        return confirm_page(carried_reading(), answers, {})
    return start_page({"text": request.form.get("text", "")}, {})


# -- The API ----------------------------------------------------------------------------------

def api_read():
    try:
        reading = read_request()
    except UnreadableNotification as exc:
        refused(exc)
        field = "text" if exc.code in TEXT_PROBLEMS else "file"
        status = API_STATUS.get(exc.code) or status_of(exc)
        return jsonify(errors=[{"field": field, "message": exc.message}]), status
    return jsonify(reading.as_dict())

