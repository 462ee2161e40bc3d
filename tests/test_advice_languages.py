"""What the pages tell the person to do, in the person's language: on a page in English, Arabic
or Spanish, the next steps, the warnings, the date labels and the state of each letter sent come
from that language's packet text, never French. Only the letters themselves stay French.

French is detected without guessing at words: every advice sentence the French packet gives for
a case must be absent from the same case's page in another language, over every example case.
"""

from __future__ import annotations

import html
import json

import pytest

from letters import compose_packet
from web import create_app

from .conftest import CASES, TODAY, case_from, load_case_data, token_of
from .test_letter_languages import FOLLOW_UPS, follow_up_data

EXAMPLES = sorted(p.stem for p in CASES.glob("*.json"))
OTHER_LANGUAGES = ("en", "es", "ar")


def packet_advice(packet) -> list[str]:
    """What the letters page says beside the letters: the next steps and the warnings."""
    return [*packet.next_steps, *packet.warnings]


def timeline_advice(packet) -> list[str]:
    """What the follow-up page says: each date's label, each letter's state, the warnings."""
    return [*(d.label for d in packet.dates), *(p.summary for p in packet.progress), *packet.warnings]


def shown(text: str) -> str:
    """A string as the page's HTML carries it (escaped, apostrophes as &#39;)."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


@pytest.fixture
def token(client):
    return token_of(client.get("/"))


def page_in(client, token, path: str, data: dict, lang: str) -> str:
    page = client.post(path, data={"csrf_token": token, "case": json.dumps(data)},
                       headers={"Accept-Language": lang})
    assert page.status_code == 200, page.status_code
    return page.text


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_packet_page_gives_no_french_advice_in_another_language(client, token, name):
    data = load_case_data(name)
    french = packet_advice(compose_packet(case_from(data, today=TODAY)))
    assert french, "every example case gives some advice"
    for lang in OTHER_LANGUAGES:
        text = page_in(client, token, "/lettres", data, lang)
        left = [sentence for sentence in french if shown(sentence) in text]
        assert not left, (lang, left)


@pytest.mark.parametrize("name", FOLLOW_UPS)
def test_the_follow_up_page_gives_its_dates_and_progress_in_the_page_language(name):
    """Each follow-up case on its own day, as the page would show it that day."""
    data, today = follow_up_data(name), FOLLOW_UPS[name][1]
    client = create_app({"TESTING": True, "TODAY": today}).test_client()
    token = token_of(client.get("/"))
    packet = compose_packet(case_from(data, today=today))
    french = timeline_advice(packet)
    for lang in OTHER_LANGUAGES:
        text = page_in(client, token, "/suivi", data, lang)
        left = [sentence for sentence in french if shown(sentence) in text]
        assert not left, (lang, left)
    # The check saw dates, and the state of each letter sent where the case has sent one.
    assert packet.dates and (packet.progress or not data["events"])


def test_the_arabic_follow_up_page_says_its_advice_is_arabic_and_right_to_left():
    name = "caf-silence-after-reminder"
    client = create_app({"TESTING": True, "TODAY": FOLLOW_UPS[name][1]}).test_client()
    text = page_in(client, token_of(client.get("/")), "/suivi", follow_up_data(name), "ar")
    assert '<ul class="progress" lang="ar" dir="rtl">' in text
    assert '<td lang="ar" dir="rtl">' in text
    assert "أُرسلت بتاريخ" in text  # "sent on", the state of a letter sent


def test_a_french_page_keeps_its_french_advice(client, token):
    """The checks above could pass if no page showed advice at all, or if shown() missed it."""
    data = load_case_data("caf-prime-activite-indu")
    packet = compose_packet(case_from(data, today=TODAY))
    text = page_in(client, token, "/lettres", data, "fr")
    assert all(shown(sentence) in text for sentence in packet_advice(packet))
    timeline = page_in(client, token, "/suivi", data, "fr")
    assert all(shown(sentence) in timeline for sentence in timeline_advice(packet))
