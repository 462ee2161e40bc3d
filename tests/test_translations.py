"""The interface catalogs: every message the pages can show is translated in every language.

Messages are extracted from the code and templates the same way `make translations` does
(babel.cfg), so a new or changed French string fails here until each catalog has it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
CATALOGS = ROOT / "translations"
LANGUAGES = ("en", "ar", "es")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "_l": None,
            "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def extracted() -> set[str]:
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


MESSAGES = extracted()


def catalog(lang: str):
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_extraction_finds_the_interface_and_the_validation_messages():
    assert "Décrire la décision" in MESSAGES  # a template
    assert "{label} est obligatoire." in MESSAGES  # letters/case.py
    assert "La page a expiré. Vérifiez vos réponses, puis envoyez de nouveau le formulaire." in MESSAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_has_a_reviewed_translation(lang):
    """Missing, empty or fuzzy entries would show French (or a guess) in the middle of a page."""
    cat = catalog(lang)
    problems = []
    for msgid in sorted(MESSAGES):
        entry = cat.get(msgid)
        if entry is None:
            problems.append(f"missing: {msgid}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"fuzzy: {msgid}")
        elif not all(s.strip() for s in strings):
            problems.append(f"empty: {msgid}")
    assert not problems, "run `make translations`, then translate:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    """A lost {label} or %(num)d would print a hole, or crash the page, in that language."""
    for entry in catalog(lang):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) <= wanted | set(PLACEHOLDER.findall(ids[0])), entry.id
            if "{" in ids[0]:
                assert set(PLACEHOLDER.findall(s)) == wanted, entry.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_is_there_and_fresh(lang):
    """`make setup` compiles the catalogs; a stale .mo would hide a corrected translation."""
    po = CATALOGS / lang / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), "run `make setup` to compile the catalogs"
    assert mo.stat().st_mtime >= po.stat().st_mtime, "run `make setup`: the .mo is older than the .po"
