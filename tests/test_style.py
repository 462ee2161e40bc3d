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
from letters.model import Block, Letter
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


# A second request joined to the first under one number: an indirect question ("…, et si une
# personne a examiné…", "…, et comment…") or a second infinitive ("… et de m'en adresser copie",
# "…, et à défaut de soumettre…"). An item of a list of things asked ("les données et leurs
# sources") or an alternative ("… ou de me les adresser") is one request, and does not match.
SECOND_REQUEST = {
    "fr": re.compile(r"""(?:,\s*|\s)et,?\s+(?:
          si\b | (?:comment|pourquoi|quand)\b
        | (?:à\s+défaut,?\s+)?d(?:e\s+|['’])(?:(?:me|te|nous|vous|le|la|les|lui|leur|en|y|ne)\s+|[mtnl]['’])*
          \w+(?:er|ir|re|oir)\b)""", re.IGNORECASE | re.VERBOSE),
    "en": re.compile(r"""(?:,\s*|\s)and,?\s+(?:
          whether\b | if\b | how\b | why\b
        | (?:failing\s+that,?\s+)?to\s+(?!(?:the|a|an|my|your|its|their|me|you|them|it|us|this|that|these
          |those|which|what|whom)\b)\w+)""", re.IGNORECASE | re.VERBOSE),
}
# Requests of letters being rewritten elsewhere that still join two: (language, kind, basis or
# None for the kind's own text, the join). Each must still occur (test below), so that a fixed
# one leaves this list.
KNOWN_JOINED: set[tuple[str, str, str | None, str]] = set()


ASKS = re.compile(r"\b(?:je vous demande|je demande|i ask|i request)\b", re.IGNORECASE)


def joins(language: str, kind: str, body: tuple[Block, ...]) -> list[tuple[str, str, str | None, str]]:
    """Every second request joined to a first one in the letter's numbered requests. Only what
    follows "je vous demande" counts: a condition before it ("Si tel est le cas et que…") asks
    nothing."""
    out = []
    for block in body:
        if block.style != "request":
            continue
        text = plain(block.text)
        verb = ASKS.search(text)
        found = SECOND_REQUEST[language].search(text, verb.end() if verb else 0)
        if found:
            out.append((language, kind, block.basis, found.group(0).strip(", ")))
    return out


@every_letter()
def test_one_request_per_number(name, language, letter):
    """A numbered request asks one thing, so that an answer can be held to each number."""
    for block in letter.body:
        if block.style == "request":
            assert len(ASKS.findall(block.text)) <= 1, block.text
    assert language in SECOND_REQUEST, f"no rule for two joined requests in {language}"
    assert not [j for j in joins(language, letter.kind, letter.body) if j not in KNOWN_JOINED]


def test_each_known_joined_request_is_still_there():
    """A request split since leaves the list, so the list never hides a new one."""
    found = {j for _, language, letter in packets() for j in joins(language, letter.kind, letter.body)}
    assert not KNOWN_JOINED - found, sorted(KNOWN_JOINED - found)


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "l'indication des facteurs qui ont le plus pesé dans le résultat me concernant, et si une "
           "personne a examiné mon dossier avant la décision."),
    ("fr", "Je vous demande de m'indiquer leur teneur et leur origine et de m'en adresser copie."),
    ("fr", "Je vous demande de m'indiquer les méthodes utilisées, et comment l'information m'a été donnée."),
    ("fr", "Je vous demande de m'indiquer si des données de santé ont été utilisées et, si la décision "
           "était automatisée, sur quel fondement."),
    ("en", "the factors that weighed most in the result, and whether a person examined my file."),
    ("en", "I ask you to tell me its content and origin and to send me a copy."),
])
def test_the_rule_catches_two_requests_joined(language, text):
    assert joins(language, "explanation", (Block("request", text),))


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "les paramètres de traitement et, le cas échéant, leur pondération ;"),
    ("fr", "Je vous demande de m'indiquer le nom et la qualité de l'agent qui a contrôlé mon dossier."),
    ("fr", "Je vous demande de m'indiquer l'adresse à laquelle vous les publiez, ou de me les adresser."),
    ("fr", "la confirmation d'un profilage et des informations utiles sur la logique sous-jacente ;"),
    ("en", "the processing parameters and, where relevant, their weighting;"),
    ("en", "clear explanations of the role the system played in the decision and of its main elements."),
    ("en", "If so, and if the decision was fully automated, I ask you to tell me on what legal ground."),
    ("fr", "Si tel est le cas et que la décision était automatisée, je vous demande sur quel fondement."),
])
def test_the_rule_leaves_one_request_alone(language, text):
    assert not joins(language, "explanation", (Block("request", text),))


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
    # A platform's account is not "Travail": its subject names the deactivation alone.
    if benefit and data["organisation"]["kind"] != "platform":
        assert benefit in letter.subject, (letter.subject, benefit)
    if decision.get("reference"):
        assert decision["reference"] in letter.subject, letter.subject
    if decision.get("date"):
        year = decision["date"][:4]
        assert year in plain(letter.subject), letter.subject
