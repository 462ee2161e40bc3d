"""Rules that read the fields of a partial case off a notification's text.

Each rule looks for printed words (regular expressions and the lists of lexicon.toml) and
returns the value with the words it was read from; a rule that finds nothing says nothing.
No rule guesses a value the letter does not print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import french
from .layout import Letter
from .lexicon import find, first_kind, lexicon

MAX_SOURCE = 240  # characters of context shown with a field
DECIDED = ("overpayment", "suspension", "refusal", "sanction")


@dataclass(frozen=True)
class Found:
    field: str
    value: Any
    source: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "source": self.source}


def _source(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_SOURCE else text[:MAX_SOURCE - 1].rstrip() + "…"


# -- The body that wrote it: the letterhead --------------------------------------------------

_POSTCODE = re.compile(r"\b\d{5}\b\s+\S")
_NOT_ADDRESS = re.compile(r"(t[ée]l[ée]?phone|t[ée]l\b|www\.|@|\bfax\b|\b3230\b|\bsiret\b)", re.I)


def organisation(letter: Letter) -> list[Found]:
    """Kind and name from the letterhead's first lines; the address lines down to the postcode."""
    table = lexicon()["organisation"]
    head = letter.header[:6]
    at = next((i for i, line in enumerate(head) if first_kind(line, table)), None)
    if at is None:
        return []
    name = head[at]
    matched = first_kind(name, table)
    assert matched is not None, "the line was chosen because it names a kind"
    kind, _ = matched
    found = [Found("organisation.kind", kind, name), Found("organisation.name", name, name)]
    address: list[str] = []
    for line in letter.header[at + 1:at + 7]:
        if _NOT_ADDRESS.search(line):
            continue
        address.append(line)
        if _POSTCODE.search(line):
            found.append(Found("organisation.address", address, " / ".join(address)))
            break
    return found


# -- The person and the references: the header lines -----------------------------------------

_NO = r"n\s?[°º*o'.]?\s*"  # "N°", as OCR also reads it: "N*", "No", "N'"
_PERSON_REFERENCES = (
    (re.compile(rf"(?:{_NO}|num[ée]ro\s+)(?:d'\s*)?allocataire(?:\s+caf)?\s*:?\s*(\d[\d ]{{3,12}}\d)", re.I),
     "numéro allocataire {}"),
    (re.compile(rf"(?:{_NO}de\s+s[ée]curit[ée]\s+sociale|\bnir|{_NO}ss)\s*:?\s*([12](?:\s?\d){{12}}(?:\s?\d\d)?)",
                re.I), "NIR {}"),
    (re.compile(rf"(?:{_NO}|num[ée]ro\s+(?:d')?\s*)adh[ée]rent\s*:?\s*(\d[\d ]{{3,14}}\d)", re.I),
     "numéro adhérent {}"),
    (re.compile(r"identifiant(?:\s+france\s+travail)?\s*:?\s*(\d{6,8}[A-Z]?)\b", re.I), "identifiant {}"),
    (re.compile(rf"{_NO}client\s*:?\s*([A-Z0-9]{{4,20}})\b", re.I), "client {}"),
)
_DECISION_REFERENCE = re.compile(
    r"^(?:r[ée]f[.,]?|r[ée]f[ée]rence(?:\s+de\s+(?:la|votre)\s+demande)?|nos\s+r[ée]f[ée]rences|"
    r"notre\s+r[ée]f[ée]rence|dossier\s+n\s?[°º*o]?|n\s?[°º*o]?\s*de\s+dossier)\s*:?\s*([A-Z0-9][A-Z0-9/_.-]{3,40})",
    re.I)
_CIVILITY = re.compile(r"^(?i:madame|monsieur|mme|m\.)\s+((?:[A-ZÀ-Ý][\w'-]*\s*){2,4})$")
_NOT_A_NAME = re.compile(r"\b(le|la|les|président|directeur|directrice|maire)\b", re.I)


def person_and_references(letter: Letter) -> list[Found]:
    found: list[Found] = []
    for line in letter.header:
        if not any(f.field == "person.reference" for f in found):
            for pattern, shape in _PERSON_REFERENCES:
                m = pattern.search(line)
                if m:
                    number = re.sub(r"\s+", " ", m.group(1)).strip()
                    found.append(Found("person.reference", shape.format(number), line))
                    break
        m = _DECISION_REFERENCE.search(line)
        if m and not any(f.field == "decision.reference" for f in found):
            found.append(Found("decision.reference", m.group(1).rstrip("."), line))
        m = _CIVILITY.match(line)
        if m and not _NOT_A_NAME.search(m.group(1)) and not any(f.field == "person.name" for f in found):
            found.append(Found("person.name", m.group(1).strip(), line))
    return found


_DATE_LINE = re.compile(rf"(?:^|,\s*|\s)le\s+({french.DATE})\s*$|^date\s*(?:d'envoi)?\s*:?\s*({french.DATE})",
                        re.I)


def decision_date(letter: Letter) -> list[Found]:
    """The date the letter is written: "Bordeaux, le 10 novembre 2026" or "Date : 14/10/2026"."""
    for line in letter.header:
        m = _DATE_LINE.search(line)
        if m:
            day = french.parse_date(m.group(1) or m.group(2))
            if day:
                return [Found("decision.date", day.isoformat(), line)]
    return []


# -- What was decided, about which benefit ---------------------------------------------------

def _kind_of(letter: Letter, table: list[dict[str, Any]]) -> tuple[str, str] | None:
    """The first kind of ``table`` the subject names, else the first one the body names."""
    if letter.subject:
        hit = first_kind(letter.subject, table)
        if hit:
            return hit[0], letter.subject
    for entry in table:
        for sentence in letter.sentences:
            if find(sentence, entry["words"]):
                return entry["kind"], sentence
    return None


def decision_kind_and_benefit(letter: Letter, organisation_kind: str | None) -> list[Found]:
    found = []
    kind = _kind_of(letter, lexicon()["decision"])
    if kind:
        found.append(Found("decision.kind", kind[0], _source(kind[1])))
    benefit = _kind_of(letter, lexicon()["benefit"])
    if benefit:
        found.append(Found("decision.benefit", benefit[0], _source(benefit[1])))
    elif organisation_kind in lexicon()["default_benefit"]:
        found.append(Found("decision.benefit", lexicon()["default_benefit"][organisation_kind],
                           _source(letter.header[0] if letter.header else "")))
    return found


# -- An indu: amount, period, recovery ---------------------------------------------------------

_AMOUNT_CONTEXT = ["indu", "indus", "trop-perçu", "trop perçu", "rembourser", "récupérer", "somme de",
                   "montant de l'indu", "montant", "à tort"]


def overpayment(letter: Letter) -> list[Found]:
    """What an indu is: its amount, the period it covers, recovery by deductions."""
    found = []
    recovery = lexicon()["recovery"]
    for sentence in letter.sentences:
        if find(sentence, _AMOUNT_CONTEXT) and not find(sentence, recovery["means"]):
            amounts = french.amounts(sentence)
            if amounts:
                found.append(Found("decision.amount", amounts[0][0], _source(sentence)))
                break
    for sentence in letter.sentences:
        period = french.period(sentence)
        if period:
            found.append(Found("decision.period", period[0], _source(sentence)))
            break
    for sentence in letter.sentences:
        if not find(sentence, recovery["means"]) and not find(sentence, ["retenues"]):
            continue
        if find(sentence, recovery["started"]):
            found.append(Found("decision.recovery_started", True, _source(sentence)))
            break
        if find(sentence, recovery["announced"]):
            found.append(Found("decision.recovery_announced", True, _source(sentence)))
            break
    return found


# -- The reason given -----------------------------------------------------------------------

_LABEL = re.compile(r"^motifs?\s*:\s*", re.I)


def reason(letter: Letter) -> Found | None:
    """The sentence that gives a reason of fact: the first marker of the list ("Motif :" before
    "en raison de"...) that any sentence holds, in its first sentence."""
    for marker in lexicon()["reasons"]["facts"]:
        for sentence in letter.sentences:
            if find(sentence, [marker]):
                text = _LABEL.sub("", sentence)
                return Found("decision.reason", text[:1].upper() + text[1:], _source(sentence))
    return None


def cites_law(letter: Letter) -> Found | None:
    """The first sentence that cites a text of law (an article or a code)."""
    for sentence in letter.sentences:
        if find(sentence, lexicon()["reasons"]["law"]):
            return Found("(law)", True, _source(sentence))
    return None


# -- The voies et délais paragraph ------------------------------------------------------------

_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "six": 6, "dix": 10, "quinze": 15,
            "vingt": 20, "trente": 30, "quarante-cinq": 45, "soixante": 60}
_DELAY = re.compile(r"\b(\d{1,3}|" + "|".join(_NUMBERS) + r")\s+(mois|jours?)\b", re.I)


def appeal(letter: Letter) -> Found | None:
    """The sentence that says how and within what delay to contest, and to whom.

    Its value is ``{"days"|"months": n, "body": ...}``: the first delay and the first body it
    names. A delay for something else (a rectification, observations) does not count.
    """
    words = lexicon()["appeal"]
    for sentence in letter.sentences:
        if not find(sentence, words["verbs"]) or find(sentence, words["not_appeal"]):
            continue
        delay = _DELAY.search(sentence)
        body = _first_of(sentence, words["bodies"])
        if delay and body:
            n = delay.group(1).lower()
            count = int(n) if n.isdigit() else _NUMBERS[n]
            unit = "months" if delay.group(2).lower() == "mois" else "days"
            return Found("decision.notified_deadline", {unit: count, "body": body}, _source(sentence))
    return None


def _first_of(text: str, phrases: list[str]) -> str | None:
    """Of ``phrases``, the one written first in ``text`` (the longer one where two start together)."""
    hits = [(m.start(), -len(p), p) for p in phrases for m in [find(text, [p])] if m]
    return min(hits)[2] if hits else None
