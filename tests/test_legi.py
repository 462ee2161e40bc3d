"""Every article a letter cites from the CRPA, the CSS, the code du travail and the code rural,
checked against the official consolidated texts (LEGI), as @socialgouv/legi-data publishes them.

The package is pinned in tests/legal/package.json and fetched by `make test`. Each basis file
records the consolidation it was checked against (`checked_in`, `checked_against`): when the
package is updated, this test names every basis to read again. Codes the package lacks (CASF,
CMF, CCH, CJA, and the texts outside the codes) are checked by hand, and their files say so.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest

from letters import catalogue

PACKAGE = Path(__file__).parent / "legal" / "node_modules" / "@socialgouv" / "legi-data"
CODES = {"crpa": "LEGITEXT000031366350", "css": "LEGITEXT000006073189",
         "ctrav": "LEGITEXT000006072050", "crural": "LEGITEXT000022197698"}
LETTER_DAY = date(2026, 11, 29)  # the day the example letters are written
IN_LEGI = [b for b in catalogue.bases().values() if b.code in catalogue.LEGI_CODES]


def version() -> str:
    return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]


@cache
def code(name: str) -> tuple[date, dict[str, dict]]:
    """The code's consolidation date and its articles by number, read once per session."""
    tree = json.loads((PACKAGE / "data" / f"{CODES[name]}.json").read_text(encoding="utf-8"))
    articles: dict[str, dict] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.get("type") == "article":
            articles[node["data"]["num"]] = node["data"]
        stack.extend(node.get("children") or ())
    return date.fromisoformat(tree["data"]["dateModif"]), articles


def day(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).date()


def test_the_pinned_official_texts_are_there():
    """`make test` fetches them; without them this file would check nothing."""
    assert set(CODES) == set(catalogue.LEGI_CODES)
    for name in CODES:
        _, articles = code(name)
        assert len(articles) > 400, name


@pytest.mark.parametrize("basis", IN_LEGI, ids=lambda b: b.id)
def test_each_article_exists_and_is_in_force_on_the_letter_s_date(basis):
    consolidated, articles = code(basis.code)
    assert basis.articles, f"{basis.id}: name the articles it cites"
    assert basis.checked_in == f"legi-data {version()}", f"{basis.id}: check it again against {version()}"
    assert basis.checked_against == consolidated, (basis.id, basis.code, consolidated)
    for number in basis.articles:
        assert number in articles, f"{basis.id}: no article {number} in the {basis.code}"
        article = articles[number]
        assert day(article["dateDebut"]) <= LETTER_DAY < day(article["dateFin"]), (
            f"{basis.id}: {number} is not in force on {LETTER_DAY} ({article['etat']})")
        assert article["etat"] in ("VIGUEUR", "ABROGE_DIFF"), (basis.id, number, article["etat"])


def test_the_citation_names_the_articles_checked():
    """The citation a letter prints and the articles checked are the same articles."""
    for basis in IN_LEGI:
        for number in basis.articles:
            # "R*311-12" is printed "R.* 311-12" as Légifrance marks it (a décret en Conseil
            # d'État taken after the Conseil des ministres), "R311-13" is printed "R. 311-13".
            star = "*" if number[1:].startswith("*") else ""
            printed = f"{number[0]}.{star} {number[1:].lstrip('*')}"
            assert printed in basis.citation or printed.split(". ", 1)[1] in basis.citation, (
                basis.id, number, basis.citation)


def test_a_basis_outside_these_codes_says_it_was_checked_by_hand():
    for basis in catalogue.bases().values():
        if basis.code not in catalogue.LEGI_CODES:
            assert basis.checked_in.startswith("by hand: "), basis.id
            assert basis.checked_against is None, basis.id
