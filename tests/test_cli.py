"""The command line a clinic scripts: files out, packet JSON printed, exit 2 on bad input."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

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
