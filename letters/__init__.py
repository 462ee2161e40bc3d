"""Recours letters: from a described automated decision to the letters that contest it.

The package is the domain: it never imports Flask, never reads the clock, a request or
the interface locale. Typical use::

    case, errors = parse_case(json.load(f), today=date.today())
    packet = compose_packet(case)
    docx_bytes = render_docx(packet.letters[0])
"""

from .case import Case, FieldError, parse_case
from .compose import compose_packet
from .model import Block, Letter, Packet, Party

__all__ = [
    "Block", "Case", "FieldError", "Letter", "Packet", "Party", "compose_packet", "parse_case",
]
