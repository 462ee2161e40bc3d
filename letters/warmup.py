"""Load and compile, once and before any request, what the first request would otherwise wait for.

A server calls ``warm()`` in its master process before forking workers (gunicorn.conf.py), so
no worker pays for reading the law catalogue or compiling the letter templates, and all of them
share the result. Without it, the first packet of each worker takes tens of milliseconds more.
"""

from __future__ import annotations

from datetime import date

from . import catalogue, compose, prose
from .catalogue import texts
from .formatting import long_date, money
from .render.docx import warm as warm_docx

LETTER_LANGUAGE = compose.LETTER_LANGUAGE


def warm(language: str = LETTER_LANGUAGE) -> None:
    """The catalogue, every letter template and basis paragraph of ``language``, the Word base."""
    catalogue.catalogue()
    catalogue.routes()
    prose.labels(language)
    for name in prose.environment(language).list_templates(extensions=["txt"]):
        prose.kind_template(language, name.removesuffix(".txt"))
    for basis_id in texts.basis_texts(language):
        for kind in catalogue.kinds():
            for text in texts.basis_parts(basis_id, kind, language).values():
                prose.compile_snippet(language, text)
    long_date(date(2000, 1, 1), language)  # the locale's data, loaded on first use
    money(0, language)
    warm_docx()
