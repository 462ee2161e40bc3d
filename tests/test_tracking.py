"""Following a case in the browser: timeline, events typed in the form, save and resume, calendar."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date

import icalendar
import pytest

from letters import compose_packet
from letters.calendar_ics import packet_ics

from .conftest import CAF_FORM, carried, case_from, load_case_data


def hidden(page) -> tuple[str, dict]:
    token, case = carried(page)
    return token, json.loads(case)


def post_case(client, url, token, case, **fields):
    return client.post(url, data={"csrf_token": token, "case": json.dumps(case), **fields})


def test_the_packet_page_offers_to_follow_save_and_add_to_calendar(browser):
    page = browser.submit(CAF_FORM)
    assert "Suivre mon dossier et noter un envoi ou une réponse" in page.text
    assert "Enregistrer mon dossier (fichier)" in page.text
    assert 'value="ics"' in page.text


def test_the_timeline_lists_dates_and_takes_a_sent_event(browser, client):
    token, case = hidden(browser.submit(CAF_FORM))
    page = post_case(client, "/suivi", token, case)
    assert page.status_code == 200
    assert "Suivi de votre dossier" in page.text
    assert "Dernier jour pour envoyer le recours (estimation)" in page.text
    added = post_case(client, "/suivi/evenement", token, case, **{
        "event.kind": "sent", "event.letter": "explanation", "event.date": "2026-11-20",
        "event.proof": "1A 234 567 8901 2"})
    assert added.status_code == 200
    _, updated = hidden(added)
    assert updated["events"] == [{"date": "2026-11-20", "kind": "sent", "letter": "explanation",
                                  "proof": "1A 234 567 8901 2"}]
    assert "En attente" in added.text
    assert "Envoyée le 20 novembre 2026" in added.text


def test_a_recourse_sent_in_time_reads_as_sent_not_as_passed(browser, client):
    """Decided on 1 September, the recourse was due by 2 November and went on 15 September:
    on 29 November its row says when it was sent, with no "passée" tag."""
    token, case = hidden(browser.submit({**CAF_FORM, "decision.date": "2026-09-01"}))
    case["events"] = [{"date": "2026-09-15", "kind": "sent", "letter": "recourse"}]
    page = post_case(client, "/suivi", token, case)
    assert page.status_code == 200
    row = next(r for r in page.text.split("<tr") if "Dernier jour pour envoyer le recours" in r)
    assert "recours envoyé le 15 septembre 2026" in row
    assert "passée" not in row and "dépassée" not in row


def test_a_bad_event_is_shown_next_to_its_field_and_nothing_is_lost(browser, client):
    token, case = hidden(browser.submit(CAF_FORM))
    page = post_case(client, "/suivi/evenement", token, case, **{
        "event.kind": "sent", "event.letter": "explanation", "event.date": "2031-01-01",
        "event.proof": "ma preuve"})
    assert page.status_code == 422
    assert 'id="f-event-date-error"' in page.text
    assert "Cette date est dans le futur" in page.text
    assert 'value="ma preuve"' in page.text
    _, kept = hidden(page)
    assert kept == case


def test_an_answer_with_missing_items_brings_the_next_letters(browser, client):
    token, case = hidden(browser.submit({**CAF_FORM, "decision.date": "2026-09-01"}))
    case["events"] = [{"date": "2026-09-15", "kind": "sent", "letter": "explanation"}]
    page = post_case(client, "/suivi/evenement", token, case, **{
        "event.kind": "answer", "event.letter": "explanation", "event.date": "2026-10-20",
        "event.answer": "partial", "event.issues": ["secret_invoked", "no_score"]})
    assert page.status_code == 200
    assert "Réponse à une réponse incomplète" in page.text
    assert "Saisine de la CADA" in page.text
    letters = post_case(client, "/lettres", token, hidden(page)[1])
    assert "Réclamation auprès de la CNIL" in letters.text


def test_save_then_resume_gives_the_same_case_back(browser, client):
    token, case = hidden(browser.submit(CAF_FORM))
    case["events"] = [{"date": "2026-11-20", "kind": "sent", "letter": "explanation"}]
    saved = post_case(client, "/dossier", token, case)
    assert saved.mimetype == "application/json"
    # Dated (the app's today in tests), never the person's name.
    assert saved.headers["Content-Disposition"] == 'attachment; filename="recours-dossier-2026-11-29.json"'
    assert json.loads(saved.data) == case
    resumed = client.post("/reprendre", data={"csrf_token": token,
                                              "dossier": (io.BytesIO(saved.data), "recours-dossier.json")},
                          content_type="multipart/form-data")
    assert resumed.status_code == 200
    assert "Envoyée le 20 novembre 2026" in resumed.text


def test_a_broken_case_file_gets_a_clear_error_next_to_the_upload(browser, client):
    token = browser.token()
    for content in (b"{not json", b"", b"[" * 40 + b"]" * 40):
        page = client.post("/reprendre", data={"csrf_token": token,
                                               "dossier": (io.BytesIO(content), "dossier.json")},
                           content_type="multipart/form-data")
        assert page.status_code == 422
        assert 'id="f-dossier-error"' in page.text


def test_a_saved_case_with_invalid_content_shows_the_form_errors(browser, client):
    token = browser.token()
    bad = json.dumps({"person": {"name": "Samia"}}).encode()
    page = client.post("/reprendre", data={"csrf_token": token, "dossier": (io.BytesIO(bad), "d.json")},
                       content_type="multipart/form-data")
    assert page.status_code == 422
    assert "Votre adresse est obligatoire." in page.text
    assert 'value="Samia"' in page.text


def test_the_calendar_file_parses_back_with_every_date_and_a_reminder():
    data = load_case_data("caf-prime-activite-indu")
    packet = compose_packet(case_from(data))
    calendar = icalendar.Calendar.from_ical(packet_ics(packet))
    events = calendar.walk("VEVENT")
    assert len(events) == len(packet.dates)
    by_day = {e.decoded("dtstart"): str(e.get("summary")) for e in events}
    assert by_day[date(2027, 1, 11)] == "Dernier jour pour envoyer le recours (estimation)"
    for event in events:
        alarm = event.walk("VALARM")[0]
        assert alarm.decoded("trigger").days == -3
        assert "Benali" not in event.to_ical().decode()


def test_api_and_download_give_the_calendar(client, browser):
    got = client.post("/api/v1/letters?format=ics", json=load_case_data("cpam-c2s-suspension"))
    assert got.status_code == 200 and got.mimetype == "text/calendar"
    assert icalendar.Calendar.from_ical(got.data).walk("VEVENT")
    token, case = hidden(browser.submit(CAF_FORM))
    download = post_case(client, "/telecharger", token, case, format="ics")
    assert download.headers["Content-Disposition"] == 'attachment; filename="recours-delais.ics"'


def test_when_nothing_is_left_to_send_there_is_no_empty_file(client):
    case = load_case_data("bank-credit-refusal")
    case["wants"] = ["explanation"]
    case["events"] = [{"date": "2026-11-21", "kind": "sent", "letter": "explanation"},
                      {"date": "2026-11-28", "kind": "answer", "letter": "explanation", "answer": "full"}]
    assert client.post("/api/v1/letters", json=case).get_json()["letters"] == []
    for fmt in ("pdf", "zip"):
        got = client.post(f"/api/v1/letters?format={fmt}", json=case)
        assert got.status_code == 404 and got.is_json


# -- Nothing lost: "modify" carries the history; events are checked, confirmed, saved again.

HISTORY = [{"date": "2026-09-15", "kind": "sent", "letter": "explanation", "proof": "1A 234 567 8901 2"},
           {"date": "2026-09-20", "kind": "sent", "letter": "recourse"},
           {"date": "2026-10-20", "kind": "answer", "letter": "explanation", "answer": "partial",
            "issues": ["secret_invoked", "no_score"]}]


def followed_case(browser) -> tuple[str, dict]:
    token, case = hidden(browser.submit({**CAF_FORM, "decision.date": "2026-09-01"}))
    case["events"] = [dict(e) for e in HISTORY]
    case["decision"]["description_in_letters"] = False
    case["clinic_reference"] = "dossier 2026-118"  # a key Recours does not know: never echoed
    return token, case


def progress(client, token, case) -> list[str]:
    page = post_case(client, "/suivi", token, case)
    return [html.unescape(x) for x in re.findall(r'<li class="status-[^"]+">(.*?)</li>', page.text, re.S)]


def test_modify_then_send_again_keeps_the_history_and_everything_the_form_does_not_show(browser, client):
    token, case = followed_case(browser)
    before = progress(client, token, case)
    form = post_case(client, "/modifier", token, case)
    assert form.status_code == 200
    kept = html.unescape(re.search(r'name="kept" value="([^"]*)"', form.text).group(1))
    # Every part of the case the form does not ask; the pages carry the validated case, so a
    # key no field declares is not one of them.
    assert json.loads(kept) == {"decision": {"description_in_letters": False}, "events": HISTORY}
    answers = {**CAF_FORM, "decision.date": "01/09/2026", "person.phone": "06 12 34 56 78"}
    again = client.post("/", data={"csrf_token": token, "kept": kept, **answers})
    assert again.status_code == 200
    _, after = hidden(again)
    assert after["events"] == HISTORY
    assert after["decision"]["description_in_letters"] is False
    assert "clinic_reference" not in after
    assert after["person"]["phone"] == "06 12 34 56 78"
    assert progress(client, token, after) == before
    assert 'data-kind="explanation"' not in again.text, "a letter already sent is not offered again"
    assert 'data-kind="reply_partial"' in again.text


def test_an_error_on_the_modified_form_still_carries_the_history(browser, client):
    token, case = followed_case(browser)
    kept = json.dumps({"events": HISTORY})
    page = client.post("/", data={"csrf_token": token, "kept": kept, **{**CAF_FORM, "person.name": ""}})
    assert page.status_code == 422
    assert html.unescape(re.search(r'name="kept" value="([^"]*)"', page.text).group(1)) == kept
    switched = client.post("/langue", data={"csrf_token": token, "kept": kept, "lang": "es", **CAF_FORM})
    assert html.unescape(re.search(r'name="kept" value="([^"]*)"', switched.text).group(1)) == kept


def test_a_decision_date_moved_after_an_event_is_said_at_the_decision_date(browser, client):
    token, _ = followed_case(browser)
    page = client.post("/", data={"csrf_token": token, "kept": json.dumps({"events": HISTORY}),
                                  **{**CAF_FORM, "decision.date": "2026-10-01"}})
    assert page.status_code == 422
    assert ('<a href="#f-decision-date">Votre suivi note une lettre envoyée ou une réponse avant cette '
            'date : vérifiez la date de la décision.</a>') in html.unescape(page.text).replace("&#39;", "'")


def test_a_forged_kept_field_is_refused(browser, client):
    token = browser.token()
    assert client.post("/", data={"csrf_token": token, "kept": "[1]", **CAF_FORM}).status_code == 400


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"event.date": ""}, "event.date", "La date de l&#39;événement est obligatoire."),
    ({"event.date": "2026-11-01"}, "event.date", "Cette date est antérieure à la décision"),
    ({"event.date": "30/11/2026"}, "event.date", "Cette date est dans le futur"),
    ({"event.date": "31/11/2026"}, "event.date", "n&#39;existe pas dans le calendrier"),
    ({"event.date": "20/11/26"}, "event.date", "jj/mm/aaaa"),
    ({"event.letter": "cnil"}, "event.letter", "Cette lettre ne fait pas partie de votre dossier"),
    ({"event.letter": "court_info"}, "event.letter", "n&#39;est pas une valeur possible"),
])
def test_an_event_is_refused_with_its_error_next_to_the_field_and_nothing_recorded(
        browser, client, fields, field, message):
    token, case = hidden(browser.submit(CAF_FORM))  # decided 10 November, today 29 November
    typed = {"event.kind": "sent", "event.letter": "explanation", "event.date": "20/11/2026",
             "event.proof": "1A 234", **fields}
    page = post_case(client, "/suivi/evenement", token, case, **typed)
    assert page.status_code == 422
    error = re.search(rf'id="f-{field.replace(".", "-")}-error">.*?</p>', page.text, re.S).group(0)
    assert message in error
    assert 'value="1A 234"' in page.text and f'value="{typed["event.date"]}"' in page.text
    assert hidden(page)[1] == case, "nothing recorded"


def test_the_timeline_offers_only_the_letters_the_case_has_or_had(browser, client):
    token, case = followed_case(browser)
    page = post_case(client, "/suivi", token, case)
    select = re.search(r'<select id="f-event-letter".*?</select>', page.text, re.S).group(0)
    offered = re.findall(r'<option value="(\w+)"', select)
    assert set(offered) >= {"explanation", "recourse", "reply_partial"}  # sent, or offered now
    assert "remission" not in offered and "court_info" not in offered


def test_an_event_added_is_confirmed_with_a_reminder_to_save_the_file_again(browser, client):
    token, case = hidden(browser.submit(CAF_FORM))
    page = post_case(client, "/suivi/evenement", token, case, **{
        "event.kind": "sent", "event.letter": "recourse", "event.date": "20 novembre 2026"})
    assert page.status_code == 200
    shown = html.unescape(page.text)
    assert "C'est noté" in shown
    assert "J'ai envoyé une lettre – Recours, le 20 novembre 2026." in shown
    assert "enregistrez-le de nouveau pour garder cet ajout" in page.text
    _, updated = hidden(page)
    assert updated["events"] == [{"date": "2026-11-20", "kind": "sent", "letter": "recourse"}]
    again = post_case(client, "/suivi", token, updated)
    assert "C'est noté" not in html.unescape(again.text), "said once, when it is added"


def test_a_file_that_is_not_a_saved_case_is_said_to_be_so(browser, client):
    token = browser.token()
    for content in (b'{"photo": "IMG_2041.jpg"}', b"\x89PNG\r\n\x1a\n", b"[1, 2]"):
        page = client.post("/reprendre", data={"csrf_token": token,
                                               "dossier": (io.BytesIO(content), "fichier.json")},
                           content_type="multipart/form-data")
        assert page.status_code == 422
        assert "n&#39;est pas un dossier enregistré par Recours" in page.text
        assert '<details class="resume" open>' in page.text


def test_every_field_the_form_takes_out_is_one_it_asks():
    """ "Modifier" drops from the carried case every field marked as on the form and expects it
    back from the form: a field marked so but never asked would be lost on the way."""
    from letters.fields import CASE_FIELDS
    from web import create_app

    page = create_app().jinja_env.loader.get_source(create_app().jinja_env, "form.html")[0]
    missing = [f.path for f in CASE_FIELDS if f.form and f'"{f.path}"' not in page]
    assert not missing


def test_a_today_kept_in_a_saved_file_does_not_freeze_the_pages(browser, client):
    """The pages always count from the real today (the app's, in tests): a file saved with an
    old "today" gives the very page the same file without it gives."""
    token, case = hidden(browser.submit(CAF_FORM))

    def resumed(data: dict) -> str:
        upload = (io.BytesIO(json.dumps(data).encode()), "recours-dossier.json")
        page = client.post("/reprendre", data={"csrf_token": token, "dossier": upload},
                           content_type="multipart/form-data")
        assert page.status_code == 200
        return re.sub(r'name="csrf_token" value="[^"]*"', "", page.text)

    assert resumed({**case, "today": "2026-11-05"}) == resumed(case)
    assert '"today"' not in html.unescape(resumed({**case, "today": "2026-11-05"}))
