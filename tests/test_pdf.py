"""PDF letters: A4, laid out like the DOCX, fonts embedded, tagged, and the text read back.

Every PDF here is opened with pypdf and its text compared with the ``Letter`` it came from,
so a PDF that looks right but reads wrong (or the reverse) fails. What a PDF must be is
checked on both ways of making one (``engine``): the direct writer a letter in Latin script
takes, and WeasyPrint, which the others take.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from letters import compose_packet
from letters.__main__ import main as cli
from letters.export import packet_pdf
from letters.render.pdf import ENGINES, render_pdf, render_pdf_packet
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import CAF_FORM, CASES, case_from, load_case_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))
CM = 72 / 2.54  # PDF points in a centimetre


def packet(case="caf-prime-activite-indu", **person):
    data = load_case_data(case)
    data["person"].update(person)
    return compose_packet(case_from(data))


def plain(text: str) -> str:
    """The words of a text, whatever the line breaks, hyphenation and no-break characters."""
    text = text.replace("\u2010\n", "").replace("-\n", "-")  # a word hyphenated at a line end
    text = text.replace(NBSP, " ").replace("\u202f", " ").replace(NB_HYPHEN, "-")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


FOOTER = re.compile(r"\n\d+ / \d+\s*$")


def letter_text(data: bytes) -> str:
    """The text of every page, without the page numbers at their foot."""
    return plain("\n".join(FOOTER.sub("", text) for text in page_texts(read(data))))


def text_positions(page) -> list[tuple[float, float, str]]:
    """(x, y) in points from the page's bottom-left corner, for each piece of text drawn."""
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_letter_reads_back_with_every_paragraph_in_order(name, engine):
    for letter in packet(name).letters:
        text = letter_text(render_pdf(letter, engine=engine))
        expected = [letter.sender.name, *letter.recipient.lines, letter.place_date,
                    f"{letter.subject_label} {letter.subject}", letter.salutation,
                    *(b.text for b in letter.body), letter.politeness, letter.signature]
        at = 0
        for paragraph in filter(None, expected):
            found = text.find(plain(paragraph), at)
            assert found >= 0, f"missing, or out of order: {paragraph}"
            at = found + len(plain(paragraph))


def test_the_pages_are_a4_with_the_docx_margins_and_columns(engine):
    letter = packet().letter("recourse")
    reader = read(render_pdf(letter, engine=engine))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    first = text_positions(reader.pages[0])
    lefts = {round(x / CM, 1) for x, _, _ in first}
    assert min(lefts) == 2.5, "left margin 2.5 cm, as in the DOCX"
    recipient_x = next(x for x, _, t in first if t == letter.recipient.lines[-1])
    assert round(recipient_x / CM, 1) == 2.5 + 8.5, "recipient block at 8.5 cm, as in the DOCX"
    top = max(y for _, y, _ in first)
    assert 27 < top / CM < 27.7, "first line just under the 2 cm top margin"


def test_pages_are_numbered_within_each_letter(engine):
    letters = packet().letters
    reader = read(render_pdf_packet(letters, engine=engine))
    footers = [text.strip().splitlines()[-1] for text in page_texts(reader)]
    counts = [len(read(render_pdf(x, engine=engine)).pages) for x in letters]
    expected = [f"{i} / {n}" for n in counts for i in range(1, n + 1)]
    assert footers == expected


def test_each_letter_of_the_packet_starts_on_a_new_page(engine):
    letters = packet().letters
    texts = [plain(t) for t in page_texts(read(render_pdf_packet(letters, engine=engine)))]
    starts = [i for i, t in enumerate(texts) if t.startswith(letters[0].sender.name)]
    assert len(starts) == len(letters) >= 2
    for start, letter in zip(starts, letters, strict=True):
        assert plain(letter.subject) in texts[start] + " " + texts[start + 1]


def test_fonts_are_embedded(engine):
    reader = read(render_pdf(packet().letter("explanation"), engine=engine))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = ("/FontFile", "/FontFile2", "/FontFile3")
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in embedded)
    assert fonts and all(fonts.values()), fonts
    assert any("LiberationSerif" in name.replace("-", "") for name in fonts), "the DOCX's Times metrics"


def test_the_pdf_is_tagged_for_screen_readers_with_its_language_and_title(engine):
    letter = packet().letter("recourse")
    reader = read(render_pdf(letter, engine=engine))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == letter.subject
    assert reader.metadata.author == letter.signature
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp, "declares PDF/UA-1"

    roles: list[str] = []

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            roles.append(str(node["/S"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(catalog["/StructTreeRoot"])
    headings = [r for r in roles if re.fullmatch(r"/H\d", r)]
    assert headings[0] == "/H1", "the subject is the document's heading"
    assert set(headings) == {"/H1", "/H2"}, "the letter's sections are H2, no level skipped"
    assert roles.count("/P") > 10 and "/L" in roles


@pytest.mark.parametrize("name", ["<b>Samia</b> & « O'Brien »", "سامية بن علي", "Łukasz Nowak-Żeleński"])
def test_what_the_person_typed_is_printed_as_they_typed_it(name, engine):
    """Markup stays text; a name in another script gets a font that has its letters."""
    text = "\n".join(page_texts(read(render_pdf(packet(name=name).letter("recourse"), engine=engine))))
    assert name in text


def test_citations_keep_their_hyphen_and_stay_on_one_line(engine):
    text = "\n".join(page_texts(read(render_pdf(packet().letter("recourse"), engine=engine))))
    assert re.search(r"L\.\s845-2", text)
    assert NB_HYPHEN not in text, "printed as a plain hyphen, which every font has"


def test_the_same_letter_gives_the_same_bytes(engine):
    letter = packet().letter("explanation")
    assert render_pdf(letter, engine=engine) == render_pdf(letter, engine=engine)


def test_a_packet_without_letters_has_no_pdf():
    with pytest.raises(ValueError):
        render_pdf_packet([])


def test_the_whole_packet_pdf_holds_every_letter():
    result = packet("departement-rsa-suspension")
    text = letter_text(packet_pdf(result))
    for letter in result.letters:
        assert plain(letter.subject) in text


# -- The three ways to ask for a PDF: the page's buttons, the API, the command line.

def case_in_page(browser) -> tuple[str, str]:
    return browser.packet(CAF_FORM)


def test_the_packet_page_offers_a_pdf_of_each_letter_and_of_all_of_them(browser):
    page = browser.submit(CAF_FORM)
    assert page.text.count('name="format" value="pdf"') == 2 + 1


def test_a_letter_downloads_as_pdf_from_the_packet_page(browser, client):
    token, case = case_in_page(browser)
    got = client.post("/telecharger", data={"csrf_token": token, "case": case,
                                            "format": "pdf", "letter": "recourse"})
    assert got.status_code == 200
    assert got.mimetype == "application/pdf"
    assert got.headers["Content-Disposition"].endswith('.pdf"')
    assert "Recours devant la commission de recours amiable" in letter_text(got.data)


def test_the_whole_packet_downloads_as_one_pdf(browser, client):
    token, case = case_in_page(browser)
    got = client.post("/telecharger", data={"csrf_token": token, "case": case, "format": "pdf"})
    assert got.status_code == 200
    assert got.headers["Content-Disposition"] == 'attachment; filename="recours-lettres.pdf"'
    text = letter_text(got.data)
    assert "Demande d'explication" in text and "Recours devant la commission" in text


def test_the_api_gives_one_letter_or_the_whole_packet_as_pdf(client):
    case = load_case_data("cpam-c2s-suspension")
    one = client.post("/api/v1/letters?format=pdf&letter=explanation", json=case)
    assert one.status_code == 200 and one.mimetype == "application/pdf"
    whole = client.post("/api/v1/letters?format=pdf", json=case)
    assert whole.status_code == 200 and whole.mimetype == "application/pdf"
    assert len(read(whole.data).pages) > len(read(one.data).pages)
    unknown = client.post("/api/v1/letters?format=pdf&letter=nope", json=case)
    assert unknown.status_code == 404 and unknown.is_json


def test_the_command_line_writes_a_pdf_per_letter_and_one_of_them_all(tmp_path, capsys):
    code = cli([str(CASES / "departement-rsa-suspension.json"), "--out", str(tmp_path),
                "--format", "pdf", "--today", "2026-11-29"])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert [p for p in pdfs if p[0].isdigit()] == [
        "01-demande-d-explication-et-de-communication-de-mes-donnees.pdf",
        "02-demande-d-explication-et-de-communication-de-mes-donnees-caf.pdf",
        "03-recours-administratif-prealable-obligatoire.pdf",
    ]
    recourse = letter_text((tmp_path / pdfs[2]).read_bytes())
    assert printed["letters"][2]["title"] in recourse
    whole = read((tmp_path / "recours-lettres.pdf").read_bytes())
    assert len(whole.pages) == sum(len(read((tmp_path / p).read_bytes()).pages) for p in pdfs[:3])


def test_weasyprint_loads_only_when_a_letter_needs_it():
    """Scripts that never make a PDF do not need Pango, nor do French letters: an Arabic copy does."""
    import subprocess
    import sys

    code = ("import sys, letters.export, letters.render; from letters import compose_packet; "
            "from tests.conftest import packet_for, case_from, load_case_data; "
            "seen = ['weasyprint' in sys.modules]; "
            "letters.render.render_pdf(packet_for('caf-prime-activite-indu').letters[0]); "
            "seen.append('weasyprint' in sys.modules); "
            "case = case_from(load_case_data('caf-prime-activite-indu')); "
            "letters.render.render_pdf(compose_packet(case, language='ar').letters[0]); "
            "print(*seen, 'weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=CASES.parent.parent)
    assert result.stdout.split() == ["False", "False", "True"]


def test_every_pdf_of_the_process_shares_one_font_configuration(monkeypatch):
    """WeasyPrint builds a font configuration per document unless given one; each costs about
    half a megabyte of native memory that is never given back (the workers grew without end)."""
    from weasyprint.text.fonts import FontConfiguration

    from letters.render import pdf

    built = []
    original = FontConfiguration.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(FontConfiguration, "__init__", counting)
    pdf.font_configuration.cache_clear()
    letters = packet().letters
    for _ in range(3):
        render_pdf_packet(letters, engine="weasyprint")
    render_pdf(letters[0], engine="weasyprint")
    assert len(built) == 1


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_shared_font_configuration_gives_the_same_bytes_as_a_fresh_one(name):
    from weasyprint.text.fonts import FontConfiguration

    letters = packet(name).letters
    fresh = render_pdf_packet(letters, font_config=FontConfiguration())
    assert render_pdf_packet(letters, engine="weasyprint") == fresh
    assert render_pdf_packet(letters, engine="weasyprint") == fresh  # again, once the shared one has served
