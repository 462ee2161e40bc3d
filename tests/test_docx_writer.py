"""The DOCX writer: each letter's document is what python-docx itself would have written.

The renderer writes a letter's paragraphs directly instead of going through python-docx for
each one (tens of times faster). These tests hold it to python-docx's own output, byte for
byte, on every example letter and on awkward text, and check the package around it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import datetime

import docx
import pytest
from docx.opc.oxml import serialize_part_xml

from letters import compose_packet
from letters.model import Block, Party
from letters.render.docx import base_document, core_xml_by_python_docx, paragraphs, render_docx

from .conftest import CASES, case_from, load_case_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))


def written_by_python_docx(letter) -> bytes:
    """The slow way: open the base document, add each paragraph with its style, serialise."""
    document = docx.Document(io.BytesIO(base_document()))
    for text, style in paragraphs(letter):
        document.add_paragraph(text, style=style)
    return serialize_part_xml(document.element)


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def caf_recourse():
    return compose_packet(case_from(load_case_data("caf-prime-activite-indu"))).letter("recourse")


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_letter_is_byte_for_byte_what_python_docx_writes(name):
    letters = compose_packet(case_from(load_case_data(name))).letters
    assert letters
    for letter in letters:
        assert part(render_docx(letter), "word/document.xml") == written_by_python_docx(letter)


AWKWARD = [
    "Dupont & fils <SARL> \"l'Étoile\"",  # markup characters stay text
    "  deux espaces devant et derrière  ",  # kept with xml:space="preserve"
    "ligne un\nligne deux\r\nligne trois",  # line breaks
    "1.\tavec une tabulation\t",
    "\u00a0insécable au début",  # Python counts U+00A0 as a space, as python-docx does
    "]]> <![CDATA[ x ]]> &amp; déjà échappé",
    "émoji 📨 et écriture arabe عربي",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_is_written_as_python_docx_writes_it_and_reads_back_the_same(text):
    letter = replace(caf_recourse(), sender=Party(text, (text,)),
                     body=(Block("para", text), Block("request", text, number=1)))
    data = render_docx(letter)
    assert part(data, "word/document.xml") == written_by_python_docx(letter)
    read_back = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    expected = text.replace("\r", "\n")  # each of \r and \n is a break, as in python-docx
    assert read_back[0] == expected
    assert f"1.\t{expected}" in read_back


def test_characters_xml_cannot_hold_are_dropped_not_written():
    letter = replace(caf_recourse(), sender=Party("Samia\x00 Be\x1bnali\ufffe"))
    data = render_docx(letter)
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Samia Benali"


def test_the_package_keeps_every_part_of_the_base_document_unchanged_but_two():
    data = render_docx(caf_recourse())
    base = zipfile.ZipFile(io.BytesIO(base_document()))
    made = zipfile.ZipFile(io.BytesIO(data))
    assert made.testzip() is None
    assert made.namelist() == base.namelist()
    changed = {name for name in base.namelist() if made.read(name) != base.read(name)}
    assert changed == {"word/document.xml", "docProps/core.xml"}


def test_the_same_letter_gives_the_same_bytes_and_reads_no_clock():
    letter = caf_recourse()
    data = render_docx(letter)
    assert render_docx(letter) == data
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert stamps == {(2026, 11, 29, 0, 0, 0)}  # the letter's date, not the server's clock


def test_the_properties_are_the_letters_own():
    letter = replace(caf_recourse(), signature="Jean <Dupont> & fils")
    props = docx.Document(io.BytesIO(render_docx(letter))).core_properties
    assert props.author == props.last_modified_by == "Jean <Dupont> & fils"
    assert props.language == "fr" and props.revision == 1
    assert props.modified.date().isoformat() == "2026-11-29"


@pytest.mark.parametrize("who", ["Samia Benali", "Jean <Dupont> & fils", "retour\rchariot", "📨 Zoë"])
def test_the_properties_part_is_byte_for_byte_what_python_docx_writes(who):
    letter = replace(caf_recourse(), signature=who, subject=f"Recours & « {who} »")
    base_core = part(base_document(), "docProps/core.xml")
    expected = core_xml_by_python_docx(base_core, letter.subject, who, "fr", datetime(2026, 11, 29))
    assert part(render_docx(letter), "docProps/core.xml") == expected
