"""Letter -> DOCX with python-docx: A4, named styles, page numbers, clean properties.

The styled base document is built once per process and reused as bytes; each letter
opens a copy and only adds paragraphs with named styles, so typography lives here once.
"""

from __future__ import annotations

import io
from datetime import datetime
from functools import lru_cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..model import Letter
from .typography import keep_citations_together

FONT = "Times New Roman"  # LibreOffice substitutes the metric-compatible Liberation Serif
RIGHT_COLUMN = Cm(8.5)


def _style(doc, name: str, *, bold: bool = False, left: Cm | None = None,
           first_line: Cm | None = None, before: int = 0, after: int = 6,
           align: int | None = None, keep_with_next: bool = False) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.bold = bold
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if left is not None:
        fmt.left_indent = left
    if first_line is not None:
        fmt.first_line_indent = first_line
    if align is not None:
        fmt.alignment = align
    fmt.keep_with_next = keep_with_next


def _page_number_footer(doc) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Page ", "PAGE"), (" sur ", "NUMPAGES")):
        paragraph.add_run(text)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), field)
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        fld.append(run)
        paragraph._p.append(fld)


@lru_cache(maxsize=1)
def base_document() -> bytes:
    """The empty, styled letter: A4, margins, fonts, paragraph styles, footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    heading = doc.styles["Heading 2"]
    heading.font.name, heading.font.size, heading.font.bold = FONT, Pt(11.5), True
    heading.font.color.rgb = None
    for rpr in (heading.element.rPr,):
        # The template's theme fonts would override ours on headings.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rpr.rFonts.attrib.pop(qn(attr), None)
    heading.paragraph_format.space_before = Pt(10)
    _style(doc, "Sender", after=0)
    _style(doc, "Recipient", left=RIGHT_COLUMN, after=0)
    _style(doc, "Place and date", align=WD_ALIGN_PARAGRAPH.RIGHT, before=18, after=12)
    _style(doc, "Sending mode", bold=True, after=12)
    _style(doc, "Subject", bold=True, after=0)
    _style(doc, "References", after=0)
    _style(doc, "Salutation", before=14, after=8)
    _style(doc, "Body", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Request", left=Cm(0.8), first_line=Cm(-0.8), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Item", left=Cm(0.8), first_line=Cm(-0.5), after=2)
    _style(doc, "Signature", left=RIGHT_COLUMN, before=18, after=36)
    _style(doc, "List title", bold=True, after=0, keep_with_next=True)
    _style(doc, "List item", left=Cm(0.8), first_line=Cm(-0.4), after=0)
    _page_number_footer(doc)
    _plain_app_properties(doc)
    # The default template's first empty paragraph would become a blank first line.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)


def _plain_app_properties(doc) -> None:
    """The default template names the software that made it; a letter needs none of that."""
    for part in doc.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML


def render_docx(letter: Letter) -> bytes:
    doc = Document(io.BytesIO(base_document()))

    def add(text: str, style: str) -> None:
        doc.add_paragraph(keep_citations_together(text), style=style)

    for line in (letter.sender.name, *letter.sender.lines, *letter.sender_contact):
        add(line, "Sender")
    add("", "Sender")
    for line in (letter.recipient.name, *letter.recipient.lines):
        if line:
            add(line, "Recipient")
    add(letter.place_date, "Place and date")
    add(letter.mode, "Sending mode")
    add(f"{letter.subject_label} {letter.subject}", "Subject")
    for line in letter.references:
        add(line, "References")
    if letter.salutation:
        add(letter.salutation, "Salutation")
    for block in letter.body:
        if block.style == "heading":
            add(block.text, "Heading 2")
        elif block.style == "request":
            add(f"{block.number}.\t{block.text}", "Request")
        elif block.style == "item":
            add(f"–\t{block.text}", "Item")
        else:
            add(block.text, "Body")
    if letter.politeness:  # an information sheet has no closing and no signature
        add(letter.politeness, "Body")
    if letter.signature:
        add(letter.signature, "Signature")
    for title, items in ((letter.enclosures_label, letter.enclosures), (letter.copies_label, letter.copies)):
        if items:
            add(title, "List title")
            for item in items:
                add(f"– {item}", "List item")
    _set_properties(doc, letter)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _set_properties(doc, letter: Letter) -> None:
    """Only what a letter needs: its subject as title, the person as author, the date."""
    props = doc.core_properties
    props.title = letter.subject[:250]
    props.author = letter.signature
    props.last_modified_by = letter.signature
    props.subject = props.keywords = props.comments = props.category = ""
    props.content_status = props.identifier = props.version = ""
    props.language = letter.language
    props.revision = 1
    moment = datetime(letter.written.year, letter.written.month, letter.written.day)
    props.created = props.modified = moment
    props.last_printed = moment
