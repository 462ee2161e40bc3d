"""Loads letters/data/referrals/: the admissibility rules with their sources, and the file's words.

Like the rest of letters/data, this is content a lawyer reviews without reading Python; here it
is only read, checked for shape, and kept in memory once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from .. import catalogue
from ..formatting import long_date

REFERRALS = catalogue.DATA / "referrals"
AUTHORITIES = ("defenseur", "cnil", "cada")
LANGUAGE = "fr"  # the bodies read French (referrals §1: the CNIL and the Défenseur ask for it)


@dataclass(frozen=True)
class Rule:
    """One admissibility check as the data states it."""

    id: str
    authority: str
    rests_on: tuple[str, ...]
    source: str
    confidence: str
    ok: Template
    missing: Template


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """Sandboxed like the letters; ``date(d)`` writes a date as the letters do."""
    env = SandboxedEnvironment(loader=None, undefined=StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True)
    env.globals["date"] = lambda day: long_date(day, LANGUAGE)
    return env


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    with (REFERRALS / "checks.toml").open("rb") as f:
        data = tomllib.load(f)
    out = {}
    for d in data["check"]:
        rule = Rule(d["id"], d["authority"], tuple(d["rests_on"]), d["source"], d["confidence"],
                    environment().from_string(d["ok"].strip()),
                    environment().from_string(d["missing"].strip()))
        if rule.authority not in AUTHORITIES or not rule.id.startswith(f"{rule.authority}."):
            raise ValueError(f"{rule.id}: the id must start with its authority")
        if rule.confidence not in catalogue.CONFIDENCE:
            raise ValueError(f"{rule.id}: confidence out of range")
        unknown = set(rule.rests_on) - set(catalogue.bases())
        if unknown:
            raise ValueError(f"{rule.id}: unknown bases {sorted(unknown)}")
        out[rule.id] = rule
    return out


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    with (REFERRALS / LANGUAGE / "labels.toml").open("rb") as f:
        return tomllib.load(f)
