"""The request to the caisse that pays a benefit another body decided on (the RSA).

The département decides on the RSA (CASF L262-47), but the CAF, or the MSA for those it covers,
pays it and holds the file: the data, any score, the control report (brief §15.4). A copy of the
request sent to the département asks the caisse nothing, so the caisse gets a request of its
own, and that request its own follow-ups (reminder, reply, CADA, CNIL). They are the same kinds
of letter (kinds/*.toml ``payer``), written as if the person had named the caisse; their ids end
in ``_payer`` so that the events tell the two requests apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import catalogue
from .case import Case, Organisation
from .catalogue import PAYER_SUFFIX
from .formatting import postcode_of
from .selection import select_route


@dataclass(frozen=True)
class PayerView:
    """The caisse's side of the case."""

    case: Case  # the case as the caisse's letters read it: the caisse is the organisation
    name: str  # "CAF du Nord"
    named: bool  # named from the person's département (else only the kind of caisse is known)
    assumed: bool  # the person did not say who pays: the first caisse of the benefit is assumed
    decided_by: str  # the body that decided, as the case names it ("Département du Nord")
    decider: str = ""  # who decides there, in French ("le président du conseil départemental du Nord")


def is_payer_letter(letter: str) -> bool:
    return letter.endswith(PAYER_SUFFIX)


def payer_letter(kind: str) -> str:
    """The id of the letter of ``kind`` addressed to the caisse."""
    return kind + PAYER_SUFFIX


def main_view(case: Case) -> Case:
    """The case as the letters to the body that decided read it: without the caisse's events."""
    if not any(is_payer_letter(e.letter) for e in case.events):
        return case
    return replace(case, events=tuple(e for e in case.events if not is_payer_letter(e.letter)))


def payer_view(case: Case, wants_letter: bool) -> PayerView | None:
    """The caisse's side, when the benefit is paid by a caisse other than the body that decided,
    and the person asks for an explanation or the events show the caisse's request sent."""
    caisse = _caisse(case)
    if caisse is None:
        return None
    kind, name, named, assumed = caisse
    events = tuple(replace(e, letter=e.letter.removesuffix(PAYER_SUFFIX))
                   for e in case.events if is_payer_letter(e.letter))
    if not (wants_letter or events):
        return None
    decided_by = case.organisation.name or catalogue.bodies()[case.organisation.kind].label
    view = replace(case, organisation=Organisation(kind, name, ()), events=events)
    return PayerView(view, name, named, assumed, decided_by, _decider(case))


def _decider(case: Case) -> str:
    """The président du conseil départemental who decides on the RSA, named from the person's
    département; "" where another authority decides (Paris, Lyon, the collectivités uniques) or
    the département is not known, and the letter then names the body as the case does."""
    found = catalogue.departement_of(postcode_of(case.person.address))
    if case.organisation.kind != "departement" or found is None or \
            "du conseil départemental" not in found.authority:
        return ""
    return f"le président du conseil départemental {found.of}"


def paying_caisse(case: Case) -> str:
    """The caisse that pays the benefit the body decided on ("CAF du Nord"), or "" if none does."""
    caisse = _caisse(case)
    return caisse[1] if caisse else ""


def _caisse(case: Case) -> tuple[str, str, bool, bool] | None:
    """(kind, name, named, assumed) of the caisse paying a benefit that the body the route names
    as deciding (the département) decided on."""
    benefit = catalogue.benefits()[case.decision.benefit]
    kind = case.organisation.kind
    if not benefit.paid_by or kind in benefit.paid_by or select_route(case).goes_to != kind:
        return None
    assumed = case.decision.payer not in benefit.paid_by
    kind = benefit.paid_by[0] if assumed else case.decision.payer
    name, named = caisse_name(case, kind)
    return kind, name, named, assumed


def caisse_name(case: Case, kind: str) -> tuple[str, bool]:
    """The caisse of ``kind`` serving the person's département ("CAF du Nord"), and whether it
    could be named; otherwise the kind's own label, for the person to complete."""
    body = catalogue.bodies()[kind]
    found = catalogue.departement_of(postcode_of(case.person.address))
    if found is None or not body.local:
        return body.label, False
    return (found.caf if kind == "caf" and found.caf else body.local.format(of=found.of)), True

