"""The SIREN number that identifies a French organisation (the CNIL asks for it)."""

from __future__ import annotations

import re


def clean_siren(value: str) -> str | None:
    """Nine digits with a valid Luhn key, spaces dropped; None when it cannot be a SIREN.

    >>> clean_siren("356 000 000"), clean_siren("356000001"), clean_siren("35600000")
    ('356000000', None, None)
    """
    digits = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"\d{9}", digits):
        return None
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return digits if total % 10 == 0 else None
