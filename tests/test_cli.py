"""The command line a clinic scripts: files out, packet JSON printed, exit 2 on bad input."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import docx

from letters.__main__ import main

from .conftest import CASES


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_writes_each_letter_in_each_format_and_prints_the_packet(tmp_path):
    code, out, _ = run(str(CASES / "departement-rsa-suspension.json"), "--out", str(tmp_path),
                       "--format", "docx,txt", "--today", "2026-11-29")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "01-demande-d-explication-et-de-communication-de-mes-donnees.docx",
        "01-demande-d-explication-et-de-communication-de-mes-donnees.txt",
        # the same request to the CAF du Nord, which pays the RSA the département decided on
        "02-demande-d-explication-et-de-communication-de-mes-donnees-caf.docx",
        "02-demande-d-explication-et-de-communication-de-mes-donnees-caf.txt",
        "03-recours-administratif-prealable-obligatoire.docx",
        "03-recours-administratif-prealable-obligatoire.txt",
    ]
    packet = json.loads(out)
    assert [x["id"] for x in packet["letters"]] == ["explanation", "explanation_payer", "recourse"]
    assert packet["letters"][2]["bases"][0] == "casf-l262-47"
    first = docx.Document(str(tmp_path / "03-recours-administratif-prealable-obligatoire.docx"))
    assert first.paragraphs[0].text == "Karim Haddad"


def test_today_replays_a_case_on_another_date(tmp_path):
    _, out, _ = run(str(CASES / "caf-prime-activite-indu.json"), "--out", str(tmp_path),
                    "--format", "txt", "--today", "2026-12-20")
    assert json.loads(out)["letters"][1]["send_by"] == "2027-01-04"
    recourse = tmp_path / "02-recours-devant-la-commission-de-recours-amiable.txt"
    assert "Bordeaux, le 20 décembre 2026" in recourse.read_text()


def test_bad_input_exits_2_with_field_errors(tmp_path):
    bad = tmp_path / "case.json"
    bad.write_text(json.dumps({"person": {"name": "A"}}), encoding="utf-8")
    code, out, err = run(str(bad), "--out", str(tmp_path / "out"))
    assert code == 2 and out == ""
    fields = [e["field"] for e in json.loads(err)["errors"]]
    assert "person.address" in fields and "decision.kind" in fields
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_json_exits_2(tmp_path):
    bad = tmp_path / "case.json"
    bad.write_text("{", encoding="utf-8")
    code, _, err = run(str(bad), "--out", str(tmp_path))
    assert code == 2
    message = json.loads(err)["errors"][0]["message"]
    assert message == "Le document n'est pas du JSON valide (ligne 1, colonne 2)."


def test_ics_writes_one_calendar_for_the_packet(tmp_path):
    import icalendar

    code, _, _ = run(str(CASES / "caf-prime-activite-indu.json"), "--out", str(tmp_path),
                     "--format", "txt,ics", "--today", "2026-11-29")
    assert code == 0
    calendar = icalendar.Calendar.from_ical((tmp_path / "recours-delais.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) >= 4


# -- Many cases at once: a folder each, named from the file, never written over.

def copy_case(folder, name: str, source: str = "caf-prime-activite-indu"):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes((CASES / f"{source}.json").read_bytes())
    return path


def test_several_cases_go_each_into_a_folder_named_from_its_file(tmp_path):
    a = copy_case(tmp_path / "in", "dupont.json")
    b = copy_case(tmp_path / "in", "martin.json", "cpam-c2s-suspension")
    out = tmp_path / "out"
    code, stdout, err = run(str(a), str(b), "--out", str(out), "--format", "txt", "--today", "2026-11-29")
    assert code == 0 and err == ""
    assert sorted(p.name for p in out.iterdir()) == ["dupont", "martin"]
    report = json.loads(stdout)
    assert [(x["case"], x["folder"]) for x in report["written"]] == [(str(a), str(out / "dupont")),
                                                                     (str(b), str(out / "martin"))]
    assert report["failed"] == []
    assert "Samia Benali" in (out / "dupont" / report["written"][0]["files"][0]).read_text()
    assert "Benali" not in " ".join(p.name for p in out.rglob("*")), "never named from the person"


def test_a_folder_of_cases_is_read_whole_and_nothing_is_ever_written_over(tmp_path):
    cases = tmp_path / "cases"
    for name in ("a.json", "b.json", "c.json"):
        copy_case(cases, name)
    (cases / "notes.txt").write_text("pas un cas")
    out = tmp_path / "out"
    assert run(str(cases), "--out", str(out), "--format", "txt", "--today", "2026-11-29")[0] == 0
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, stdout, _ = run(str(cases), "--out", str(out), "--format", "txt", "--today", "2026-12-20")
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["a", "a-2", "b", "b-2", "c", "c-2"]
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()
            if p.parent.name in ("a", "b", "c")} == first, "the first run's letters are untouched"
    written = [x["folder"] for x in json.loads(stdout)["written"]]
    assert written == [str(out / n) for n in ("a-2", "b-2", "c-2")]


def test_two_files_of_the_same_name_from_two_folders_do_not_share_one(tmp_path):
    one = copy_case(tmp_path / "clinic-1", "dossier.json")
    two = copy_case(tmp_path / "clinic-2", "dossier.json", "bank-credit-refusal")
    out = tmp_path / "out"
    code, _, _ = run(str(one), str(two), "--out", str(out), "--format", "txt", "--today", "2026-11-29")
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["dossier", "dossier-2"]
    assert "Samia Benali" in next((out / "dossier").iterdir()).read_text()


def test_each_failure_is_reported_with_its_file_and_errors_and_the_others_are_written(tmp_path):
    cases = tmp_path / "cases"
    copy_case(cases, "bon.json")
    (cases / "casse.json").write_text("{", encoding="utf-8")
    (cases / "incomplet.json").write_text(json.dumps({"person": {"name": "A"}}), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(str(cases), str(tmp_path / "absent.json"), "--out", str(out),
                            "--format", "txt", "--today", "2026-11-29")
    assert code == 2
    report = json.loads(stdout)
    assert [x["case"] for x in report["written"]] == [str(cases / "bon.json")]
    failed = {Path(x["case"]).name: x["errors"] for x in report["failed"]}
    assert set(failed) == {"casse.json", "incomplet.json", "absent.json"}
    assert failed["casse.json"][0]["message"].startswith("Le document n'est pas du JSON valide")
    assert "person.address" in {e["field"] for e in failed["incomplet.json"]}
    assert sorted(p.name for p in out.iterdir()) == ["bon"], "a failed case writes nothing"
    for name in failed:
        assert name in err
    assert "person.address : Votre adresse est obligatoire." in err


def test_an_empty_folder_is_a_failure_not_a_silent_success(tmp_path):
    (tmp_path / "vide").mkdir()
    code, stdout, err = run(str(tmp_path / "vide"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "Aucun fichier de cas" in err and json.loads(stdout)["written"] == []
