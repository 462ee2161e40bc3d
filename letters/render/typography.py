"""Typography shared by the page renderers (DOCX, HTML); the text output stays plain ASCII-ish."""

from __future__ import annotations

import re

NBSP, NB_HYPHEN = "\u00a0", "\u2011"
_ARTICLE = re.compile(r"\b([LRD])\. (\d+(?:-\d+)*)")
_NUMERO = re.compile(r"\bn° (?=\d)")


def keep_citations_together(text: str) -> str:
    """Stop a line break inside "L. 311-3-1" or "n° 21-11.484", which reads as two texts.

    >>> keep_citations_together("article L. 114-21") == "article L.\\u00a0114\\u201121"
    True
    """
    # Substring tests first: most paragraphs cite nothing, and a regex scan costs ten times more.
    if "L. " in text or "R. " in text or "D. " in text:
        text = _ARTICLE.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2).replace('-', NB_HYPHEN)}", text)
    if "n° " in text:
        text = _NUMERO.sub(f"n°{NBSP}", text)
    return text
