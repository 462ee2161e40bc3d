"""Files a person may hand in instead of a readable notification get a clear reason; reading
one writes nothing to disk and logs nothing of it; the command line prints what was read."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFilter

from letters.__main__ import main
from letters.notification import UnreadableNotification, files, ocr, read_notification, read_text

from .notifications.accuracy import HERE
from .test_privacy import _RECORDING, _WRITES

ROOT = HERE.parent.parent
PHOTO = HERE / "cpam-c2s-refus.photo.jpg"
TEXT_PDF = HERE / "caf-indu-prime-activite.pdf"


def refused(data: bytes, name: str | None = None) -> UnreadableNotification:
    with pytest.raises(UnreadableNotification) as caught:
        read_notification(data, name)
    return caught.value


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()


def blank_pdf(pages: int) -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def test_an_empty_file_is_refused():
    error = refused(b"")
    assert error.code == "empty" and "vide" in error.message


def test_a_file_that_is_not_an_image_a_pdf_or_text_is_refused_and_named_by_its_extension():
    assert refused(b"PK\x03\x04\x00\x00\x08\x00", "lettre.docx").message.startswith(
        "Les fichiers « .docx » ne sont pas lus")
    error = refused(os.urandom(64) + b"\x00")
    assert error.code == "not_supported" and "JPEG ou PNG" in error.message


def test_a_file_too_large_is_refused_and_the_limit_is_said():
    error = refused(b"%PDF-1.7\n" + b"0" * files.MAX_BYTES)
    assert error.code == "too_large" and "10 Mo au plus" in error.message


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded():
    out = io.BytesIO()
    Image.new("L", (8000, 7000), 255).save(out, "PNG")
    error = refused(out.getvalue())
    assert error.code == "too_large" and "50 millions de points" in error.message


def test_a_document_of_too_many_pages_is_refused_with_its_count_and_the_limit():
    error = refused(blank_pdf(files.MAX_PAGES + 1))
    assert error.code == "too_many_pages"
    assert error.message.startswith("Le document a 11 pages : Recours en lit 10 au plus.")


def test_a_damaged_pdf_or_a_cut_photo_is_refused():
    assert refused(b"%PDF-1.4\nnothing else").code == "damaged"
    assert refused(PHOTO.read_bytes()[:2000]).code == "damaged"


def test_a_photo_cut_short_is_refused_even_once_the_pdf_renderer_has_relaxed_pillow():
    """WeasyPrint makes Pillow accept truncated images; the reader must not read half a letter."""
    import weasyprint  # noqa: F401  sets ImageFile.LOAD_TRUNCATED_IMAGES = True
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    assert refused(PHOTO.read_bytes()[: len(PHOTO.read_bytes()) * 2 // 3]).code == "damaged"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it


def test_a_blurred_photo_is_refused_as_too_blurred():
    blurred = Image.open(PHOTO).filter(ImageFilter.GaussianBlur(4))
    error = refused(jpeg(blurred), "photo.jpg")
    assert error.code == "too_blurred"
    assert error.message.startswith("La photo de la page 1 est trop floue pour être lue.")


def test_a_sharp_picture_without_text_says_no_text_was_found():
    picture = Image.new("L", (1600, 2200), 235)
    draw = ImageDraw.Draw(picture)
    for x in range(0, 1600, 40):  # sharp stripes: not blurred, but nothing to read
        draw.rectangle((x, 300, x + 8, 1900), fill=20)
    assert refused(jpeg(picture)).code == "no_text"


def test_a_pdf_without_any_text_is_refused_rather_than_read_as_an_empty_letter():
    assert refused(blank_pdf(2)).code == "no_text"


def test_a_plain_text_file_is_read_as_its_text():
    letter = ("CAF du Rhône\n67 boulevard Vivier-Merle\n69409 Lyon Cedex 03\nLyon, le 3 novembre 2026\n"
              "Objet : suspension de votre aide personnalisée au logement\nMonsieur,\nVersement suspendu.")
    from_file = read_notification(letter.encode("cp1252"), "courrier.txt")
    assert from_file.as_dict() == read_text(letter).as_dict()
    assert from_file.case["decision"]["kind"] == "suspension"


def test_without_tesseract_a_photo_gets_a_clear_message(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT", "tesseract-not-installed")
    assert refused(PHOTO.read_bytes()).code == "reader_missing"


# -- Nothing kept, nothing logged

SECRETS = ["Leïla", "Bouzid", "Oliviers", "2 84 05 34 172 091 33", "C2S-2026-318274", "14 982"]


def test_reading_a_photo_writes_no_file_and_logs_nothing_of_it(caplog, capfd):
    caplog.set_level(logging.DEBUG)
    data = PHOTO.read_bytes()
    _WRITES.clear()
    _RECORDING.set()
    try:
        reading = read_notification(data, PHOTO.name)
        with pytest.raises(UnreadableNotification):
            read_notification(jpeg(Image.open(PHOTO).filter(ImageFilter.GaussianBlur(4))), "flou.jpg")
    finally:
        _RECORDING.clear()
    assert reading.case["person"]["name"] == "Leïla Bouzid"  # it was read, so the check means something
    # An integer is a descriptor already open, here a pipe to Tesseract: no path, no file.
    assert [w for w in _WRITES if not re.match(r"open \d+ ", w)] == []
    assert any(re.match(r"open \d+ ", w) for w in _WRITES)  # the hook saw the pipes, so it was on
    logged = caplog.text + "".join(capfd.readouterr())
    for secret in SECRETS:
        assert secret not in logged, secret


def test_tesseract_leaves_nothing_in_the_temporary_folder_or_where_it_runs(tmp_path):
    """Tesseract is another process, so the audit hook cannot see it: a reading runs in a Python
    of its own, with a temporary folder and a working folder of its own, both left empty."""
    temporary, work = tmp_path / "tmp", tmp_path / "work"
    temporary.mkdir()
    work.mkdir()
    code = ("import sys; from letters.notification import read_notification; "
            "print(read_notification(open(sys.argv[1], 'rb').read()).case['person']['name'])")
    done = subprocess.run([sys.executable, "-c", code, str(PHOTO)], cwd=work, capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)},
                          timeout=120, check=True)
    assert done.stdout.strip() == "Leïla Bouzid"
    assert list(temporary.iterdir()) == [] and list(work.iterdir()) == []


# -- The command line

def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_prints_what_was_read_as_json():
    code, out, err = run("read", str(TEXT_PDF))
    assert code == 0 and err == ""
    printed = json.loads(out)
    assert set(printed) == {"case", "found", "missing_mentions"}
    assert printed["case"]["decision"]["amount"] == 2340.5
    assert printed["case"]["organisation"]["name"] == "Caisse d'allocations familiales de la Gironde"


def test_the_command_line_exits_2_with_the_reason_on_a_bad_file(tmp_path):
    bad = tmp_path / "lettre.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(100))
    code, out, err = run("read", str(bad))
    assert code == 2 and out == ""
    assert json.loads(err)["errors"][0]["message"].startswith("Les fichiers « .docx » ne sont pas lus")
    code, _, err = run("read", str(tmp_path / "absent.pdf"))
    assert code == 2 and "Lecture impossible" in json.loads(err)["errors"][0]["message"]


def test_reading_notifications_does_not_import_flask():
    """The reader is domain code: a clinic's script or the command line uses it without the web."""
    code = "import sys, letters.notification.cli; print('flask' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"
