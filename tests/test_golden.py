"""Whole letters for the example cases, compared line by line with reviewed files in golden/.

The DOCX is read back (paragraph text and style), never compared as bytes. After a wording
change, run `pytest --update-golden` and review the diff of tests/golden/ like a text edit.
"""

from __future__ import annotations

import io

import docx
import pytest

from letters import compose_packet
from letters.render import render_docx, render_text

from .conftest import CASES, GOLDEN, case_from, load_case_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))


def docx_dump(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "".join(f"[{p.style.name}] {p.text}\n" for p in document.paragraphs)


def check(path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual.splitlines() == expected.splitlines()


@pytest.mark.parametrize("name", EXAMPLES)
def test_letters_match_the_reviewed_text(name, update_golden):
    packet = compose_packet(case_from(load_case_data(name)))
    assert packet.letters, "every example needs at least one letter"
    for letter in packet.letters:
        check(GOLDEN / name / f"{letter.id}.fr.txt", render_text(letter), update_golden)
        check(GOLDEN / name / f"{letter.id}.fr.docx.txt", docx_dump(render_docx(letter)), update_golden)
    summary = "".join(
        [f"warning: {w}\n" for w in packet.warnings] + [f"step: {s}\n" for s in packet.next_steps]
        + [f"date: {d.day.isoformat()} {d.owner} {d.key} ({d.rests_on}) {d.label}\n" for d in packet.dates])
    check(GOLDEN / name / "packet.txt", summary, update_golden)
    # A letter the packet no longer holds leaves no reviewed file behind to mislead a reader.
    written = {"packet.txt"} | {f"{x.id}.fr{ext}.txt" for x in packet.letters for ext in ("", ".docx")}
    for stale in {p.name for p in (GOLDEN / name).iterdir()} - written:
        if update_golden:
            (GOLDEN / name / stale).unlink()
        else:
            pytest.fail(f"{name}/{stale}: no such letter in the packet")


def test_every_example_has_golden_files():
    assert {p.name for p in GOLDEN.iterdir() if p.is_dir()} == set(EXAMPLES)
