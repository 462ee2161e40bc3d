"""Letter -> plain text, to print or to paste into an online account's messaging."""

from __future__ import annotations

from ..model import Letter


def render_text(letter: Letter) -> str:
    """Paragraphs are not wrapped, so a web form reflows them as it likes."""
    out: list[str] = [letter.sender.name, *letter.sender.lines, *letter.sender_contact, ""]
    if letter.recipient.name:
        out += [letter.recipient.name, *letter.recipient.lines, ""]
    out += [letter.place_date, ""] + ([letter.mode, ""] if letter.mode else [])
    out += [f"{letter.subject_label} {letter.subject}", *letter.references, ""]
    if letter.salutation:
        out += [letter.salutation, ""]
    for block in letter.body:
        if block.style == "heading":
            out += [block.text, "-" * len(block.text)]
        elif block.style == "request":
            out.append(f"{block.number}. {block.text}")
        elif block.style == "item":
            out.append(f"- {block.text}")
        else:
            out.append(block.text)
        out.append("")
    for closing in (letter.politeness, letter.signature):
        if closing:  # an information sheet has neither
            out += [closing, ""]
    if letter.enclosures:
        out += [letter.enclosures_label, *(f"- {x}" for x in letter.enclosures), ""]
    if letter.copies:
        out += [letter.copies_label, *(f"- {x}" for x in letter.copies), ""]
    return "\n".join(out).rstrip("\n") + "\n"
