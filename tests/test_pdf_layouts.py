"""A letter laid out once can be written alone and in the packet, with the same bytes as before."""

from __future__ import annotations

import io

from pypdf import PdfReader

from letters.render.pdf import layout, render_pdf, render_pdf_packet, write_pdf

from .conftest import packet_for


def test_one_layout_gives_the_letters_pdf_and_the_packets_pdf():
    letters = packet_for("caf-prime-activite-indu").letters
    layouts = [layout(x) for x in letters]
    assert write_pdf(layouts, letters) == render_pdf_packet(letters)
    assert write_pdf([layouts[0]], [letters[0]]) == render_pdf(letters[0])


def test_writing_the_packet_leaves_each_letters_own_title():
    letters = packet_for("caf-prime-activite-indu").letters
    layouts = [layout(x) for x in letters]
    packet = PdfReader(io.BytesIO(write_pdf(layouts, letters))).metadata.title
    alone = PdfReader(io.BytesIO(write_pdf([layouts[0]], [letters[0]]))).metadata.title
    assert packet == f"{letters[0].title} – {letters[1].title}"
    assert alone == letters[0].subject
