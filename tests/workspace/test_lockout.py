"""Guessing a password: after five failed logins to one account within fifteen minutes, that
account is refused for fifteen minutes, with the very answer a wrong password gets (nothing
tells a locked account from a wrong password or an unknown address); and one client may try
to log in only a few times in a few minutes, whichever accounts it names."""

from __future__ import annotations

import re
from datetime import UTC, timedelta

import pytest

from web import create_app
from workspace import passwords, totp

from ..conftest import token_of

PASSWORD = "un mot de passe assez long"
EMAIL = "claire.martin@asso.example"


@pytest.fixture
def user(ws):
    return ws.add_user(EMAIL, PASSWORD)


def right(ws, user) -> tuple[str, str, str]:
    return EMAIL, PASSWORD, totp.totp(user.totp_secret, ws.clock().replace(tzinfo=UTC).timestamp())


def fail(ws, times: int, every: timedelta = timedelta(minutes=1)) -> None:
    for _ in range(times):
        assert ws.login(EMAIL, "pas le bon mot de passe", "123456") is None
        ws.clock.now += every


def actions(ws) -> list[str]:
    return [a.action for a in ws.audit()]


def test_five_failures_in_a_quarter_of_an_hour_lock_the_account_even_to_the_right_password(ws, user):
    fail(ws, 5)
    assert ws.login(*right(ws, user)) is None
    assert actions(ws) == ["login_failed"] * 5 + ["account_locked", "login_locked"]
    assert {a.user_id for a in ws.audit()} == {user.id} and {a.dossier_id for a in ws.audit()} == {None}


def test_four_failures_do_not(ws, user):
    fail(ws, 4)
    assert ws.login(*right(ws, user)) == user.id


def test_the_lock_lasts_fifteen_minutes_from_the_fifth_failure_whatever_is_tried_meanwhile(ws, user):
    fail(ws, 5, every=timedelta(0))
    locked_at = ws.clock.now
    for minutes in (1, 5, 14):
        ws.clock.now = locked_at + timedelta(minutes=minutes)
        assert ws.login(*right(ws, user)) is None
    ws.clock.now = locked_at + timedelta(minutes=15)
    assert ws.login(*right(ws, user)) == user.id
    assert actions(ws).count("account_locked") == 1


def test_failures_further_apart_than_the_window_do_not_add_up(ws, user):
    fail(ws, 4, every=timedelta(minutes=5))  # at 0, 5, 10, 15 minutes
    fail(ws, 1)  # at 20 minutes: four within the last fifteen
    assert ws.login(*right(ws, user)) == user.id


def test_a_login_clears_the_failures_before_it(ws, user):
    fail(ws, 4, every=timedelta(seconds=30))
    assert ws.login(*right(ws, user)) == user.id
    ws.clock.now += timedelta(seconds=30)  # the next code: each is accepted once
    fail(ws, 4, every=timedelta(seconds=30))
    assert ws.login(*right(ws, user)) == user.id


def test_a_locked_account_costs_the_same_work_as_a_wrong_password(ws, user, monkeypatch):
    fail(ws, 5)
    checked = []
    original = passwords.check_password
    monkeypatch.setattr(passwords, "check_password", lambda h, p: checked.append(h) or original(h, p))
    ws.login(*right(ws, user))
    assert len(checked) == 1  # an argon2 check all the same, against a hash of no one's


def test_an_unknown_address_never_locks_anything(ws, user):
    for _ in range(8):
        assert ws.login("personne@asso.example", PASSWORD, "123456") is None
    assert "account_locked" not in actions(ws)
    assert ws.login(*right(ws, user)) == user.id


def login_page(client, email: str, password: str, code: str):
    return client.post("/espace/connexion", data={"csrf_token": token_of(client.get("/espace/connexion")),
                                                  "email": email, "password": password, "code": code})


def without_what_differs(page) -> str:
    """The page without its token and the address typed, which it keeps."""
    return re.sub(r'value="[^"]*"', 'value=""', page.text)


def test_a_locked_account_gets_the_answer_a_wrong_password_or_an_unknown_address_gets(site, ws, user):
    client = site.test_client()
    fail(ws, 5)
    locked = login_page(client, *right(ws, user))
    wrong = login_page(client, EMAIL, "pas le bon mot de passe", "123456")
    unknown = login_page(client, "personne@asso.example", PASSWORD, "123456")
    assert locked.status_code == wrong.status_code == unknown.status_code == 401
    assert without_what_differs(locked) == without_what_differs(wrong) == without_what_differs(unknown)
    assert "Adresse, mot de passe ou code incorrect." in locked.text
    assert "le compte est bloqué pendant quinze minutes" in locked.text  # said to everyone, every time


@pytest.fixture
def limited_site(ws):
    """The app with its rate limits on: the app's own, generous, and the login's, the default."""
    return create_app({"TESTING": True, "WORKSPACE": "1", "WORKSPACE_STORE": ws, "SECRET_KEY": "s" * 40,
                       "TODAY": "2026-11-29", "RATE_LIMIT_POSTS": 1000})


def test_one_client_tries_ten_logins_in_five_minutes_at_most(limited_site, ws, user):
    client = limited_site.test_client()
    for i in range(10):
        assert login_page(client, f"personne{i}@asso.example", PASSWORD, "123456").status_code == 401
    refused = login_page(client, EMAIL, PASSWORD, "123456")
    assert refused.status_code == 429
    assert "Trop d&#39;essais de connexion" in refused.text and f'value="{EMAIL}"' in refused.text
    assert 60 < int(refused.headers["Retry-After"]) <= 300
    other = limited_site.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.44"
    assert login_page(other, *right(ws, user)).status_code == 303  # another client is not held back
