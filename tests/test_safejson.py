"""Reading a case document: bounded size and depth, plain French errors, used by API and CLI."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest

from letters.__main__ import main
from letters.safejson import MAX_CASE_BYTES, MAX_DEPTH, load_case_json

from .conftest import load_case_data, token_of


def message(raw) -> str:
    data, errors = load_case_json(raw)
    assert data is None and len(errors) == 1 and errors[0].field == "(document)"
    return errors[0].message


def test_a_real_case_reads_as_it_is():
    raw = json.dumps(load_case_data("cpam-c2s-suspension"), ensure_ascii=False).encode()
    assert load_case_json(raw) == (load_case_data("cpam-c2s-suspension"), [])
    assert load_case_json(b"\xef\xbb\xbf" + raw)[1] == []  # a byte-order mark from Windows editors


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "Le document est vide."),
    (b"   \n", "Le document est vide."),
    (b'{"person": {"name": "A"', "Le document n'est pas du JSON valide (ligne 1, colonne 24)."),
    (b"{\n  \"a\": 1,\n}", "Le document n'est pas du JSON valide (ligne 3, colonne 1)."),
    ("é".encode("latin-1"), "Le document doit être du texte encodé en UTF-8."),
    (b'{"amount": NaN}', "Le document contient « NaN », qui n'est pas un nombre JSON valide."),
    (b'{"amount": Infinity}', "Le document contient « Infinity », qui n'est pas un nombre JSON valide."),
    (b'{"amount": 1e400}', "Le document contient un nombre beaucoup trop grand."),
    (b'{"amount": ' + b"9" * 5000 + b"}", "Le document contient un nombre beaucoup trop long."),
    (b'{"person": {}, "person": {}}', "La clé « person » apparaît deux fois dans le même objet."),
])
def test_each_problem_gets_a_plain_french_message(raw, expected):
    assert message(raw) == expected


def test_size_is_limited_before_anything_is_parsed():
    raw = b'{"decision": {"description": "' + b"x" * MAX_CASE_BYTES + b'"}}'
    assert message(raw) == "Le document est trop volumineux : 256 Ko au plus (257 Ko envoyés)."


def test_nesting_is_limited_even_far_beyond_what_python_can_recurse():
    assert load_case_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)[1] == []
    too_deep = "Le document est trop imbriqué : 10 niveaux au plus."
    assert message(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)) == too_deep
    assert message(b'{"a":' * 50 + b"1" + b"}" * 50) == too_deep
    assert message(b"[" * 200_000) == too_deep  # would overflow a recursive reader


def test_text_input_is_read_too():
    assert load_case_json('{"wants": ["explanation"]}') == ({"wants": ["explanation"]}, [])


def test_the_api_gives_the_reader_errors_as_400_json(client):
    deep = client.post("/api/v1/letters", data=b'{"a":' * 40 + b"1" + b"}" * 40,
                       content_type="application/json")
    assert deep.status_code == 400
    assert deep.get_json() == {"errors": [{"field": "(document)",
                                           "message": "Le document est trop imbriqué : 10 niveaux au plus."}]}
    twice = client.post("/api/v1/letters", data=b'{"person": {}, "person": {}}',
                        content_type="application/json")
    assert "apparaît deux fois" in twice.get_json()["errors"][0]["message"]


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_refuses_a_deep_or_huge_file_with_exit_2(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    code, out, err = run_cli(str(deep), "--out", str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert json.loads(err)["errors"][0]["message"] == "Le document est trop imbriqué : 10 niveaux au plus."
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (5 * MAX_CASE_BYTES))
    code, _, err = run_cli(str(huge), "--out", str(tmp_path / "out"))
    assert code == 2 and "trop volumineux" in json.loads(err)["errors"][0]["message"]
    assert not (tmp_path / "out").exists()


def test_the_hidden_case_field_is_read_with_the_same_limits(browser, client):
    page = browser.client.get("/")
    token = token_of(page)
    got = client.post("/telecharger", data={"csrf_token": token, "case": "[" * 5000, "format": "zip"})
    assert got.status_code == 400
    assert "<h1>La demande n'a pas pu être lue</h1>" in got.text.replace("&#39;", "'")


def test_an_uploaded_case_file_is_read_with_the_same_limits(client):
    token = token_of(client.get("/"))
    for raw in (b"[" * 100_000, b'{"a":' * 40 + b"1" + b"}" * 40, b'{"person": {}, "person": {}}'):
        got = client.post("/reprendre", data={"csrf_token": token, "dossier": (io.BytesIO(raw), "d.json")},
                          content_type="multipart/form-data")
        assert got.status_code == 422
        assert 'id="f-dossier-error"' in got.text
