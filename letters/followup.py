"""Where each request stands, and which letter comes next: a pure function of the events.

Rules, each from the legal brief:
- a request unanswered when due is overdue: the CNIL (any body) and, for a public body, the
  CADA (two months from the refusal, R343-1) may be seized at once (brief §15.2); a reminder
  is offered as the gentler first step, and the escalations it announces wait until the delay
  it gives the body is over, never the same day; when the CADA window would close before
  then, no reminder: the escalation goes now;
- an incomplete GDPR answer opens a complaint to the CNIL (any body), after a reply;
- a partial answer gets a point-by-point reply, and the escalations wait for its delay too,
  the CADA within its window; a complete answer opens no CADA window;
- a rejected recourse, or silence on it, opens the court: information, not a filing;
- a public service can be referred to the Défenseur des droits once prior steps are done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import catalogue
from .case import Case
from .catalogue import Body, Route, Term
from .deadlines import (
    Deadline,
    answer_due,
    body_due,
    cada_window_end,
    court_deadline,
    postal_delivery,
    send_by,
)
from .events import Event

DAY = timedelta(days=1)
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

    @property
    def outcome(self) -> str:
        """What came of it, as a letter recounts it: the answer's kind ("full", "partial",
        "refused", "rejected", "accepted"), "unanswered" once overdue, else "waiting"."""
        if self.answer is not None:
            return self.answer.answer
        return "unanswered" if self.status == "overdue" else "waiting"


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
        due = body_due(sent.date, received, term, extended, post=post) if term else None
        if answer is not None:
            status = "answered"
        elif due is not None and today > due:
            status = "overdue"
        else:
            status = "waiting"
        states[sent.letter] = RequestState(sent.letter, sent.date, received, due, answer, status)
    return states


def gentler_due(letter: str, route: Route, written: date, state: RequestState | None) -> date | None:
    """The last day of the delay a gentler step gives the body (a reminder, a point-by-point
    reply): from its sending when the events show it sent, otherwise from today's letter; none
    once that delay is over or the body has answered."""
    if state is None:
        term = answer_term(letter, route)
        assert term is not None, f"kinds/{letter}.toml gives the body a delay"
        return answer_due(written, term).day
    return state.due if state.status == "waiting" else None


@dataclass(frozen=True)
class Plan:
    """The letters to prepare now, and the dates that frame them."""

    letters: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    notes: tuple[str, ...]  # names of packet.txt blocks explaining a choice
    # Letters not to send before a day: an escalation offered beside the gentler step first.
    not_before: tuple[tuple[str, date], ...] = ()


def _grievance(case: Case, states: dict[str, RequestState]) -> bool:
    """Something the Défenseur des droits can act on besides the rejection itself, which is
    within the body's powers: reasons missing, an explanation refused, partial or unanswered, a
    processing that seems to have decided, a rejection with no sign of human review."""
    d = case.decision
    explanation = states.get("explanation")
    recourse = states.get("recourse")
    return (d.reasons_given is False or d.automation in ("full", "partial") or d.algorithm_mentioned is True
            or (explanation is not None and explanation.outcome in ("refused", "partial", "unanswered"))
            or (recourse is not None and recourse.answer is not None
                and "no_human_review" in recourse.answer.issues))


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
        complete = answer is not None and answer.answer in ("full", "accepted")
        refused_on = answer.date if answer and answer.answer in ("refused", "partial") else None
        window = (cada_window_end(explanation.sent, explanation.received, refused_on)
                  if body.public and not complete else None)
        if window is not None:
            deadlines.append(window)
        issues = set(answer.issues) if answer else set()
        silent = explanation.status == "overdue"
        partial = answer is not None and answer.answer == "partial"

        def cada_can_wait(day: date) -> bool:
            """Sent from ``day``, the CADA referral still goes out by its send-by date."""
            return window is None or day <= send_by(window.day)

        # A gentler step first (a reminder for silence, a reply for a partial answer); the
        # escalations wait until the delay it gives the body is over: never the same day.
        gentle: date | None = None
        if silent:
            gentle = gentler_due("reminder", route, today, states.get("reminder"))
            if "reminder" not in states and gentle is not None:
                if cada_can_wait(gentle + DAY):
                    add("reminder")
                else:
                    gentle = None  # the CADA window closes too soon to wait on a reminder
        if partial:
            add("reply_partial")
            gentle = gentler_due("reply_partial", route, today, states.get("reply_partial"))
        escalate = silent or (answer is not None and answer.answer == "refused")
        if body.public and (escalate or issues & CRPA_ISSUES):
            if window is not None and window.day < today:
                notes.append("note_cada_window_passed")
            else:
                add("cada")
        if escalate or issues & GDPR_ISSUES:
            add("cnil")
        if body.public and escalate and gentle is None:
            add("defenseur")
        if gentle is not None:
            later = gentle + DAY
            waiting = [x for x in ("cada", "cnil") if x in out and (x != "cada" or cada_can_wait(later))]
            not_before.update({letter: later for letter in waiting})
            if waiting:
                notes.append("note_escalation_after_gentler_step")
            if "cada" in out and "cada" not in waiting:
                notes.append("note_cada_cannot_wait")
            elif "cada" in waiting and window is not None and (send_by(window.day) - later).days < 14:
                notes.append("note_cada_window_tight")  # less than two weeks to send it in

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
            if body.public and (implicit or route.mediation or _grievance(case, states)):
                add("defenseur")
            elif body.public:
                notes.append("note_defenseur_needs_grievance")
            if case.wants_any("remission") and case.decision.kind == "overpayment":
                add("remission")

    return Plan(tuple(out), tuple(deadlines), tuple(notes), tuple(not_before.items()))
