"""The renderer-neutral letter: every format (DOCX, HTML, text) reads only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

STYLES = ("para", "request", "heading")


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
    references: tuple[tuple[str, str], ...]
    salutation: str
    body: tuple[Block, ...]
    politeness: str
    signature: str
    enclosures: tuple[str, ...]
    copies: tuple[str, ...]
    bases: tuple[str, ...]
    written: date
    send_by: date
    answer_due: date | None


@dataclass(frozen=True)
class Packet:
    """What a case needs: the letters, the dates, what to do next, what to watch out for."""

    letters: tuple[Letter, ...]
    next_steps: tuple[str, ...]
    warnings: tuple[str, ...]
    dates: tuple[tuple[str, date, str], ...] = field(default=())

    def letter(self, letter_id: str) -> Letter | None:
        return next((x for x in self.letters if x.id == letter_id), None)
