"""Renderers: each takes one ``Letter`` and returns a format. None adds or changes text."""

from .docx import render_docx
from .html import render_html
from .pdf import render_pdf
from .text import render_text

__all__ = ["render_docx", "render_html", "render_pdf", "render_text"]
