"""No letter states a fact, a past step or a wish the case does not carry.

letters/data/text/fr/guards.toml lists, beside the text, each sentence that says something of
the person and what the case must hold for a letter to say it. For each one, every example case
is rendered with that condition made false, absent or unknown, in every kind of letter the case
brings: the sentence must never appear. And some case must print it, or the guard tests nothing.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest

from letters import catalogue, compose_packet
from letters.catalogue.texts import TEXT
from letters.render import render_text
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import CASES, case_from, load_case_data

GUARDS = tomllib.loads((TEXT / "fr" / "guards.toml").read_text(encoding="utf-8"))["guard"]
EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))
Case = dict[str, Any]


def plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace(NB_HYPHEN, "-").split()).casefold()


# -- How to make each condition false, absent or unknown in a case.

def _without_want(want: str) -> Callable[[Case], Case]:
    def change(data: Case) -> Case:
        data["wants"] = [w for w in data.get("wants", []) if w != want] or ["documents"]
        return data
    return change


def _field(field: str, value: Any) -> Callable[[Case], Case]:
    def change(data: Case) -> Case:
        data["decision"][field] = value
        return data
    return change


def _without_events(*letters: str, kinds: tuple[str, ...] = ()) -> Callable[[Case], Case]:
    def change(data: Case) -> Case:
        data["events"] = [e for e in data.get("events", [])
                          if e["letter"] not in letters and e["kind"] not in kinds]
        return data
    return change


def _private(data: Case) -> Case:
    data["organisation"] = {"kind": "bank", "name": "Banque Exemple",
                            "address": ["1 rue de la Banque", "75002 Paris"]}
    data["decision"]["benefit"] = "credit"
    data["events"] = []
    return data


def _no_description(data: Case) -> Case:
    data["decision"]["description"] = ""
    return data


def _description_left_out(data: Case) -> Case:
    data["decision"]["description_in_letters"] = False
    return data


def _no_explanation(data: Case) -> Case:
    data = _without_want("explanation")(_without_want("documents")(_without_want("object")(data)))
    data["wants"] = data["wants"] if data["wants"] != ["documents"] else ["contest"]
    letters = ("explanation", "reminder", "reply_partial", "cada", "cnil")
    return _without_events(*letters, *(f"{x}_payer" for x in letters))(data)


def _explanation_answered_in_full(data: Case) -> Case:
    """The explanation request, where the events show it sent, answered in full: no refusal,
    no partial answer, no silence left to recount."""
    events = [e for e in data.get("events", [])
              if not (e["letter"] == "explanation" and e["kind"] == "answer")]
    sent = [e for e in events if e["letter"] == "explanation" and e["kind"] == "sent"]
    if sent:
        events.append({"date": sent[0]["date"], "kind": "answer", "letter": "explanation", "answer": "full"})
    data["events"] = events
    return data


def _no_automation(value: Any) -> Callable[[Case], Case]:
    def change(data: Case) -> Case:
        data["decision"].update(automation="unknown", algorithm_mentioned=value)
        return data
    return change


def _no_score(data: Case) -> Case:
    data["decision"]["score_used"] = None
    if data["decision"]["kind"] == "score":
        data["decision"]["kind"] = "refusal"
    return data


def _answer_not(answer: str, instead: str | None) -> Callable[[Case], Case]:
    """The explanation request was answered otherwise (``instead``), or not yet (None)."""
    def change(data: Case) -> Case:
        kept, changed = [], []
        for e in data.get("events", []):
            if e["letter"] == "explanation" and e["kind"] == "answer" and e.get("answer") == answer:
                changed.append(e)
            else:
                kept.append(e)
        data["events"] = kept + ([{**e, "answer": instead, "issues": []} for e in changed] if instead else [])
        return data
    return change


def _falsifiers() -> Iterator[tuple[str, Callable[[Case], Case]]]:
    for want in catalogue.WANTS:
        yield f"wants.{want}", _without_want(want)
    for field in ("good_faith", "body_error", "recovery_started", "agent_control"):
        yield f"decision.{field}", _field(field, None)
        yield f"decision.{field}", _field(field, False)
    for field in ("reasons_given", "algorithm_mentioned", "appeal_routes_given", "prior_notice_given"):
        yield f"decision.{field}=false", _field(field, None)
        yield f"decision.{field}=false", _field(field, True)
    yield "decision.payer", _field("payer", "unknown")
    yield "decision.payer", _field("payer", None)
    yield "automation=full", _field("automation", "partial")
    yield "automation=full", _field("automation", "unknown")
    yield "automation", _no_automation(None)
    yield "automation", _no_automation(False)
    yield "description", _no_description
    yield "description", _description_left_out
    yield "period", _field("period", None)
    yield "decision.notice_received=false", _field("notice_received", None)
    yield "decision.notice_received=false", _field("notice_received", True)
    yield "decision.document_sent", _field("document_sent", None)
    yield "decision.reason", _field("reason", "")
    yield "score", _no_score
    yield "decision.score_used", _field("score_used", None)
    yield "decision.score_used", _field("score_used", False)
    for answer, instead in (("refused", "full"), ("refused", "partial"), ("partial", "full")):
        yield f"answer.explanation={answer}", _answer_not(answer, instead)
        yield f"answer.explanation={answer}", _answer_not(answer, None)
    for letter in ("explanation", "recourse", "reminder", "reply_partial"):
        yield f"sent.{letter}", _without_events(letter, f"{letter}_payer")
    yield "received.explanation", _without_events(kinds=("received_ack",))
    yield "explanation_letter", _no_explanation
    yield "explanation_unmet", _explanation_answered_in_full
    yield "public", _private


FALSIFIERS = tuple(_falsifiers())


def changes_for(requires: str) -> list[int]:
    return [i for i, (key, _) in enumerate(FALSIFIERS) if key == requires]


def letters_of(data: Case) -> tuple[str, ...]:
    """Every letter of the case's packet, as plain lower-case text."""
    packet = compose_packet(case_from(data, today=data.get("today", "2026-11-29")))
    return tuple(plain(render_text(x)) for x in packet.letters)


@cache
def falsified(name: str, index: int) -> tuple[str, ...]:
    """The example's letters once falsifier ``index`` has made its condition untrue."""
    return letters_of(FALSIFIERS[index][1](copy.deepcopy(load_case_data(name))))


@cache
def as_given(name: str) -> tuple[str, ...]:
    return letters_of(load_case_data(name))


def test_every_guard_names_a_condition_the_test_knows():
    assert {g["requires"] for g in GUARDS} <= {key for key, _ in FALSIFIERS}


@pytest.mark.parametrize("guard", GUARDS, ids=lambda g: g["phrase"])
def test_some_example_prints_the_guarded_sentence(guard):
    """A sentence no case prints would make the test below pass for nothing."""
    assert any(guard["phrase"] in text for name in EXAMPLES for text in as_given(name)), guard["phrase"]


@pytest.mark.parametrize("guard", GUARDS, ids=lambda g: g["phrase"])
def test_the_sentence_disappears_when_the_case_does_not_carry_it(guard):
    for index in changes_for(guard["requires"]):
        for name in EXAMPLES:
            for text in falsified(name, index):
                assert guard["phrase"] not in text, (guard["phrase"], name, FALSIFIERS[index][0], index)
