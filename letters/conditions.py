"""The conditions a legal basis may require beyond its lists (``when`` in bases/*.toml).

Each is a rule of law's own trigger, too particular for the data's vocabulary of lists: a
function of the case and of the facts computed from it (``Facts``), documented here once.
A basis applies only when every condition it names holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from .case import Case
from .catalogue import CONDITIONS, LegalBasis


@dataclass(frozen=True)
class Facts:
    """What the conditions read besides the case: computed once per packet."""

    late: bool = False  # the recourse is sent after the delay we computed (or the notified one)
    today: date | None = None  # the day the letters are written


def barred_before(case: Case, years: int) -> date | None:
    """Payments made before this day are out of the body's reach after ``years`` of prescription,
    counted back from the notification of the overpayment (its date, the earliest it can be).

    >>> from letters.case import Decision, Organisation, Person
    >>> decision = Decision("overpayment", date=date(2026, 11, 10))
    >>> barred_before(Case(Person("A", ("1 rue",)), Organisation("caf"), decision), 2)
    datetime.date(2024, 11, 10)
    """
    if case.decision.date is None:
        return None
    limit: date = case.decision.date - relativedelta(years=years)
    return limit


def time_barred(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """Part of the overpayment concerns months before the prescription limit of ``basis``."""
    start = case.decision.period.start
    limit = barred_before(case, basis.years or 0) if basis.years else None
    return start is not None and limit is not None and start < limit


def maybe_time_barred(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """Part of the overpayment may be time-barred: the period is known and starts before the
    limit, or it is not known, and the letter raises the prescription as a hedged question
    (a ground that decides cases is never left out because a date is missing)."""
    return case.decision.period.start is None or time_barred(case, basis, facts)


def good_faith(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """The person says they declared their situation honestly."""
    return case.decision.good_faith is True


def penalty_at_stake(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """A sanction (penalty, warning, radiation) is the decision contested: the droit à l'erreur
    concerns sanctions, never the repayment itself (brief §2.10, §15.1)."""
    return case.decision.kind == "sanction"


def agent_control(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """A control agent examined the file (CSS L114-10 speaks only of such controls)."""
    return case.decision.agent_control is True


def body_error(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """The person says the overpayment results from the body's own error."""
    return case.decision.body_error is True


def late(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """The recourse goes out after the delay: the letter argues why it is still admissible."""
    return facts.late


def routes_not_stated(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """The person cannot say that the notification stated the voies et délais de recours."""
    return case.decision.appeal_routes_given is not True


def score_decides(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """A score was attributed, or the refusal says or the person knows that a score or rating was
    used: only then can the SCHUFA reasoning (a score that in practice decides is itself a
    decision) be argued by analogy."""
    d = case.decision
    return d.kind == "score" or d.score_used is True


def recovery_before_delay(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """Deductions have started while the recourse delay (``basis.months`` from the notification)
    cannot yet have run out: the letter is written before the decision's date plus that delay,
    and the notification reached the person on that date at the earliest."""
    d = case.decision
    if d.recovery_started is not True or d.date is None or facts.today is None or not basis.months:
        return False
    delay_ends: date = d.date + relativedelta(months=basis.months)
    return facts.today < delay_ends


def notice_not_received(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """The person says they never received the convocation the decision says they ignored."""
    return case.decision.reason == "missed_appointment" and case.decision.notice_received is False


def communication_right(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    """The decision may rest on the droit de communication of CSS L114-19: a caisse's own, or
    for an RSA decided by the département, the one its caisse uses to check the RSA with the
    means of social security; never another benefit of the département."""
    return case.organisation.kind != "departement" or case.decision.benefit == "rsa"


RULES: dict[str, Callable[[Case, LegalBasis, Facts], bool]] = {
    "time_barred": time_barred, "maybe_time_barred": maybe_time_barred, "good_faith": good_faith,
    "penalty_at_stake": penalty_at_stake, "agent_control": agent_control, "body_error": body_error,
    "late": late,
    "routes_not_stated": routes_not_stated, "score_decides": score_decides,
    "recovery_before_delay": recovery_before_delay, "notice_not_received": notice_not_received,
    "communication_right": communication_right,
}
assert tuple(RULES) == CONDITIONS, "catalogue/schema.py names the conditions defined here"


def holds(case: Case, basis: LegalBasis, facts: Facts) -> bool:
    return all(RULES[name](case, basis, facts) for name in basis.when)
