"""The renderer-neutral letter: every format (DOCX, HTML, text) reads only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

STYLES = ("para", "request", "item", "heading")

# Languages written right to left: their letters are laid out from the right, and every
# value put in their text (a French name, a date, an amount) is isolated so it never reorders.
RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Block:
    """One paragraph of the body. ``basis`` says which rule of law put it there."""

    style: str
    text: str
    number: int | None = None
    basis: str | None = None


@dataclass(frozen=True)
class Party:
    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Letter:
    id: str
    kind: str
    language: str
    title: str
    sender: Party
    sender_contact: tuple[str, ...]
    recipient: Party
    place_date: str
    mode: str
    subject: str
    references: tuple[str, ...]
    salutation: str
    body: tuple[Block, ...]
    politeness: str
    signature: str
    enclosures: tuple[str, ...]
    copies: tuple[str, ...]
    bases: tuple[str, ...]
    written: date
    # When to send it: not before ``send_from`` (an escalation after a gentler step), and by
    # ``send_by``, a week before ``last_day``, the end of the delay it serves; neither when no
    # legal delay binds it ("as soon as possible").
    send_by: date | None
    answer_due: date | None
    # Captions the renderers print before the subject and the two lists; compose fills them
    # from the language's common.txt, the defaults are the French ones.
    subject_label: str = "Objet :"
    enclosures_label: str = "Pièces jointes :"
    copies_label: str = "Copie :"
    last_day: date | None = None
    send_from: date | None = None

    @property
    def direction(self) -> str:
        """``rtl`` for a letter in a right-to-left language (Arabic), else ``ltr``."""
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    @property
    def timing(self) -> str:
        """How the letter's sending reads on the day it is written: ``asap`` (no delay binds it),
        ``later`` (not before ``send_from``), ``before`` (by ``send_by``), ``urgent`` (the post
        margin is eaten into: send today) or ``passed`` (the delay is over: send it anyway)."""
        if self.send_from and self.send_from > self.written:
            return "later"
        if self.last_day is None:
            return "asap"
        if self.last_day < self.written:
            return "passed"
        if self.send_by is not None and self.send_by < self.written:
            return "urgent"
        return "before"


@dataclass(frozen=True)
class PacketDate:
    """A date the person should know, whose it is (theirs or the body's), and what it rests on."""

    key: str
    day: date
    owner: str  # "person" or "body"
    rests_on: str
    label: str
    passed: bool = False  # already over on the day the packet is made, and not met
    done: date | None = None  # the day the person sent the letter that meets it, if they have
    title: str = ""  # the title of the letter the date is about, which its label names, if any


@dataclass(frozen=True)
class Progress:
    """Where one letter the person already sent stands, in plain words."""

    letter: str
    title: str
    sent: date
    due: date | None
    status: str  # "waiting", "overdue" or "answered"
    summary: str


@dataclass(frozen=True)
class Packet:
    """What a case needs: the letters, the dates, what to do next, what to watch out for."""

    letters: tuple[Letter, ...]
    next_steps: tuple[str, ...]
    warnings: tuple[str, ...]
    dates: tuple[PacketDate, ...] = field(default=())
    progress: tuple[Progress, ...] = field(default=())

    def letter(self, letter_id: str) -> Letter | None:
        return next((x for x in self.letters if x.id == letter_id), None)
