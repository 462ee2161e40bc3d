"""The legal points each example case must carry, read from tests/cases/<case>.points.toml.

A golden file shows a letter whole; it checks no law. Beside each case, a short file says what
a lawyer expects of its packet: which letters, which legal bases each cites and must not cite,
which sentences must and must not appear, which warnings and next steps, which dates. This test
holds the packet to it, so a change that drops a deciding ground fails here, by name.
"""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from letters import compose_packet
from letters.render import render_text
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import CASES, case_from, load_case_data

POINTS = sorted(CASES.glob("*.points.toml"))
PACKET_KEYS = {"letters", "warnings", "steps", "absent_steps", "not_before", "absent_dates", "passed_dates",
               "met_dates"}
LETTER_KEYS = {"bases", "absent_bases", "contains", "absent"}


def plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace(NB_HYPHEN, "-").split())


def test_every_example_case_says_what_it_must_carry():
    cases = {p.stem for p in CASES.glob("*.json")}
    assert cases == {p.name.removesuffix(".points.toml") for p in POINTS}


@pytest.mark.parametrize("path", POINTS, ids=lambda p: p.name.removesuffix(".points.toml"))
def test_the_packet_carries_its_legal_points(path):
    points = tomllib.loads(path.read_text(encoding="utf-8"))
    name = path.name.removesuffix(".points.toml")
    data = load_case_data(name)
    packet = compose_packet(case_from(data, today=data.get("today", "2026-11-29")))
    unknown = set(points) - PACKET_KEYS - {x.id for x in packet.letters}
    assert not unknown, (name, sorted(unknown), [x.id for x in packet.letters])

    assert [x.id for x in packet.letters] == points["letters"], name
    for expected in points.get("warnings", []):
        assert any(expected in plain(w) for w in packet.warnings), (name, expected, packet.warnings)
    for expected in points.get("steps", []):
        assert any(expected in plain(s) for s in packet.next_steps), (name, expected, packet.next_steps)
    for unexpected in points.get("absent_steps", []):
        assert not any(unexpected in plain(s) for s in packet.next_steps), (name, unexpected)
    for letter_id, day in points.get("not_before", {}).items():
        assert packet.letter(letter_id).send_from == date.fromisoformat(day), (name, letter_id)
    keys = {d.key for d in packet.dates}
    for key in points.get("absent_dates", []):
        assert key not in keys, (name, key)
    for key in points.get("passed_dates", []):
        assert any(d.key == key and d.passed for d in packet.dates), (name, key)
    for key in points.get("met_dates", []):  # met by a letter sent in time: never "passed"
        assert any(d.key == key and d.done and not d.passed for d in packet.dates), (name, key)

    for letter in packet.letters:
        expect = points.get(letter.id, {})
        assert set(expect) <= LETTER_KEYS, (name, letter.id, set(expect) - LETTER_KEYS)
        text = plain(render_text(letter))
        assert set(expect.get("bases", [])) <= set(letter.bases), (name, letter.id, letter.bases)
        assert not set(expect.get("absent_bases", [])) & set(letter.bases), (name, letter.id, letter.bases)
        for phrase in expect.get("contains", []):
            assert phrase in text, (name, letter.id, phrase)
        for phrase in expect.get("absent", []):
            assert phrase not in text, (name, letter.id, phrase)
