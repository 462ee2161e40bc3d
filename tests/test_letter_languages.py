"""Courtesy translations of the letters: the same letter in another language, never sent.

French bodies get French letters. Where the text of a letter exists in another language
(English for now), the packet page shows it beside the French one. These tests hold the
translation to the French: same requests, same law, every block and every basis paragraph,
and no silent fallback to French when something is missing.
"""

from __future__ import annotations

import tomllib

import pytest
from jinja2 import meta

from letters import catalogue, compose_packet, prose
from letters.compose import letter_languages
from letters.render import render_text

from .conftest import CASES, case_from, load_case_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))
TRANSLATIONS = [lang for lang in letter_languages() if lang != "fr"]
TEXT = catalogue.DATA / "text"


def kinds_in(lang: str) -> list[str]:
    """Letter kinds (not the shared common/packet files) that have text in ``lang``."""
    return sorted(p.stem for p in (TEXT / lang).glob("*.txt") if p.stem not in ("common", "packet"))


def test_english_letters_exist():
    """The issue asks for English at least."""
    assert "en" in TRANSLATIONS
    assert {"explanation", "recourse"} <= set(kinds_in("en"))


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_translated_letter_makes_the_same_requests_on_the_same_law(name, lang):
    case = case_from(load_case_data(name))
    french = compose_packet(case)
    translated = compose_packet(case, language=lang)
    by_id = {x.id: x for x in translated.letters}
    for letter in french.letters:
        if letter.kind not in kinds_in(lang):
            assert letter.id not in by_id  # no copy rather than a copy in another language
            continue
        copy = by_id[letter.id]
        assert copy.language == lang
        requests = [b.style for b in letter.body].count("request")
        assert [b.style for b in copy.body].count("request") == requests
        assert copy.bases == letter.bases
        assert [b.basis for b in copy.body] == [b.basis for b in letter.body]
        assert (copy.send_by, copy.answer_due) == (letter.send_by, letter.answer_due)
    assert len(translated.next_steps) == len(french.next_steps)
    assert len(translated.warnings) == len(french.warnings)


def test_the_english_recourse_reads_as_english_with_english_dates_and_amounts():
    case = case_from(load_case_data("caf-prime-activite-indu"))
    letter = compose_packet(case, language="en").letter("recourse")
    text = render_text(letter)
    assert "Subject: Appeal to the Amicable Appeals Board" in text
    assert "dated 10 November 2026" in text and "€2,340.00" in text
    assert "Article L. 845-2 of the Social Security Code" in text
    assert "Objet" not in text and "Madame, Monsieur" not in text and "Pièces jointes" not in text
    assert text.rstrip().endswith("- The Director (CAF de la Gironde)")


def test_a_language_without_letter_text_is_an_error_not_french():
    case = case_from(load_case_data("bank-credit-refusal"))
    with pytest.raises(ValueError, match="no letter text"):
        compose_packet(case, language="es")


def blocks(lang: str, name: str) -> set[str]:
    return set(prose.kind_template(lang, name).blocks)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_each_translated_kind_has_every_block_the_french_one_has(lang):
    """A block missing in the translation would make the whole courtesy copy fail."""
    common_fr, common = blocks("fr", "common"), blocks(lang, "common")
    assert common_fr <= common, sorted(common_fr - common)
    missing = blocks("fr", "packet") - blocks(lang, "packet")
    assert not missing, sorted(missing)
    for kind in kinds_in(lang):
        missing = (blocks("fr", kind) | common_fr) - (blocks(lang, kind) | common)
        assert not missing, f"{lang}/{kind}.txt lacks {sorted(missing)}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_basis_paragraph_of_a_translated_kind_is_translated_with_its_citation(lang):
    """Without this, a translated letter would silently drop a paragraph of law."""
    for basis in catalogue.bases().values():
        for kind in kinds_in(lang):
            if kind in basis.text.get("fr", {}):
                assert kind in basis.text.get(lang, {}), f"{basis.id} has no [text.{lang}] {kind}"
                assert basis.citations.get(lang), f"{basis.id} has no citation in [text.{lang}]"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_an_unverified_basis_keeps_its_hedge_in_translation(lang):
    hedge = {"en": "to the extent"}[lang]
    for basis in catalogue.bases().values():
        if basis.confidence == "U":
            for text in basis.text.get(lang, {}).values():
                assert hedge in text, basis.id


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_labels_name_every_choice_body_and_route(lang):
    """French reads these words from bodies/ and routes/; a translation needs its own."""
    with (TEXT / "fr" / "labels.toml").open("rb") as f:
        french = tomllib.load(f)
    with (TEXT / lang / "labels.toml").open("rb") as f:
        words = tomllib.load(f)
    for table, entries in french.items():
        assert set(entries) <= set(words[table]), table
    for table in ("organisation", "director", "complaints"):
        assert set(catalogue.bodies()) <= set(words[table]), table
    for table in ("recipient", "court"):
        assert {r.id for r in catalogue.routes()} <= set(words[table]), table


def sources(lang: str) -> list[tuple[str, str]]:
    out = [(f"{b.id}.{k}", t) for b in catalogue.bases().values() for k, t in b.text.get(lang, {}).items()]
    out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((TEXT / lang).glob("*.txt"))]
    return out


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translated_text_uses_only_variables_the_french_text_may_use(lang):
    from .test_content import TEMPLATE_VARIABLES

    allowed = TEMPLATE_VARIABLES | {"words"}
    for name, source in sources(lang):
        used = meta.find_undeclared_variables(prose.environment(lang).parse(source))
        assert used <= allowed, (name, used - allowed)
