"""A letter laid out on A4 pages, as ``pdf.css`` lays out the HTML article (and the DOCX its
paragraphs): the same margins, columns, sizes, spacings and page-break rules.

Each piece of text drawn carries the structure element it belongs to, so the PDF is tagged
for screen readers: the subject is the heading (H1), the body's headings H2, the requests and
the lists of enclosures and copies lists (L, LI, Lbl, LBody), everything else a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Letter
from ..typography import NB_HYPHEN, keep_citations_together
from .fonts import Face, face
from .lines import Line, break_lines

CM = 72 / 2.54
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4
TOP, RIGHT, BOTTOM, LEFT = 2 * CM, 2 * CM, 2 * CM, 2.5 * CM
WIDTH = PAGE_W - LEFT - RIGHT
SIZE, LEADING = 11.5, 1.3
FOOTER_SIZE = 9.5
COLUMN = 8.5 * CM  # the recipient and the signature, as in the DOCX
HANG = 0.8 * CM  # a request's text, and a list item's second line
DASH_AT = 0.4 * CM  # a list item's dash


@dataclass(eq=False)  # a node is itself: two empty paragraphs are not one
class Element:
    """A node of the PDF's structure tree; leaves get the marked content drawn for them."""

    role: str
    kids: list[Element] = field(default_factory=list)
    title: str = ""  # for the outline (bookmarks)
    numbering: str = ""  # a list's: Decimal for the requests, None for the dashes (PDF's ListNumbering)

    def add(self, role: str, title: str = "", numbering: str = "") -> Element:
        kid = Element(role, title=title, numbering=numbering)
        self.kids.append(kid)
        return kid


@dataclass(frozen=True)
class Text:
    """One line, or a list's label, drawn at (x, y) from the page's bottom-left corner."""

    element: Element | None  # None: an artifact (the page number)
    face: Face
    size: float
    x: float
    y: float
    text: str
    stretch: float = 0.0


@dataclass
class Box:
    """A paragraph's lines before they are placed, with its spacing and break rules."""

    lines: list[tuple[Line, Element]]
    face: Face
    size: float = SIZE
    top: float = 0.0
    bottom: float = 6.0  # p { margin: 0 0 6pt }
    left: float = 0.0
    keep_with_next: bool = False
    group: int | None = None  # boxes of one group stay on one page (the closing, the signature)
    label: tuple[str, float, Element] | None = None  # a list's dash or number, on the first line
    paragraph: bool = True  # a <p> of the article (what ``.subject + p`` spaces), not an address or heading

    @property
    def leading(self) -> float:
        return self.size * LEADING


@dataclass
class Page:
    texts: list[Text] = field(default_factory=list)


@dataclass
class Laid:
    """A letter laid out: its pages (numbered "1 / n" within the letter) and its structure."""

    letter: Letter
    pages: list[Page]
    root: Element


@dataclass(frozen=True)
class Spacing:
    """A box's margins above and below (they collapse with the neighbours') and its break rules."""

    top: float = 0.0
    bottom: float = 6.0  # p { margin: 0 0 6pt }
    keep_with_next: bool = False
    group: int | None = None


def _box(text: str, element: Element, spacing: Spacing = Spacing(), *, bold: bool = False,
         width: float = WIDTH, left: float = 0.0, align: str = "left", language: str | None = None,
         first_x: float = 0.0, rest_x: float = 0.0) -> Box:
    font = face("bold" if bold else "regular")
    lines = break_lines(keep_citations_together(text), font, SIZE, width, first_x=first_x, rest_x=rest_x,
                        align=align, language=language)
    return Box([(line, element) for line in lines], font, top=spacing.top, bottom=spacing.bottom, left=left,
               keep_with_next=spacing.keep_with_next, group=spacing.group)


def _lines_box(texts: list[str], element: Element, spacing: Spacing, *, left: float = 0.0,
               paragraph: bool = False) -> Box:
    """An address (not a paragraph) or the references (one): one line each (``<br>``), never
    justified."""
    font = face("regular")
    lines: list[tuple[Line, Element]] = []
    for text in texts:
        blank = [Line("", 0.0, 0.0, 0.0)]  # <br><br>: an empty line keeps its place
        cut = break_lines(keep_citations_together(text), font, SIZE, WIDTH - left) or blank
        lines += [(line, element) for line in cut]
    return Box(lines, font, top=spacing.top, bottom=spacing.bottom, left=left, paragraph=paragraph)


def _list_item(text: str, parent: Element, label: str, label_x: float, text_x: float,
               language: str | None, align: str) -> Box:
    item = parent.add("LI")
    lbl, body = item.add("Lbl"), item.add("LBody")
    box = _box(text, body, Spacing(bottom=0.0), first_x=text_x, rest_x=HANG, align=align, language=language)
    if not box.lines:  # an empty item still shows its number or dash
        box.lines = [(Line("", text_x, 0.0, 0.0), body)]
    box.label = (label, label_x, lbl)
    return box


def boxes(letter: Letter, root: Element) -> list[Box]:
    """The article of ``letter.html``, box by box, with the spacings of ``pdf.css``."""
    language = letter.language.split("-")[0] if letter.language else None
    regular = face("regular")
    dash_x = DASH_AT + regular.width("– ", SIZE)
    out: list[Box] = []
    p = root.add
    out.append(_lines_box([letter.sender.name, *letter.sender.lines, *letter.sender_contact], p("P"),
                          Spacing(bottom=SIZE * 1.3)))  # address { margin-bottom: 1.3em }
    if letter.recipient.name:
        out.append(_lines_box([letter.recipient.name, *letter.recipient.lines], p("P"), Spacing(bottom=0.0),
                              left=COLUMN))
    out.append(_box(letter.place_date, p("P"), Spacing(top=18.0, bottom=12.0), align="right"))
    if letter.mode:
        out.append(_box(letter.mode, p("P"), Spacing(bottom=12.0), bold=True))
    subject = f"{letter.subject_label} {letter.subject}"
    out.append(_box(subject, p("H1", title=subject), Spacing(bottom=0.0), bold=True))
    out[-1].paragraph = False
    spaced = [len(out)]  # .subject + p, .references + p: the paragraph after each, if it is one
    if letter.references:
        out.append(_lines_box(list(letter.references), p("P"), Spacing(), paragraph=True))
        spaced.append(len(out))
    if letter.salutation:
        out.append(_box(letter.salutation, p("P"), align="justify", language=language))
    listed: tuple[str, Element] | None = None  # the list the last requests or items are in
    for block in letter.body:
        if block.style in ("request", "item"):
            request = block.style == "request"
            if listed is None or listed[0] != block.style:
                listed = (block.style, p("L", numbering="Decimal" if request else "None"))
            # A request is justified and hyphenated (.request); an item, a <p class>, is neither.
            label, at, text_x, align, words = ((f"{block.number}.", 0.0, HANG, "justify", language) if request
                                               else ("–", DASH_AT, dash_x, "left", None))
            box = _list_item(block.text, listed[1], label, at, text_x, words, align)
            box.bottom = 6.0  # each is a <p>
            out.append(box)
            continue
        listed = None
        if block.style == "heading":
            heading = Spacing(top=10.0, keep_with_next=True)  # h2 { margin: 10pt 0 6pt; break-after: avoid }
            out.append(_box(block.text, p("H2", title=block.text), heading, bold=True))
            out[-1].paragraph = False
        else:
            out.append(_box(block.text, p("P"), align="justify", language=language))
    closing = len(out)
    if letter.politeness:
        out.append(_box(letter.politeness, p("P"), Spacing(group=closing), align="justify",
                        language=language))
    if letter.signature:
        out.append(_box(letter.signature, p("P"), Spacing(top=18.0, bottom=36.0, group=closing),
                        width=WIDTH - COLUMN, left=COLUMN))
    for title, items in ((letter.enclosures_label, letter.enclosures), (letter.copies_label, letter.copies)):
        if items:
            out.append(_box(title, p("P"), Spacing(bottom=0.0, keep_with_next=True), bold=True))
            items_list = p("L", numbering="None")
            for x in items:
                out.append(_list_item(x, items_list, "–", DASH_AT, dash_x, None, "left"))
            out[-1].bottom = 6.0  # ul { margin: 0 0 6pt }
    for at in spaced:
        if at < len(out) and out[at].paragraph:
            out[at].top, out[at].bottom = 14.0, 8.0
    return out


class _Flow:
    """Places boxes down the pages: margins collapse, a page's first box loses its top margin,
    two lines at least on each side of a page break, a heading stays with what follows it, a
    group (the closing formula and the signature) is never split."""

    def __init__(self) -> None:
        self.pages: list[Page] = [Page()]
        self.y = PAGE_H - TOP  # top of the next line box
        self.pending = 0.0  # the bottom margin of the box above
        self.fresh = True

    def room(self) -> float:
        return self.y - BOTTOM

    def gap(self, box: Box) -> float:
        return 0.0 if self.fresh else max(self.pending, box.top)

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y, self.pending, self.fresh = PAGE_H - TOP, 0.0, True

    def draw(self, box: Box, lines: list[tuple[Line, Element]], first: bool) -> None:
        self.y -= self.gap(box)
        font, size = box.face, box.size
        ascent, height = font.ascent * size / font.units, (font.ascent - font.descent) * size / font.units
        baseline = (box.leading - height) / 2 + ascent  # the half-leading above the glyphs' box
        for n, (line, element) in enumerate(lines):
            y = self.y - baseline
            if first and n == 0 and box.label is not None:
                label, x, lbl = box.label
                self.pages[-1].texts.append(Text(lbl, font, size, LEFT + box.left + x, y, label))
            if line.text:  # an empty line (a blank address line, an empty item) keeps its place only
                self.pages[-1].texts.append(Text(element, font, size, LEFT + box.left + line.x, y,
                                                 printable(line.text), line.stretch))
            self.y -= box.leading
        self.pending, self.fresh = box.bottom, False

    def place(self, boxes: list[Box]) -> None:
        i = 0
        while i < len(boxes):
            box = boxes[i]
            group = [b for b in boxes[i:] if box.group is not None and b.group == box.group] or [box]
            need = self._height(group)
            if box.keep_with_next and i + 1 < len(boxes):
                after = boxes[i + 1]  # its first two lines, or all of it if it cannot be cut (2 + 2)
                kept = len(after.lines) if len(after.lines) < 4 else 2
                need += max(box.bottom, after.top) + kept * after.leading
            if need <= self.room() + 0.01 or self.fresh and len(group) > 1:
                for b in group:
                    self.draw(b, b.lines, True)
                i += len(group)
                continue
            if len(group) == 1 and not box.keep_with_next and self._split(box):
                i += 1
                continue
            if self.fresh:  # taller than a page on its own: let it run over
                self._split(box, starts_page=True)
                i += 1
                continue
            self.new_page()

    def _height(self, group: list[Box]) -> float:
        total = self.gap(group[0]) + len(group[0].lines) * group[0].leading
        for above, box in zip(group, group[1:], strict=False):
            total += max(above.bottom, box.top) + len(box.lines) * box.leading
        return total

    def _split(self, box: Box, starts_page: bool = False) -> bool:
        """Part of the box here, the rest on the next page(s), two lines at least on each side of
        each break; False (nothing drawn) when that leaves fewer than two here. A box that
        starts a page (a group taller than a page) goes on whatever the rules."""
        lines, first = box.lines, True
        while lines:
            fit = int((self.room() - self.gap(box) + 0.01) // box.leading)
            if fit >= len(lines):
                self.draw(box, lines, first)
                return True
            keep = min(fit, len(lines) - 2)  # widows
            if keep < 2:  # orphans
                if first and not starts_page:
                    return False
                keep = max(1, min(fit, len(lines) - 1))
            self.draw(box, lines[:keep], first)
            lines, first = lines[keep:], False
            self.new_page()
        return True


def lay_out(letter: Letter) -> Laid:
    root = Element("Art")
    flow = _Flow()
    flow.place(boxes(letter, root))
    footer = face("regular")
    total = len(flow.pages)
    for n, page in enumerate(flow.pages, 1):
        number = f"{n} / {total}"
        width = footer.width(number, FOOTER_SIZE)
        leading = FOOTER_SIZE * LEADING
        top = PAGE_H - BOTTOM + (BOTTOM - leading) / 2  # the bottom margin box, text centred in it
        ascent = footer.ascent * FOOTER_SIZE / footer.units
        descent = -footer.descent * FOOTER_SIZE / footer.units
        baseline = top + (leading - ascent - descent) / 2 + ascent
        x = LEFT + (WIDTH - width) / 2
        page.texts.append(Text(None, footer, FOOTER_SIZE, x, PAGE_H - baseline, number))
    return Laid(letter, flow.pages, root)


def printable(text: str) -> str:
    """What the PDF draws: a citation's non-breaking hyphen (it kept the line breaker from
    cutting there) as the hyphen every font has and people type."""
    return text.replace(NB_HYPHEN, "-")
