"""Personal data sealed at rest with AES-256-GCM: each dossier under its own key, the dossier
keys and the staff's accounts under the key of ``RECOURS_DATA_KEY``.

Each value is sealed with a fresh 96-bit nonce and bound to where it lives (table, column and
row id as associated data), so a sealed value copied into another row or column does not open.
A dossier's values are sealed under a random key of its own (``DossierSealer``), kept only
sealed under the master key in ``dossier_keys``; erasing the dossier deletes that key first,
so what its rows leave behind in the database's free space no longer opens with any key the
workspace holds (crypto-erasure). Lookups that must work without opening every row (a user's
e-mail at login) use a keyed hash (HMAC-SHA256 under a key derived from the master secret),
never the value itself. Without the key nothing stored can be read; with a wrong key, ``open``
says so.
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

# The format of a sealed value: version, nonce, ciphertext with its tag. The version says
# which key sealed it: the master key, or the dossier's own.
VERSION = b"\x01"
DOSSIER_VERSION = b"\x02"
NONCE_BYTES = 12
KEY_BYTES = 32


class SealError(ValueError):
    """A value that does not open: another key, or the value was changed or moved."""


def new_key() -> str:
    """A fresh key for ``RECOURS_DATA_KEY``: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def dossier_key_place(dossier_id: str) -> str:
    """Where a dossier's key is sealed: its row of ``dossier_keys``."""
    return f"dossier_keys:{dossier_id}"


class Key:
    """One AES-256-GCM key and the version byte its values carry."""

    refused = "ces données ne s'ouvrent pas avec cette clé"

    def __init__(self, raw: bytes, version: bytes) -> None:
        self._aead = AESGCM(raw)
        self._version = version

    def seal(self, value: bytes, where: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return self._version + nonce + self._aead.encrypt(nonce, value, where.encode("utf-8"))

    def open(self, sealed: bytes, where: str) -> bytes:
        if not sealed.startswith(self._version) or len(sealed) < 1 + NONCE_BYTES + 16:
            raise SealError(f"{self.refused} (valeur chiffrée sous une autre clé, ou illisible)")
        nonce, body = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, where.encode("utf-8"))
        except InvalidTag:
            raise SealError(self.refused) from None

    def seal_text(self, value: str, where: str) -> bytes:
        return self.seal(value.encode("utf-8"), where)

    def open_text(self, sealed: bytes, where: str) -> str:
        return self.open(sealed, where).decode("utf-8")


class DossierSealer(Key):
    """A dossier's own key: its case, events, files and mandates are sealed under it."""

    refused = "ces données ne s'ouvrent pas avec la clé de ce dossier : elles ont été modifiées ou déplacées"

    def __init__(self, raw: bytes) -> None:
        if len(raw) != KEY_BYTES:
            raise SealError("clé de dossier illisible")
        super().__init__(raw, DOSSIER_VERSION)


class Sealer(Key):
    """The master key, from ``RECOURS_DATA_KEY``: the staff's accounts, and each dossier's key."""

    refused = ("ces données ne s'ouvrent pas avec cette clé (RECOURS_DATA_KEY) : ce n'est pas celle "
               "qui les a chiffrées, ou elles ont été modifiées")

    def __init__(self, key: str) -> None:
        if not key:
            raise SettingsError("RECOURS_DATA_KEY est vide : sans clé, aucune donnée personnelle ne peut "
                                "être enregistrée ni lue. `flask --app app clinic new-key` en crée une.")
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != KEY_BYTES:
            raise SettingsError("RECOURS_DATA_KEY doit faire 32 octets en base64 (44 caractères), "
                                "comme ceux que `clinic new-key` affiche.")
        super().__init__(hashlib.sha256(b"recours-seal\x00" + raw).digest(), VERSION)
        self._index = hashlib.sha256(b"recours-index\x00" + raw).digest()

    def index(self, value: str) -> str:
        """A keyed hash to find a row by a personal value without storing the value."""
        return hmac.new(self._index, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def new_dossier_key(self, dossier_id: str) -> tuple[DossierSealer, bytes]:
        """A fresh random key for a dossier, and that key sealed under the master key (to store)."""
        raw = os.urandom(KEY_BYTES)
        return DossierSealer(raw), self.seal(raw, dossier_key_place(dossier_id))

    def dossier_sealer(self, key_sealed: bytes, dossier_id: str) -> DossierSealer:
        """The dossier's key, opened from its sealed copy."""
        return DossierSealer(self.open(key_sealed, dossier_key_place(dossier_id)))
