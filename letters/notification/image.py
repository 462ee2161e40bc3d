"""A page's picture made ready for Tesseract: lines across, straight, grey, at a size it reads well,
and measured for sharpness so a blurred photo is refused with a reason rather than misread.
"""

from __future__ import annotations

from collections.abc import Iterable

from PIL import Image, ImageFilter, ImageOps, ImageStat

TARGET_WIDTH = 2000  # about 240 dpi for an A4 page: body text reads well, and fast enough
MAX_WIDTH = 3000
MIN_WIDTH = 1400
SKEW_RANGE = 6  # degrees either way; a photo tilted more is taken again, not straightened
PROFILE_WIDTH = 400
SIDEWAYS_MARGIN = 1.2  # lines across must be this much clearer the other way round to turn the page
SHARPNESS_WIDTH = 800
INK_LEVEL = 128  # grey levels below this are ink (or a dark table), not paper
BLANK_INK = 0.001  # a page with less ink than this share of its pixels has nothing printed on it


def grey(image: Image.Image) -> Image.Image:
    """Grey, turned as the phone's EXIF tag says, at a width Tesseract reads well."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(flat, image)
    image = image.convert("L")
    if image.width < MIN_WIDTH or image.width > MAX_WIDTH:
        scale = TARGET_WIDTH / image.width
        image = image.resize((TARGET_WIDTH, max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
    return image


def _row_contrast(image: Image.Image) -> float:
    """How much the row averages vary: highest when the text lines lie flat."""
    rows = image.resize((1, image.height), Image.Resampling.BOX)
    return ImageStat.Stat(rows).var[0]


def _reduced(image: Image.Image) -> Image.Image:
    """A small copy of the middle of the printed part, ink bright on black, for profile measures.

    The printed part: a second page may hold three paragraphs at its top. Its middle only: in a
    photo, the edges of the sheet against the table vary far more than the lines of text,
    whichever way they run.
    """
    height = max(1, round(image.height * PROFILE_WIDTH / image.width))
    small = ImageOps.invert(image.resize((PROFILE_WIDTH, height), Image.Resampling.BOX))
    box = small.point(lambda v: 255 if v > 255 - INK_LEVEL else 0).getbbox()
    if box:
        small = small.crop(box)
    w, h = small.size
    return small.crop((w * 3 // 10, h // 5, w - w * 3 // 10, h - h // 5))


def _contrast(small: Image.Image, angle: float) -> float:
    return _row_contrast(small.rotate(angle, Image.Resampling.NEAREST) if angle else small)


def _best(small: Image.Image, angles: Iterable[float]) -> tuple[float, float]:
    """The angle among ``angles`` whose row averages vary most (the smaller on a tie), and that measure."""
    return max(((a, _contrast(small, a)) for a in angles), key=lambda ac: (ac[1], -abs(ac[0])))


def level(image: Image.Image) -> Image.Image:
    """Lines across and straight, by projection profiles on a small copy.

    The tilt is found to a degree both ways round, then to a quarter degree the way round
    whose lines are the clearer. A photo taken sideways is turned a quarter; Tesseract's own orientation
    detection (``--psm 1``) then tells upright from upside down, in the same call that reads
    the page.
    """
    small = _reduced(image)
    sideways = small.transpose(Image.Transpose.ROTATE_90)
    steps = range(-SKEW_RANGE, SKEW_RANGE + 1)
    coarse, contrast = _best(small, steps)
    coarse_sideways, contrast_sideways = _best(sideways, steps)
    if contrast_sideways > SIDEWAYS_MARGIN * contrast:
        image, small, coarse = image.transpose(Image.Transpose.ROTATE_90), sideways, coarse_sideways
    angle, _ = _best(small, [coarse + q * 0.25 for q in (-3, -2, -1, 0, 1, 2, 3)])
    if angle:
        image = image.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return image


def sharpness(image: Image.Image) -> float:
    """Variance of the Laplacian in the middle of the picture, at a fixed scale: low when a photo
    is blurred. The middle only: the sheet's edges against the table are sharp in any photo."""
    w, h = image.size
    middle = image.crop((w // 5, h // 5, w - w // 5, h - h // 5))
    small = middle.resize((SHARPNESS_WIDTH, max(1, round(middle.height * SHARPNESS_WIDTH / middle.width))),
                          Image.Resampling.BOX)
    edges = small.filter(ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=1, offset=128))
    return ImageStat.Stat(edges).var[0]


def blank(image: Image.Image) -> bool:
    """Nothing printed: a back page or an empty scan, not a blurred photo. Ink is what is much
    darker than the paper; a scanner's noise never is."""
    histogram = image.histogram()
    ink = sum(histogram[:INK_LEVEL])
    return ink < BLANK_INK * image.width * image.height

