"""One-time codes against the RFCs' own test vectors, and the rules of their use."""

from __future__ import annotations

import base64

import pytest

from workspace import totp


def b32(ascii_key: str) -> str:
    return base64.b32encode(ascii_key.encode()).decode()


SHA1 = b32("12345678901234567890")
SHA256 = b32("12345678901234567890123456789012")
SHA512 = b32("1234567890123456789012345678901234567890123456789012345678901234")


def test_hotp_matches_rfc_4226_appendix_d():
    key = b"12345678901234567890"
    assert [totp.hotp(key, c) for c in range(10)] == [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]


@pytest.mark.parametrize(("now", "sha1", "sha256", "sha512"), [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
])
def test_totp_matches_rfc_6238_appendix_b(now, sha1, sha256, sha512):
    assert totp.totp(SHA1, now, 8, "sha1") == sha1
    assert totp.totp(SHA256, now, 8, "sha256") == sha256
    assert totp.totp(SHA512, now, 8, "sha512") == sha512


def test_a_code_is_good_for_its_step_and_one_either_side():
    secret = totp.new_secret()
    code = totp.totp(secret, 1_800_000_000)
    assert totp.verify(secret, code, 1_800_000_000) == 60_000_000
    assert totp.verify(secret, code, 1_800_000_000 + 30) == 60_000_000  # the phone is a step behind
    assert totp.verify(secret, code, 1_800_000_000 + 60) is None


def test_a_code_already_used_is_refused():
    secret = totp.new_secret()
    code = totp.totp(secret, 1_800_000_000)
    step = totp.verify(secret, code, 1_800_000_000)
    assert totp.verify(secret, code, 1_800_000_010, last_step=step) is None


@pytest.mark.parametrize("typed", ["", "12345", "abcdef", "1234567"])
def test_anything_but_six_digits_is_refused(typed):
    assert totp.verify(totp.new_secret(), typed, 1_800_000_000) is None


def test_the_provisioning_address_is_what_authenticator_apps_read():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", "claire@asso.example")
    assert uri == ("otpauth://totp/Recours:claire%40asso.example?secret=JBSWY3DPEHPK3PXP&issuer=Recours"
                   "&algorithm=SHA1&digits=6&period=30")
