"""Rate limiting of POSTs per client: the stores, the 429 page and JSON, and a real Redis."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest

from web import create_app
from web.ratelimit import MemoryRateLimiter, RedisRateLimiter, client_key, make_limiter

from .conftest import CAF_FORM, TODAY, load_case_data, token_of


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_memory_store_lets_the_limit_through_then_says_how_long_to_wait():
    clock = Clock(1000.0)  # window of 60 s: 960 to 1020
    store = MemoryRateLimiter(limit=3, window=60, clock=clock)
    assert [store.hit("192.0.2.7") for _ in range(3)] == [0, 0, 0]
    assert store.hit("192.0.2.7") == 20
    clock.now = 1019.5
    assert store.hit("192.0.2.7") == 1
    clock.now = 1020.0  # a new window: counting starts again
    assert store.hit("192.0.2.7") == 0


def test_clients_are_counted_apart_and_no_address_is_kept():
    store = MemoryRateLimiter(limit=1, window=60, clock=Clock())
    assert store.hit("192.0.2.7") == 0
    assert store.hit("198.51.100.9") == 0
    assert store.hit("192.0.2.7") > 0
    kept = repr(store.__dict__)
    assert "192.0.2.7" not in kept and "198.51.100.9" not in kept


def test_the_memory_store_stays_bounded_under_a_flood_of_clients():
    clock = Clock()
    store = MemoryRateLimiter(limit=5, window=60, max_clients=100, clock=clock)
    for i in range(1000):
        store.hit(f"10.0.{i // 256}.{i % 256}")
        assert len(store) <= 100
    clock.now += 60
    store.hit("192.0.2.1")
    assert len(store) <= 100


def test_an_ipv6_client_is_counted_by_its_network():
    store = MemoryRateLimiter(limit=1, window=60, clock=Clock())
    assert store.hit(client_key("2001:db8:5:6::1")) == 0
    assert store.hit(client_key("2001:db8:5:6:ffff::2")) > 0  # same /64, same household
    assert store.hit(client_key("2001:db8:5:7::1")) == 0
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"


def test_the_settings_choose_the_store():
    assert make_limiter(0, 60) is None
    assert isinstance(make_limiter(10, 60), MemoryRateLimiter)
    assert isinstance(make_limiter(10, 60, "memory://"), MemoryRateLimiter)
    assert isinstance(make_limiter(10, 60, "redis://127.0.0.1:1/0"), RedisRateLimiter)
    with pytest.raises(ValueError, match="unknown store 'postgres'"):
        make_limiter(10, 60, "postgres://user:secret@db/x")


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


def test_two_processes_share_one_count_in_redis(redis_url):
    clock = Clock(2000.0)
    one = RedisRateLimiter(redis_url, limit=3, window=60, prefix="t1:", clock=clock)
    two = RedisRateLimiter(redis_url, limit=3, window=60, prefix="t1:", clock=clock)
    assert [one.hit("192.0.2.7"), two.hit("192.0.2.7"), one.hit("192.0.2.7")] == [0, 0, 0]
    assert two.hit("192.0.2.7") == 40  # 2000 is 20 s into the window 1980-2040
    assert one.hit("198.51.100.9") == 0
    clock.now = 2040.0
    assert two.hit("192.0.2.7") == 0


def test_redis_holds_no_address_and_forgets_each_count(redis_url):
    import redis

    store = RedisRateLimiter(redis_url, limit=5, window=30, prefix="t2:")
    store.hit("203.0.113.77")
    r = redis.Redis.from_url(redis_url)
    keys = [k.decode() for k in r.keys("t2:*")]
    counts = [k for k in keys if k != "t2:salt"]
    assert len(counts) == 1 and "203.0.113.77" not in counts[0]
    assert 0 < r.ttl(counts[0]) <= 31
    assert r.ttl("t2:salt") == -1  # shared by every process, so the same client hashes the same


def test_the_app_uses_redis_when_configured(redis_url):
    import redis

    app = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 1,
                      "RATE_LIMIT_STORAGE_URL": redis_url})
    redis.Redis.from_url(redis_url).flushdb()
    case = load_case_data("bank-credit-refusal")
    assert app.test_client().post("/api/v1/letters", json=case).status_code == 200
    other_instance = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 1,
                                 "RATE_LIMIT_STORAGE_URL": redis_url})
    assert other_instance.test_client().post("/api/v1/letters", json=case).status_code == 429


def test_an_unreachable_redis_lets_requests_through_and_logs_no_address(caplog):
    store = RedisRateLimiter(f"redis://127.0.0.1:{_free_port()}/0", limit=1, window=60, timeout=0.2)
    with caplog.at_level(logging.WARNING, logger="ratelimit"):
        assert [store.hit("192.0.2.99") for _ in range(3)] == [0, 0, 0]
    assert len(caplog.records) == 1  # once, not once per request
    assert "unreachable" in caplog.text and "192.0.2.99" not in caplog.text
