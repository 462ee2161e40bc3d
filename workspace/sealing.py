"""Personal data sealed at rest with AES-256-GCM, under the key of ``RECOURS_DATA_KEY``.

Each value is sealed with a fresh 96-bit nonce and bound to where it lives (table, column and
row id as associated data), so a sealed value copied into another row or column does not open.
Lookups that must work without opening every row (a user's e-mail at login) use a keyed hash
(HMAC-SHA256 under a key derived from the same secret), never the value itself.
Without the key nothing stored can be read; with a wrong key, ``open`` says so.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .settings import SettingsError

VERSION = b"\x01"  # the format of a sealed value: version, nonce, ciphertext with its tag
NONCE_BYTES = 12


class SealError(ValueError):
    """A value that does not open: another key, or the value was changed or moved."""


def new_key() -> str:
    """A fresh key for ``RECOURS_DATA_KEY``: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


class Sealer:
    def __init__(self, key: str) -> None:
        if not key:
            raise SettingsError("RECOURS_DATA_KEY est vide : sans clé, aucune donnée personnelle ne peut "
                                "être enregistrée ni lue. `flask --app app clinic new-key` en crée une.")
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != 32:
            raise SettingsError("RECOURS_DATA_KEY doit faire 32 octets en base64 (44 caractères), "
                                "comme ceux que `clinic new-key` affiche.")
        self._aead = AESGCM(hashlib.sha256(b"recours-seal\x00" + raw).digest())
        self._index = hashlib.sha256(b"recours-index\x00" + raw).digest()

    def seal(self, value: bytes, where: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return VERSION + nonce + self._aead.encrypt(nonce, value, where.encode("utf-8"))

    def open(self, sealed: bytes, where: str) -> bytes:
        if not sealed.startswith(VERSION) or len(sealed) < 1 + NONCE_BYTES + 16:
            raise SealError("valeur chiffrée illisible")
        nonce, body = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, where.encode("utf-8"))
        except InvalidTag:
            raise SealError("ces données ne s'ouvrent pas avec cette clé (RECOURS_DATA_KEY) : "
                            "ce n'est pas celle qui les a chiffrées, ou elles ont été modifiées") from None

    def seal_text(self, value: str, where: str) -> bytes:
        return self.seal(value.encode("utf-8"), where)

    def open_text(self, sealed: bytes, where: str) -> str:
        return self.open(sealed, where).decode("utf-8")

    def index(self, value: str) -> str:
        """A keyed hash to find a row by a personal value without storing the value."""
        return hmac.new(self._index, value.encode("utf-8"), hashlib.sha256).hexdigest()
