"""The person's proofs: judged by their content, bounded in size and pages, refused in plain words."""

from __future__ import annotations

import io

import pytest

from letters.bundle import UploadError, read_upload, read_uploads
from letters.bundle import uploads as limits

from .bundle_helpers import blank_pdf, image_bytes, pdf_bytes


def refused(name, data, role="other") -> str:
    with pytest.raises(UploadError) as error:
        read_upload(name, data, role)
    return error.value.message


def test_a_pdf_a_photo_and_an_image_are_taken_with_their_pages():
    pdf = read_upload("avis.pdf", pdf_bytes("un", "deux"), "receipt")
    photo = read_upload("photo.jpg", image_bytes("JPEG", (600, 800)), "answer")
    png = read_upload("capture.png", image_bytes("PNG", (300, 200)))
    assert (pdf.kind, pdf.pages, pdf.role) == ("pdf", 2, "receipt")
    assert (photo.kind, photo.pages, photo.size) == ("jpeg", 1, (600, 800))
    assert (png.kind, png.role) == ("png", "other")


def test_the_type_comes_from_the_content_not_the_name():
    assert read_upload("scan.pdf", image_bytes("PNG")).kind == "png"
    message = refused("lettre.pdf", b"PK\x03\x04 a Word document in disguise")
    assert message == ("Le fichier « lettre.pdf » n'est ni un PDF, ni une photo JPEG, ni une image PNG. "
                       "Envoyez l'un de ces trois types.")


def test_a_file_over_the_size_limit_is_refused_before_being_opened():
    message = refused("gros.pdf", b"%PDF-1.7" + b"0" * limits.MAX_FILE_BYTES)
    assert message.startswith("Le fichier « gros.pdf » est trop lourd : 10 Mo au plus (10.0 Mo)")


def test_a_pdf_over_the_page_limit_is_refused():
    message = refused("livre.pdf", blank_pdf(limits.MAX_PAGES + 1))
    assert message == "Le fichier « livre.pdf » a 31 pages : 30 au plus. Gardez les pages utiles."


def test_a_pdf_with_a_password_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank_pdf(1))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert "est protégé par un mot de passe" in refused("banque.pdf", out.getvalue())


@pytest.mark.parametrize(("name", "data", "says"), [
    ("casse.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> nothing else", "Le PDF « casse.pdf » est abîmé"),
    ("coupee.jpg", image_bytes("JPEG")[:200], "La photo « coupee.jpg » est abîmée"),
    ("coupee.png", image_bytes("PNG", (400, 400), "RGB")[:60], "L'image « coupee.png » est abîmée"),
])
def test_a_broken_file_is_refused(name, data, says):
    assert refused(name, data).startswith(says)


def test_an_image_too_large_to_decode_safely_is_refused():
    huge = image_bytes("PNG", (8000, 6000), "1")  # 48 megapixels, a few kilobytes on disk
    assert len(huge) < 100_000
    assert refused("plan.png", huge) == ("L'image « plan.png » est trop grande (8000 × 6000 pixels) : "
                                         "réduisez-la.")


def test_an_empty_file_and_an_unknown_type_of_piece_are_refused():
    assert refused("vide.pdf", b"") == "Le fichier « vide.pdf » est vide."
    assert refused("a.pdf", blank_pdf(1), role="facture").startswith("« facture » n'est pas un type de pièce")


def test_a_name_is_cut_to_its_last_part_and_made_printable():
    assert read_upload("../../etc/avis\x07.pdf", blank_pdf(1)).name == "avis.pdf"


def test_several_files_report_every_error_at_once():
    attachments, errors = read_uploads([("a.pdf", blank_pdf(1), "other"), ("b.txt", b"texte", "other"),
                                        ("c.pdf", b"", "other")])
    assert attachments == []
    assert [e.name for e in errors] == ["b.txt", "c.pdf"]


def test_the_pages_of_all_files_together_are_bounded():
    files = [(f"{i}.pdf", blank_pdf(limits.MAX_PAGES), "other") for i in range(5)]
    attachments, errors = read_uploads(files)
    assert attachments == [] and errors[0].message == "Les pièces font ensemble plus de 120 pages."


def test_nothing_is_written_while_reading_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    read_uploads([("a.pdf", pdf_bytes("un"), "answer"), ("b.jpg", image_bytes(), "receipt")])
    assert list(tmp_path.iterdir()) == []
