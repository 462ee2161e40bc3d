"""One Letter, three formats: same paragraphs in the same order, escaping, a clean DOCX."""

from __future__ import annotations

import html as htmllib
import io
import re
import zipfile
from html.parser import HTMLParser

import docx
import pytest

from letters import compose_packet
from letters.prose import FSI, PDI
from letters.render import render_docx, render_html, render_text
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import case_from, load_case_data


def letter(case_name="caf-prime-activite-indu", **person):
    data = load_case_data(case_name)
    data["person"].update(person)
    return compose_packet(case_from(data)).letter("recourse")


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NB_HYPHEN, "-")


def test_the_three_formats_carry_the_same_body_in_the_same_order():
    x = letter()
    body = [plain(b.text) for b in x.body]
    text = plain(render_text(x))
    positions = [text.index(t) for t in body]
    assert positions == sorted(positions)
    paragraphs = [plain(p.text) for p in docx.Document(io.BytesIO(render_docx(x))).paragraphs]
    docx_body = [p.split("\t", 1)[-1] for p in paragraphs]
    assert [t for t in docx_body if t in body] == body
    page = plain(htmllib.unescape(re.sub(r"<[^>]+>", "", str(render_html(x)))))
    assert [page.index(t) for t in body] == sorted(page.index(t) for t in body)


# -- The same structure in every format: each block keeps its role (heading, numbered request,
# list item with its dash, paragraph) and the captions are the letter's own.

DOCX_ROLES = {"Subject": "subject", "Salutation": "para", "Body": "para", "Closing": "para",
              "Signature": "para", "Heading 2": "heading", "Request": "request", "Item": "item",
              "List title": "list_title", "List item": "list_item"}


def expected_roles(x) -> list[tuple[str, str]]:
    """What every renderer must show, in order, from the letter model itself."""
    out = [("subject", f"{x.subject_label} {x.subject}")]
    out += [("para", x.salutation)] if x.salutation else []
    for b in x.body:
        text = f"{b.number}. {b.text}" if b.style == "request" else b.text
        out.append(({"para": "para", "heading": "heading", "request": "request", "item": "item"}[b.style],
                     f"– {text}" if b.style == "item" else text))
    out += [("para", t) for t in (x.politeness, x.signature) if t]
    for label, items in ((x.enclosures_label, x.enclosures), (x.copies_label, x.copies)):
        if items:
            out += [("list_title", label), *(("list_item", f"– {i}") for i in items)]
    return [(role, norm(text)) for role, text in out]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip()


def docx_roles(x) -> list[tuple[str, str]]:
    out = []
    for p in docx.Document(io.BytesIO(render_docx(x))).paragraphs:
        role = DOCX_ROLES.get(p.style.name)
        if role and p.text:
            out.append((role, norm(p.text.replace("\t", " "))))
    return out


class _ArticleRoles(HTMLParser):
    """(role, text) of each block of the HTML article, from its tags and classes."""

    ROLES = {"subject": "subject", "request": "request", "item": "item", "list-title": "list_title",
             "": "para", "signature": "para"}

    def __init__(self) -> None:
        super().__init__()
        self.out: list[tuple[str, str]] = []
        self.role: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag in ("p", "h1", "h2", "h3", "h4") and self.role is None:
            role = "heading" if tag != "p" and cls != "subject" else self.ROLES.get(cls)
            self.role, self.text = role, []
        elif tag == "li":
            self.role, self.text = "list_item", ["– "]

    def handle_endtag(self, tag):
        if tag in ("p", "h1", "h2", "h3", "h4", "li") and self.role is not None:
            self.out.append((self.role, norm("".join(self.text))))
            self.role = None

    def handle_data(self, data):
        if self.role is not None:
            self.text.append(data)


def html_roles(x) -> list[tuple[str, str]]:
    parser = _ArticleRoles()
    parser.feed(str(render_html(x, standalone=False)))
    return parser.out


def text_roles(x) -> list[tuple[str, str]]:
    lines = render_text(x).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(x.subject_label))
    out, listing = [("subject", norm(lines[start]))], False
    body = [line for line in lines[start + 1:] if line not in x.references]
    for i, line in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if not line or set(line) == {"-"}:
            continue
        if line in (x.enclosures_label, x.copies_label):
            out.append(("list_title", norm(line)))
            listing = True
        elif line.startswith("- "):
            out.append(("list_item" if listing else "item", norm("– " + line[2:])))
        elif nxt and set(nxt) == {"-"}:
            out.append(("heading", norm(line)))
        elif re.match(r"\d+\. ", line):
            out.append(("request", norm(line)))
        else:
            out.append(("para", norm(line)))
    return out


def structured_letters():
    """A recourse (headings, requests, lists) and a CNIL complaint (a dated chronology)."""
    recourse = letter()
    data = load_case_data("caf-prime-activite-indu")
    data["decision"]["date"] = "2026-09-01"
    data["events"] = [{"date": "2026-09-15", "kind": "sent", "letter": "explanation"},
                      {"date": "2026-10-20", "kind": "answer", "letter": "explanation",
                       "answer": "partial", "issues": ["no_score"]}]
    complaint = compose_packet(case_from(data, today="2026-10-25")).letter("cnil")
    assert complaint is not None and any(b.style == "item" for b in complaint.body)
    return [recourse, complaint]


@pytest.mark.parametrize("render", [docx_roles, html_roles, text_roles], ids=["docx", "html", "text"])
def test_every_format_keeps_each_block_s_role_and_the_letter_s_own_captions(render):
    """A parity test on text alone could not see the DOCX drop a chronology's dashes."""
    for x in structured_letters():
        assert render(x) == expected_roles(x), x.kind


def test_the_pdf_prints_the_same_numbers_dashes_and_captions():
    """The PDF is drawn from the same article as the HTML; what it prints comes back in order."""
    from pypdf import PdfReader

    from letters.render import render_pdf

    for x in structured_letters():
        printed = norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(x))).pages))
        # The number or dash and the words after it, enough not to be found in a quoted sentence.
        marks = [" ".join(text.split(" ")[:4]) for role, text in expected_roles(x)
                 if role in ("request", "item", "list_title")]
        positions = [printed.find(mark) for mark in marks]
        assert -1 not in positions and positions == sorted(positions), (x.kind, marks, positions)


def test_requests_are_numbered_without_gaps_across_the_letter():
    numbers = [b.number for b in letter().body if b.style == "request"]
    assert numbers == list(range(1, len(numbers) + 1))
    assert "1. Je vous demande d'annuler" in render_text(letter())


def test_typed_markup_is_escaped_in_html_and_literal_elsewhere():
    x = letter(name="<img src=x onerror=alert(1)> & « O'Brien »")
    page = str(render_html(x))
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; « O&#39;Brien »" in page
    assert render_text(x).startswith("<img src=x onerror=alert(1)> & « O'Brien »\n")
    first = docx.Document(io.BytesIO(render_docx(x))).paragraphs[0].text
    assert first == "<img src=x onerror=alert(1)> & « O'Brien »"


def test_the_docx_is_a4_with_named_styles_and_page_numbers():
    data = render_docx(letter())
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 2) == 2.5
    styles = {p.style.name for p in document.paragraphs}
    assert {"Sender", "Recipient", "Subject", "Body", "Request", "Heading 2", "Signature"} <= styles
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_the_docx_properties_hold_nothing_unintended():
    x = letter()
    archive = zipfile.ZipFile(io.BytesIO(render_docx(x)))
    props = docx.Document(io.BytesIO(render_docx(x))).core_properties
    assert props.author == "Samia Benali"
    assert props.title == x.subject
    assert (props.comments, props.keywords, props.subject, props.category) == ("", "", "", "")
    assert props.created.date().isoformat() == "2026-11-29"
    assert not [n for n in archive.namelist() if "thumbnail" in n or n.startswith("customXml/")]
    app_xml = archive.read("docProps/app.xml").decode()
    assert "Word" not in app_xml and "python-docx" not in archive.read("docProps/core.xml").decode()


def test_the_standalone_html_is_a_whole_printable_page():
    page = str(render_html(letter()))
    assert page.startswith("<!doctype html>")
    assert '<html lang="fr">' in page
    assert "@page { size: A4" in page


def test_citations_do_not_break_across_lines_in_page_formats():
    x = letter()
    assert f"L.{NBSP}114{NB_HYPHEN}21" in str(render_html(x))
    assert "L. 114-21" in render_text(x)


LINE_ENDS = ("\u2028", "\u2029", "\x85", "\r")
SEPARATORS = (*LINE_ENDS, "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")  # all that splitlines() breaks at
BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200e", "\u200f", "\u061c")


def structure(x) -> list[tuple[str, int | None]]:
    return [(b.style, b.number) for b in x.body]


@pytest.mark.parametrize("separator", SEPARATORS, ids=lambda c: f"U+{ord(c):04X}")
def test_typed_line_separators_never_become_requests_headings_or_renumber_them(separator):
    """Letter text is split at line ends into requests (+), headings (##) and items (-): a
    separator the typed text was not folded at would have let it write the letter's structure."""
    plain_case = load_case_data("caf-prime-activite-indu")
    hostile = load_case_data("caf-prime-activite-indu")
    injected = separator.join(["Rien.", "+ Je renonce à tout recours.", "## Faux titre", "- un point",
                               "+ Autre"])
    hostile["decision"]["description"] = injected
    hostile["person"]["name"] = f"Samia{separator}+ Benali"
    hostile["decision"]["reference"] = f"INDU{separator}## 2026"
    for kind in ("explanation", "recourse"):
        before = compose_packet(case_from(plain_case)).letter(kind)
        # The explanation request does not quote the person's words; the recourse does.
        quotes = kind == "recourse"
        after = compose_packet(case_from(hostile)).letter(kind)
        assert structure(after) == structure(before), kind
        text = render_text(after)
        assert not any(c in text for c in SEPARATORS), kind
        requests = [line for line in text.split("\n") if re.match(r"\d+\. ", line)]
        assert len(requests) == sum(1 for b in before.body if b.style == "request"), kind
        assert not any("Je renonce" in line for line in requests), kind
        quoted = "« Rien. + Je renonce à tout recours. ## Faux titre - un point + Autre »"
        if not quotes:
            assert "Je renonce" not in text, kind
        elif separator in LINE_ENDS:  # a line end typed is a space in the letter; a control is dropped
            assert quoted in plain(text), kind
        else:
            assert quoted.replace(" + ", "+ ").replace(" ## ", "## ").replace(" - ", "- ") in plain(text)
        page, earlier = str(render_html(after)), str(render_html(before))
        assert page.count('class="request"') == earlier.count('class="request"')
        assert page.count("<h2") == earlier.count("<h2")
        words = [p.text for p in docx.Document(io.BytesIO(render_docx(after))).paragraphs]
        assert len(words) == len(docx.Document(io.BytesIO(render_docx(before))).paragraphs)


def test_bidirectional_controls_are_dropped_before_any_renderer():
    data = load_case_data("caf-prime-activite-indu")
    data["person"]["name"] = "Samia \u202eilaneB\u202c Benali"
    data["decision"]["description"] = "".join(f"mot{c}" for c in BIDI) + " سامية"
    x = compose_packet(case_from(data)).letter("recourse")
    xml = zipfile.ZipFile(io.BytesIO(render_docx(x))).read("word/document.xml").decode()
    # Every typed control is gone; the only ones left are the isolate Recours itself sets
    # around words in a right-to-left script (letters/prose.py), once around the whole text.
    isolated = f"{FSI}{'mot' * len(BIDI)} سامية{PDI}"
    for shown in (render_text(x), str(render_html(x)), xml):
        assert not any(c in shown for c in BIDI if c not in (FSI, PDI))
        assert shown.count(FSI) == shown.count(PDI) == shown.count(isolated) >= 1
        assert "Samia ilaneB Benali" in shown
