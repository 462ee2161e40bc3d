"""`python -m letters bundle`: the file written, the checks printed, 0 / 3 / 2 as exit status."""

from __future__ import annotations

import copy
import json

from pypdf import PdfReader

from .bundle_helpers import CAF, answer, image_bytes, pdf_bytes, sent
from .conftest import load_case_data
from .test_cli import run


def case_file(tmp_path, *events, **organisation):
    data = copy.deepcopy(load_case_data(CAF))
    data["decision"]["date"] = "2026-08-01"
    data["organisation"].update(organisation)
    data["events"] = list(events)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


ANSWERED = (sent("2026-09-15", "explanation", "LRAR 1A 234"),
            answer("2026-10-20", "explanation", "partial", "no_score"))


def test_a_complete_file_exits_0_and_prints_every_check(tmp_path):
    reply = tmp_path / "reponse.pdf"
    reply.write_bytes(pdf_bytes("Réponse de la CAF"))
    out = tmp_path / "cnil.pdf"
    code, printed, _ = run("bundle", "cnil", str(case_file(tmp_path, *ANSWERED)), "--attach",
                           f"answer={reply}", "--out", str(out), "--today", "2026-11-29")
    assert code == 0
    result = json.loads(printed)
    assert result["file"] == str(out)
    assert [c["id"] for c in result["checks"]] == [
        "cnil.prior_request", "cnil.proof_of_request", "cnil.delay", "cnil.body_identified", "cnil.answers"]
    assert all(c["ok"] and c["message"] for c in result["checks"])
    assert PdfReader(str(out)).pages[0].extract_text().startswith("Dossier de saisine")


def test_an_incomplete_file_is_still_written_and_exits_3(tmp_path):
    out = tmp_path / "cada.pdf"
    code, printed, _ = run("bundle", "cada", str(case_file(tmp_path, *ANSWERED)), "--out", str(out),
                           "--today", "2026-11-29")
    assert code == 3
    missing = [c["id"] for c in json.loads(printed)["checks"] if not c["ok"]]
    assert missing == ["cada.refusal_copy"]
    assert "Ce dossier est incomplet" in PdfReader(str(out)).pages[0].extract_text()


def test_several_files_after_one_attach_and_a_type_for_each(tmp_path):
    photo, scan = tmp_path / "ar.jpg", tmp_path / "decision.pdf"
    photo.write_bytes(image_bytes())
    scan.write_bytes(pdf_bytes("Décision"))
    code, printed, _ = run("bundle", "defenseur", str(case_file(tmp_path, *ANSWERED)), "--attach",
                           f"receipt={photo}", f"notification={scan}", "--out", str(tmp_path / "d.pdf"),
                           "--today", "2026-11-29")
    checks = {c["id"]: c["ok"] for c in json.loads(printed)["checks"]}
    assert checks["defenseur.decision"] and not checks["defenseur.answers"]
    assert code == 3


def test_a_file_that_is_not_a_proof_exits_2_naming_it(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("pas une preuve", encoding="utf-8")
    out = tmp_path / "x.pdf"
    code, printed, err = run("bundle", "cnil", str(case_file(tmp_path)), "--attach", str(text),
                             "--out", str(out))
    assert (code, printed) == (2, "")
    assert json.loads(err)["errors"][0]["field"] == "notes.txt"
    assert not out.exists()


def test_an_invalid_case_exits_2_with_its_field_errors(tmp_path):
    bad = tmp_path / "case.json"
    bad.write_text(json.dumps({"person": {"name": "A"}}), encoding="utf-8")
    code, _, err = run("bundle", "cnil", str(bad), "--out", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "person.address" in [e["field"] for e in json.loads(err)["errors"]]


def test_a_missing_attachment_and_a_wrong_siren_exit_2(tmp_path):
    case = str(case_file(tmp_path))
    code, _, err = run("bundle", "cnil", case, "--attach", str(tmp_path / "absent.pdf"), "--out", "x.pdf")
    assert code == 2 and json.loads(err)["errors"][0]["message"].startswith("Lecture impossible")
    code, _, err = run("bundle", "cnil", case, "--siren", "123456789", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and json.loads(err)["errors"][0]["field"] == "organisation.siren"


def test_an_unknown_authority_exits_2(tmp_path):
    code, _, err = run("bundle", "tribunal", str(case_file(tmp_path)), "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "invalid choice: 'tribunal'" in err


def test_the_letters_command_itself_is_unchanged(tmp_path):
    code, printed, _ = run(str(case_file(tmp_path)), "--out", str(tmp_path / "out"), "--format", "txt",
                           "--today", "2026-11-29")
    assert code == 0 and json.loads(printed)["letters"]
