"""Reading decoded JSON into typed values, collecting every error with its field path.

``Reader`` is shared by the case (``case.py``) and its events (``events.py``); each field is
read as its declaration in ``fields.py`` says. Nothing here raises on bad input: a problem
becomes a ``FieldError`` that names the field and says in plain French what is wrong.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from .fields import Field
from .messages import N_

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Dates as people write them. \d also reads Arabic-Indic digits, as an Arabic keyboard types them.
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DAY = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_WORDED_DAY = re.compile(r"(?:le\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")
_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
# Spaces that group thousands ("2 340,50" with a normal, no-break or narrow no-break space),
# the euro sign and its names; the Arabic decimal and thousands marks.
_AMOUNT_NOISE = re.compile(r"[\s\u00a0\u202f\u2009']|€|euros?$|eur$")
_ARABIC_MARKS = str.maketrans({"\u066b": ",", "\u066c": ""})
_LINE_ENDS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, and the Arabic letter mark.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@dataclass(frozen=True)
class FieldError:
    """One problem with the input, tied to the field that has it.

    ``message`` is plain French (the API and the command line show it). ``template`` and
    ``params`` let an interface in another language rebuild it: ``template`` is the French
    text with ``{name}`` slots, ``params`` their values (a ``label`` is itself a message).
    """

    field: str
    message: str
    template: str = dataclasses.field(default="", compare=False)
    params: tuple[tuple[str, str], ...] = dataclasses.field(default=(), compare=False)

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def day_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date as people write it, or None when it is not shaped like one.

    The calendar is not checked here (31/02 comes out as it was typed): ``date(*parts)`` does.

    >>> [day_parts(x) for x in ("2026-10-15", "15/10/2026", "15.10.2026", "15-10-2026")]
    [(2026, 10, 15), (2026, 10, 15), (2026, 10, 15), (2026, 10, 15)]
    >>> day_parts("15 octobre 2026"), day_parts("1er Février 2027"), day_parts("le 3 sept. 2026")
    ((2026, 10, 15), (2027, 2, 1), (2026, 9, 3))
    >>> day_parts("١٥/١٠/٢٠٢٦")
    (2026, 10, 15)
    >>> day_parts("31/02/2026")
    (2026, 2, 31)
    >>> [day_parts(x) for x in ("15/10/26", "octobre 2026", "15 brumaire 2026", "demain")]
    [None, None, None, None]
    """
    words = unicodedata.normalize("NFKD", text.strip().casefold())
    words = "".join(c for c in words if not unicodedata.combining(c))
    if match := _ISO_DAY.fullmatch(words):
        year, month, day = (int(g) for g in match.groups())
        return year, month, day
    if match := _NUMERIC_DAY.fullmatch(words):
        return int(match[4]), int(match[3]), int(match[1])
    if (match := _WORDED_DAY.fullmatch(words)) and match[2] in _MONTHS:
        return int(match[3]), _MONTHS[match[2]], int(match[1])
    return None


def amount_value(text: str) -> float | None:
    """An amount as French letters print it, or None when it cannot be read as one.

    A comma, or the last of a comma and a dot, marks the cents; a dot before exactly three
    digits, spaces and apostrophes group thousands. Three digits after a lone comma ("2,340")
    could be either: refused rather than guessed.

    >>> [amount_value(x) for x in ("2340,50", "2 340,50 €", "2.340,50", "2340.50", "2\u202f340 EUR")]
    [2340.5, 2340.5, 2340.5, 2340.5, 2340.0]
    >>> [amount_value(x) for x in ("2.340", "1.234.567", "1,234,567.5", "-12,5", "٢٣٤٠٫٥")]
    [2340.0, 1234567.0, 1234567.5, -12.5, 2340.5]
    >>> [amount_value(x) for x in ("2,340", "2.340.50", "12,345", "deux mille", "1,2,3", "")]
    [None, None, None, None, None, None]
    """
    s = _AMOUNT_NOISE.sub("", text.strip().casefold().translate(_ARABIC_MARKS))
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.removeprefix("-")
    if not re.fullmatch(r"\d[\d.,]*", s):
        return None
    last = max(s.rfind("."), s.rfind(","))
    marks = {c for c in s if c in ".,"}
    if not marks:
        whole, cents = s, ""
    elif len(marks) == 2:  # 2.340,50 or 2,340.50: the last mark is the decimal one
        whole, cents = s[:last], s[last + 1:]
        if s[last] in whole:
            return None
    elif s.count(s[last]) > 1:  # 1.234.567: thousands only
        whole, cents = s, ""
    elif s[last] == "." and len(s) - last == 4:  # 2.340: a French thousands dot
        whole, cents = s, ""
    else:
        whole, cents = s[:last], s[last + 1:]
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    if len(cents) > 2 or s[-1] in ".,":
        return None
    return sign * float("".join(groups) + ("." + cents if cents else ""))


def ambiguous_amount(text: str) -> tuple[str, str] | None:
    """The two readings of "2,340" (thousands, or cents with a trailing zero), for an error
    that asks which one was meant.

    >>> ambiguous_amount("2,340 €"), ambiguous_amount("2340,50"), ambiguous_amount("2,345")
    (('2340', '2,34'), None, None)
    """
    s = _AMOUNT_NOISE.sub("", text.strip().casefold())
    match = re.fullmatch(r"(\d{1,3}),(\d\d)0", s)
    return (f"{match[1]}{match[2]}0", f"{match[1]},{match[2]}") if match else None


def clean_text(value: str) -> str:
    """Typed text as every renderer may take it: one kind of line end, nothing that steers.

    - Every line end is ``\\n``: Windows' and old Macs' ones, and the separators that Python's
      ``splitlines`` (and many a viewer) also breaks on (U+0085, U+2028, U+2029). Letter text
      is split into paragraphs, requests and headings at line ends, and typed text has its line
      ends folded into spaces before that; a separator left as it is would have let typed text
      start a numbered request or a heading, and renumber the real ones.
    - Bidirectional controls (embeddings, overrides, isolates, marks) are dropped: they can
      show a text in another order than the one it is read in. Letters are French; Arabic or
      Hebrew typed in them needs none to show right.
    - Characters a DOCX (XML 1.0) cannot hold are dropped; everything else is kept.

    >>> clean_text("Rien.\\u2028+ Je renonce\\u2029## Titre\\x85fin\\r\\n")
    'Rien.\\n+ Je renonce\\n## Titre\\nfin\\n'
    >>> clean_text("\\u202eSamia\\u2066 \\u200fBenali\\x00")
    'Samia Benali'
    """
    value = _LINE_ENDS.sub("\n", value)
    return _XML_INVALID.sub("", _BIDI_CONTROLS.sub("", value))


class Reader:
    """Collects errors while reading a nested JSON object, so all of them are reported at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, path: str, message: str, **params: Any) -> None:
        """``message`` is French; with ``params`` it is a template whose ``{name}`` they fill."""
        values = {k: str(v) for k, v in params.items()}
        text = message.format(**values) if values else message
        self.errors.append(FieldError(path, text, message, tuple(values.items())))

    def has_error(self, prefix: str) -> bool:
        return any(e.field == prefix or e.field.startswith(prefix + ".") for e in self.errors)

    def obj(self, data: Any, path: str, required: bool = True) -> dict[str, Any]:
        if data is None:
            if required:
                self.error(path, N_("Cette partie est obligatoire."))
            return {}
        if not isinstance(data, dict):
            self.error(path, N_("Cette partie doit être un objet JSON (entre accolades)."))
            return {}
        return data

    def read(self, spec: Field, data: dict[str, Any], path: str | None = None) -> Any:
        """The value of ``spec`` in ``data`` (its parent object), checked as declared."""
        path = path or spec.path
        reader = getattr(self, f"_{spec.type}")
        return reader(spec, data.get(spec.key), path)

    def _text(self, spec: Field, value: Any, path: str) -> str:
        if value is None or (isinstance(value, str) and not clean_text(value).strip()):
            if spec.required:
                self.error(path, N_("{label} est obligatoire."), label=spec.label)
            return ""
        if not isinstance(value, str):
            self.error(path, N_("{label} doit être du texte."), label=spec.label)
            return ""
        text = clean_text(value).strip()
        if len(text) > spec.limit:
            self.error(path, N_("{label} est trop long : {limit} caractères au plus ({count} saisis)."),
                       label=spec.label, limit=spec.limit, count=len(text))
            return text[:spec.limit]
        if spec.pattern and not re.match(spec.pattern, text):
            self.error(path, spec.pattern_message)
        return text

    def _lines(self, spec: Field, value: Any, path: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = value.split("\n")
        if value is None:
            value = []
        if not isinstance(value, list):
            self.error(path, N_("{label} doit être une liste de lignes."), label=spec.label)
            return ()
        out = []
        for i, line in enumerate(value):
            if not isinstance(line, str):
                self.error(f"{path}.{i}", N_("Chaque ligne doit être du texte."))
                continue
            line = clean_text(line).strip()
            if len(line) > spec.limit:
                self.error(f"{path}.{i}", N_("Cette ligne est trop longue : {limit} caractères au plus."),
                           limit=spec.limit)
                line = line[:spec.limit]
            if line:
                out.append(line)
        if len(out) > spec.items:
            self.error(path, N_("{label} a trop de lignes : {limit} au plus."), label=spec.label,
                       limit=spec.items)
        if spec.required and not out:
            self.error(path, N_("{label} est obligatoire."), label=spec.label)
        return tuple(out)

    def _choice(self, spec: Field, value: Any, path: str) -> str:
        if value is None or value == "":
            if spec.default is None:
                self.error(path, N_("{label} est obligatoire."), label=spec.label)
                return ""
            return str(spec.default)
        allowed = spec.allowed()
        if value not in allowed:
            self.error(path, N_("« {shown} » n'est pas une valeur possible. Valeurs possibles : {allowed}."),
                       shown=str(value)[:40], allowed=", ".join(allowed))
            return str(spec.default or "")
        return str(value)

    def _choices(self, spec: Field, value: Any, path: str) -> tuple[str, ...]:
        """A list of choices, in the declared order, without duplicates."""
        if value is None:
            value = list(spec.default or ())
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(path, N_("{label} doit être une liste, par exemple [\"{example}\"]."),
                       label=spec.label, example=spec.allowed()[0])
            return ()
        allowed = spec.allowed()
        for i, item in enumerate(value):
            if item not in allowed:
                self.error(f"{path}.{i}", spec.unknown_message, shown=item[:40],
                           allowed=", ".join(allowed))
        return tuple(x for x in allowed if x in value)

    def _date(self, spec: Field, value: Any, path: str) -> date | None:
        if value is None or value == "":
            if spec.required:
                self.error(path, N_("{label} est obligatoire."), label=spec.label)
            return None
        parts = day_parts(value) if isinstance(value, str) else None
        if parts is None:
            # The format people see on the pages; the ISO form stays accepted (and is written).
            self.error(path, N_("{label} doit être écrite jj/mm/aaaa, par exemple 15/10/2026."),
                       label=spec.label)
            return None
        try:
            return date(*parts)
        except ValueError:
            self.error(path, N_("{label} n'existe pas dans le calendrier."), label=spec.label)
            return None

    def _flag(self, spec: Field, value: Any, path: str) -> bool | None:
        if value is None or value == "" or value == "unknown":
            return None
        if isinstance(value, bool):
            return value
        self.error(path, N_("Répondez par oui (true), non (false) ou « je ne sais pas » (null)."))
        return None

    def _amount(self, spec: Field, value: Any, path: str) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            readings = ambiguous_amount(value)
            if readings:
                self.error(path, N_("« {shown} » : est-ce {thousands} € ou {cents} € ? Écrivez par "
                                    "exemple {thousands} ou {cents}."), shown=value.strip()[:40],
                           thousands=readings[0], cents=readings[1])
                return None
            value = amount_value(value)
            if value is None:
                self.error(path, N_("Le montant doit être un nombre, par exemple 2340,50."))
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            self.error(path, N_("Le montant doit être un nombre, par exemple 2340,50."))
            return None
        if value < 0:
            self.error(path, N_("Le montant ne peut pas être négatif."))
            return None
        if value > spec.limit:
            self.error(path, N_("Ce montant est trop élevé pour être vraisemblable : vérifiez-le."))
            return None
        return round(float(value), 2)

    def _days(self, spec: Field, value: Any, path: str) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= spec.limit:
            self.error(path, N_("{label} doit être un nombre de jours entre 1 et {limit}."),
                       label=spec.label, limit=spec.limit)
            return None
        return value
