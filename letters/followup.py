"""Where each request stands, and which letter comes next: a pure function of the events.

Rules, each from the legal brief:
- a request unanswered when due is overdue: the CNIL (any body) and, for a public body, the
  CADA (two months) may be seized at once (brief §15.2); a reminder is offered as the gentler
  first step, and the escalations it announces are then dated after its own delay, never the
  same day; when the CADA window is about to close, no reminder: the escalation goes now;
- an incomplete GDPR answer opens a complaint to the CNIL (any body), after a reply;
- a partial answer gets a point-by-point reply;
- a rejected recourse, or silence on it, opens the court: information, not a filing;
- a public service can be referred to the Défenseur des droits once prior steps are done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import catalogue
from .case import Case
from .catalogue import Body, Route, Term
from .deadlines import Deadline, body_due, cada_window_end, court_deadline, postal_delivery
from .events import Event

ESCALATION_WAIT = timedelta(days=15)  # after a reminder, before going to the CADA or the CNIL
URGENT = timedelta(days=21)  # a window closing this soon is not worth waiting on a reminder
CRPA_ISSUES = {"secret_invoked", "generic_logic", "no_documents", "no_reasons"}
GDPR_ISSUES = {"secret_invoked", "generic_logic", "no_score", "no_sources", "no_human_review"}


def answer_term(letter: str, route: Route) -> Term | None:
    """How long the recipient of ``letter`` has to answer (kinds/*.toml), if the law says."""
    kind = catalogue.kinds()[letter]
    return route.answer if kind.route_answer else kind.answer


@dataclass(frozen=True)
class RequestState:
    """One letter the person sent: when, whether it arrived, what came back, what is due."""

    letter: str
    sent: date
    received: date | None
    due: date | None
    answer: Event | None
    status: str  # "waiting", "overdue" or "answered"


def request_states(case: Case, route: Route) -> dict[str, RequestState]:
    """The state of every letter that has a 'sent' event, as of ``case.today``."""
    today = case.today
    assert today is not None
    states = {}
    for sent in (e for e in case.events if e.kind == "sent"):
        later = [e for e in case.events if e.letter == sent.letter and e.date >= sent.date]
        received = next((e.date for e in later if e.kind == "received_ack"), None)
        answer = next((e for e in later if e.kind == "answer"), None)
        extended = any(e.kind == "extension" for e in later)
        term = answer_term(sent.letter, route)
        post = postal_delivery(case)
        due = body_due(sent.date, received, term.months, extended, post=post) if term else None
        if answer is not None:
            status = "answered"
        elif due is not None and today > due:
            status = "overdue"
        else:
            status = "waiting"
        states[sent.letter] = RequestState(sent.letter, sent.date, received, due, answer, status)
    return states


@dataclass(frozen=True)
class Plan:
    """The letters to prepare now, and the dates that frame them."""

    letters: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    notes: tuple[str, ...]  # names of packet.txt blocks explaining a choice
    # Letters not to send before a day: an escalation offered beside the gentler step first.
    not_before: tuple[tuple[str, date], ...] = ()


def plan(case: Case, body: Body, route: Route, states: dict[str, RequestState],
         wants_explanation: bool, wants_recourse: bool) -> Plan:
    """Which letters to prepare today, in the order the person should send them."""
    today = case.today
    assert today is not None
    out: list[str] = []
    deadlines: list[Deadline] = []
    notes: list[str] = []
    not_before: dict[str, date] = {}
    sent = set(states)

    def add(letter: str) -> None:
        if letter not in sent and letter not in out:
            out.append(letter)

    if wants_explanation:
        add("explanation")
    if wants_recourse and "remission" not in sent:
        if case.wants_any("contest", "human_review", "suspend_recovery"):
            add("recourse")
        elif case.wants_any("remission") and case.decision.kind == "overpayment":
            add("remission")
            notes.append("note_remission_alone")

    explanation = states.get("explanation")
    if explanation is not None:
        answer = explanation.answer
        refused_on = answer.date if answer and answer.answer in ("refused", "partial") else None
        window = (cada_window_end(explanation.sent, explanation.received, refused_on)
                  if body.public else None)
        if window is not None:
            deadlines.append(window)
        issues = set(answer.issues) if answer else set()
        reminder = states.get("reminder")
        silent = explanation.status == "overdue"
        urgent = window is not None and window.day - today <= URGENT
        partial = answer is not None and answer.answer == "partial"
        waited = reminder is not None and today - reminder.sent >= ESCALATION_WAIT
        # A gentler step first (a reminder for silence, a reply for a partial answer), and the
        # escalation beside it, dated after that step's own delay: never both on the same day.
        later: date | None = None
        if silent and reminder is None and not urgent:
            add("reminder")
            later = today + ESCALATION_WAIT
        elif silent and reminder is not None and not (waited or urgent):
            later = reminder.sent + ESCALATION_WAIT
        if partial:
            add("reply_partial")
            reply = states.get("reply_partial")
            start = reply.sent if reply is not None else today
            if not urgent and today < start + ESCALATION_WAIT:
                later = start + ESCALATION_WAIT
        escalate = silent or (answer is not None and answer.answer == "refused")
        if body.public and (escalate or issues & CRPA_ISSUES):
            if window is not None and window.day < today:
                notes.append("note_cada_window_passed")
            else:
                add("cada")
        if escalate or issues & GDPR_ISSUES:
            add("cnil")
        if body.public and escalate and later is None:
            add("defenseur")
        if later is not None:
            not_before.update({letter: later for letter in ("cada", "cnil") if letter in out})
            notes.append("note_escalation_after_gentler_step")

    recourse = states.get("recourse")
    if recourse is not None:
        answer = recourse.answer
        rejected = answer is not None and answer.answer == "rejected"
        implicit = recourse.status == "overdue"
        if rejected or implicit:
            court = court_deadline(answer.date if answer is not None and rejected else None,
                                   recourse.sent, recourse.received, route)
            if court is not None:
                deadlines.append(court)
            add("court_info")
            if body.public:
                add("defenseur")
            if case.wants_any("remission") and case.decision.kind == "overpayment":
                add("remission")

    return Plan(tuple(out), tuple(deadlines), tuple(notes), tuple(not_before.items()))
