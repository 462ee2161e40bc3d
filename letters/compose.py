"""Case + law + date -> the packet of letters. Never reads the clock, a request or a locale."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from . import catalogue, prose
from .case import Case
from .catalogue import LegalBasis, Route
from .deadlines import (
    Deadline, answer_due, notification_day, rectification_deadline, recourse_deadline, send_by,
)
from .formatting import long_date, money, place_of
from .model import Block, Letter, Packet, Party
from .selection import body_of, select_bases, select_route

LETTER_LANGUAGE = "fr"  # French bodies read French, whatever the person's language
NO_DECISION_YET = ("control", "score")


def wants_explanation(case: Case) -> bool:
    return case.wants_any("explanation", "documents")


def wants_recourse(case: Case) -> bool:
    """A recourse needs a decision to contest: a control or a bare score is not one yet."""
    return case.decision.kind not in NO_DECISION_YET and case.wants_any(
        "contest", "human_review", "suspend_recovery", "remission")


def compose_packet(case: Case, language: str = LETTER_LANGUAGE) -> Packet:
    """Every letter the case needs, with its dates, the next steps and the warnings."""
    today = case.today
    assert today is not None, "parse_case always sets today"
    route = select_route(case)
    selected = {b.id: b for b in select_bases(case, today)}
    recourse = recourse_deadline(case, route)
    rectification = rectification_deadline(case, route)
    ctx = _context(case, route, selected, recourse, rectification, language)
    ctx["concerning"] = prose.render_block(prose.kind_template(language, "common"), "concerning", ctx)

    letters = []
    if wants_explanation(case):
        letters.append(compose_letter("explanation", ctx, selected, language,
                                      send=send_by(today, None), answer_months=1,
                                      answer_rests_on="rgpd-12"))
    if wants_recourse(case):
        letters.append(compose_letter("recourse", ctx, selected, language,
                                      send=send_by(today, recourse.day if recourse else None),
                                      answer_months=route.answer_months,
                                      answer_rests_on=",".join(route.bases)))

    dates = [(d.key, d.day, d.rests_on) for d in (rectification, recourse) if d is not None]
    dates += [(f"answer:{x.id}", x.answer_due, "") for x in letters if x.answer_due]
    steps, warnings = _advice(ctx, letters, language)
    return Packet(tuple(letters), steps, warnings, tuple(dates))


def compose_letter(kind_id: str, ctx: dict[str, Any], selected: dict[str, LegalBasis],
                   language: str, *, send: date, answer_months: int,
                   answer_rests_on: str) -> Letter:
    """Build one letter from its kind's sections: fixed blocks and the bases that apply."""
    due = answer_due(send, answer_months, answer_rests_on)
    ctx = {**ctx, "send_by": send, "answer_due": due.day, "letter": kind_id}
    template = prose.kind_template(language, kind_id)
    common = prose.kind_template(language, "common")

    def block(name: str) -> str:
        source = template if prose.has_block(template, name) else common
        return prose.render_block(source, name, ctx)

    body: list[Block] = []
    for section in catalogue.kinds()[kind_id].sections:
        if section.startswith("basis:"):
            basis = selected.get(section.removeprefix("basis:"))
            text = basis.text.get(language, {}).get(kind_id) if basis else None
            if basis and text:
                rendered = prose.compile_snippet(language, text).render({**ctx, "basis": basis})
                body += prose.paragraphs(rendered, basis.id)
        else:
            body += prose.paragraphs(block(section))
    body = _number_requests(body)

    case: Case = ctx["case"]
    recipient = _dedupe(prose.lines(block("recipient")))
    return Letter(
        id=kind_id, kind=kind_id, language=language, title=block("title"),
        sender=Party(case.person.name, case.person.address),
        sender_contact=prose.lines(block("sender_contact")),
        recipient=Party(recipient[0], recipient[1:]),
        place_date=block("place_date"), mode=block("mode"), subject=block("subject"),
        references=prose.lines(block("references")), salutation=block("salutation"),
        body=tuple(body), politeness=block("politeness"), signature=case.person.name,
        enclosures=prose.lines(block("enclosures")), copies=prose.lines(block("copies")),
        bases=tuple(dict.fromkeys(b.basis for b in body if b.basis)),
        written=case.today or send, send_by=send, answer_due=due.day,
    )


def _dedupe(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Drop a line repeated in the address (a person often types the service name again)."""
    seen: set[str] = set()
    out = []
    for line in lines:
        if line.casefold() not in seen:
            seen.add(line.casefold())
            out.append(line)
    return tuple(out)


def _number_requests(body: list[Block]) -> list[Block]:
    numbered, n = [], 0
    for b in body:
        if b.style == "request":
            n += 1
            b = replace(b, number=n)
        numbered.append(b)
    return numbered


def _context(case: Case, route: Route, selected: dict[str, LegalBasis],
             recourse: Deadline | None, rectification: Deadline | None,
             language: str) -> dict[str, Any]:
    """Everything a letter template may use; documented in letters/data/README.md."""
    body = body_of(case)
    words = prose.labels(language)
    today = case.today
    return {
        "case": case, "person": case.person, "decision": case.decision,
        "org": case.organisation.name or body.label, "body": body, "route": route,
        "public": body.public, "social_security": body.social_security,
        "private": not body.public, "today": today,
        "place": place_of(case.person.address),
        "notified": notification_day(case),
        "recourse_deadline": recourse.day if recourse else "",
        "deadline_notified": bool(recourse and recourse.notified),
        "rectification_deadline": rectification.day if rectification else "",
        "decided": case.decision.kind not in NO_DECISION_YET,
        "decision_label": words["decision"][case.decision.kind],
        "decision_label_a": words["decision_a"][case.decision.kind],
        "decision_label_de": words["decision_de"][case.decision.kind],
        "benefit_label": words["benefit"][case.decision.benefit],
        "has": lambda basis_id: basis_id in selected,
        "wants": case.wants_any,
        "date": lambda d: long_date(d, language),
        "money": lambda amount: money(amount, language),
        "cite": lambda basis_id: catalogue.bases()[basis_id].citation,
        "court_route": route,
    }


def _advice(ctx: dict[str, Any], letters: list[Letter],
            language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Next steps and warnings, each a named block of the language's ``packet.txt``."""
    template = prose.kind_template(language, "packet")
    ctx = {**ctx, "letters": letters, "ids": [x.id for x in letters]}
    case: Case = ctx["case"]
    today = case.today
    assert today is not None
    recourse_letter = next((x for x in letters if x.id == "recourse"), None)
    deadline = ctx["recourse_deadline"]

    route = ctx["route"]
    warnings = []
    if recourse_letter and deadline and deadline < today:
        warnings.append("warn_deadline_passed")
    elif recourse_letter and deadline and (deadline - today).days <= 14:
        warnings.append("warn_deadline_close")
    if recourse_letter and not deadline and route.deadline_months is not None:
        warnings.append("warn_no_decision_date")
    if recourse_letter and ctx["route"].uncertain and not ctx["deadline_notified"]:
        warnings.append("warn_uncertain_route")
    if ctx["deadline_notified"]:
        warnings.append("warn_notified_deadline_used")
    recourse_elsewhere = recourse_letter and not route.of_body and case.organisation.kind != "departement"
    if not case.organisation.address or recourse_elsewhere:
        warnings.append("warn_no_recipient_address")
    if case.decision.kind in NO_DECISION_YET and case.wants_any("contest", "remission"):
        warnings.append("warn_nothing_to_contest")
    warnings.append("warn_estimates")

    steps = ["step_check_and_sign", "step_send_lrar"]
    if recourse_letter and ctx["rectification_deadline"] and ctx["rectification_deadline"] >= today:
        steps.append("step_rectification")
    if recourse_letter and "explanation" in ctx["ids"]:
        steps.append("step_do_not_wait")
    steps += ["step_keep_proofs", "step_if_silent"]
    if recourse_letter:
        steps.append("step_if_rejected")
    steps.append("step_help")

    def say(name: str) -> str:
        return prose.render_block(template, name, ctx)

    return tuple(say(s) for s in steps), tuple(say(w) for w in warnings)
