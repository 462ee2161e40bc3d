"""The letter text under ``letters/data/text/<lang>/``, read as strictly as the facts.

Each language folder holds one Jinja template per kind of letter (``<kind>.txt``, read by
``letters/prose.py``), ``labels.toml`` (the words letters use for the case's choices and, in
a translation, the names the facts give in French), and ``bases/<id>.toml``: the paragraph
each legal basis adds to each kind of letter, plus, in a translation, its citation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import DATA, bases, catalogue, kinds
from .loader import CatalogueError, read_toml
from .schema import DECISIONS

TEXT = DATA / "text"
LETTER_LANGUAGE = "fr"  # French bodies read French; every other language is a courtesy copy
# Tables every labels.toml has, by case choice; a translation also names the facts (by id).
LABEL_TABLES = ("decision", "decision_a", "decision_de", "decision_subject", "outcome")
TRANSLATED_TABLES = {
    "organisation": "bodies", "director": "bodies", "complaints": "bodies", "national": "bodies",
    "benefit": "benefits", "benefit_short": "benefits", "reason": "reasons",
    "benefit_contract": "benefits", "benefit_request": "benefits",
    "recipient": "routes", "court": "routes", "route_title": "routes", "afterwards": "routes",
}
# Tables a translation gives only for the benefits that have that form in French (benefits/).
PARTIAL_TABLES = {"benefit_contract": "contract", "benefit_request": "request"}


def languages() -> tuple[str, ...]:
    """Every language with letter text (a folder under ``data/text``), French first."""
    found = sorted(p.name for p in TEXT.iterdir() if p.is_dir())
    return tuple(sorted(found, key=lambda lang: lang != LETTER_LANGUAGE))


@lru_cache(maxsize=8)
def labels(language: str) -> dict[str, dict[str, str]]:
    """The language's ``labels.toml``; every table it must have is there, for every id."""
    path = TEXT / language / "labels.toml"
    data: dict[str, Any] = read_toml(path)
    required = LABEL_TABLES if language == LETTER_LANGUAGE else (*LABEL_TABLES, *TRANSLATED_TABLES)
    for table in data:
        if table not in required:
            raise CatalogueError(path, table, f"unknown table (expected: {', '.join(required)})")
    ids = {name: set(getattr(catalogue(), folder)) for name, folder in TRANSLATED_TABLES.items()}
    for name, form in PARTIAL_TABLES.items():
        ids[name] = {b.id for b in catalogue().benefits.values() if getattr(b, form)}
    # A body may word a kind of decision its own way ("suspension@platform"): in every table.
    own = {key for key in data.get(LABEL_TABLES[0], {}) if "@" in key}
    for key in own:
        decision, _, body = key.partition("@")
        if decision not in DECISIONS or body not in catalogue().bodies:
            raise CatalogueError(path, f"{LABEL_TABLES[0]}.{key}", "not <decision>@<body>")
    for table in required:
        if table not in data:
            raise CatalogueError(path, table, "missing table")
        expected = set(DECISIONS) | own if table in LABEL_TABLES else ids[table]
        missing, extra = expected - set(data[table]), set(data[table]) - expected
        if missing or extra:
            raise CatalogueError(path, table, f"missing {sorted(missing)}, unknown {sorted(extra)}")
    return data


# A basis gives a kind of letter one paragraph (``recourse = """…"""``), or several parts placed
# apart in the letter (``[recourse]`` with ``grounds = …`` and ``requests = …``): the kind's
# sections name them ``basis:<id>`` and ``basis:<id>.<part>``.
Paragraphs = dict[str, str | dict[str, str]]


@lru_cache(maxsize=8)
def basis_texts(language: str) -> dict[str, Paragraphs]:
    """Each basis's paragraphs by kind of letter, and ``citation`` in a translation."""
    out: dict[str, Paragraphs] = {}
    allowed = set(kinds())
    for path in sorted((TEXT / language / "bases").glob("*.toml")):
        if path.stem not in bases():
            raise CatalogueError(path, "(file)", "no basis of that id in bases/")
        data = read_toml(path)
        for key, value in data.items():
            if key == "citation" and language != LETTER_LANGUAGE:
                continue
            if key not in allowed:
                raise CatalogueError(path, key, "not a kind of letter (kinds/*.toml)")
            parts = value if isinstance(value, dict) else {"": value}
            for part, text in parts.items():
                if not isinstance(text, str):
                    raise CatalogueError(path, f"{key}.{part}".rstrip("."), "must be text")
        if language != LETTER_LANGUAGE and "citation" not in data:
            raise CatalogueError(path, "citation", "missing: a translation cites the basis in its language")
        out[path.stem] = data
    return out


def basis_parts(basis_id: str, kind: str, language: str) -> dict[str, str]:
    """The parts a basis gives one kind of letter, by name ("" for a single paragraph)."""
    value = basis_texts(language).get(basis_id, {}).get(kind)
    if value is None:
        return {}
    return value if isinstance(value, dict) else {"": value}


def citation(basis_id: str, language: str) -> str:
    """The basis's citation in ``language``: French from bases/, others from their own text."""
    if language == LETTER_LANGUAGE:
        return bases()[basis_id].citation
    value = basis_texts(language)[basis_id]["citation"]
    assert isinstance(value, str), "the loader checks a citation is text"
    return value


def basis_paragraph(basis_id: str, kind: str, language: str, part: str = "") -> str | None:
    return basis_parts(basis_id, kind, language).get(part)
