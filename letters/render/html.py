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



def render_html(letter: Letter, standalone: bool = True) -> Markup:
    """A whole A4-styled HTML document, or with ``standalone=False`` the letter's ``<article>``."""
    article = Markup(_template("letter.html").render(letter=letter))
    if not standalone:
        return article
    return Markup(_template("page.html").render(letter=letter, article=article))
