"""Rate limiting of POSTs per client: weighted by cost, the 429 page and JSON, the keyed hash,
the trusted proxy, counts that floods do not wipe, and a real Redis (stalled, too)."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest
from limits import parse

from web import create_app
from web.ratelimit import client_digest, client_key, rate_limit

from .conftest import CAF_FORM, TODAY, carried, load_case_data, token_of


def test_a_client_is_counted_by_a_keyed_hash_of_its_address_never_the_address():
    salt = b"k" * 32
    digest = client_digest(salt, "192.0.2.7")
    assert "192.0.2.7" not in digest and len(digest) == 32
    assert client_digest(salt, "192.0.2.7") == digest != client_digest(b"j" * 32, "192.0.2.7")
    assert client_digest(salt, "2001:db8:5:6::1") == client_digest(salt, "2001:db8:5:6:ffff::2")
    assert client_digest(salt, "2001:db8:5:6::1") != client_digest(salt, "2001:db8:5:7::1")
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"


def test_an_unknown_store_is_refused_at_start():
    with pytest.raises(ValueError, match="unknown store 'postgres'"):
        create_app({"TESTING": True, "RATE_LIMIT_STORAGE_URL": "postgres://user:secret@db/x"})


def limited_app(posts: int = 2):
    return create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": posts})


def test_too_many_form_posts_get_the_429_page_in_french():
    client = limited_app(2).test_client()
    token = token_of(client.get("/"))
    for _ in range(2):
        assert client.post("/", data={**CAF_FORM, "csrf_token": token}).status_code == 200
    refused = client.post("/", data={**CAF_FORM, "csrf_token": token})
    assert refused.status_code == 429
    assert "<h1>Trop de demandes</h1>" in refused.text
    assert "Attendez une minute" in refused.text
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert client.get("/").status_code == 200  # reading pages is not limited


def test_too_many_api_calls_get_json_with_retry_after():
    client = limited_app(1).test_client()
    case = load_case_data("bank-credit-refusal")
    assert client.post("/api/v1/letters", json=case).status_code == 200
    refused = client.post("/api/v1/letters", json=case)
    assert refused.status_code == 429
    assert refused.is_json
    assert "attendez une minute" in refused.get_json()["errors"][0]["message"]
    assert int(refused.headers["Retry-After"]) >= 1


def test_each_client_address_has_its_own_count():
    client = limited_app(1).test_client()
    case = load_case_data("bank-credit-refusal")
    first = {"REMOTE_ADDR": "192.0.2.10"}
    second = {"REMOTE_ADDR": "192.0.2.11"}
    assert client.post("/api/v1/letters", json=case, environ_base=first).status_code == 200
    assert client.post("/api/v1/letters", json=case, environ_base=first).status_code == 429
    assert client.post("/api/v1/letters", json=case, environ_base=second).status_code == 200


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart():
    client = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 1,
                         "TRUSTED_PROXIES": 1}).test_client()
    case = load_case_data("bank-credit-refusal")
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    one, two = {"X-Forwarded-For": "192.0.2.10"}, {"X-Forwarded-For": "192.0.2.11"}
    assert client.post("/api/v1/letters", json=case, environ_base=proxy, headers=one).status_code == 200
    assert client.post("/api/v1/letters", json=case, environ_base=proxy, headers=one).status_code == 429
    assert client.post("/api/v1/letters", json=case, environ_base=proxy, headers=two).status_code == 200
    secure = client.get("/", environ_base=proxy, headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in secure.headers


def test_without_a_trusted_proxy_a_forged_forwarded_header_changes_nothing():
    client = limited_app(1).test_client()
    case = load_case_data("bank-credit-refusal")
    for forged, expected in (("1.1.1.1", 200), ("2.2.2.2", 429)):
        got = client.post("/api/v1/letters", json=case, headers={"X-Forwarded-For": forged})
        assert got.status_code == expected
    assert "Strict-Transport-Security" not in client.get("/", headers={"X-Forwarded-Proto": "https"}).headers


def test_rate_limiting_can_be_turned_off():
    client = limited_app(0).test_client()
    case = load_case_data("bank-credit-refusal")
    assert all(client.post("/api/v1/letters", json=case).status_code == 200 for _ in range(5))


def test_a_pdf_costs_more_than_json_in_the_limit():
    client = limited_app(12).test_client()
    case = load_case_data("bank-credit-refusal")
    assert [client.post("/api/v1/letters?format=pdf", json=case).status_code for _ in range(3)] \
        == [200, 200, 429]  # 6 each
    other = {"REMOTE_ADDR": "192.0.2.50"}
    statuses = [client.post("/api/v1/letters", json=case, environ_base=other).status_code for _ in range(13)]
    assert statuses == [200] * 12 + [429]  # 1 each
    third = {"REMOTE_ADDR": "192.0.2.51"}
    files = [client.post("/api/v1/letters?format=zip", json=case, environ_base=third).status_code
             for _ in range(7)]
    assert files == [200] * 6 + [429]  # 2 each


def test_one_count_per_client_across_routes_where_a_page_pdf_costs_as_an_api_one():
    app = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 14})
    client = app.test_client()
    page = client.post("/", data={**CAF_FORM, "csrf_token": token_of(client.get("/"))})  # 1
    token, case = carried(page)
    form = {"csrf_token": token, "case": case, "format": "pdf"}  # 6 each: 1 + 6 + 6, then 19
    assert [client.post("/telecharger", data=form).status_code for _ in range(3)] == [200, 200, 429]


def test_the_counts_survive_a_flood_of_new_clients():
    """50,000 new clients (an IPv4 range, or IPv6 /64s) used to wipe every count."""
    app = limited_app(2)
    client = app.test_client()
    case = load_case_data("bank-credit-refusal")
    patient = {"REMOTE_ADDR": "192.0.2.10"}
    assert [client.post("/api/v1/letters", json=case, environ_base=patient).status_code
            for _ in range(3)] == [200, 200, 429]
    limiter, salt = rate_limit(app).limiter, rate_limit(app).salt
    item = parse("2 per 60 second")
    for i in range(50_000):  # counted in the same store as the requests (a request each is slower)
        limiter.limiter.hit(item, "recours", client_digest(salt, f"2001:db8:{i // 65536:x}:{i % 65536:x}::1"))
    assert len(limiter.storage.storage) > 50_000
    assert client.post("/api/v1/letters", json=case, environ_base=patient).status_code == 429


def test_forwarded_headers_are_believed_only_from_the_proxy_address():
    """With TRUSTED_PROXIES=1, a client reaching the app server directly (not from 127.0.0.1)
    sends X-Forwarded-For in vain: it is counted by its own address, and is not HTTPS."""
    client = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 1,
                         "TRUSTED_PROXIES": 1}).test_client()
    case = load_case_data("bank-credit-refusal")
    direct = {"REMOTE_ADDR": "203.0.113.5"}
    for forged, expected in (("192.0.2.1", 200), ("192.0.2.2", 429), ("192.0.2.3", 429)):
        got = client.post("/api/v1/letters", json=case, environ_base=direct,
                          headers={"X-Forwarded-For": forged})
        assert got.status_code == expected, forged
    page = client.get("/", environ_base=direct, headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in page.headers
    elsewhere = create_app({"TESTING": True, "RATE_LIMIT_POSTS": 1, "TRUSTED_PROXIES": 1,
                            "TRUSTED_PROXY_ADDRESSES": "::1, 10.0.0.0/8"}).test_client()
    got = elsewhere.get("/", environ_base={"REMOTE_ADDR": "10.1.2.3"}, headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in got.headers


# -- A real Redis, started for these tests on a free port of 127.0.0.1 and stopped after.

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: `make test` installs it (Debian package redis-server)")
        pytest.skip("redis-server is not installed (`make test` installs it)")
    port = _free_port()
    # No persistence: nothing is written to disk, as everywhere in Recours.
    proc = subprocess.Popen([server, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                             "--appendonly", "no", "--protected-mode", "yes"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("redis-server did not start")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def redis_app(redis_url: str, posts: int, **config):
    return create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": posts,
                       "RATE_LIMIT_STORAGE_URL": redis_url, "SECRET_KEY": "shared", **config})


def test_two_instances_share_one_count_in_redis(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    case = load_case_data("bank-credit-refusal")
    one, two = redis_app(redis_url, 3).test_client(), redis_app(redis_url, 3).test_client()
    got = [c.post("/api/v1/letters", json=case).status_code for c in (one, two, one, two, one)]
    assert got == [200, 200, 200, 429, 429]
    other = {"REMOTE_ADDR": "198.51.100.9"}
    assert two.post("/api/v1/letters", json=case, environ_base=other).status_code == 200


def test_redis_holds_no_address_and_forgets_each_count(redis_url):
    import redis

    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    client = redis_app(redis_url, 5, RATE_LIMIT_WINDOW=30).test_client()
    client.post("/api/v1/letters", json=load_case_data("bank-credit-refusal"),
                environ_base={"REMOTE_ADDR": "203.0.113.77"})
    keys = [k.decode() for k in r.keys("*")]
    assert len(keys) == 1 and "203.0.113.77" not in keys[0]
    assert 0 < r.ttl(keys[0]) <= 31


def test_a_stalled_redis_costs_one_short_wait_not_one_on_every_post(caplog):
    """A store that takes connections and never answers: the first POST waits the short
    timeout, then the process counts in its memory; the POSTs after it do not wait."""
    stalled = socket.socket()
    stalled.bind(("127.0.0.1", 0))
    stalled.listen(64)  # the kernel takes the connections; nothing ever answers
    try:
        url = f"redis://127.0.0.1:{stalled.getsockname()[1]}/0"
        client = redis_app(url, 3).test_client()
        case = load_case_data("bank-credit-refusal")
        with caplog.at_level(logging.WARNING):
            t0 = time.monotonic()
            first = client.post("/api/v1/letters", json=case).status_code
            first_wait = time.monotonic() - t0
            t0 = time.monotonic()
            rest = [client.post("/api/v1/letters", json=case).status_code for _ in range(20)]
            rest_wait = time.monotonic() - t0
    finally:
        stalled.close()
    assert first == 200 and first_wait < 2
    assert rest[:2] == [200, 200] and set(rest[2:]) == {429}  # still counted, in memory
    assert rest_wait < 20 * 0.5 / 2  # it was half a second on every POST
    assert "unreachable" in caplog.text


def test_an_unreachable_redis_lets_requests_through_and_logs_no_address(caplog):
    client = redis_app(f"redis://127.0.0.1:{_free_port()}/0", 1).test_client()
    case = load_case_data("bank-credit-refusal")
    with caplog.at_level(logging.DEBUG):
        got = client.post("/api/v1/letters", json=case, environ_base={"REMOTE_ADDR": "192.0.2.99"})
    assert got.status_code == 200
    assert "192.0.2.99" not in caplog.text
