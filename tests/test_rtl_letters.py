"""The Arabic courtesy copy, right to left in every renderer, as an Arabic reader reads it: laid
out from the right, in a font with Arabic letters, every French name, date, amount and article
number kept in its own order, and the PDF's text read back in reading order with no letter lost.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import pytest
from pypdf import PdfReader

from letters import compose_packet
from letters.render import render_docx, render_html, render_pdf, render_text

from .conftest import case_from, load_case_data
from .test_pdf import letter_text, plain

ISOLATES = re.compile("[\u2066-\u2069]")


@pytest.fixture(scope="module")
def recourse():
    case = case_from(load_case_data("caf-prime-activite-indu"))
    return compose_packet(case, language="ar").letter("recourse")


@pytest.fixture(scope="module")
def pdf(recourse) -> bytes:
    return render_pdf(recourse)


def test_the_arabic_page_is_right_to_left_and_isolates_each_french_run(recourse):
    page = render_html(recourse)
    assert '<html lang="ar" dir="rtl">' in page
    article = page[page.index("<article"):]
    assert article.startswith('<article class="letter" lang="ar" dir="rtl">')
    assert not ISOLATES.search(article)  # every isolate became a span with its direction
    assert '<span dir="ltr">CAF de la Gironde</span>' in page
    assert '<span dir="ltr">INDU-2026-88412</span>' in page
    citation = re.search(r'<span dir="rtl">المادة <span dir="ltr">L.\W845\W2</span> من قانون الضمان', page)
    assert citation, "the article number sits in its own left-to-right span inside the Arabic citation"


def test_a_french_page_has_neither_dir_nor_spans_added():
    french = compose_packet(case_from(load_case_data("caf-prime-activite-indu"))).letter("recourse")
    page = render_html(french)
    assert '<html lang="fr">' in page and '<article class="letter" lang="fr">' in page
    assert "<span dir=" not in page


def test_the_arabic_pdf_is_tagged_arabic_and_set_in_a_font_with_arabic_letters(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("Amiri" in name for name in fonts), fonts


def test_the_arabic_pdf_reads_back_in_reading_order_with_every_letter(recourse, pdf):
    text = letter_text(pdf)
    # Whole sentences, in the order they are read (a PDF in visual order would reverse them).
    assert "بدأ استرداد هذه المبالغ بالفعل." in text
    assert "أطلب منكم وقف أي استرداد إلى حين البتّ في هذا الطعن" in text
    # The lam that Amiri's optional ligatures swallowed in the text layer ("اطعن" for "الطعن").
    assert "لجنة الطعن الودي" in text and "اطعن" not in text.split()
    # Article numbers and references as the body reads them, never reordered.
    assert "L. 845-2" in text and "R. 847-1-1, I, 2°, b" in text and "INDU-2026-88412" in text
    # Every Arabic letter of the letter is in the PDF's text, as many times (the vowel marks
    # aside: the text layer may repeat a shadda drawn over a ligature).
    letters = re.compile("[\u0621-\u064a]")
    expected, found = Counter(letters.findall(render_text(recourse))), Counter(letters.findall(text))
    assert sum(expected.values()) > 2000 and found == expected


def test_the_arabic_pdf_lays_the_letter_out_from_the_right(pdf):
    """The sender at the right margin, the signature on the right half mirrored, page 1 of 3."""
    from .test_pdf import CM, text_positions

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width = float(page.mediabox.width)
    positions = text_positions(page)
    sender = next((x, t) for x, _, t in positions if "Samia Benali" in t)
    assert sender[0] > width / 2  # starts right of the middle: the line is set against the right margin
    arabic = [x for x, _, t in positions if re.search("[\u0600-\u06ff]", t)]
    assert arabic and max(arabic) < width - 2 * CM + 1


def document_xml(letter) -> str:
    return zipfile.ZipFile(io.BytesIO(render_docx(letter))).read("word/document.xml").decode()


def test_the_arabic_docx_marks_every_paragraph_right_to_left(recourse):
    paragraphs = re.findall(r"<w:p>.*?</w:p>", document_xml(recourse))
    assert paragraphs and all("<w:bidi/>" in p for p in paragraphs)
    french = compose_packet(case_from(load_case_data("caf-prime-activite-indu"))).letter("recourse")
    assert "<w:bidi/>" not in document_xml(french)


def test_the_arabic_text_keeps_its_isolates_for_an_editor_that_follows_them(recourse):
    text = render_text(recourse)
    assert "\u2068CAF de la Gironde\u2069" in text
    assert plain(ISOLATES.sub("", text)).count("INDU-2026-88412") >= 3
