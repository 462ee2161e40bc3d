"""Fair use of the CPU: a ceiling on the letters one request renders and on the time a PDF
takes, a turn to wait for, and the usual error shapes when they are reached."""

from __future__ import annotations

import threading
import time

from web import create_app, heavy

from .conftest import CAF_FORM, TODAY, carried, load_case_data, token_of


def app_with(**config):
    return create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 0, **config})


def test_a_file_of_more_letters_than_the_ceiling_is_refused_with_a_clear_422():
    client = app_with(MAX_LETTERS_PER_FILE=1).test_client()
    case = load_case_data("caf-prime-activite-indu")  # two letters
    for fmt in ("zip", "pdf"):
        got = client.post(f"/api/v1/letters?format={fmt}", json=case)
        assert got.status_code == 422 and got.is_json, fmt
        assert "une par une" in got.get_json()["errors"][0]["message"]
    one = client.post("/api/v1/letters?format=pdf&letter=recourse", json=case)
    assert one.status_code == 200 and one.mimetype == "application/pdf"
    assert client.post("/api/v1/letters", json=case).status_code == 200  # the JSON holds them all


def test_a_pdf_past_its_render_time_stops_with_a_503_and_retry_after():
    client = app_with(RENDER_SECONDS=0).test_client()
    got = client.post("/api/v1/letters?format=pdf", json=load_case_data("caf-prime-activite-indu"))
    assert got.status_code == 503 and got.is_json
    assert "réessayez" in got.get_json()["errors"][0]["message"]
    assert int(got.headers["Retry-After"]) > 0


def test_while_a_pdf_is_being_made_the_next_waits_its_turn_and_the_rest_goes_on(browser):
    app = app_with(PDF_WAIT_SECONDS=0.2)
    client = app.test_client()
    token = token_of(client.get("/"))
    page = client.post("/", data={**CAF_FORM, "csrf_token": token})
    _, case = carried(page)
    assert heavy._TURN.acquire(timeout=5)  # another thread of this process is making a PDF
    try:
        waited = client.post("/telecharger", data={"csrf_token": token, "case": case, "format": "pdf"})
        assert waited.status_code == 503 and "<h1>Recours est très occupé</h1>" in waited.text
        assert int(waited.headers["Retry-After"]) > 0
        api = client.post("/api/v1/letters?format=pdf", json=load_case_data("bank-credit-refusal"))
        assert api.status_code == 503 and api.is_json
        assert client.get("/healthz").get_json() == {"status": "ok"}
        docx = client.post("/telecharger", data={"csrf_token": token, "case": case, "format": "zip"})
        assert docx.status_code == 200
    finally:
        heavy._TURN.release()
    assert client.post("/telecharger", data={"csrf_token": token, "case": case,
                                             "format": "pdf"}).status_code == 200


def test_pdfs_from_many_threads_are_made_one_at_a_time_and_all_arrive():
    app = app_with()
    case = load_case_data("bank-credit-refusal")
    statuses: list[int] = []

    def one():
        statuses.append(app.test_client().post("/api/v1/letters?format=pdf", json=case).status_code)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert statuses == [200] * 4


def test_pdfs_take_their_turn_in_the_order_they_asked():
    turns, order = heavy.Turns(), []
    assert turns.acquire(timeout=1)

    def wait(name: str, after: float):
        time.sleep(after)
        assert turns.acquire(timeout=10)
        order.append(name)
        turns.release()

    threads = [threading.Thread(target=wait, args=(name, 0.05 * i)) for i, name in enumerate("abcde")]
    for t in threads:
        t.start()
    time.sleep(0.5)
    turns.release()
    for t in threads:
        t.join(timeout=20)
    assert order == list("abcde")
    assert turns.acquire(timeout=1)
    assert not turns.acquire(timeout=0.05)  # taken: the wait ends, with no turn
    turns.release()
