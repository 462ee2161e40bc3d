"""Letters laid out (``pages.Laid``) -> the bytes of one tagged PDF (PDF/UA-1).

What a screen reader and a text copy need is here: a structure tree in reading order, every
character mapped back to Unicode (each character its own code, so a hyphen that ends a cut
line reads as one), the document's language and title, the page numbers marked as artifacts,
and an outline of subjects and headings. The fonts are embedded as subsets. Nothing varies
but the letters: the same letters give the same bytes.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

from ...model import Letter
from .fonts import Face, subset
from .pages import PAGE_H, PAGE_W, Element, Laid


class _Objects:
    """The file's numbered objects, serialised as they are added."""

    def __init__(self) -> None:
        self.bodies: list[bytes | None] = []

    def reserve(self) -> int:
        self.bodies.append(None)
        return len(self.bodies)

    def put(self, number: int, body: str | bytes) -> int:
        self.bodies[number - 1] = body.encode("latin-1") if isinstance(body, str) else body
        return number

    def add(self, body: str | bytes) -> int:
        return self.put(self.reserve(), body)

    def stream(self, data: bytes, extra: str = "", compress: bool = True, number: int | None = None) -> int:
        if compress:
            data = zlib.compress(data, 6)
            extra += " /Filter /FlateDecode"
        body = f"<< /Length {len(data)}{extra} >>\nstream\n".encode("latin-1") + data + b"\nendstream"
        return self.put(number or self.reserve(), body)

    def file(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.bodies, 1):
            offsets.append(len(out))
            out += f"{n} 0 obj\n".encode() + (body or b"null") + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{at:010d} 00000 n \n".encode() for at in offsets)
        out += (f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R /Info {info} 0 R >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)


def _string(text: str) -> str:
    """A PDF text string: UTF-16BE with its byte order mark, in hexadecimal."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _name(text: str) -> str:
    return "/" + "".join(c if c.isalnum() or c in "-_" else f"#{ord(c):02X}" for c in text)


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _FontUse:
    """One face as this file uses it: a code for each character drawn, in a stable order."""

    def __init__(self, face: Face, key: str) -> None:
        self.face, self.key = face, key
        self.chars: dict[str, int] = {}

    def prepare(self, texts: list[str]) -> None:
        for char in sorted({c for text in texts for c in text}):
            self.chars[char] = len(self.chars) + 1

    def encode(self, text: str) -> str:
        return "".join(f"{self.chars[c]:04X}" for c in text)

    def write(self, objects: _Objects) -> int:
        face = self.face
        gids = [face.glyph_of[ord(c)] for c in self.chars]
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(
            (face.postscript_name + ",".join(map(str, gids))).encode()).digest()[:6])
        name = f"{tag}+{face.postscript_name}"
        scale = 1000 / face.units
        program = objects.stream(subset(face.path, set(gids)))
        box = " ".join(_number(v * scale) for v in face.bbox)
        descriptor = objects.add(
            f"<< /Type /FontDescriptor /FontName {_name(name)} /Flags 34 /FontBBox [{box}] /ItalicAngle 0"
            f" /Ascent {_number(face.ascent * scale)} /Descent {_number(face.descent * scale)}"
            f" /CapHeight {_number(face.cap_height * scale)} /StemV {140 if face.bold else 80}"
            f" /FontFile2 {program} 0 R >>")
        to_gid = objects.stream(b"\0\0" + b"".join(g.to_bytes(2, "big") for g in gids))
        widths = " ".join(str(round(face.advances[g] * scale)) for g in gids)
        cid_font = objects.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {_name(name)}"
            f" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            f" /FontDescriptor {descriptor} 0 R /DW 0 /W [1 [{widths}]] /CIDToGIDMap {to_gid} 0 R >>")
        unicode_map = objects.stream(_to_unicode(self.chars))
        return objects.add(f"<< /Type /Font /Subtype /Type0 /BaseFont {_name(name)} /Encoding /Identity-H"
                           f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {unicode_map} 0 R >>")


def _to_unicode(chars: dict[str, int]) -> bytes:
    entries = [f"<{code:04X}> <{char.encode('utf-16-be').hex().upper()}>" for char, code in chars.items()]
    blocks = []
    for i in range(0, len(entries), 100):
        part = entries[i:i + 100]
        blocks.append(f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


def _shown(text: str, stretch: float, size: float, font: _FontUse) -> str:
    """The line as a TJ array: a justified line's extra space added after each of its spaces."""
    if not stretch:
        return f"[<{font.encode(text)}>] TJ"
    gap = _number(-stretch * 1000 / size)
    words = text.split(" ")
    parts = [f"<{font.encode(w + (' ' if i < len(words) - 1 else ''))}>" for i, w in enumerate(words)]
    return "[" + f" {gap} ".join(parts) + "] TJ"


def _metadata(title: str, author: str, language: str, day: str) -> bytes:
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt></dc:title>
{f"<dc:creator><rdf:Seq><rdf:li>{_xml(author)}</rdf:li></rdf:Seq></dc:creator>" if author else ""}
<dc:language><rdf:Bag><rdf:li>{_xml(language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmp:CreateDate="{day}" xmp:ModifyDate="{day}"/>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>""".encode()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write(laid: Sequence[Laid], letters: Sequence[Letter]) -> bytes:
    """One PDF of these letters, each starting on its own page, numbered within itself."""
    objects = _Objects()
    pages = [(page, one) for one in laid for page in one.pages]
    fonts: dict[str, _FontUse] = {}
    for page, _ in pages:
        for text in page.texts:
            key = text.face.postscript_name
            fonts.setdefault(key, _FontUse(text.face, f"F{len(fonts) + 1}"))
    for use in fonts.values():
        use.prepare([t.text for page, _ in pages for t in page.texts
                     if t.face.postscript_name == use.face.postscript_name])
    font_refs = {key: use.write(objects) for key, use in fonts.items()}
    named = " ".join(f"/{use.key} {font_refs[k]} 0 R" for k, use in fonts.items())
    resources = f"<< /Font << {named} >> >>"

    tree = objects.reserve()
    page_tree = objects.reserve()
    page_numbers = [objects.reserve() for _ in pages]
    element_numbers: dict[int, int] = {}
    marks: dict[int, list[tuple[int, int]]] = {}  # element -> (page index, MCID)
    parents: list[list[int]] = []  # per page: the element of each MCID
    first_seen: dict[int, tuple[int, float]] = {}

    def number_of(element: Element) -> int:
        if id(element) not in element_numbers:
            element_numbers[id(element)] = objects.reserve()
        return element_numbers[id(element)]

    for index, ((page, _), number) in enumerate(zip(pages, page_numbers, strict=True)):
        ops: list[str] = []
        owners: list[int] = []
        current: Element | None | bool = False  # False: no marked content open
        for text in page.texts:
            if text.element is not current:
                if current is not False:
                    ops.append("EMC")
                if text.element is None:
                    ops.append("/Artifact << /Type /Pagination /Subtype /Footer >> BDC")
                else:
                    mcid = len(owners)
                    owners.append(number_of(text.element))
                    marks.setdefault(id(text.element), []).append((index, mcid))
                    first_seen.setdefault(id(text.element), (index, text.y + text.size))
                    ops.append(f"/{text.element.role} << /MCID {mcid} >> BDC")
                current = text.element
            font = fonts[text.face.postscript_name]
            at = f"1 0 0 1 {_number(text.x)} {_number(text.y)} Tm"
            shown = _shown(text.text, text.stretch, text.size, font)
            ops.append(f"BT /{font.key} {_number(text.size)} Tf {at} {shown} ET")
        if current is not False:
            ops.append("EMC")
        parents.append(owners)
        content = objects.stream("\n".join(ops).encode("latin-1"))
        objects.put(number, f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 {_number(PAGE_W)}"
                            f" {_number(PAGE_H)}] /Resources {resources} /Contents {content} 0 R"
                            f" /StructParents {index} /Tabs /S >>")
    objects.put(page_tree, f"<< /Type /Pages /Kids [{' '.join(f'{n} 0 R' for n in page_numbers)}]"
                           f" /Count {len(pages)} >>")

    def put_element(element: Element, parent: int, language: str) -> int:
        number = number_of(element)
        kids = [f"{put_element(kid, number, '')} 0 R" for kid in element.kids]
        kids += [f"<< /Type /MCR /Pg {page_numbers[page]} 0 R /MCID {mcid} >>"
                 for page, mcid in marks.get(id(element), [])]
        lang = f" /Lang {_string(language)}" if language else ""
        numbering = f" /A << /O /List /ListNumbering /{element.numbering} >>" if element.numbering else ""
        objects.put(number, f"<< /Type /StructElem /S /{element.role} /P {parent} 0 R{lang}{numbering}"
                            f" /K [{' '.join(kids)}] >>")
        return number

    document = objects.reserve()
    arts = [put_element(one.root, document, one.letter.language) for one in laid]
    objects.put(document, f"<< /Type /StructElem /S /Document /P {tree} 0 R"
                          f" /K [{' '.join(f'{n} 0 R' for n in arts)}] >>")
    nums = " ".join(f"{i} [{' '.join(f'{n} 0 R' for n in owners)}]" for i, owners in enumerate(parents))
    parent_tree = objects.add(f"<< /Nums [{nums}] >>")
    objects.put(tree, f"<< /Type /StructTreeRoot /K [{document} 0 R] /ParentTree {parent_tree} 0 R"
                      f" /ParentTreeNextKey {len(pages)} >>")

    first = letters[0]
    title = first.subject if len(letters) == 1 else " – ".join(x.title for x in letters)
    day = first.written.isoformat()
    outline = _outline(objects, laid, page_numbers, first_seen)
    xmp = objects.stream(_metadata(title, first.signature, first.language, day),
                         " /Type /Metadata /Subtype /XML", compress=False)
    stamp = "D:" + first.written.strftime("%Y%m%d")
    author = f" /Author {_string(first.signature)}" if first.signature else ""
    info = objects.add(f"<< /Title {_string(title)}{author} /CreationDate ({stamp}) /ModDate ({stamp}) >>")
    root = objects.add(f"<< /Type /Catalog /Pages {page_tree} 0 R /StructTreeRoot {tree} 0 R"
                       f" /MarkInfo << /Marked true >> /Lang {_string(first.language)} /Metadata {xmp} 0 R"
                       f" /ViewerPreferences << /DisplayDocTitle true >>{outline} >>")
    return objects.file(root, info)


def _outline(objects: _Objects, laid: Sequence[Laid], page_numbers: list[int],
             first_seen: dict[int, tuple[int, float]]) -> str:
    """Bookmarks: each letter's subject, and under it the letter's headings."""
    entries: list[tuple[Element, list[Element]]] = []
    for one in laid:
        headings = [kid for kid in one.root.kids if kid.role in ("H1", "H2") and id(kid) in first_seen]
        subject = next((h for h in headings if h.role == "H1"), None)
        if subject is not None:
            entries.append((subject, [h for h in headings if h.role == "H2"]))
    if not entries:
        return ""
    root = objects.reserve()

    def level(items: list[tuple[Element, list[Element]]], parent: int) -> tuple[int, int, int]:
        numbers = [objects.reserve() for _ in items]
        total = 0
        for i, ((element, children), number) in enumerate(zip(items, numbers, strict=True)):
            page, top = first_seen[id(element)]
            fields = [f"/Title {_string(element.title)}", f"/Parent {parent} 0 R",
                      f"/Dest [{page_numbers[page]} 0 R /XYZ 0 {_number(top)} 0]"]
            if i:
                fields.append(f"/Prev {numbers[i - 1]} 0 R")
            if i + 1 < len(numbers):
                fields.append(f"/Next {numbers[i + 1]} 0 R")
            if children:
                first, last, count = level([(c, []) for c in children], number)
                fields += [f"/First {first} 0 R", f"/Last {last} 0 R", f"/Count {count}"]
                total += count
            objects.put(number, "<< " + " ".join(fields) + " >>")
            total += 1
        return numbers[0], numbers[-1], total

    first, last, count = level(entries, root)
    objects.put(root, f"<< /Type /Outlines /First {first} 0 R /Last {last} 0 R /Count {count} >>")
    return f" /Outlines {root} 0 R"
