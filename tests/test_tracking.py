"""Following a case in the browser: timeline, events typed in the form, save and resume, calendar."""

from __future__ import annotations

import io
import json
from datetime import date

import icalendar

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
    assert saved.headers["Content-Disposition"] == 'attachment; filename="recours-dossier.json"'
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
