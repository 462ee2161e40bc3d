"""Letter prose: sandboxed Jinja templates per language, parsed into ``Block``s.

The templates use three devices only: ``{{ variable }}``, ``{% if %}`` and blank
lines between paragraphs. A paragraph starting with ``+ `` is a numbered request
(numbering runs through the whole letter, so optional requests leave no gaps); one
starting with ``- `` is an item of a bulleted list (a chronology); one starting with ``## ``
is a heading. Lines inside a paragraph are joined, so a lawyer
can wrap text freely.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from .catalogue.texts import TEXT, labels, languages
from .model import Block

__all__ = ["compile_snippet", "environment", "has_block", "has_kind", "kind_template", "labels",
           "languages", "lines", "paragraphs", "render_block"]
# Ordinary whitespace only: the no-break spaces Babel puts in "2 340,00 €" must stay.
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


# Strong right-to-left letters (Hebrew, Arabic and their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """Words in a right-to-left script, set apart so they never reorder the French around them
    (Unicode first-strong isolate); left-to-right text is returned as it is.

    >>> isolate("Bonjour") == "Bonjour", isolate("مرحبا") == FSI + "مرحبا" + PDI
    (True, True)
    """
    return f"{FSI}{text}{PDI}" if _RTL.search(text) else text


class Rendered:
    """Text a template of ours produced (a shared paragraph): printed as it is, line breaks
    included, where a value the person typed has its whitespace folded."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text
def capitalize_first(text: str) -> str:
    """A name put at the start of a sentence: its first letter only in capitals.

    >>> capitalize_first("la CAF de la Gironde")
    'La CAF de la Gironde'
    """
    return text[:1].upper() + text[1:]


def _finalize(value: Any) -> Any:
    """Refuse ``None`` (it would print 'None') and fold whitespace typed by the person."""
    if value is None:
        raise ValueError("a letter template printed None")
    return _SPACES.sub(" ", value) if isinstance(value, str) else value


@lru_cache(maxsize=4)
def environment(language: str) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEXT / language), undefined=StrictUndefined,
        # No trim_blocks: a tag's line break stays, so an {% if %} between two paragraphs
        # never glues them together; the empty lines it leaves are dropped by paragraphs().
        finalize=_finalize, autoescape=False, keep_trailing_newline=True, lstrip_blocks=True,
    )
    env.filters["isolate"] = isolate
    env.filters["capitalize_first"] = capitalize_first
    return env


@lru_cache(maxsize=256)
def compile_snippet(language: str, source: str) -> Template:
    return environment(language).from_string(source)


@lru_cache(maxsize=16)
def kind_template(language: str, kind: str) -> Template:
    return environment(language).get_template(f"{kind}.txt")


def render_block(template: Template, name: str, context: dict[str, Any]) -> str:
    """Render one ``{% block %}`` of a kind template.

    Same as ``template.new_context(context)``, but the template's globals (a ChainMap that
    Jinja would walk twice per call) are copied once: a packet renders a hundred blocks.
    """
    env = template.environment
    names = _globals(template)
    ctx = env.context_class(env, {**names, **context}, template.name, template.blocks, globals=names)
    return "".join(template.blocks[name](ctx)).strip()


@lru_cache(maxsize=64)
def _globals(template: Template) -> dict[str, Any]:
    return dict(template.globals)


def has_kind(language: str, kind: str) -> bool:
    """Is there letter text for this kind of letter in this language?"""
    return (TEXT / language / f"{kind}.txt").is_file()


def has_block(template: Template, name: str) -> bool:
    return name in template.blocks


def paragraphs(text: str, basis: str | None = None) -> list[Block]:
    """Split rendered prose into blocks; numbering is left to the letter composer.

    A blank line ends a paragraph; a line starting with ``+ ``, ``- `` or ``## `` starts a new
    block, so conditional requests need no blank line around their ``{% if %}`` tags.
    """
    chunks: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            chunks.append([])
        elif line.startswith(("+ ", "- ", "## ")) or not chunks:
            chunks.append([line])
        else:
            chunks[-1].append(line)
    out = []
    for chunk in chunks:
        joined = " ".join(chunk)
        if not joined:
            continue
        if joined.startswith("+ "):
            out.append(Block("request", joined[2:].strip(), basis=basis))
        elif joined.startswith("## "):
            out.append(Block("heading", joined[3:].strip(), basis=basis))
        elif joined.startswith("- "):
            out.append(Block("item", joined[2:].strip(), basis=basis))
        else:
            out.append(Block("para", joined, basis=basis))
    return out


def lines(text: str) -> tuple[str, ...]:
    """Split a block meant as a list (enclosures, copies): one item per non-empty line."""
    return tuple(x.strip() for x in text.splitlines() if x.strip())
