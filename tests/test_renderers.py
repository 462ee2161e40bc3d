"""One Letter, three formats: same paragraphs in the same order, escaping, a clean DOCX."""

from __future__ import annotations

import html as htmllib
import io
import re
import zipfile

import docx

from letters import compose_packet
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
