"""Letter -> DOCX: A4, named styles, page numbers, clean properties.

python-docx builds the styled base document once per process (page set-up, styles, footer):
it stays the authority on what the document looks like. Each letter then only adds its
paragraphs, one named style each, and its properties; those two parts are written directly
(escaped, in the very form python-docx gives them) and zipped with the base's other parts,
which are compressed once. A letter takes well under a millisecond this way instead of tens.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Cm, Pt
from lxml import etree

from ..model import Letter
from .typography import keep_citations_together

FONT = "Times New Roman"  # LibreOffice substitutes the metric-compatible Liberation Serif
RIGHT_COLUMN = Cm(8.5)


def _style(doc: Any, name: str, *, bold: bool = False, left: Cm | None = None,
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


def _page_number_footer(doc: Any) -> None:
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
    # The closing formula stays on the page of the signature it introduces.
    _style(doc, "Closing", align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep_with_next=True)
    _style(doc, "List title", bold=True, after=0, keep_with_next=True)
    _style(doc, "List item", left=Cm(0.8), first_line=Cm(-0.4), after=0)
    _page_number_footer(doc)
    _plain_app_properties(doc)
    _drop_template_leftovers(doc)
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


def _plain_app_properties(doc: Any) -> None:
    """The default template names the software that made it; a letter needs none of that."""
    for part in doc.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML


def _drop_template_leftovers(doc: Any) -> None:
    """python-docx's template ships a thumbnail picture and an empty bibliography part;
    a letter carries neither (nothing in it should come from anywhere but the letter)."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/customXml"):
            del doc.part.rels[rel_id]


def paragraphs(letter: Letter) -> list[tuple[str, str]]:
    """The letter as (text, paragraph style name) pairs, in reading order."""
    out: list[tuple[str, str]] = []

    def add(text: str, style: str) -> None:
        out.append((keep_citations_together(text), style))

    for line in (letter.sender.name, *letter.sender.lines, *letter.sender_contact):
        add(line, "Sender")
    add("", "Sender")
    for line in (letter.recipient.name, *letter.recipient.lines):
        add(line, "Recipient")
    add(letter.place_date, "Place and date")
    if letter.mode:
        add(letter.mode, "Sending mode")
    add(f"{letter.subject_label} {letter.subject}", "Subject")
    for line in letter.references:
        add(line, "References")
    if letter.salutation:  # an information sheet has none, nor politeness or signature
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
    if letter.politeness:
        add(letter.politeness, "Closing")
    if letter.signature:
        add(letter.signature, "Signature")
    for title, items in ((letter.enclosures_label, letter.enclosures), (letter.copies_label, letter.copies)):
        if items:
            add(title, "List title")
            for item in items:
                add(f"– {item}", "List item")
    return out


def render_docx(letter: Letter) -> bytes:
    """The letter as a .docx: the base document's parts, with this letter's body and properties.

    Only two parts change from one letter to the next, ``word/document.xml`` (the paragraphs)
    and ``docProps/core.xml`` (title, author, dates); every other part is the base document's,
    compressed once. Both are written exactly as python-docx writes them (``add_paragraph``,
    ``core_properties``; tests compare them byte for byte), with every text escaped.
    """
    base = _base_package()
    body = "".join(_paragraph_xml(text, base.heads[style]) for text, style in paragraphs(letter))
    document = base.document_head + body.encode("utf-8") + base.document_tail
    moment = datetime(letter.written.year, letter.written.month, letter.written.day)
    return _zip(base.entries, {"word/document.xml": document,
                               "docProps/core.xml": _core_xml(base.core, letter, moment)}, moment)


# -- The per-letter parts, written the way python-docx writes them

_SPECIAL = re.compile(r"([\t\r\n])")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _paragraph_xml(text: str, head: str) -> str:
    """``<w:p>`` with a style and one run: a tab is ``<w:tab/>``, a line break ``<w:br/>``.

    Mirrors ``Document.add_paragraph(text, style)``: no run for an empty text, and
    ``xml:space="preserve"`` on a ``<w:t>`` whose text starts or ends with a space.
    ``head`` is the paragraph's opening with its style (``_BasePackage.heads``).
    """
    text = _XML_INVALID.sub("", text)  # validation already drops these; never write bad XML
    if not text:
        return head + "</w:p>"
    pieces = _SPECIAL.split(text) if _SPECIAL.search(text) else (text,)
    run = []
    for piece in pieces:
        if piece == "\t":
            run.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            run.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            run.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"{head}<w:r>{''.join(run)}</w:r></w:p>"


def core_xml_by_python_docx(base_core: bytes, title: str, author: str, language: str,
                            moment: datetime) -> bytes:
    """``docProps/core.xml`` as python-docx writes it: the letter's subject as title, the person
    as author, the letter's date, nothing else. Run once per process, on placeholders."""
    element = parse_xml(base_core)
    props = CoreProperties(element)
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.subject = props.keywords = props.comments = props.category = ""
    props.content_status = props.identifier = props.version = ""
    props.language = language
    props.revision = 1
    props.created = props.modified = moment
    props.last_printed = moment
    return serialize_part_xml(element)


# Placeholders for the template of core.xml: private-use characters no letter contains.
_SLOTS = {"title": "\ue000title\ue000", "author": "\ue000author\ue000", "language": "\ue000language\ue000"}
_SLOT_MOMENT = datetime(1901, 2, 3, 4, 5, 6)
_W3CDTF = "%Y-%m-%dT%H:%M:%SZ"  # python-docx's format for dates in core.xml


def _core_template(base_core: bytes) -> tuple[str, ...]:
    """core.xml cut at its placeholders: literal text at even places, a slot name at odd ones."""
    xml = core_xml_by_python_docx(base_core, _SLOTS["title"], _SLOTS["author"], _SLOTS["language"],
                                  _SLOT_MOMENT).decode("utf-8")
    names = {v: k for k, v in _SLOTS.items()} | {_SLOT_MOMENT.strftime(_W3CDTF): "moment"}
    pieces = re.split("(" + "|".join(map(re.escape, names)) + ")", xml)
    return tuple(names[p] if i % 2 else p for i, p in enumerate(pieces))


def _core_xml(template: tuple[str, ...], letter: Letter, moment: datetime) -> bytes:
    values = {"title": _text(letter.subject[:250]), "author": _text(letter.signature),
              "language": _text(letter.language), "moment": moment.strftime(_W3CDTF)}
    return "".join(values[p] if i % 2 else p for i, p in enumerate(template)).encode("utf-8")


def _text(value: str) -> str:
    """Element text escaped as lxml escapes it (``&``, ``<``, ``>``, and CR as ``&#13;``)."""
    return escape(_XML_INVALID.sub("", value), {"\r": "&#13;"})


# -- The base document, taken apart once per process

@dataclass(frozen=True)
class _BasePackage:
    entries: tuple[_Entry | str, ...]  # in the base's order; a name marks a per-letter part
    document_head: bytes  # word/document.xml up to and including <w:body>
    document_tail: bytes  # the section properties, then </w:body></w:document>
    core: tuple[str, ...]  # docProps/core.xml as python-docx writes it, cut at its slots
    heads: dict[str, str]  # paragraph style name -> a paragraph's opening, with the style's id


PER_LETTER = ("word/document.xml", "docProps/core.xml")


@lru_cache(maxsize=1)
def _base_package() -> _BasePackage:
    data = base_document()
    doc = Document(io.BytesIO(data))
    heads = {style.name: f"<w:p><w:pPr><w:pStyle w:val={quoteattr(style.style_id)}/></w:pPr>"
             for style in doc.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    body = doc.element.body
    if [child.tag for child in body] != [qn("w:sectPr")]:
        raise AssertionError("the base document's body must hold only its section properties")
    marker = etree.Comment("letter")
    body.insert(0, marker)
    head, tail = serialize_part_xml(doc.element).split(b"<!--letter-->")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        entries = tuple(name if name in PER_LETTER else _Entry.of(name, archive.read(name), _PARTS_LEVEL)
                        for name in names)
        core = _core_template(archive.read("docProps/core.xml"))
    if set(PER_LETTER) - set(names):
        raise AssertionError("the base document lacks a part a letter fills in")
    return _BasePackage(entries, head, tail, core, heads)


def warm() -> None:
    """Build the base document now (a server calls this before taking requests)."""
    _base_package()


# -- A plain ZIP writer: the constant parts are compressed once, not for every letter

@dataclass(frozen=True)
class _Entry:
    """One file of the ZIP, compressed, with its header fields but the date and the offset."""

    name: bytes
    deflated: bytes
    head: bytes  # version, flags, method: before the date in both headers
    tail: bytes  # CRC, sizes, name length: after the date in both headers

    @classmethod
    def of(cls, name: str, data: bytes, level: int = 1) -> _Entry:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as in a ZIP
        deflated = compressor.compress(data) + compressor.flush()
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800  # bit 11: the name is UTF-8
        return cls(encoded, deflated, struct.pack("<HHH", 20, flags, 8),
                   struct.pack("<IIIH", zlib.crc32(data), len(deflated), len(data), len(encoded)))


_PARTS_LEVEL = 9  # the base's parts are compressed once: as small as zlib makes them


def _zip(entries: tuple[_Entry | str, ...], fill: dict[str, bytes], moment: datetime) -> bytes:
    """A ZIP (deflate, no data descriptors) of ``entries``, names filled from ``fill``."""
    # A ZIP date holds the years 1980 to 2107 only; a letter dated outside keeps the nearest.
    moment = min(max(moment, datetime(1980, 1, 1)), datetime(2107, 12, 31))
    stamp = struct.pack("<HH", (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2),
                        ((moment.year - 1980) << 9) | (moment.month << 5) | moment.day)
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for entry in entries:
        if isinstance(entry, str):
            entry = _Entry.of(entry, fill[entry])
        local = b"PK\x03\x04" + entry.head + stamp + entry.tail + b"\x00\x00" + entry.name
        directory.append(b"PK\x01\x02\x14\x03" + entry.head + stamp + entry.tail
                         + _CENTRAL_FIXED + struct.pack("<I", offset) + entry.name)
        out += (local, entry.deflated)
        offset += len(local) + len(entry.deflated)
    central = b"".join(directory)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(directory), len(directory),
                                        len(central), offset, 0)
    return b"".join(out) + central + end


# Made by version 2.0 on Unix (b"\x14\x03"); after the sizes: no extra field or comment,
# disk 0, no internal attributes, permissions rw------- (as Python's zipfile writes them).
_CENTRAL_FIXED = struct.pack("<HHHHI", 0, 0, 0, 0, 0o600 << 16)
