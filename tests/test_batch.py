"""`python -m letters batch`: many cases at once, the same files as one case at a time."""

from __future__ import annotations

import json
import shutil

from .conftest import CASES
from .test_cli import run


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_batch_writes_what_the_single_command_writes_byte_for_byte(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("caf-prime-activite-indu", "bank-credit-refusal", "caf-control-score"):
        shutil.copy(CASES / f"{name}.json", cases)
    code, out, _ = run("batch", str(cases), "--out", str(tmp_path / "batch"),
                       "--format", "docx,txt,pdf,ics", "--jobs", "2", "--today", "2026-11-29")
    assert code == 0
    assert [len(r["letters"]) for r in json.loads(out)["written"]] == [2, 1, 2]
    for name in ("caf-prime-activite-indu", "bank-credit-refusal", "caf-control-score"):
        single = tmp_path / "single" / name
        assert run(str(cases / f"{name}.json"), "--out", str(single), "--format", "docx,txt,pdf,ics",
                   "--today", "2026-11-29")[0] == 0
        assert files(tmp_path / "batch" / name) == files(single), name
    assert "recours-lettres.pdf" in files(tmp_path / "batch" / "caf-prime-activite-indu")


def test_an_invalid_case_is_reported_and_the_others_are_written(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"person": {"name": "A"}}), encoding="utf-8")
    code, out, _ = run("batch", str(bad), str(CASES / "bank-credit-refusal.json"),
                       "--out", str(tmp_path / "o"), "--format", "txt", "--jobs", "1",
                       "--today", "2026-11-29")
    result = json.loads(out)
    assert code == 2
    assert [r["case"] for r in result["failed"]] == [str(bad)]
    assert "person.address" in [e["field"] for e in result["failed"][0]["errors"]]
    assert (tmp_path / "o" / "bank-credit-refusal").is_dir()


def test_an_unknown_format_exits_2(tmp_path):
    code, out, err = run("batch", str(CASES), "--out", str(tmp_path), "--format", "odt")
    assert (code, out) == (2, "") and "formats possibles" in err


def test_a_second_batch_writes_beside_the_first_never_over_it(tmp_path):
    for _ in range(2):
        code, out, _ = run("batch", str(CASES / "bank-credit-refusal.json"), "--out", str(tmp_path),
                           "--format", "txt", "--jobs", "1", "--today", "2026-11-29")
        assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank-credit-refusal", "bank-credit-refusal-2"]
