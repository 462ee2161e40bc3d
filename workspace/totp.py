"""Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), as authenticator apps make them.

The clock is an argument: ``now`` is the Unix time the caller read, so tests replay the RFC's
own vectors.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
from urllib.parse import quote

STEP = 30  # seconds
DIGITS = 6
DRIFT = 1  # accept the code of one step before or after, for a phone's clock a little off


def new_secret() -> str:
    """160 random bits in base32, the form authenticator apps take."""
    return base64.b32encode(os.urandom(20)).decode("ascii")


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest: str = "sha1") -> str:
    mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, digest)).digest()
    offset = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10 ** digits).zfill(digits)


def totp(secret: str, now: float, digits: int = DIGITS, digest: str = "sha1") -> str:
    return hotp(_key(secret), int(now) // STEP, digits, digest)


def verify(secret: str, code: str, now: float, last_step: int | None = None) -> int | None:
    """The time step the code belongs to, or None. A step already used (``last_step``) is refused,
    so a code seen over someone's shoulder cannot be replayed."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == DIGITS):
        return None
    key, step = _key(secret), int(now) // STEP
    for candidate in range(step - DRIFT, step + DRIFT + 1):
        if hmac.compare_digest(hotp(key, candidate), code):
            return None if last_step is not None and candidate <= last_step else candidate
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "Recours") -> str:
    """The otpauth:// address an authenticator app reads (usually as a QR code)."""
    return (f"otpauth://totp/{quote(issuer)}:{quote(account)}?secret={secret}&issuer={quote(issuer)}"
            f"&algorithm=SHA1&digits={DIGITS}&period={STEP}")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)
