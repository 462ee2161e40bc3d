"""Write the synthetic notifications of samples.py as a person would hand them to Recours.

For each notification: the PDF a body's online account gives (text layer), a scan (grey
pages at 200 dpi, slightly skewed, with noise, in a PDF as a scanner makes it) and, for
one-page letters, a phone photo (turned, in perspective, unevenly lit, blurred a little, JPEG
at low quality). Beside them, ``<name>.truth.json``: the fields and missing mentions.

Deterministic: the random draws are seeded by the notification's name, so running it again
gives the same pictures. Run from the repository's root:
``.venv/bin/python -m tests.notifications.make_samples``.
"""

from __future__ import annotations

import html
import io
import json
import random
import time
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter, ImageOps
from weasyprint import HTML

from .samples import NOTIFICATIONS, Notification

HERE = Path(__file__).parent
SCAN_DPI = 200
PHOTO_DPI = 170  # a 12-megapixel phone photo of a whole A4 page, once downscaled for sending

CSS = """
@page { size: A4; margin: 18mm 20mm 20mm 22mm; }
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; }
.head p, .refs p, .to p { margin: 0; }
.head p:first-child { font-weight: bold; font-size: 12pt; }
.place { text-align: right; margin: 8mm 0 4mm; }
.refs { margin-bottom: 8mm; }
.to { margin-left: 95mm; margin-bottom: 12mm; }
.subject { font-weight: bold; margin-bottom: 6mm; }
p { margin: 0 0 3.2mm; text-align: left; }
.page { page-break-before: always; }
"""


def lines(items, cls: str = "") -> str:
    return f'<div class="{cls}">' + "".join(f"<p>{html.escape(x)}</p>" for x in items) + "</div>"


def letter_html(n: Notification) -> str:
    head = (lines(n.letterhead, "head") + f'<p class="place">{html.escape(n.place_date)}</p>'
            + lines(n.references, "refs") + lines(n.addressee, "to")
            + f'<p class="subject">{html.escape(n.subject)}</p>')
    pages = [lines(page, "page" if i else "") for i, page in enumerate(n.pages)]
    return f"<html lang='fr'><head><style>{CSS}</style></head><body>{head}{''.join(pages)}</body></html>"


def text_pdf(n: Notification) -> bytes:
    document = HTML(string=letter_html(n)).render()
    document.metadata.title = None
    document.metadata.created = document.metadata.modified = "2026-11-01T00:00:00Z"
    return document.write_pdf()


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def tilt(rng: random.Random, least: float, most: float) -> float:
    """An angle in degrees, either way, never so small that straightening it goes untested."""
    return rng.choice((-1, 1)) * rng.uniform(least, most)


def noise(size: tuple[int, int], rng: random.Random, spread: int) -> Image.Image:
    """Grey noise centred on 128, from seeded random bytes (Pillow's own noise is not seedable)."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return raw.point(lambda v: 128 + (v - 128) * spread // 128)


def scanned(page: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan: the sheet a little askew, toner and sensor noise, a grey background."""
    page = page.rotate(tilt(rng, 0.5, 1.8), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=250)
    page = ImageChops.add(page, noise(page.size, rng, 22), scale=1, offset=-128)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    return page.point(lambda v: 18 + v * 220 // 255)  # never pure black nor pure white


def scan_pdf(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    day = time.strptime("2026-11-01", "%Y-%m-%d")  # fixed, so the file is the same on every run
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=SCAN_DPI, quality=55,
                  creationDate=day, modDate=day)
    return out.getvalue()


def perspective_coefficients(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """The 8 coefficients Pillow's PERSPECTIVE transform takes, mapping ``dst`` corners back to ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    # Gaussian elimination with partial pivoting on the 8x8 system.
    m = [row + [b] for row, b in zip(rows, rhs, strict=True)]
    for col in range(8):
        pivot = max(range(col, 8), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(8):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col], strict=True)]
    return [m[i][8] / m[i][i] for i in range(8)]


def photographed(page: Image.Image, rng: random.Random, turn: int) -> Image.Image:
    """A phone photo of the sheet on a table: perspective, a tilt, a quarter turn, uneven light."""
    w, h = page.size
    margin = int(w * 0.1)
    canvas = Image.new("L", (w + 2 * margin, h + 2 * margin), 95)  # the table, darker than paper
    canvas.paste(page, (margin, margin))
    cw, ch = canvas.size
    j = lambda: rng.uniform(0, 0.035) * cw  # noqa: E731  each corner moves on its own
    dst = [(j(), j()), (cw - j(), j()), (cw - j(), ch - j()), (j(), ch - j())]
    src = [(0, 0), (cw, 0), (cw, ch), (0, ch)]
    canvas = canvas.transform(canvas.size, Image.Transform.PERSPECTIVE, perspective_coefficients(src, dst),
                              Image.Resampling.BICUBIC, fillcolor=95)
    canvas = canvas.rotate(tilt(rng, 1.5, 4.5), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=95)
    # Light from one side: a gradient from 100 % down to about 60 % of the brightness.
    light = Image.linear_gradient("L").resize(canvas.size).point(lambda v: 255 - v * 100 // 255)
    if rng.random() < 0.5:
        light = light.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    light = light.rotate(rng.choice((0, 90)), expand=False)
    canvas = ImageChops.multiply(canvas, light)
    canvas = ImageChops.add(canvas, noise(canvas.size, rng, 14), scale=1, offset=-128)
    canvas = canvas.filter(ImageFilter.GaussianBlur(0.9))
    warm = (canvas, canvas.point(lambda v: v * 97 // 100), canvas.point(lambda v: v * 90 // 100))
    color = Image.merge("RGB", warm)
    return color.rotate(turn, expand=True) if turn else color


def jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def truth(n: Notification) -> dict:
    return {"fields": n.truth, "missing_mentions": sorted(n.missing), "pages": len(n.pages)}


def write_all() -> list[Path]:
    written = []

    def put(name: str, data: bytes) -> None:
        (HERE / name).write_bytes(data)
        written.append(HERE / name)

    turns = iter((90, 180, 0, 270, 180, 90))
    for n in NOTIFICATIONS:
        rng = random.Random(n.name)
        pdf = text_pdf(n)
        put(f"{n.name}.pdf", pdf)
        put(f"{n.name}.scan.pdf", scan_pdf([scanned(p, rng) for p in rasterise(pdf, SCAN_DPI)]))
        if n.photo:
            [page] = rasterise(pdf, PHOTO_DPI)
            put(f"{n.name}.photo.jpg", jpeg(ImageOps.autocontrast(photographed(page, rng, next(turns))), 40))
        put(f"{n.name}.truth.json", (json.dumps(truth(n), ensure_ascii=False, indent=2) + "\n").encode())
    return written


if __name__ == "__main__":
    files = write_all()
    total = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {total / 1e6:.2f} MB")
