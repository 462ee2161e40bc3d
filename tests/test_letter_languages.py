"""Courtesy translations of the letters: the same letter in another language, never sent.

French bodies get French letters. Where the text of a letter exists in another language
(English for now), the packet page shows it beside the French one. These tests hold the
translation to the French: same requests, same law, every block and every basis paragraph,
and no silent fallback to French when something is missing.
"""

from __future__ import annotations

import copy
import html
import json
import re

import pytest
from jinja2 import meta

from letters import catalogue, compose_packet, prose
from letters.catalogue import texts
from letters.compose import letter_languages
from letters.render import render_text

from .conftest import CAF_FORM, CASES, case_from, load_case_data, token_of

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))
TRANSLATIONS = [lang for lang in letter_languages() if lang != "fr"]
TEXT = catalogue.DATA / "text"
FOLLOW_UP_KINDS = {"reminder", "cada", "cnil", "defenseur", "reply_partial", "remission", "court_info"}


def kinds_in(lang: str) -> list[str]:
    """Letter kinds (not the shared common/packet files) that have text in ``lang``."""
    return sorted(p.stem for p in (TEXT / lang).glob("*.txt") if p.stem not in ("common", "packet"))


def test_english_letters_exist():
    """The issue asks for English at least."""
    assert "en" in TRANSLATIONS
    assert {"explanation", "recourse"} | FOLLOW_UP_KINDS <= set(kinds_in("en"))


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
    french, translated = texts.basis_texts("fr"), texts.basis_texts(lang)
    for basis_id, paragraphs in french.items():
        for kind in kinds_in(lang):
            if kind in paragraphs:
                assert kind in translated.get(basis_id, {}), f"text/{lang}/bases/{basis_id}.toml: no {kind}"
                assert texts.citation(basis_id, lang), f"{basis_id} has no citation in {lang}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_an_unverified_basis_keeps_its_hedge_in_translation(lang):
    hedge = {"en": "to the extent"}[lang]
    for basis in catalogue.bases().values():
        if basis.confidence == "U":
            for key, text in texts.basis_texts(lang).get(basis.id, {}).items():
                if key != "citation":
                    assert hedge in text, basis.id


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_labels_name_every_choice_body_and_route(lang):
    """French reads these words from bodies/, benefits/ and routes/; a translation needs its own.
    The loader refuses a labels.toml that misses one (or names one that does not exist)."""
    words = texts.labels(lang)
    for table, entries in texts.labels("fr").items():
        assert set(entries) == set(words[table]), table
    for table in ("organisation", "director", "complaints"):
        assert set(catalogue.bodies()) == set(words[table]), table
    assert set(catalogue.benefits()) == set(words["benefit"])
    for table in ("recipient", "court", "route_title"):
        assert {r.id for r in catalogue.routes()} == set(words[table]), table


def sources(lang: str) -> list[tuple[str, str]]:
    out = [(f"{basis_id}.{k}", t) for basis_id, paragraphs in texts.basis_texts(lang).items()
           for k, t in paragraphs.items() if k != "citation"]
    out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((TEXT / lang).glob("*.txt"))]
    return out


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translated_text_uses_only_variables_the_french_text_may_use(lang):
    from .test_content import TEMPLATE_VARIABLES

    allowed = TEMPLATE_VARIABLES
    for name, source in sources(lang):
        used = meta.find_undeclared_variables(prose.environment(lang).parse(source))
        assert used <= allowed, (name, used - allowed)


# -- Follow-up letters: the example cases walked through time, as in tests/test_followup.py.

def sent(day: str, letter: str, proof: str = "") -> dict:
    return {"date": day, "kind": "sent", "letter": letter, **({"proof": proof} if proof else {})}


def answered(day: str, letter: str, answer: str, *issues: str) -> dict:
    return {"date": day, "kind": "answer", "letter": letter, "answer": answer, "issues": list(issues)}


FIRST_LETTERS = (sent("2026-09-15", "explanation", "1A 234 567 8901 2"), sent("2026-09-15", "recourse"))
AFTER_REMINDER = (*FIRST_LETTERS, sent("2026-10-27", "reminder"))
RECOURSE_REJECTED = (*FIRST_LETTERS, answered("2026-10-10", "explanation", "full"),
                     answered("2026-11-02", "recourse", "rejected"))
EVERY_ISSUE = ("secret_invoked", "generic_logic", "no_human_review", "no_score", "no_sources",
               "no_reasons", "no_documents")
# name: (example case, today, changes to the case, events). Every decision is of 1 September 2026.
FOLLOW_UPS = {
    "caf-overdue-after-acknowledgement": ("caf-prime-activite-indu", "2026-10-26", {}, (
        *FIRST_LETTERS, {"date": "2026-09-17", "kind": "received_ack", "letter": "explanation"})),
    "caf-silence-after-reminder": ("caf-prime-activite-indu", "2026-11-12", {}, AFTER_REMINDER),
    "caf-partial-answer-lacking-everything": ("caf-prime-activite-indu", "2026-10-25", {}, (
        *FIRST_LETTERS, answered("2026-10-20", "explanation", "partial", *EVERY_ISSUE))),
    "caf-partial-answer-naming-nothing": ("caf-prime-activite-indu", "2026-10-25", {}, (
        *FIRST_LETTERS, answered("2026-10-20", "explanation", "partial"))),
    "caf-explanation-refused": ("caf-prime-activite-indu", "2026-10-25", {}, (
        sent("2026-09-15", "explanation"), answered("2026-10-20", "explanation", "refused"))),
    "caf-recourse-rejected": ("caf-prime-activite-indu", "2026-11-05", {}, RECOURSE_REJECTED),
    "caf-aah-recourse-rejected": ("caf-prime-activite-indu", "2026-11-05",
                                  {"decision": {"benefit": "aah"}}, RECOURSE_REJECTED),
    "cpam-ij-recourse-rejected": ("cpam-ij-indu-notified", "2026-11-05", {}, RECOURSE_REJECTED),
    "cpam-c2s-silence-on-recourse": ("cpam-c2s-suspension", "2027-01-20", {}, (
        *FIRST_LETTERS, answered("2026-10-01", "explanation", "full"))),
    "rsa-overpayment-remission-alone": ("departement-rsa-suspension", "2026-11-29", {
        "decision": {"kind": "overpayment", "amount": 1200}, "wants": ["remission"]}, ()),
    "france-travail-silence-after-reminder": ("france-travail-radiation", "2026-11-12",
                                              {"decision": {"received": "2026-09-03"}}, AFTER_REMINDER),
    "bank-silence-after-reminder": ("bank-credit-refusal", "2027-01-20", {}, (
        sent("2026-11-29", "explanation"), sent("2026-11-29", "recourse"), sent("2027-01-05", "reminder"))),
}


def follow_up(name: str):
    example, today, changes, events = FOLLOW_UPS[name]
    data = copy.deepcopy(load_case_data(example))
    data["decision"].update({"date": "2026-09-01", **changes.get("decision", {})})
    data.update({k: v for k, v in changes.items() if k != "decision"}, events=list(events))
    return case_from(data, today=today)


def test_the_follow_up_cases_bring_every_follow_up_letter_and_every_paragraph_of_law_in_them():
    """Without this, the test below could pass without ever building one of those letters."""
    letters = [x for name in FOLLOW_UPS for x in compose_packet(follow_up(name)).letters]
    for example in sorted(CASES.glob("*.json")):
        letters += compose_packet(case_from(load_case_data(example.stem))).letters
    assert {x.kind for x in letters} >= FOLLOW_UP_KINDS
    used = {(x.kind, basis) for x in letters for basis in x.bases}
    written = {(kind, basis_id) for basis_id, paragraphs in texts.basis_texts("fr").items()
               for kind in paragraphs if kind in FOLLOW_UP_KINDS}
    assert written <= used, sorted(written - used)


@pytest.mark.parametrize("name", FOLLOW_UPS)
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_translated_follow_up_letter_has_the_same_requests_items_headings_and_law(name, lang):
    case = follow_up(name)
    french = compose_packet(case)
    translated = compose_packet(case, language=lang)
    expected = [x for x in french.letters if x.kind in kinds_in(lang)]
    assert [x.id for x in translated.letters] == [x.id for x in expected]
    for letter, copy_ in zip(expected, translated.letters, strict=True):
        # Requests, list items and headings in the same order; plain paragraphs may differ.
        structure = [b.style for b in letter.body if b.style != "para"]
        assert [b.style for b in copy_.body if b.style != "para"] == structure, letter.id
        assert copy_.bases == letter.bases
        assert [b.basis for b in copy_.body] == [b.basis for b in letter.body], letter.id
        assert (copy_.send_by, copy_.answer_due) == (letter.send_by, letter.answer_due)
        assert len(copy_.recipient.lines) == len(letter.recipient.lines)
        assert (len(copy_.enclosures), len(copy_.copies)) == (len(letter.enclosures), len(letter.copies))
        assert bool(copy_.signature) == bool(letter.signature)
        text = render_text(copy_)
        assert not any(french_word in text for french_word in (
            "Objet :", "Pièces jointes", "Madame, Monsieur", "Je vous demande", "l'organisme")), letter.id
    assert len(translated.next_steps) == len(french.next_steps)
    assert len(translated.warnings) == len(french.warnings)
    assert [p.status for p in translated.progress] == [p.status for p in french.progress]
    assert [d.key for d in translated.dates] == [d.key for d in french.dates]


def test_the_english_follow_up_letters_read_as_english():
    partial = compose_packet(follow_up("caf-partial-answer-lacking-everything"), language="en")
    reply = render_text(partial.letter("reply_partial"))
    assert "Subject: Incomplete answer to my request of 15 September 2026" in reply
    assert "1. You described the processing to me in general terms." in reply
    assert "7. You invoke a secret against me." in reply
    cada = render_text(partial.letter("cada"))
    assert ("- 15 September 2026: my letter “Request for an explanation and for a copy of my data” "
            "was sent (proof of sending: 1A 234 567 8901 2)") in cada
    assert "which the answer of 20 October 2026 did not give me:" in cada
    overdue = compose_packet(follow_up("caf-overdue-after-acknowledgement"), language="en")
    reminder = render_text(overdue.letter("reminder"))
    assert ("In a letter sent on 15 September 2026, "
            "which you received on 17 September 2026") in reminder
    sheet = compose_packet(follow_up("caf-recourse-rejected"), language="en").letter("court_info")
    assert sheet.mode == "Information sheet for you – this document is not to be sent"
    assert sheet.recipient.name == "" and sheet.signature == ""
    assert "The competent court is the administrative court (tribunal administratif)" in render_text(sheet)


def hidden_case(page) -> str:
    return html.unescape(re.search(r'name="case" value="([^"]+)"', page.text).group(1))


def test_an_english_interface_shows_a_courtesy_copy_of_each_follow_up_letter(browser, client):
    """From the timeline to the letters page in English: every French follow-up letter has its
    English copy beside it (a letter sent earlier that had no English text once hid them all)."""
    first = browser.submit({**CAF_FORM, "decision.date": "2026-09-01"})
    token = token_of(first)
    case = json.loads(hidden_case(first))
    case["events"] = list(AFTER_REMINDER)
    english = {"Accept-Language": "en"}
    timeline = client.post("/suivi", data={"csrf_token": token, "case": json.dumps(case)}, headers=english)
    assert timeline.status_code == 200
    page = client.post("/lettres", data={"csrf_token": token, "case": hidden_case(timeline)}, headers=english)
    assert page.status_code == 200
    french = re.findall(r'<h3 id="letter-\d+-title">\d+\. <span lang="fr" dir="ltr">([^<]+)</span>',
                        page.text)
    english_titles = re.findall(r'<span class="translated-title" lang="en" dir="ltr">\(([^<]+)\)</span>',
                                page.text)
    assert french == ["Saisine de la CADA", "Réclamation auprès de la CNIL",
                      "Saisine du Défenseur des droits", "Fiche d&#39;information : saisir le juge"]
    assert english_titles == ["Referral to the CADA, the commission for access to administrative documents",
                              "Complaint to the CNIL, the French data protection authority",
                              "Referral to the Défenseur des droits, the rights ombudsman",
                              "Information sheet: going to court"]
    assert page.text.count('<article class="letter" lang="en">') == 4
    assert page.text.count("Courtesy translation – do not send.") == 4
    courtesy = page.text[page.text.index('class="courtesy"'):]
    assert "Request for an opinion on the refusal by CAF de la Gironde to disclose documents" in courtesy
    assert "my letter “Reminder: request for an explanation left unanswered” was sent" in courtesy
