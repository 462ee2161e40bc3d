"""Is the referral file admissible? One check per requirement of the body it goes to.

Each check reads only the case (its events, ``today``) and the files attached, and says in
plain French what it found; the words and the rule's source are in
letters/data/referrals/checks.toml. Proof of a step is a 'sent' event with its registered
letter number, or a receipt attached: the one said to attest that sending, else any receipt
not said to attest another; proof of an answer is the answer attached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..case import Case
from ..deadlines import cada_window_end
from ..selection import body_of
from .history import Answer, Step
from .rules import rules
from .uploads import Attachment, Sending

PROOF_ROLES = ("sending", "receipt")
EXPRESS_REFUSALS = ("refused", "partial", "rejected")


@dataclass(frozen=True)
class Check:
    """One requirement, met or not, in words the person can act on."""

    id: str
    ok: bool
    message: str
    rests_on: tuple[str, ...] = ()
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ok": self.ok, "message": self.message}


@dataclass(frozen=True)
class Evidence:
    """Everything the checks look at."""

    case: Case
    steps: tuple[Step, ...]
    answers: tuple[Answer, ...]
    attachments: tuple[Attachment, ...]
    discrimination: bool = False
    siren: str = ""

    @property
    def today(self) -> date:
        assert self.case.today is not None, "parse_case always sets today"
        return self.case.today

    @property
    def org(self) -> str:
        return self.case.organisation.name or body_of(self.case).label

    def attached(self, *roles: str) -> int:
        counts = Counter(a.role for a in self.attachments)
        return sum(counts[r] for r in roles)

    def request(self) -> Step | None:
        """The request for explanation and access: the one the CNIL and the CADA build on."""
        return next((s for s in self.steps if s.letter == "explanation"), None)

    def proofs_of(self, step: Step) -> list[Attachment]:
        """The receipts and proofs of sending said to attest this step's sending."""
        sending = Sending(step.letter, step.sent)
        return [a for a in self.attachments if a.role in PROOF_ROLES and a.proves == sending]

    def loose_proofs(self) -> int:
        """Receipts and proofs of sending not said to attest any sending in particular."""
        return sum(1 for a in self.attachments if a.role in PROOF_ROLES and a.proves is None)

    def unproven(self, found: tuple[Step, ...]) -> list[Step]:
        """Steps with no noted proof and no file attesting them, beyond what the receipts
        attached without saying which sending they attest can cover."""
        bare = [s for s in found if not s.proof and not self.proofs_of(s)]
        return bare[self.loose_proofs():]

    def missing_answers(self) -> list[Answer]:
        return list(self.answers[self.attached("answer"):])


def _say(rule_id: str, ok: bool, **params: Any) -> Check:
    rule = rules()[rule_id]
    text = (rule.ok if ok else rule.missing).render(**params)
    return Check(rule_id, ok, " ".join(text.split()), rule.rests_on, rule.source)


# -- Défenseur des droits (LO 2011-333 art. 4 to 6) ------------------------------------------

def _defenseur(ev: Evidence) -> list[Check]:
    public = body_of(ev.case).public
    to_body = tuple(s for s in ev.steps if s.to_the_body)
    # Prior steps are required for a public-service complaint, not for a discrimination.
    needs_steps = not ev.discrimination
    unproven = ev.unproven(to_body) if needs_steps else []
    missing_answers = ev.missing_answers()
    return [
        _say("defenseur.competence", public or ev.discrimination, org=ev.org,
             discrimination=ev.discrimination),
        _say("defenseur.prior_steps", bool(to_body) or not needs_steps, org=ev.org, steps=to_body),
        _say("defenseur.proof_of_steps", not unproven, unproven=unproven),
        _say("defenseur.answers", not missing_answers, answers=ev.answers,
             missing_answers=missing_answers),
        _say("defenseur.decision", ev.attached("notification") > 0, decided_on=ev.case.decision.date),
    ]


# -- CNIL (RGPD art. 12 and 77; cnil.fr) ---------------------------------------------------

def _cnil(ev: Evidence) -> list[Check]:
    request = ev.request()
    org = ev.case.organisation
    answer = request.answer if request else None
    due = request.due() if request else None
    incomplete = answer is not None and answer.answer in EXPRESS_REFUSALS
    elapsed = due is not None and (incomplete or (answer is None and ev.today > due))
    proven = request is not None and (bool(request.proof) or bool(ev.proofs_of(request))
                                      or ev.loose_proofs() > 0)
    missing_answers = ev.missing_answers()
    return [
        _say("cnil.prior_request", request is not None, org=ev.org, request=request),
        _say("cnil.proof_of_request", proven, request=request, proof=request.proof if request else ""),
        _say("cnil.delay", elapsed, request=request, answer=answer, due=due,
             extended=bool(request and request.extended)),
        _say("cnil.body_identified", bool(org.name and org.address), named=bool(org.name),
             addressed=bool(org.address), siren=ev.siren),
        _say("cnil.answers", not missing_answers, answers=ev.answers, missing_answers=missing_answers),
    ]


# -- CADA (CRPA R311-13, R343-1, L342-1) ----------------------------------------------------

def _cada(ev: Evidence) -> list[Check]:
    request = ev.request()
    answer = request.answer if request else None
    refused = answer if answer is not None and answer.answer in EXPRESS_REFUSALS else None
    # Silence is a refusal a month after receipt; receipt is taken as late as it plausibly was.
    due = request.due() if request else None
    elapsed = due is not None and (refused is not None or ev.today > due)
    own_copy = ev.attached("request") > 0
    end = (cada_window_end(request.sent, request.received, refused.date if refused else None)
           if request else None)
    window = end.day if end else None
    return [
        _say("cada.public_body", body_of(ev.case).public, org=ev.org),
        _say("cada.initial_request", request is not None and (request.text is not None or own_copy),
             org=ev.org, request=request, own_copy=own_copy),
        _say("cada.month_elapsed", elapsed, request=request, refused=refused, due=due),
        _say("cada.refusal_copy", refused is None or ev.attached("answer") > 0, refused=refused),
        _say("cada.window", window is not None and ev.today <= window, request=request, window=window),
    ]


CHECKS: dict[str, Callable[[Evidence], list[Check]]] = {
    "defenseur": _defenseur, "cnil": _cnil, "cada": _cada,
}


def check(authority: str, evidence: Evidence) -> tuple[Check, ...]:
    """Every check for ``authority``, in the order its first page lists them."""
    return tuple(CHECKS[authority](evidence))
