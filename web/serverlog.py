"""gunicorn's own log lines without client addresses (``logger_class`` in gunicorn.conf.py).

gunicorn writes no access log here, but its error log names the client of a malformed
request ("Invalid request from ip=203.0.113.7: …", with the request line) and prints the
traceback of an error with its message. Every line goes through two filters first: any
IPv4 or IPv6 address becomes ``[address]``, a refused request is named by its kind only, and
an exception keeps its type and frames, not its message (``security.RedactExceptions``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

from .security import RedactExceptions

_IPV4 = r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"
_IPV6 = r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|" + _IPV4 + r")?(?![\w:])"
ADDRESS = re.compile(f"{_IPV6}|{_IPV4}")
INVALID = re.compile(r"Invalid request from ip=\S*: .*", re.S)
WITHHELD = "Invalid request (client address and request withheld)"


def redact(text: str) -> str:
    """
    >>> redact("Invalid request from ip=2001:db8::7: Invalid HTTP Version 'Samia'")
    'Invalid request (client address and request withheld)'
    >>> redact("Connection from 192.0.2.7 and [2001:db8:0:1::9]:443 reset")
    'Connection from [address] and [[address]]:443 reset'
    >>> redact("Booting worker with pid: 4242")
    'Booting worker with pid: 4242'
    """
    return ADDRESS.sub("[address]", INVALID.sub(WITHHELD, text))


class NoAddresses(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RedactingLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger, with the filters on its error log."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(RedactExceptions())
        self.error_log.addFilter(NoAddresses())
