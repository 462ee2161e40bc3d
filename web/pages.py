"""The pages a person goes through: the form, the packet, its downloads, the words explained.

Thin by design: each view reads the request, asks ``letters/`` and answers with a page or
a file. The language switcher lives here too: it shows the page it was pressed on again.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from letters import compose_packet, parse_case
from letters.export import LETTER_BUNDLES, MIME, PACKET_FILES, RENDERERS, filename, render
from letters.form import case_data_from_form
from letters.model import Packet
from letters.render.pdf import render_pdf_packet

from . import casepages, heavy, languages, security

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def _form_helpers() -> dict[str, object]:
    return {"options": casepages.options}


@bp.get("/")
def form():
    return casepages.form_page(dict(casepages.DEFAULT_VALUES), [])


@bp.post("/")
@security.checks_csrf_itself
def packet():
    values = casepages.typed_values()
    if not security.csrf_ok():
        # Expired or missing token: give the form back with everything typed, to resend.
        return casepages.form_page(values, [{"field": "csrf", "message": str(casepages.EXPIRED)}], 400)
    # The form's answers over what it carried unchanged (events…): "modify" loses nothing.
    data = case_data_from_form(request.form, casepages.kept_case_parts())
    case, errors = parse_case(data, today=casepages.today())
    if case is None:
        return casepages.form_page(values, casepages.form_errors(errors), 422)
    # Carried and saved as the validated case (ISO dates, amounts as numbers), whatever was typed.
    return casepages.packet_page(case)


@bp.post("/modifier")
def modify():
    return casepages.form_page(casepages.form_values(casepages.carried_data(casepages.carried_case())), [])


@bp.post("/mes-mots")
def own_words():
    """Keep the person's own words out of the letters, or put them back; the packet again."""
    data = casepages.carried_data(casepages.carried_case())
    keep = request.form.get("in_letters") == "yes"
    return casepages.packet_page(casepages.validated(
        {**data, "decision": {**data["decision"], "description_in_letters": keep}}))


@bp.post("/telecharger")
def download():
    case = casepages.carried_case()
    # The letter is named in the button's address (?letter=…): the page carries the case once.
    fmt, letter_id = request.form.get("format", "zip"), request.values.get("letter")
    return file_response(compose_packet(case), fmt, letter_id)


@bp.get("/glossaire")
def glossary():
    return render_template("glossary.html")


@bp.get("/confidentialite")
def privacy():
    return render_template("privacy.html")


@bp.post("/langue")
def switch_language():
    """Show the page the switcher was on again, in the chosen language, keeping what was typed.

    No JavaScript: the switcher's buttons submit the page's own form here. With a ``case``
    field it comes from the packet or the timeline; otherwise from the form, whose fields come
    back as they were. Nothing is validated or stored on the way.
    """
    if "case" in request.form:
        if request.form.get("page") == "timeline":
            return casepages.timeline_page(casepages.carried_case())
        return casepages.packet_page(casepages.carried_case())
    values = casepages.typed_values()
    values.pop(languages.LANG_PARAM, None)
    return casepages.form_page(values, [])


def file_response(result: Packet, fmt: str, letter_id: str | None) -> Response:
    """One letter, or the whole packet, as a file to download."""
    if fmt in PACKET_FILES and not (letter_id and fmt in RENDERERS):
        if fmt in LETTER_BUNDLES and not result.letters:
            abort(404)  # nothing to send today (everything sent and answered): no empty file
        heavy.check_letters(len(result.letters))
        make, name = PACKET_FILES[fmt]
        if fmt == "pdf":
            with heavy.pdf_turn() as within_budget:
                body = render_pdf_packet(result.letters, before_each=within_budget)
        else:
            body = make(result)
    elif fmt in RENDERERS:
        index = next((i for i, x in enumerate(result.letters, 1) if x.id == letter_id), None)
        if index is None:
            abort(404)
        letter = result.letters[index - 1]
        name = filename(letter, fmt, index)
        if fmt == "pdf":
            with heavy.pdf_turn():
                body = render(letter, fmt)
        else:
            body = render(letter, fmt)
    else:
        abort(400)
    response = Response(body, mimetype=MIME[fmt].split(";")[0])
    response.headers["Content-Disposition"] = security.attachment(name)
    return response
