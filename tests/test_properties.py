"""Property-based tests: whatever comes in, field errors or letters in every format, never a crash.

Bounded so the whole suite stays quick on two cores: a fixed number of examples per property,
no per-example deadline (a DOCX takes tens of milliseconds, a PDF far more), no example
database written to disk, and the same examples on every CI run (random ones elsewhere).
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from datetime import date

import docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from letters import compose_packet, parse_case
from letters.export import RENDERERS, packet_data, packet_zip, render
from letters.fields import ANSWER_ISSUES, ANSWERS, BY_PATH, EVENT_BY_KEY, EVENT_KINDS
from letters.safejson import load_case_json
from web import create_app

from .conftest import CAF_FORM, TODAY, load_case_data, token_of

ORGANISATION_KINDS = BY_PATH["organisation.kind"].allowed()
DECISION_KINDS = BY_PATH["decision.kind"].allowed()
BENEFITS = BY_PATH["decision.benefit"].allowed()
AUTOMATION = BY_PATH["decision.automation"].allowed()
WANTS = BY_PATH["wants"].allowed()
LETTER_IDS = EVENT_BY_KEY["letter"].allowed()

TODAY_DATE = date.fromisoformat(TODAY)
BOUNDED = settings(max_examples=120, deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# What people and scripts type that breaks naive code: markup, quotes, XML-invalid control
# characters, lone surrogates, non-characters, typographic spaces, template syntax.
NASTY = ("<>&\"'«»\x00\x01\x08\x0b\x0c\x1f\x7f\ud800\udfff\ufffe\uffff\u00a0\u202f\u2011\u200b"
         "\n\r\t{}%#\\éŒ漢ع")
texts = st.one_of(st.text(max_size=80), st.text(alphabet=NASTY, max_size=80), st.sampled_from(
    ["<script>alert(1)</script>", "{{ person.name }}", "{% if x %}", "L. 311-3-1", "n° 21-11.484"]))
long_texts = st.one_of(texts, st.text(max_size=4100))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(texts, inner, max_size=4), max_leaves=25)
days = st.dates(date(1995, 1, 1), date(2027, 12, 31)).map(date.isoformat)
flags = st.sampled_from([True, False, None, "unknown"])

# A case as a person or a clinic would send it: every field of the right kind (the text in
# it can still be anything), so most examples go all the way to the letters.
line = st.text(min_size=1, max_size=60).filter(str.strip) | st.text(alphabet=NASTY, min_size=3, max_size=30)
past = st.dates(date(2000, 1, 1), TODAY_DATE)
valid_cases = st.fixed_dictionaries({
    "person": st.fixed_dictionaries(
        {"name": line, "address": st.lists(line, min_size=1, max_size=5)},
        optional={"email": st.emails(), "phone": st.from_regex(r"0[1-9]( \d\d){4}", fullmatch=True),
                  "reference": line}),
    "organisation": st.fixed_dictionaries(
        {"kind": st.sampled_from(ORGANISATION_KINDS)},
        optional={"name": line, "address": st.lists(line, max_size=4)}),
    "decision": st.fixed_dictionaries(
        {"kind": st.sampled_from(DECISION_KINDS)},
        optional={
            "benefit": st.sampled_from(BENEFITS), "date": past.map(date.isoformat), "reference": line,
            "amount": st.floats(0, 10**7) | st.integers(0, 10**6) | st.sampled_from(["2340,50", "1 200"]),
            "automation": st.sampled_from(AUTOMATION), "algorithm_mentioned": flags,
            "reasons_given": flags, "recovery_started": flags,
            "notified_deadline": st.fixed_dictionaries({"days": st.integers(1, 365)},
                                                       optional={"body": line}),
            "description": st.text(max_size=600) | st.text(alphabet=NASTY, max_size=200),
        }),
}, optional={"wants": st.lists(st.sampled_from(WANTS), min_size=1, max_size=6)})


@st.composite
def mutated(draw, base=valid_cases):
    """A valid case with one to three fields, anywhere in it, replaced by anything at all."""
    data = json.loads(json.dumps(draw(base)))
    for _ in range(draw(st.integers(1, 3))):
        part = draw(st.sampled_from(["person", "organisation", "decision", None]))
        target = data if part is None else data[part]
        if not isinstance(target, dict):  # an earlier round already replaced this part
            target = data
        key = draw(st.sampled_from([*target, "date", "received", "events", "today", "extra"]))
        target[key] = draw(json_values | days | events)
    return data


events = st.lists(st.fixed_dictionaries(
    {"date": days, "kind": st.sampled_from(EVENT_KINDS), "letter": st.sampled_from(LETTER_IDS)},
    optional={"answer": st.sampled_from(ANSWERS), "proof": texts,
              "issues": st.lists(st.sampled_from(ANSWER_ISSUES), max_size=3)}), max_size=4)
cases = st.one_of(valid_cases, valid_cases.map(lambda d: {**d, "events": []}), mutated(),
                  valid_cases.flatmap(lambda d: events.map(lambda ev: {**d, "events": ev})))


def check_errors(errors) -> None:
    assert errors
    for e in errors:
        assert isinstance(e.field, str) and e.field
        assert isinstance(e.message, str) and e.message.strip()


def check_packet(packet, formats=("docx", "html", "txt")) -> None:
    json.dumps(packet_data(packet))  # the API's answer is always serialisable
    for letter in packet.letters:
        for fmt in formats:
            out = render(letter, fmt)
            assert isinstance(out, bytes) and out
            if fmt == "docx":
                docx.Document(io.BytesIO(out))  # opens: well-formed XML, no invalid character
            elif fmt == "html":
                assert "<script" not in out.decode()
            elif fmt == "pdf":
                assert out.startswith(b"%PDF-")
    if packet.letters:
        assert zipfile.ZipFile(io.BytesIO(packet_zip(packet))).testzip() is None


@BOUNDED
@given(json_values)
def test_any_json_at_all_gives_field_errors_and_never_raises(data):
    case, errors = parse_case(data, today=TODAY_DATE)
    if case is None:
        check_errors(errors)
    else:
        check_packet(compose_packet(case))


@BOUNDED
@given(cases)
def test_any_case_shaped_json_gives_field_errors_or_letters_that_render(data):
    case, errors = parse_case(data, today=TODAY_DATE)
    event("letters" if case else "field errors")
    if case is None:
        check_errors(errors)
        return
    assert errors == []
    check_packet(compose_packet(case))


@settings(BOUNDED, max_examples=5)
@given(valid_cases)
def test_valid_cases_render_as_pdf_too(data):
    if "pdf" not in RENDERERS:
        return
    case, errors = parse_case(data, today=TODAY_DATE)
    if case is None:
        check_errors(errors)
    else:
        check_packet(compose_packet(case), formats=("pdf",))


@BOUNDED
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
                 st.text(alphabet="[]{}\":,0123456789e.-truefalsn ", max_size=300).map(str.encode)))
def test_reading_any_bytes_as_a_case_never_raises(raw):
    data, errors = load_case_json(raw)
    assert (errors == []) or (data is None and len(errors) == 1 and errors[0].message)


def without_surrogates(text: str) -> str:
    """A browser cannot send a lone surrogate: it sends U+FFFD instead."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


WEB = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 0})


@settings(BOUNDED, max_examples=60)
@given(st.dictionaries(st.sampled_from(sorted(CAF_FORM)), texts.map(without_surrogates),
                       max_size=len(CAF_FORM)))
def test_any_form_answers_give_the_packet_or_the_form_with_errors(changes):
    client = WEB.test_client()
    token = token_of(client.get("/"))
    page = client.post("/", data={**CAF_FORM, **changes, "csrf_token": token})
    event(str(page.status_code))
    assert page.status_code in (200, 422)
    if page.status_code == 422:
        assert 'class="error-summary"' in page.text
    else:
        assert "Vos lettres" in page.text


def test_characters_xml_cannot_hold_are_removed_before_docx_and_pdf():
    """A NUL or a lone surrogate pasted from elsewhere must not break or leak into a file."""
    data = json.loads(json.dumps(load_case_data("caf-prime-activite-indu")))
    data["person"]["name"] = "Samia\x00 Be\x0bnali\ud800\ufffe"
    data["decision"]["description"] = "Montant\x01 réclamé\x1f : deux mille euros\uffff"
    case, errors = parse_case(data, today=TODAY_DATE)
    assert errors == [] and case.person.name == "Samia Benali"
    letter = compose_packet(case).letter("recourse")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render(letter, "docx"))).paragraphs]
    assert paragraphs[0] == "Samia Benali"
    assert any("« Montant réclamé : deux mille euros »" in p for p in paragraphs)
    shown = {"docx": zipfile.ZipFile(io.BytesIO(render(letter, "docx"))).read("word/document.xml").decode(),
             "txt": render(letter, "txt").decode(), "html": render(letter, "html").decode()}
    for fmt, text in shown.items():
        assert "Samia Benali" in text and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text), fmt
    if "pdf" in RENDERERS:
        assert render(letter, "pdf").startswith(b"%PDF-")


@BOUNDED
@given(cases)
def test_the_case_a_page_carries_reads_back_as_the_same_case(data):
    """What a page carries and a saved file holds is the validated case: read again, the same."""
    from letters.case_data import case_data

    case, _ = parse_case(data, today=TODAY_DATE)
    if case is None:
        return
    again, errors = parse_case(case_data(case), today=TODAY_DATE)
    assert errors == [] and again == case
    assert json.loads(json.dumps(case_data(case), ensure_ascii=False)) == case_data(case)
