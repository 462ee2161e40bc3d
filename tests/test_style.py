"""The letters read as a careful French lawyer writes: a lint over every letter of every example
case, in every language the letters exist in (the French sent, the courtesy copies).

One rule per test, each with its reason. The letters are rendered as plain text, the form a
reviewer reads and the one pasted into a body's online account.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from letters import catalogue, compose_packet
from letters.catalogue.texts import languages
from letters.model import Letter
from letters.render import render_text
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import CASES, case_from, load_case_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))
IDS = re.compile(r"\b(?:{})-[a-z0-9-]+\b".format("|".join(catalogue.CODES)))
ENUMS = {v for v in (*catalogue.bodies(), *catalogue.benefits(), *catalogue.WANTS, *catalogue.DECISIONS)
         if "_" in v}
LEFTOVERS = ("{{", "}}", "{%", "%}", "None", "True", "False", "undefined")
ENGLISH = re.compile(r"\b(?:the|and|of|your|please|letter|request|decision date)\b", re.IGNORECASE)


@cache
def packets() -> tuple[tuple[str, str, Letter], ...]:
    out = []
    for name in EXAMPLES:
        data = load_case_data(name)
        case = case_from(data, today=data.get("today", "2026-11-29"))
        for language in languages():
            out += [(name, language, x) for x in compose_packet(case, language=language).letters]
    return tuple(out)


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NB_HYPHEN, "-")


def every_letter():
    return pytest.mark.parametrize(("name", "language", "letter"), packets(),
                                   ids=[f"{n}-{lang}-{x.id}" for n, lang, x in packets()])


@every_letter()
def test_no_raw_id_or_template_leftover_reaches_a_letter(name, language, letter):
    """A basis id, a choice's code or a template's syntax means text that never got written."""
    text = render_text(letter)
    assert not IDS.search(text), IDS.search(text).group(0)
    assert not [v for v in ENUMS if re.search(rf"\b{v}\b", text)]
    assert not [x for x in LEFTOVERS if x in text]


@every_letter()
def test_a_french_letter_has_no_english_in_it(name, language, letter):
    """The body reads French; a stray English word would be a translation leaking in."""
    if language == "fr":
        found = ENGLISH.search(render_text(letter))
        assert not found, found.group(0)


@every_letter()
def test_one_request_per_number(name, language, letter):
    """A numbered request asks one thing, so that an answer can be held to each number."""
    asks = re.compile(r"\b(?:je vous demande|je demande|i ask|i request)\b", re.IGNORECASE)
    for block in letter.body:
        if block.style == "request":
            assert len(asks.findall(block.text)) <= 1, block.text


@every_letter()
def test_no_phrase_is_said_twice_in_one_sentence(name, language, letter):
    """"Comme l'a jugé la Cour de justice dans son arrêt de la Cour de justice" reads badly."""
    for block in letter.body:
        for sentence in re.split(r"(?<=[.;:])\s", plain(block.text)):
            words = re.findall(r"\w+", sentence.casefold())
            grams = [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]
            repeated = {g for g in grams if grams.count(g) > 1}
            assert not repeated, (repeated, sentence)


@every_letter()
def test_french_typography(name, language, letter):
    """A space before « : ; ? ! », none before a comma or a full stop, no double space."""
    if language != "fr":
        return
    for line in plain(render_text(letter)).splitlines():
        assert "  " not in line.strip(), line
        assert not re.search(r"\s[,.](?!\d)", line), line
        assert not re.search(r"[^\s\d/]:(?!//)", line), line
        assert not re.search(r"\w[;?!]", line), line
        assert "( " not in line and " )" not in line, line


@every_letter()
def test_the_subject_names_the_benefit_the_date_and_the_reference(name, language, letter):
    """The body files the letter by its subject: what it is about, of which date, which reference."""
    data = load_case_data(name)
    decision = data["decision"]
    if language != "fr" or letter.kind == "court_info":
        return
    benefit = catalogue.benefits()[decision.get("benefit", "other")].short
    if benefit:
        assert benefit in letter.subject, (letter.subject, benefit)
    if decision.get("reference"):
        assert decision["reference"] in letter.subject, letter.subject
    if decision.get("date"):
        year = decision["date"][:4]
        assert year in plain(letter.subject), letter.subject
