"""Letter -> HTML: a standalone printable page, or a fragment for the web preview.

Autoescaped Jinja: whatever the person typed stays text, never markup.
"""

from __future__ import annotations

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
    return Markup(_template("letter.html").render(  # nosec B704  # an autoescaped template
        letter=letter, subject_tag=subject_tag, heading_tag=heading_tag))


def render_html(letter: Letter, standalone: bool = True) -> Markup:
    """A whole A4-styled HTML document, or with ``standalone=False`` the letter's ``<article>``."""
    if not standalone:
        return render_article(letter, "fragment")
    article = render_article(letter, "page")
    return Markup(_template("page.html").render(letter=letter, article=article))  # nosec B704  # autoescaped
