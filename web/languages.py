"""Interface languages: which language a page speaks, the switcher's links, translated field
errors, and the courtesy translation of the letters.

The interface speaks French, English, Arabic (right to left) or Spanish. The letters sent to
French bodies stay in French whatever the interface says; where a letter's text exists in the
interface language, the packet page shows a courtesy copy beside it, marked as not the one to
send. Nothing here stores anything: the only cookie holds the two-letter language code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import Locale
from flask import Flask, Response, current_app, request, url_for
from flask_babel import Babel, get_locale, gettext
from jinja2 import TemplateError
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from letters import Case, FieldError, compose_packet
from letters.compose import LETTER_LANGUAGE, letter_languages
from letters.model import Letter, Packet
from letters.render import render_html

LANG_COOKIE = "recours_lang"
LANG_PARAM = "lang"  # ?lang=en on a link, or the name of a switcher button in a form
SWITCH_ENDPOINT = "pages.switch_language"
ONE_YEAR = 365 * 24 * 3600

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Install Babel with the request's language, and the variables every page uses."""
    Babel(app, locale_selector=select_language)
    app.context_processor(_page_language)
    app.after_request(_remember_choice)


@lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def language_name(code: str) -> str:
    """The language named in itself, as a switcher shows it ("Français", "العربية").

    >>> language_name("es")
    'Español'
    """
    name = _locale(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> str:
    """'rtl' or 'ltr', from the locale's own data."""
    return _locale(code).text_direction


def ui_languages() -> tuple[str, ...]:
    return tuple(current_app.config.get("UI_LANGUAGES", (LETTER_LANGUAGE,)))


def _chosen() -> str | None:
    """The language the person picked on this request (a link or a button), if valid."""
    value = request.args.get(LANG_PARAM, "")
    if not value and request.endpoint == SWITCH_ENDPOINT:
        try:
            value = request.form.get(LANG_PARAM, "")
        except HTTPException:  # an oversized body: its error page uses the other signals
            value = ""
    return value if value in ui_languages() else None


def select_language() -> str:
    """An explicit choice first, then the remembered one, then the browser's, then French."""
    chosen = _chosen()
    if chosen:
        return chosen
    kept = request.cookies.get(LANG_COOKIE, "")
    if kept in ui_languages():
        return kept
    return request.accept_languages.best_match(ui_languages()) or current_app.config.get(
        "BABEL_DEFAULT_LOCALE", LETTER_LANGUAGE)


def current_language() -> str:
    return str(get_locale() or LETTER_LANGUAGE).split("_")[0]


def _switch_url(code: str) -> str:
    """The same GET page in another language (what was typed on a GET page is nothing).

    The link is built from the app's own route, never from the path the browser asked for: on
    a 404 for ``/%5Cevil.example/x`` that path would make ``/\\evil.example/x``, which
    browsers open as another site. A page no route answers (a 404), and a page answering a
    POST (an error page), which cannot be fetched again, link to the form.
    """
    rule = request.url_rule
    if request.method != "GET" or rule is None or request.endpoint is None or rule.arguments:
        return url_for("pages.form", **{LANG_PARAM: code})
    args = {k: v for k, v in request.args.items() if k != LANG_PARAM}
    return url_for(request.endpoint, **{**args, LANG_PARAM: code})


def _page_language() -> dict[str, Any]:
    lang = current_language()
    return {
        "ui_lang": lang,
        "ui_dir": text_direction(lang),
        "ui_languages": [(code, language_name(code)) for code in ui_languages()],
        "LANG_PARAM": LANG_PARAM,
        "switch_url": _switch_url,
    }


def _remember_choice(response: Response) -> Response:
    """Keep an explicit choice for the next visits; the cookie holds the code and nothing else."""
    chosen = _chosen()
    if chosen and request.cookies.get(LANG_COOKIE) != chosen:
        response.set_cookie(LANG_COOKIE, chosen, max_age=ONE_YEAR, httponly=True, samesite="Lax",
                            secure=request.is_secure)
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


# -- Field errors: French in the domain and the API, the interface language on the pages.

def translate_error(error: FieldError) -> str:
    """The error in the interface language; its French text if no translation fits."""
    if not error.template:
        return gettext(error.message) if error.message else error.message
    params = {k: gettext(v) if k == "label" else v for k, v in error.params}
    try:
        return gettext(error.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a faulty translation must not hide the error
        return error.message


def error_dicts(errors: Iterable[FieldError]) -> list[dict[str, str]]:
    """Like ``FieldError.as_dict``, with the message in the interface language."""
    return [{"field": e.field, "message": translate_error(e)} for e in errors]


# -- Courtesy translation of the letters

def courtesy_packet(case: Case) -> Packet | None:
    """The packet written in the interface language, when letters exist in it; else None.

    Never a fallback: French interface, or no letter text in this language, means no
    courtesy copy at all.
    """
    lang = current_language()
    if lang == LETTER_LANGUAGE or lang not in letter_languages():
        return None
    try:
        return compose_packet(case, language=lang)
    except (LookupError, TemplateError) as error:
        # The translation lags behind the French text (a test reports which block); the
        # French letters are still complete, so the page goes on without the copy.
        log.warning("no courtesy translation in %s: %s", lang, type(error).__name__)
        return None


def courtesy_letters(packet: Packet | None) -> dict[str, tuple[Letter, Markup]]:
    """Each translated letter by id, with its HTML fragment, for the packet page."""
    if packet is None:
        return {}
    return {x.id: (x, render_html(x, standalone=False)) for x in packet.letters}
