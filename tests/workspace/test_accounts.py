"""Staff accounts: argon2id passwords, a TOTP second factor, e-mails kept sealed."""

from __future__ import annotations

from datetime import UTC

import pytest

from workspace import totp
from workspace.models import User


def code_now(ws, secret: str) -> str:
    return totp.totp(secret, ws.clock().replace(tzinfo=UTC).timestamp())


def test_login_needs_the_password_and_the_code(ws):
    user = ws.add_user("Claire.Martin@asso.example", "un mot de passe assez long")
    code = code_now(ws, user.totp_secret)
    assert ws.login("claire.martin@asso.example", "un mot de passe assez long", code) == user.id
    assert [a.action for a in ws.audit()] == ["login"]


@pytest.mark.parametrize("wrong", ["password", "code", "email"])
def test_a_wrong_password_code_or_address_fails_and_is_logged(ws, wrong):
    user = ws.add_user("claire.martin@asso.example", "un mot de passe assez long")
    code = code_now(ws, user.totp_secret)
    email, password = "claire.martin@asso.example", "un mot de passe assez long"
    if wrong == "password":
        password = "un autre mot de passe"
    elif wrong == "code":
        code = "000000" if code != "000000" else "111111"
    else:
        email = "personne@asso.example"
    assert ws.login(email, password, code) is None
    assert [a.action for a in ws.audit()] == ["login_failed"]


def test_a_code_cannot_be_used_twice(ws):
    user = ws.add_user("claire.martin@asso.example", "un mot de passe assez long")
    code = code_now(ws, user.totp_secret)
    assert ws.login("claire.martin@asso.example", "un mot de passe assez long", code) == user.id
    assert ws.login("claire.martin@asso.example", "un mot de passe assez long", code) is None


def test_the_password_is_hashed_with_argon2id_and_the_email_sealed(ws):
    ws.add_user("claire.martin@asso.example", "un mot de passe assez long", "admin")
    with ws.sessions() as s:
        [row] = s.query(User).all()
    assert row.password_hash.startswith("$argon2id$")
    assert b"claire" not in row.email_sealed and "claire" not in row.email_index
    assert ws.users() == [(row.id, "claire.martin@asso.example", "admin")]


def test_a_short_password_a_second_account_and_an_unknown_role_are_refused(ws):
    with pytest.raises(ValueError, match="au moins 12 caractères"):
        ws.add_user("a@asso.example", "court")
    ws.add_user("a@asso.example", "un mot de passe assez long")
    with pytest.raises(ValueError, match="existe déjà"):
        ws.add_user("A@asso.example", "un mot de passe assez long")
    with pytest.raises(ValueError, match="Rôle inconnu"):
        ws.add_user("b@asso.example", "un mot de passe assez long", "superuser")
