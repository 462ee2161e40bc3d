"""Case + law + date -> the packet of letters. Never reads the clock, a request or a locale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from . import catalogue, prose
from .calendar_fr import add_months
from .case import Case
from .catalogue import NOT_YET_DECIDED, PAYER_SUFFIX, Departement, LegalBasis, Observation, Route, Term
from .catalogue.texts import LETTER_LANGUAGE, basis_paragraph, citation
from .conditions import Facts, barred_before
from .deadlines import (
    Deadline,
    notification_day,
    postal_delivery,
    recourse_deadline,
    rectification_deadline,
    rectification_of,
    send_by,
)
from .deadlines import answer_due as body_answer_due
from .events import Event
from .followup import RequestState, answer_term, plan, request_states
from .formatting import (
    after,
    joined,
    joined_citations,
    long_date,
    money,
    months,
    of_months,
    place_of,
    postcode_of,
    years,
)
from .model import RTL_LANGUAGES, Block, Letter, Packet, PacketDate, Party, Progress
from .payer import PayerView, is_payer_letter, main_view, payer_letter, payer_view, paying_caisse
from .selection import addressed_to_body, body_of, select_bases, select_route
from .wording import (
    benefit_form,
    benefit_label,
    benefit_short,
    body_in,
    body_named,
    decision_words,
    reason_label,
    route_in,
)

__all__ = ["LETTER_LANGUAGE", "compose_letter", "compose_packet", "date_label", "letter_languages"]


def letter_languages() -> tuple[str, ...]:
    """Languages the letters are written in: French to send, the others as courtesy copies."""
    return prose.languages()


def wants_explanation(case: Case) -> bool:
    """An objection to profiling is made to the controller in the same letter as the access request."""
    return case.wants_any("explanation", "documents", "object")


def wants_recourse(case: Case) -> bool:
    """A recourse needs a decision to contest: a control or a bare score is not one yet."""
    return case.decision.kind not in NOT_YET_DECIDED and case.wants_any(
        "contest", "human_review", "suspend_recovery", "remission")


@dataclass(frozen=True)
class _Thread:
    """The letters to one recipient of the person's requests, and what frames them."""

    letters: tuple[Letter, ...]
    ctx: dict[str, Any]
    notes: tuple[str, ...]
    dates: tuple[PacketDate, ...]
    progress: tuple[Progress, ...]


def compose_packet(case: Case, language: str = LETTER_LANGUAGE) -> Packet:
    """Every letter the case needs today, with its dates, the next steps and the warnings.

    ``language`` other than French gives a courtesy translation, never one to send. A language
    without letter text is an error: a letter never falls back to another language.

    When a caisse pays the benefit another body decided on (the RSA), the caisse gets its own
    explanation request and follow-ups (letters/payer.py), placed after the matching letters
    to the body that decided.
    """
    if language not in prose.languages():
        raise ValueError(f"no letter text in {language!r}")
    payer = payer_view(case, wants_explanation(case))
    main = _thread(main_view(case), language, payer)
    side = _thread(payer.case, language, payer, for_payer=True) if payer else None
    letters = _merged(main.letters, side.letters if side else ())
    notes = tuple(dict.fromkeys((*main.notes, *(side.notes if side else ()))))
    ids = list(dict.fromkeys([*main.ctx["ids"], *(side.ctx["ids"] if side else ())]))
    # The advice follows every letter the case needs, even one without a courtesy copy.
    deferred = list(dict.fromkeys([*main.ctx["deferred"], *(side.ctx["deferred"] if side else ())]))
    # The body a CNIL complaint is about: the caisse's when only the caisse's complaint is ready.
    only_side = side is not None and "cnil" in side.ctx["ids"] and "cnil" not in main.ctx["ids"]
    cnil_about = side.ctx if side is not None and only_side else main.ctx
    ctx = {**main.ctx, "letters": letters, "ids": ids, "deferred": deferred, "cnil_about": cnil_about,
           "payer_letters": [x for x in letters if is_payer_letter(x.id)]}
    steps, warnings = _advice(ctx, notes, language)
    dates = tuple(sorted((*main.dates, *(side.dates if side else ())), key=lambda d: (d.day, d.key)))
    progress = tuple(sorted((*main.progress, *(side.progress if side else ())), key=lambda p: p.sent))
    return Packet(tuple(letters), steps, warnings, dates, progress)


def concerning(case: Case, language: str = LETTER_LANGUAGE) -> str:
    """How the letters name the decision ("l'indu de prime d'activité, daté du …"), for other
    documents about the case (a referral file): the common block ``concerning``."""
    text: str = _thread(main_view(case), language, None).ctx["concerning"]
    return text


def _thread(case: Case, language: str, payer: PayerView | None, for_payer: bool = False) -> _Thread:
    """The letters to the body that decided or, ``for_payer``, to the caisse that pays."""
    today = case.today
    assert today is not None, "parse_case always sets today"
    route = select_route(case)
    body = body_of(case)
    recourse = recourse_deadline(case, route)
    rectification = rectification_deadline(case)
    states = request_states(case, route)
    todo = plan(case, body, route, states, wants_explanation(case),
                wants_recourse(case) and not for_payer)
    kinds = [k for k in todo.letters if not for_payer or k in catalogue.payer_kinds()]
    facts = Facts(late="recourse" in kinds and recourse is not None and recourse.day < today,
                  today=today)
    selected = {b.id: b for b in select_bases(case, today, facts)}
    deadlines = {d.key: d for d in (rectification, recourse, *todo.deadlines) if d is not None}
    ctx = _context(case, route, selected, deadlines, states, language)
    not_before = dict(todo.not_before)
    ctx.update(late=facts.late, ids=kinds, deferred=list(not_before), payer=payer,
               decided_by=payer.decided_by if payer and for_payer else "",
               decider=payer.decider if payer and for_payer else "")

    letters = []
    for kind in kinds:
        if language != LETTER_LANGUAGE and not prose.has_kind(language, kind):
            continue  # no courtesy copy of this letter in this language; never another language
        letters.append(compose_letter(kind, ctx, selected, language, last_day=_last_day(kind, deadlines),
                                      send_from=not_before.get(kind), terms=answer_term(kind, route)))
    if not for_payer:
        return _Thread(tuple(letters), ctx, todo.notes, _dates(ctx, deadlines, states, letters, language),
                       _progress(ctx, states, language))
    # The caisse's letters: their own ids and titles, and only the dates of its own request.
    common = prose.kind_template(language, "common")

    def named(text: str) -> str:
        return prose.render_block(common, "payer_title", {**ctx, "text": text})

    letters = [replace(x, id=payer_letter(x.id), title=named(x.title)) for x in letters]
    own = {d.key: d for d in todo.deadlines}
    dates = []
    for d in _dates(ctx, own, states, letters, language, lambda kind: named(_title(kind, ctx, language))):
        if d.key in own:  # a deadline of the caisse's request: its label names the caisse
            d = replace(d, label=named(d.label), title=str(ctx["org"]))
        dates.append(d if is_payer_letter(d.key) else replace(d, key=d.key + PAYER_SUFFIX))
    progress = [replace(p, letter=payer_letter(p.letter), title=named(p.title))
                for p in _progress(ctx, states, language)]
    return _Thread(tuple(letters), ctx, todo.notes, tuple(dates), tuple(progress))


def _merged(main: tuple[Letter, ...], caisse: tuple[Letter, ...]) -> list[Letter]:
    """The caisse's letters right after the last letter of the same kinds to the body that decided."""
    kinds = set(catalogue.payer_kinds())
    last = max((i for i, x in enumerate(main) if x.kind in kinds), default=len(main) - 1)
    return [*main[:last + 1], *caisse, *main[last + 1:]]


def _last_day(kind: str, deadlines: dict[str, Deadline]) -> date | None:
    """The last day of the deadline the letter serves (kinds/*.toml ``serves``), if any."""
    serves = catalogue.kinds()[kind].serves
    last = deadlines.get(serves) if serves else None
    return last.day if last else None


# How a citation names its code, and how a second citation of the same code says so.
SAME_CODE = {"fr": (" du code ", " du même code"), "en": (" of the ", " of the same code"),
             "es": (" del Código ", " del mismo código"), "ar": (" من ", " من القانون نفسه")}


def compose_letter(kind_id: str, ctx: dict[str, Any], selected: dict[str, LegalBasis],
                   language: str, *, last_day: date | None, send_from: date | None = None,
                   terms: Term | None) -> Letter:
    """Build one letter from its kind's sections: fixed blocks and the bases that apply.

    The letter is dated the day it is written; the body's answer is due its term after the
    letter can have reached it, counted from that date plus the post (never from the last
    day the letter may be sent).
    """
    written: date = ctx["today"]
    due = body_answer_due(send_from or written, terms, ctx["post"]).day if terms else None
    # Every basis the text cites by name counts among the letter's bases, as its paragraphs do.
    cited: list[str] = []

    def cite(basis_id: str) -> str:
        cited.append(basis_id)
        return citation(basis_id, language)

    def cites(ids: Any) -> str:
        return joined_citations([cite(b) for b in ids], language)

    def cite_same(basis_id: str) -> str:
        """A second article of the code just named: "article D. 553-1 du même code"."""
        article, _, _ = cite(basis_id).partition(SAME_CODE[language][0])
        return article + SAME_CODE[language][1]

    ctx = {**ctx, "send_by": send_by(last_day) if last_day else "", "answer_due": due or "",
           "answer_term": terms or "", "letter": kind_id, "send_from": send_from or "", "cite": cite,
           "sending": list(catalogue.kinds()[kind_id].sending),
           "cites": cites, "cite_same": cite_same}
    template = prose.kind_template(language, kind_id)
    common = prose.kind_template(language, "common")

    def block(name: str) -> str:
        source = template if prose.has_block(template, name) else common
        return prose.render_block(source, name, ctx)

    body: list[Block] = []
    for section in catalogue.kinds()[kind_id].sections:
        if section.startswith("basis:"):
            basis_id, _, part = section.removeprefix("basis:").partition(".")
            basis = selected.get(basis_id)
            text = basis_paragraph(basis.id, kind_id, language, part) if basis else None
            if basis and text:
                local = replace(basis, citation=citation(basis.id, language))
                here = {**ctx, "basis": local}
                # A paragraph several bases share (the kind's block ``name``), said of this basis.
                here["shared"] = lambda name, _here=here, **extra: prose.Rendered(prose.render_block(
                    template, name, {**_here, **extra}))
                rendered = prose.compile_snippet(language, text).render(here)
                body += prose.paragraphs(rendered, basis.id)
        else:
            body += prose.paragraphs(block(section))
    body = _number_requests(_without_empty_headings(body))

    case: Case = ctx["case"]
    recipient = _dedupe(prose.lines(block("recipient")))
    sender = Party(case.person.name, case.person.address)
    if language in RTL_LANGUAGES:  # the template isolates what it prints; the sender is printed here
        sender = Party(prose.isolated(sender.name), tuple(prose.isolated(x) for x in sender.lines))
    return Letter(
        id=kind_id, kind=kind_id, language=language, title=block("title"),
        sender=sender,
        sender_contact=prose.lines(block("sender_contact")),
        recipient=Party(recipient[0] if recipient else "", recipient[1:]),
        place_date=block("place_date"), mode=block("mode"), subject=block("subject"),
        references=prose.lines(block("references")), salutation=block("salutation"),
        body=tuple(body), politeness=block("politeness"), signature=block("signature"),
        enclosures=prose.lines(block("enclosures")), copies=prose.lines(block("copies")),
        bases=tuple(dict.fromkeys([*(b.basis for b in body if b.basis), *cited])),
        written=written, send_by=send_by(last_day) if last_day else None, last_day=last_day,
        send_from=send_from, answer_due=due,
        subject_label=block("subject_label"), enclosures_label=block("enclosures_label"),
        copies_label=block("copies_label"),
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


def _without_empty_headings(body: list[Block]) -> list[Block]:
    """A heading none of whose guarded sentences holds for the case says nothing: drop it."""
    return [b for i, b in enumerate(body)
            if b.style != "heading" or (i + 1 < len(body) and body[i + 1].style != "heading")]


def _number_requests(body: list[Block]) -> list[Block]:
    numbered, n = [], 0
    for b in body:
        if b.style == "request":
            n += 1
            b = replace(b, number=n)
        numbered.append(b)
    return numbered


def _context(case: Case, route: Route, selected: dict[str, LegalBasis],
             deadlines: dict[str, Deadline], states: dict[str, RequestState],
             language: str) -> dict[str, Any]:
    """Everything a letter template may use; documented in letters/data/README.md."""
    # French names the body and route from the facts; a translation from its labels.toml.
    body = body_in(body_of(case), language)
    recourse = deadlines.get("recourse")
    org = case.organisation.name or body.label
    named = body_named(org, body_of(case), language)
    form, reference = benefit_form(case)
    ctx: dict[str, Any] = {
        "case": case, "person": case.person, "decision": case.decision,
        "org": org, "the_org": named["the"], "of_org": named["of"], "to_org": named["to"],
        "body": body, "route": route_in(route, language),
        "addressed_to_org": addressed_to_body(case, route),
        "public": body.public, "social_security": body.social_security,
        "private": not body.public, "today": case.today,
        "place": place_of(case.person.address),
        "post": postal_delivery(case),
        "notified": notification_day(case),
        "recourse_deadline": recourse.day if recourse else "",
        "deadline_notified": bool(recourse and recourse.notified),
        "rectification_deadline": deadlines["rectification"].day if "rectification" in deadlines else "",
        "cada_deadline": deadlines["cada_window"].day if "cada_window" in deadlines else "",
        "court_deadline": deadlines["court"].day if "court" in deadlines else "",
        "decided": case.decision.kind not in NOT_YET_DECIDED,
        "decision_label": decision_words(language, "decision", case)[0],
        "decision_label_a": decision_words(language, "decision_a", case)[0],
        "decision_label_de": decision_words(language, "decision_de", case)[0],
        # The body's own words for the decision name what it bears on ("la désactivation de
        # mon compte"): the benefit is then not added.
        "decision_names_object": decision_words(language, "decision", case)[1],
        "outcome": decision_words(language, "outcome", case)[0],
        "benefit_label": benefit_label(case.decision.benefit, language, form),
        "benefit_reference": reference,
        "benefit_short": benefit_short(case.decision.benefit, language),
        "reason_label": reason_label(case.decision.reason, language),
        "decision_subject": decision_words(language, "decision_subject", case)[0],
        "paying_caisse": paying_caisse(case),
        "payer": None,
        "decided_by": "", "decider": "",
        "has": lambda basis_id: basis_id in selected,
        "wants": case.wants_any,
        "date": lambda d: long_date(d, language),
        "money": lambda amount: money(amount, language),
        "cite": lambda basis_id: citation(basis_id, language),
        "cites": lambda ids: joined_citations([citation(b, language) for b in ids], language),
        "joined": lambda items: joined(list(items), language),
        "after": after,
        "months": lambda count: months(count, language),
        "years": lambda count: years(count, language),
        "of_months": lambda count: of_months(count, language),
        "authority": catalogue.authorities(),
        "states": Known(states),
        "sent": Known({k: v.sent for k, v in states.items()}),
        "answer": Known({k: v.answer for k, v in states.items() if v.answer}),
        "issues": set().union(*(v.answer.issues for v in states.values() if v.answer)),
        "title_of": lambda kind: _title(kind, ctx, language),
        "event_text": lambda event: _event_text(event, ctx, language),
        # Computed facts the law turns on (letters/conditions.py has their rules).
        "late": False,
        "within_reasonable_time": _within_a_year(case),
        "barred_before": lambda count: barred_before(case, count),
        "rectification": rectification_of(case),
        "observation": _observation(case),
        "escalation_wait": _reminder_days(),
        "departement": _departement(case, route),
    }
    common = prose.kind_template(language, "common")
    ctx["concerning"] = prose.render_block(common, "concerning", ctx)
    ctx["subject_about"] = prose.render_block(common, "subject_about", ctx)
    return ctx


def _reminder_days() -> int:
    """The days a reminder gives the body before the escalations it announces (kinds/reminder)."""
    term = catalogue.kinds()["reminder"].answer
    assert term is not None and not term.months, "a reminder's delay is in days"
    return term.days


class Known(dict):  # type: ignore[type-arg]
    """A mapping where a letter not sent (or not answered) reads as none, so templates can
    write ``{% if sent.reminder %}`` without tripping the strict undefined check."""

    def __missing__(self, key: str) -> None:
        return None


def _title(kind: str, ctx: dict[str, Any], language: str) -> str:
    template = prose.kind_template(language, kind)
    return prose.render_block(template, "title", {**ctx, "letter": kind, "send_by": "", "answer_due": "",
                                                  "send_from": ""})


def _within_a_year(case: Case) -> bool:
    """Still within the reasonable time, one year as a rule, that administrative case law allows
    when the voies et délais were not notified (CE Ass. 13 July 2016 n° 387763)."""
    start = notification_day(case)
    return start is not None and case.today is not None and case.today <= add_months(start, 12)


def _departement(case: Case, route: Route) -> Departement | None:
    """Who hears a recourse that goes to the département, when the case names another body
    (the CAF that pays the RSA): found from the person's postcode, where it decides alone."""
    if route.goes_to != "departement" or addressed_to_body(case, route):
        return None
    found = catalogue.departement_of(postcode_of(case.person.address))
    return found if found is not None and found.authority else None


def _observation(case: Case) -> Observation | None:
    """The delay to answer before a sanction or penalty, for a control not yet decided."""
    if case.decision.kind not in NOT_YET_DECIDED:
        return None
    return (catalogue.benefits()[case.decision.benefit].observation
            or catalogue.bodies()[case.organisation.kind].observation)


def _event_text(event: Event, ctx: dict[str, Any], language: str) -> str:
    template = prose.kind_template(language, "common")
    return prose.render_block(template, "event_line", {**ctx, "event": event})


def _dates(ctx: dict[str, Any], deadlines: dict[str, Deadline], states: dict[str, RequestState],
           letters: list[Letter], language: str,
           title: Callable[[str], str] | None = None) -> tuple[PacketDate, ...]:
    """Every date of the packet, labelled in plain words, oldest first; a past one says so."""
    today: date = ctx["today"]
    title = title or (lambda kind: _title(kind, ctx, language))

    def dated(key: str, day: date, owner: str, rests_on: str, done: date | None = None,
              title: str = "") -> PacketDate:
        text, passed = date_label(key, day, today, done, title, language)
        return PacketDate(key, day, owner, rests_on, text, passed, done, title)

    out = [dated(d.key, d.day, d.owner, d.rests_on, done=_met_on(d, states)) for d in deadlines.values()]
    for state in states.values():
        if state.due and state.status != "answered":
            out.append(dated(f"due:{state.letter}", state.due, "body", "", title=title(state.letter)))
    for x in letters:
        if not catalogue.kinds()[x.kind].tracked:
            continue  # an information sheet: nothing to send, nothing to answer
        if x.send_from:
            out.append(dated(f"send_from:{x.id}", x.send_from, "person", "", title=x.title))
        if x.send_by:
            out.append(dated(f"send:{x.id}", x.send_by, "person", "", title=x.title))
        if x.answer_due:
            out.append(dated(f"answer:{x.id}", x.answer_due, "body", "", title=x.title))
    return tuple(sorted(out, key=lambda d: (d.day, d.key)))


def date_label(key: str, day: date, today: date, done: date | None = None, title: str = "",
               language: str = LETTER_LANGUAGE) -> tuple[str, bool]:
    """A packet date's label as of ``today``, and whether the date is passed: over, and not met
    by a letter sent in time (then the label says when it was sent instead).

    The label is the ``date_…`` block of ``packet.txt`` its key names (``recourse``,
    ``due:explanation``…), and reads only the day, ``done`` and ``title``: the title of the
    letter the date is about, or the caisse's name for a deadline of the caisse's own request
    (``…_payer``). So the clinic's board can say it again on a later day without the case
    (workspace/board.py)."""
    passed = day < today and not (done and done <= day)
    caisse = ":" not in key and key.endswith(PAYER_SUFFIX)
    block = f"date_{key.removesuffix(PAYER_SUFFIX) if caisse else key.split(':')[0]}"
    context = {"date": lambda d: long_date(d, language), "day": day, "passed": passed, "done": done or "",
               "title": title}
    text = prose.render_block(prose.kind_template(language, "packet"), block, context)
    if caisse:
        text = prose.render_block(prose.kind_template(language, "common"), "payer_title",
                                  {"text": text, "org": title})
    return text, passed


def _met_on(deadline: Deadline, states: dict[str, RequestState]) -> date | None:
    """When the person sent the letter that serves this deadline (kinds/*.toml ``serves``), if
    the events show it sent: the recourse for its delay, the CADA referral for its window."""
    sent = [s.sent for s in states.values() if catalogue.kinds()[s.letter].serves == deadline.key]
    return min(sent) if sent else None


def _progress(ctx: dict[str, Any], states: dict[str, RequestState], language: str) -> tuple[Progress, ...]:
    template = prose.kind_template(language, "packet")
    return tuple(
        Progress(s.letter, _title(s.letter, ctx, language), s.sent, s.due, s.status,
                 prose.render_block(template, f"progress_{s.status}", {**ctx, "state": s}))
        for s in sorted(states.values(), key=lambda s: s.sent)
    )


def _advice(ctx: dict[str, Any], notes: tuple[str, ...],
            language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Next steps and warnings, each a named block of the language's ``packet.txt``."""
    template = prose.kind_template(language, "packet")
    case: Case = ctx["case"]
    today = case.today
    assert today is not None
    ids = ctx["ids"]
    route = ctx["route"]
    deadline = ctx["recourse_deadline"]
    recourse_now = "recourse" in ids

    warnings = []
    if recourse_now and deadline and deadline < today:
        warnings.append("warn_deadline_passed")
    elif recourse_now and deadline and (deadline - today).days <= 14:
        warnings.append("warn_deadline_close")
    if recourse_now and not deadline and route.deadline_months is not None:
        warnings.append("warn_no_decision_date")
    if recourse_now and route.uncertain and not ctx["deadline_notified"]:
        warnings.append("warn_uncertain_route")
    if ctx["deadline_notified"]:
        warnings.append("warn_notified_deadline_used")
    departement = ctx["departement"]
    recourse_elsewhere = recourse_now and not ctx["addressed_to_org"]
    known_elsewhere = departement is not None and bool(departement.address)
    if (ids and not case.organisation.address) or (recourse_elsewhere and not known_elsewhere):
        warnings.append("warn_no_recipient_address")
    if recourse_now and departement and departement.address and departement.confidence != "V":
        warnings.append("warn_check_address_departement")
    if ctx["payer_letters"]:
        warnings.append("warn_payer_address")
        if ctx["payer"].assumed:
            warnings.append("warn_payer_assumed")
    if "explanation" in ids and case.wants_any("object") and not ctx["has"]("rgpd-21"):
        warnings.append("warn_object_excluded")
    elif "explanation" in ids and ctx["has"]("rgpd-21"):
        warnings.append("warn_object_reasons")  # art. 21 needs the person's own grounds
    if ctx["observation"] is not None:
        warnings.append(f"warn_observe_{ctx['observation'].about}")
    d = case.decision
    if recourse_now and d.benefit == "are" and d.kind == "overpayment":
        warnings.append("warn_are_contrainte")
    if recourse_now and route.id == "france-travail-are-indu":
        warnings.append("warn_ft_recourse_address")  # its recipient, not the regional address
    if case.decision.kind in NOT_YET_DECIDED and case.wants_any("contest", "remission"):
        warnings.append("warn_nothing_to_contest")
    if "remission" in ids:
        warnings.append("warn_remission_not_contest")
    if "defenseur" in ids:
        warnings.append("warn_defenseur_no_suspension")
    warnings += [n for n in notes if n.startswith("note_")]
    for authority in ("cada", "cnil", "defenseur"):
        if authority in ids and ctx["authority"][authority].confidence != "V":
            warnings.append(f"warn_check_address_{authority}")
        if authority == "cnil" and "cnil" in ids:
            warnings.append("warn_cnil_siren")  # its form may ask for a number we cannot check
    warnings.append("warn_estimates")

    steps = []
    if ids:
        steps += ["step_check_and_sign", "step_send_lrar"]
    if recourse_now and ctx["rectification_deadline"] and ctx["rectification_deadline"] >= today:
        steps.append("step_rectification")
    if recourse_now and "explanation" in ids:
        steps.append("step_do_not_wait")
    to_director = route.recipient and ctx["addressed_to_org"]  # recourse.txt fresh_request's rule
    if recourse_now and ctx["late"] and d.kind == "suspension" and to_director:
        steps.append("step_fresh_request_copy")
    if "court_info" in ids:
        steps.append("step_court")
    if d.benefit == "bank_account" and not ctx["public"]:
        steps += ["step_aml_cnil", "step_droit_au_compte"]
    if d.benefit == "recruitment":
        steps.append("step_discrimination")
    steps += ["step_keep_proofs", "step_record_events"]
    # CADA and CNIL answer a silence on the request for explanation and data: said only where
    # that request is sent or in the packet.
    if "explanation" in ids or ctx["sent"]["explanation"]:
        steps.append("step_if_silent")
    pending = ctx["states"]["recourse"]
    if not recourse_now and pending is not None and pending.outcome == "waiting":
        steps.append("step_recourse_pending")  # its answer, and the court after a silence
    if recourse_now:
        steps.append("step_if_rejected")
    steps.append("step_help")

    def say(name: str) -> str:
        return prose.render_block(template, name, ctx)

    return tuple(say(s) for s in steps), tuple(say(w) for w in warnings)
