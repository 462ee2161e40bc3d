"""Letter -> plain text, to print or to paste into an online account's messaging."""

from __future__ import annotations

from ..model import Letter


def render_text(letter: Letter) -> str:
    """Paragraphs are not wrapped, so a web form reflows them as it likes."""
    out: list[str] = [letter.sender.name, *letter.sender.lines, *letter.sender_contact, ""]
    out += [letter.recipient.name, *letter.recipient.lines, ""]
    out += [letter.place_date, "", letter.mode, ""]
    out += [f"Objet : {letter.subject}", *letter.references, ""]
    out += [letter.salutation, ""]
    for block in letter.body:
        if block.style == "heading":
            out += [block.text, "-" * len(block.text)]
        elif block.style == "request":
            out.append(f"{block.number}. {block.text}")
        else:
            out.append(block.text)
        out.append("")
    out += [letter.politeness, "", letter.signature, ""]
    if letter.enclosures:
        out += ["Pièces jointes :", *(f"- {x}" for x in letter.enclosures), ""]
    if letter.copies:
        out += ["Copie :", *(f"- {x}" for x in letter.copies), ""]
    return "\n".join(out).rstrip("\n") + "\n"
