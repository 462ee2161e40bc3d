"""Walking the first page, the confirmation and the interview's steps as a browser does."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from .conftest import token_of
from .notifications.samples import NOTIFICATIONS

SAMPLES = {n.name: n for n in NOTIFICATIONS}


def pasted(name: str) -> str:
    """A sample notification's text, as a person copies it from their online account."""
    n = SAMPLES[name]
    parts = [*n.letterhead, n.place_date, *n.references, *n.addressee, n.subject]
    for page in n.pages:
        parts += page
    return "\n".join(parts)


def hidden(page, name: str) -> str:
    text = page if isinstance(page, str) else page.text
    return html.unescape(re.search(rf'name="{re.escape(name)}" value="([^"]*)"', text).group(1))


def confirm_names(page) -> list[str]:
    """The confirmation page's questions, in page order, once each."""
    return list(dict.fromkeys(re.findall(r'name="(confirm\.[^"]+)"', page.text)))


def read(client, text: str | None = None, file: tuple | None = None):
    token = token_of(client.get("/"))
    data = {"csrf_token": token, **({"text": text} if text is not None else {})}
    if file is not None:
        # Encoded in memory, as a browser sends it: the test client would spool a large body to disk.
        data["file"] = FileStorage(*file)
        boundary, body = encode_multipart(data)
        return client.post("/lire", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    return client.post("/lire", data=data)


def confirm(client, page, answers: dict[str, str] | None = None, default: str = "yes"):
    """Answer every line of the confirmation page (``default``, unless ``answers`` says)."""
    data = {"csrf_token": token_of(page), "reading": hidden(page, "reading")}
    for name in confirm_names(page):
        data[name] = (answers or {}).get(name, "unknown" if name == "confirm.pages" else default)
    return client.post("/confirmer", data=data)


def step_of(page) -> tuple[int, int, str]:
    """(number, total, step id) of an interview page."""
    number, total = re.search(r'class="step-count">\D*(\d+)\D+(\d+)', page.text).groups()
    return int(number), int(total), hidden(page, "step")


def questions(page) -> list[str]:
    """The names of the questions a step asks (its answers' fields), in page order."""
    form = page.text[page.text.index('id="step"'):]
    names = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', form)
    return list(dict.fromkeys(n for n in names if n not in (
        "csrf_token", "case", "read", "step", "page", "unknown")))


class Filled(HTMLParser):
    """What the step's form sends as it stands: typed values, chosen options, ticked boxes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._area: str | None = None
        self.feed(text[text.index('id="step"'):text.index("</form>", text.index('id="step"'))])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("hidden", "submit"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.values.setdefault(name, []).append(a.get("value") or "")
            else:
                self.values.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = [a.get("value") or ""]
        elif tag == "textarea":
            self._area = name
            self.values[name] = [""]

    def handle_data(self, data):
        if self._area:
            self.values[self._area] = [self.values[self._area][0] + data]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._area = None


def go(client, page, answers: dict | None = None, button: str = "next", unknown: tuple[str, ...] = ()):
    """Press Next (or Back) on a step, its fields as the page filled them but for ``answers``."""
    filled = {k: v if len(v) > 1 or k == "wants" else v[0] for k, v in Filled(page.text).values.items()}
    data = {**filled, "csrf_token": token_of(page), "case": hidden(page, "case"),
            "read": hidden(page, "read"), "step": hidden(page, "step"), "go": button, **(answers or {})}
    if unknown:
        data["unknown"] = list(unknown)
    return client.post("/etapes", data=data)
