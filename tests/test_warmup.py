"""Warming a server before it forks: afterwards, no example packet waits for a template to compile."""

from __future__ import annotations

import jinja2
import pytest

from letters import compose_packet, prose
from letters.warmup import warm

from .conftest import CASES, case_from, load_case_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))


@pytest.fixture
def compiled(monkeypatch):
    """Names (or sources) of the templates Jinja compiles while the test runs."""
    seen: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        seen.append(name or str(source)[:40])
        return original(self, source, name, *args, **kwargs)

    for cached in (prose.environment, prose.kind_template, prose.compile_snippet):
        cached.cache_clear()  # as in a fresh process
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return seen


def test_a_cold_process_compiles_templates_for_its_first_packet(compiled):
    compose_packet(case_from(load_case_data(EXAMPLES[0])))
    assert compiled  # what warming saves each worker from


def test_after_warming_no_example_packet_compiles_a_template(compiled):
    warm()
    compiled.clear()
    for name in EXAMPLES:
        assert compose_packet(case_from(load_case_data(name))).letters
    assert compiled == []
