"""Fair use of the CPU: what a request costs, and PDFs made one at a time, within a budget.

A PDF takes WeasyPrint from a tenth of a second to more than a second of one core; a JSON
answer a few milliseconds. So:

- ``cost()`` weighs each request for the rate limit: 1 for a page or JSON, 2 for a file
  (DOCX, ZIP, calendar…), 6 for a PDF or a notification file to read. Within the default
  60 a minute, one client makes at most 10 PDFs (or reads 10 photos) a minute.
- ``pdf_turn()``: a process renders one PDF at a time (Fontconfig and Pango are not
  thread-safe, and the interpreter's lock would serialise them anyway). A request waits for
  its turn at most ``PDF_WAIT_SECONDS`` (10), and a PDF of several letters stops when it has
  taken more than ``RENDER_SECONDS`` (15): both answer 503 with ``Retry-After``, so the
  threads left serve everyone else (``/healthz`` included) at once.
- ``MAX_LETTERS_PER_FILE`` (12, more than any real packet holds) bounds what one request
  can ask to have rendered.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app, request
from werkzeug.exceptions import HTTPException, ServiceUnavailable, UnprocessableEntity

COSTS = {"pdf": 6, "zip": 2, "docx": 2, "ics": 2, "html": 2, "txt": 2}
FILE_ROUTES = ("/telecharger", "/api/")
# Reading a notification: a photo or a scan takes Tesseract one to three seconds a page, as
# much as a PDF; a pasted text, like a page.
READING_ROUTES = ("/lire", "/api/v1/notifications")
READING_COST = 6
REFERRAL_ROUTE = "/suivi/saisine"


class Turns:
    """A lock taken in the order it was asked for. ``threading.Lock`` is not fair: under a
    queue of PDFs, a request could wait on while later ones went first (a run measured a
    99th percentile of a minute where the median was seconds)."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._waiting: deque[object] = deque()
        self._busy = False

    def acquire(self, timeout: float) -> bool:
        me = object()
        deadline = time.monotonic() + timeout
        with self._ready:
            self._waiting.append(me)
            while self._busy or self._waiting[0] is not me:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._waiting.remove(me)
                    self._ready.notify_all()  # the next in line may be first now
                    return False
                self._ready.wait(left)
            self._waiting.popleft()
            self._busy = True
            return True

    def release(self) -> None:
        with self._ready:
            self._busy = False
            self._ready.notify_all()


_TURN = Turns()


def cost() -> int:
    """The weight of this request in the rate limit."""
    if request.path in READING_ROUTES:
        return READING_COST if request.mimetype == "multipart/form-data" else 1
    if request.path == REFERRAL_ROUTE:  # its checks are a page; the referral file is a PDF
        try:
            return COSTS["pdf"] if request.form.get("action") == "build" else 1
        except HTTPException:
            return 1
    if not request.path.startswith(FILE_ROUTES):
        return 1
    fmt = request.args.get("format")
    if fmt is None and request.path == "/telecharger":
        try:
            fmt = request.form.get("format", "zip")
        except HTTPException:  # a body that cannot be read: the view says so; never the limiter
            return 1
    return COSTS.get(fmt or "json", 1)


class Busy(ServiceUnavailable):
    """503: too much rendering right now; the answer says when to try again."""

    api_message = "Le serveur prépare trop de PDF en ce moment : réessayez dans une minute."

    def __init__(self) -> None:
        super().__init__()
        self.retry_after = 30

    def get_headers(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [*super().get_headers(*args, **kwargs), ("Retry-After", str(self.retry_after))]


class TooManyLetters(UnprocessableEntity):
    api_message = ("Trop de lettres pour un seul fichier : demandez-les une par une "
                   "(format=docx, pdf, txt ou html avec letter=…).")


def check_letters(count: int) -> None:
    if count > int(current_app.config.get("MAX_LETTERS_PER_FILE", 12)):
        raise TooManyLetters()


@contextmanager
def pdf_turn() -> Iterator[Callable[[], None]]:
    """This process's turn to render a PDF; yields the check a renderer calls between letters."""
    config = current_app.config
    if not _TURN.acquire(timeout=float(config.get("PDF_WAIT_SECONDS", 10))):
        raise Busy()
    deadline = time.monotonic() + float(config.get("RENDER_SECONDS", 15))

    def within_budget() -> None:
        if time.monotonic() > deadline:
            raise Busy()

    try:
        yield within_budget
    finally:
        _TURN.release()

