"""The direct PDF writer: which letters take it, and what it must keep of ``pdf.css``'s page.

What every PDF must be (A4, margins, page numbers, tags, fonts, text read back) is checked on
both engines in test_pdf.py; here, what is the direct writer's own: its choice of letters, its
lines (never past the margin, cut by the rules), its page breaks, its font subsets.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from letters import compose_packet
from letters.model import Block
from letters.render import pdf, pdfwriter
from letters.render.pdfwriter.lines import HYPHEN, break_lines
from letters.render.pdfwriter.pages import BOTTOM, LEFT, PAGE_H, TOP, WIDTH, lay_out

from .conftest import case_from, load_case_data
from .test_pdf import EXAMPLES, letter_text, packet, plain, read


def every_letter(language: str = "fr"):
    for name in EXAMPLES:
        yield from compose_packet(case_from(load_case_data(name)), language=language).letters


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_letters_in_latin_script_take_the_direct_writer(language):
    assert all(pdfwriter.writable(x) for x in every_letter(language))


def test_an_arabic_copy_or_a_name_in_arabic_script_goes_to_weasyprint():
    arabic_copy = compose_packet(case_from(load_case_data(EXAMPLES[0])), language="ar").letters[0]
    assert not pdfwriter.writable(arabic_copy)
    letter = packet(name="سامية بن علي").letter("recourse")
    assert not pdfwriter.writable(letter)
    assert not isinstance(pdf.layout(letter), pdfwriter.Laid)


def test_a_character_the_font_lacks_goes_to_weasyprint():
    assert pdfwriter.writable(packet(name="Łukasz Nowak-Żeleński").letter("recourse"))
    assert not pdfwriter.writable(packet(name="Ἀλέξανδρος \u2603").letter("recourse"))


def test_a_packet_with_one_letter_weasyprint_must_lay_out_is_made_whole_by_weasyprint():
    french = packet().letters[0]
    arabic = packet(name="سامية بن علي").letter("recourse")
    layouts = [pdf.layout(french), pdf.layout(arabic)]
    text = letter_text(pdf.write_pdf(layouts, [french, arabic]))
    assert "سامية بن علي" in text and plain(french.subject) in text


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_no_line_runs_past_the_margins(language):
    for letter in every_letter(language):
        for page in lay_out(letter).pages:
            for text in page.texts[:-1]:  # the page number is centred in the bottom margin
                width = text.face.width(text.text, text.size) + text.stretch * text.text.count(" ")
                assert LEFT - 0.01 <= text.x and text.x + width <= LEFT + WIDTH + 0.01, text.text
                assert BOTTOM <= text.y <= PAGE_H - TOP, text.text


def test_a_justified_line_fills_the_measure_and_the_last_line_does_not():
    regular = pdfwriter.fonts.face("regular")
    words = "La décision ne mentionne pas si un traitement algorithmique y a contribué " * 4
    lines = break_lines(words, regular, 11.5, 300, align="justify", language="fr")
    assert len(lines) > 2
    for line in lines[:-1]:
        assert abs(line.natural + line.stretch * line.text.count(" ") - 300) < 0.01
    assert lines[-1].stretch == 0


def test_words_are_cut_by_the_language_rules_and_never_inside_a_reference_or_a_citation():
    regular = pdfwriter.fonts.face("regular")
    text = "considérations " * 3 + "INDU-2026-88412 L.\u00a0114\u201121 " * 3
    for width in range(100, 260, 7):  # each reference and citation fits on a line of its own
        lines = break_lines(text, regular, 11.5, width, align="justify", language="fr")
        for line in lines:
            assert not line.text.endswith(("INDU-", "INDU-2026-", "L.", "114\u2011")), line.text
            if line.text.endswith(HYPHEN):
                cut = line.text.split(" ")[-1][:-1]
                assert "considérations".startswith(cut) and len(cut) >= 2
        assert plain(" ".join(x.text for x in lines).replace(HYPHEN + " ", "")) == plain(text)


def test_a_paragraph_cut_by_a_page_keeps_two_lines_on_each_side_and_headings_stay_with_their_text():
    split = 0
    for letter in every_letter():
        laid = lay_out(letter)
        for page, next_page in zip(laid.pages, laid.pages[1:], strict=False):
            last = page.texts[-2].element  # before the page number
            if last is next_page.texts[0].element:
                split += 1
                assert sum(t.element is last for t in page.texts) >= 2
                assert sum(t.element is last for t in next_page.texts) >= 2
            assert last.role != "H2", "a heading at the foot of a page"
    assert split, "the examples cut at least one paragraph across two pages"


def test_the_closing_formula_and_the_signature_share_a_page():
    """Wherever the page ends before them: here the letter grows a line at a time, over a page."""
    line = Block("para", "Je maintiens ma demande.")
    base = packet().letter("recourse")
    for extra in range(1, 40):
        letter = dataclasses.replace(base, body=base.body + (line,) * extra)
        laid = lay_out(letter)
        kids = laid.root.kids
        politeness = next(k for k, page in _texts(laid) if page.text.startswith(letter.politeness[:20]))
        signature = kids[kids.index(politeness) + 1]
        pages = {n for n, page in enumerate(laid.pages) for t in page.texts
                 if t.element in (politeness, signature)}
        assert len(pages) == 1, (extra, pages)


def _texts(laid):
    return [(t.element, t) for page in laid.pages for t in page.texts]


def test_the_requests_are_a_list_a_screen_reader_announces():
    reader = read(pdf.render_pdf(packet().letter("recourse"), engine="direct"))
    roles: list[str] = []

    def walk(node):
        node = node.get_object()
        roles.append(str(node.get("/S")))
        for kid in node.get("/K", []):
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and kid.get("/Type") != "/MCR":
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    requests = sum(1 for b in packet().letter("recourse").body if b.style == "request")
    assert roles.count("/LI") >= requests
    assert roles.count("/Lbl") == roles.count("/LBody") == roles.count("/LI")
    assert roles[:3] == ["None", "/Document", "/Art"]


def test_the_embedded_fonts_hold_the_outlines_drawn_and_only_those():
    letter = packet().letter("explanation")
    reader = PdfReader(io.BytesIO(pdf.render_pdf(letter, engine="direct")))
    font = next(iter(reader.pages[0]["/Resources"]["/Font"].values())).get_object()
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    glyf = program["glyf"]
    drawn = {gid for gid, name in enumerate(program.getGlyphOrder()) if glyf[name].numberOfContours != 0}
    glyph_of = pdfwriter.fonts.face("regular").glyph_of
    assert {glyph_of[ord("é")], glyph_of[ord("a")], glyph_of[ord("2")]} <= drawn
    assert glyph_of[ord("Ж")] not in drawn  # Cyrillic, in the font but not in the letter
    assert len(drawn) < 120 < len(glyph_of)
    # Each outline is the font's own, point for point (only its hinting instructions are gone).
    original = TTFont(str(pdfwriter.fonts.face("regular").path))
    names, original_names = program.getGlyphOrder(), original.getGlyphOrder()
    for gid in drawn:
        ours, theirs = glyf[names[gid]], original["glyf"][original_names[gid]]
        if theirs.isComposite():
            assert [(c.x, c.y) for c in ours.components] == [(c.x, c.y) for c in theirs.components]
        else:
            assert list(ours.coordinates) == list(theirs.coordinates)
            assert list(ours.endPtsOfContours) == list(theirs.endPtsOfContours)
            assert not ours.program.getBytecode()


def test_the_packet_pdf_is_the_letters_pdfs_page_for_page():
    letters = packet("departement-rsa-suspension").letters
    whole = read(pdf.render_pdf_packet(letters, engine="direct"))
    alone = [read(pdf.render_pdf(x, engine="direct")) for x in letters]
    assert [p.extract_text() for p in whole.pages] == [p.extract_text() for r in alone for p in r.pages]


def _grown(letter, extra: int, text: str = "Je maintiens ma demande."):
    """The letter with ``extra`` one-line paragraphs at the head of its body: wherever a page
    ends, some such letter ends it on each line of what follows."""
    return dataclasses.replace(letter, body=(Block("para", text),) * extra + letter.body)


def test_no_page_ends_on_a_heading_or_a_list_title_however_the_letter_runs():
    base = packet().letter("recourse")
    three_lines = Block("para", "Je maintiens ma demande et vous prie de la réexaminer. " * 5)
    regular = pdfwriter.fonts.face("regular")
    assert len(break_lines(three_lines.text, regular, 11.5, WIDTH, align="justify", language="fr")) == 3
    base = dataclasses.replace(base, body=(Block("heading", "Un titre"), three_lines) + base.body)
    for extra in range(0, 45):
        laid = lay_out(_grown(base, extra))
        titles = {id(k) for k in laid.root.kids if k.role == "H2"}
        lists = (base.enclosures_label, base.copies_label)
        titles |= {id(t.element) for p in laid.pages for t in p.texts if t.text in lists}
        for page in laid.pages[:-1]:
            assert id(page.texts[-2].element) not in titles, (extra, page.texts[-2].text)


def test_a_paragraph_over_three_pages_keeps_two_lines_on_each_page():
    base = packet().letter("recourse")
    for extra in range(0, 40):
        letter = _grown(dataclasses.replace(base, body=(Block("para", "mot " * 3500),) + base.body), extra)
        laid = lay_out(letter)
        long = next(t.element for p in laid.pages for t in p.texts if t.text.startswith("mot mot"))
        counts = [sum(t.element is long for t in page.texts) for page in laid.pages]
        assert sum(1 for c in counts if c) >= 3
        assert all(c == 0 or c >= 2 for c in counts), (extra, counts)


@pytest.mark.parametrize("name", ["cpam-c2s-suspension", "france-travail-mediation-ended",
                                  "bank-credit-refusal"])
def test_the_first_paragraph_under_the_subject_sits_where_weasyprint_puts_it(name):
    from .test_pdf import text_positions

    for letter in compose_packet(case_from(load_case_data(name))).letters:
        ys = []
        for engine in pdf.ENGINES:
            page = read(pdf.render_pdf(letter, engine=engine)).pages[0]
            found = [(y, t) for _, y, t in text_positions(page)]
            subject = next(i for i, (_, t) in enumerate(found) if t.startswith(letter.subject_label))
            after = [y for y, t in found[subject:] if not t.startswith(letter.subject_label)]
            ys.append(after[0])
        assert abs(ys[0] - ys[1]) < 1.5, (letter.id, ys)


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(language):
    for letter in every_letter(language):
        for page in lay_out(letter).pages:
            for text in page.texts:
                assert not text.text.startswith((";", ":", "!", "?", "»", ")")), text.text
                assert not text.text.endswith("«"), text.text


def test_list_items_are_neither_justified_nor_hyphenated_and_requests_are_both():
    items = [b for x in every_letter() for b in x.body if b.style == "item"]
    assert items, "the examples hold list items"
    for letter in every_letter():
        laid = lay_out(letter)
        for kid in laid.root.kids:
            if kid.role == "L" and kid.numbering == "None":
                bodies = {id(li.kids[1]) for li in kid.kids}
                for page in laid.pages:
                    for text in page.texts:
                        if id(text.element) in bodies:
                            assert text.stretch == 0 and not text.text.endswith(HYPHEN), text.text
    requests = [t for x in every_letter() for p in lay_out(x).pages for t in p.texts
                if t.element is not None and t.element.role == "LBody" and t.stretch]
    assert requests and any(t.text.endswith(HYPHEN) for t in requests)
