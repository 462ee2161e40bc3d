"""The letter's two faces (Liberation Serif, regular and bold): their metrics, and a subset of
each to embed in a PDF.

The metrics are read once per process with fontTools. The subset is cut here, from the font's
own bytes: only the outlines of the glyphs a document draws are kept, every glyph keeps its
number, and the tables a PDF viewer needs come along unchanged. fontTools' general subsetter
takes about 35 ms a face; this takes well under one, which is what a batch of a thousand
letters needs.
"""

from __future__ import annotations

import shutil
import struct
import subprocess  # nosec B404  # fc-match, with fixed arguments
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FACES = {"regular": "Liberation Serif", "bold": "Liberation Serif:bold"}
# Where Debian's fonts-liberation2 puts them, if Fontconfig cannot be asked.
KNOWN = {"regular": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
         "bold": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"}
# Tables a TrueType outline font embedded in a PDF (FontFile2) needs, as the PDF spec lists
# them, but the hinting (cvt, fpgm, prep and each glyph's instructions): it tunes the outlines
# to a screen's pixels, which PDF viewers do without, and is a third of the glyphs' bytes.
KEPT = (b"head", b"hhea", b"hmtx", b"maxp")
# Composite glyph flags (the glyf table's spec): what follows each component's glyph index.
_WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0008, 0x0040, 0x0080
_MORE, _INSTRUCTIONS = 0x0020, 0x0100


@dataclass(frozen=True)
class Face:
    """One font file: the glyph of each character, the advance widths, the vertical metrics."""

    path: Path
    postscript_name: str
    units: int  # units per em
    glyph_of: dict[int, int]  # code point -> glyph id
    advances: tuple[int, ...]  # glyph id -> advance, in font units
    ascent: int
    descent: int  # negative, as in hhea
    cap_height: int
    bbox: tuple[int, int, int, int]
    bold: bool

    def covers(self, char: str) -> bool:
        return ord(char) in self.glyph_of

    def width(self, text: str, size: float) -> float:
        """The advance of ``text`` at ``size`` points (no kerning, as the PDF draws it)."""
        glyph, advances = self.glyph_of, self.advances
        return sum(advances[glyph[ord(c)]] for c in text) * size / self.units


def _font_file(face: str) -> Path:
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", FACES[face]],  # nosec B603 B607
                               capture_output=True, text=True, check=False).stdout.strip()
        if found.endswith(".ttf") and "LiberationSerif" in Path(found).name:
            return Path(found)
    if Path(KNOWN[face]).is_file():
        return Path(KNOWN[face])
    raise FileNotFoundError(f"{FACES[face]} is not installed (Debian: fonts-liberation2)")


@lru_cache(maxsize=2)
def face(name: str) -> Face:
    from fontTools.ttLib import TTFont

    path = _font_file(name)
    font = TTFont(str(path))
    cmap = dict(font.getBestCmap())
    cmap.setdefault(0x2011, cmap[0x2D])  # the non-breaking hyphen is drawn as the hyphen
    order = {glyph: gid for gid, glyph in enumerate(font.getGlyphOrder())}
    metrics = font["hmtx"].metrics
    head = font["head"]
    return Face(path=path, postscript_name=font["name"].getDebugName(6) or path.stem,
                units=head.unitsPerEm,
                glyph_of={code: order[glyph] for code, glyph in cmap.items()},
                advances=tuple(metrics[glyph][0] for glyph in font.getGlyphOrder()),
                ascent=font["hhea"].ascent, descent=font["hhea"].descent,
                cap_height=getattr(font["OS/2"], "sCapHeight", font["hhea"].ascent),
                bbox=(head.xMin, head.yMin, head.xMax, head.yMax), bold=name == "bold")


@lru_cache(maxsize=2)
def _tables(path: Path) -> dict[bytes, bytes]:
    data = path.read_bytes()
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = data[offset:offset + length]
    return tables


def _glyph_offsets(tables: dict[bytes, bytes]) -> list[int]:
    glyphs = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    long = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
    if long:
        return list(struct.unpack_from(f">{glyphs + 1}I", tables[b"loca"]))
    return [2 * x for x in struct.unpack_from(f">{glyphs + 1}H", tables[b"loca"])]


def _components(glyph: bytes) -> tuple[list[int], bytes]:
    """The glyphs a composite glyph is drawn from (an accented letter: the letter, the accent),
    and the glyph without its hinting instructions."""
    if len(glyph) < 10:
        return [], glyph
    contours = struct.unpack_from(">h", glyph, 0)[0]
    if contours >= 0:  # a simple glyph: its instructions follow the contours' end points
        at = 10 + 2 * contours
        length = struct.unpack_from(">H", glyph, at)[0]
        points = struct.unpack_from(">H", glyph, at - 2)[0] + 1 if contours else 0
        outline = glyph[at + 2 + length:]
        return [], glyph[:at] + b"\0\0" + outline[:_outline_size(outline, points)]
    found, at = [], 10
    out = bytearray(glyph)
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, at)
        struct.pack_into(">H", out, at, flags & ~_INSTRUCTIONS)
        found.append(gid)
        at += 4 + (4 if flags & _WORDS else 2)
        at += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            return found, bytes(out[:at])


def _outline_size(data: bytes, points: int) -> int:
    """The bytes of a simple glyph's flags and coordinates (what follows them is padding)."""
    flags: list[int] = []
    at = 0
    while len(flags) < points:
        flag = data[at]
        at += 1
        repeat = 1
        if flag & 0x08:  # REPEAT_FLAG: the next byte says how many times more
            repeat += data[at]
            at += 1
        flags += [flag] * repeat
    for short, same in ((0x02, 0x10), (0x04, 0x20)):  # x, then y: a byte, none, or two
        at += sum(1 if f & short else 0 if f & same else 2 for f in flags[:points])
    return at


def subset(path: Path, glyphs: set[int]) -> bytes:
    """The font with only these glyphs' outlines (and .notdef's); glyph ids unchanged."""
    tables = _tables(path)
    offsets = _glyph_offsets(tables)
    glyf = tables[b"glyf"]
    keep: dict[int, bytes] = {}
    todo = {0, *glyphs}
    while todo:
        gid = todo.pop()
        if gid in keep or gid + 1 >= len(offsets):
            continue
        parts_of, keep[gid] = _components(glyf[offsets[gid]:offsets[gid + 1]])
        todo.update(parts_of)
    parts, loca, at = [], [], 0
    for gid in range(len(offsets) - 1):
        loca.append(at)
        if gid in keep:
            outline = keep[gid] + b"\0" * (-len(keep[gid]) % 4)
            parts.append(outline)
            at += len(outline)
    loca.append(at)
    head = bytearray(tables[b"head"])
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, recomputed below
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    out = {tag: tables[tag] for tag in KEPT if tag in tables}
    out.update({b"head": bytes(head), b"glyf": b"".join(parts),
                b"loca": struct.pack(f">{len(loca)}I", *loca)})
    return _font_bytes(out)


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return int(sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF)


def _font_bytes(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)
    records, body, at = [], [], 12 + 16 * count
    for tag in tags:
        data = tables[tag]
        records.append(struct.pack(">4sIII", tag, _checksum(data), at, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        at += len(padded)
    font = bytearray(header + b"".join(records) + b"".join(body))
    head_at = 12 + 16 * count + sum(len(b) for tag, b in zip(tags, body, strict=True) if tag < b"head")
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
