"""Letter -> HTML: a standalone printable page, or a fragment for the web preview.

Autoescaped Jinja: whatever the person typed stays text, never markup.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from ..model import Letter
from .typography import keep_citations_together


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["nobreak"] = keep_citations_together
    return env


@lru_cache(maxsize=2)
def _template(name: str) -> Template:
    return _templates().get_template(name)


# The letter's headings depend on where it is shown. On its own page (HTML or PDF) the subject
# is the page's h1 and the body's headings are h2; on the packet page, under the letter's h3,
# the subject is a paragraph and the body's headings are h4. Headings never skip a level.
OUTLINES = {"page": ("h1", "h2"), "fragment": ("p", "h4")}


def render_article(letter: Letter, outline: str = "fragment") -> Markup:
    """The letter's ``<article>``, with the heading levels of ``outline`` (see ``OUTLINES``)."""
    subject_tag, heading_tag = OUTLINES[outline]
    article = _template("letter.html").render(letter=letter, subject_tag=subject_tag, heading_tag=heading_tag)
    if letter.direction == "rtl":
        article = isolates_as_spans(article)
    return Markup(article)  # nosec B704  # an autoescaped template; spans added around its text


_LRI, _RLI, _FSI, _PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def _first_strong(text: str) -> str:
    """``rtl`` or ``ltr``: the direction of the first letter that has one (Unicode's rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def isolates_as_spans(html: str) -> str:
    """Unicode isolates as ``<span dir>`` elements, which every renderer honours.

    A right-to-left letter sets each French name, date, amount and article number apart with an
    isolate (letters/prose.py). Browsers follow the characters, but WeasyPrint orders the text
    of each inline box on its own, so "R. 847-1-1, I, 2°, b" cut by a no-break span came out
    as "I, 2°, b R. 847-1-1,". A span with ``dir`` is an isolate for both.

    >>> isolates_as_spans("\u0645 \u2068CAF de la Gironde\u2069.")
    '\u0645 <span dir="ltr">CAF de la Gironde</span>.'
    """
    out: list[str] = []
    depth = 0
    for i, char in enumerate(html):
        if char in (_LRI, _RLI, _FSI):
            end = html.find(_PDI, i + 1)
            direction = {_LRI: "ltr", _RLI: "rtl"}.get(char) or _first_strong(html[i + 1:end])
            out.append(f'<span dir="{direction}">')
            depth += 1
        elif char == _PDI:
            if depth:
                out.append("</span>")
                depth -= 1
        else:
            out.append(char)
    return "".join(out) + "</span>" * depth


def render_html(letter: Letter, standalone: bool = True) -> Markup:
    """A whole A4-styled HTML document, or with ``standalone=False`` the letter's ``<article>``."""
    if not standalone:
        return render_article(letter, "fragment")
    article = render_article(letter, "page")
    return Markup(_template("page.html").render(letter=letter, article=article))  # nosec B704  # autoescaped
