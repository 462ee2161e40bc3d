"""Scenarios that walk a case through time with a fixed `today`: what comes next, and when."""

from __future__ import annotations

import copy
import html as htmllib
import io
from datetime import date

import docx
import pytest

from letters import compose_packet, parse_case
from letters.calendar_ics import packet_ics
from letters.render import render_docx, render_html, render_text
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import case_from, load_case_data


def walk(name: str, today: str, *events: dict, decided: str = "2026-09-01", **decision):
    """The packet of an example case decided on ``decided``, on ``today``, after ``events``."""
    data = copy.deepcopy(load_case_data(name))
    data["decision"].update(date=decided, **decision)
    data["events"] = list(events)
    return compose_packet(case_from(data, today=today))


def sent(day, letter, proof=""):
    return {"date": day, "kind": "sent", "letter": letter, **({"proof": proof} if proof else {})}


def answer(day, letter, kind, *issues):
    return {"date": day, "kind": "answer", "letter": letter, "answer": kind, "issues": list(issues)}


def plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace(NB_HYPHEN, "-").split())


def ids(packet):
    return [x.id for x in packet.letters]


def dates(packet):
    return {d.key: d.day for d in packet.dates}


CAF = "caf-prime-activite-indu"
BANK = "bank-credit-refusal"


class TestSilence:
    """Explanation sent on 15 September, nothing back: reminder, then CADA and CNIL."""

    def test_while_the_body_still_has_time_nothing_new_is_prepared(self):
        packet = walk(CAF, "2026-10-10", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"))
        assert ids(packet) == []
        progress = {p.letter: p for p in packet.progress}
        assert progress["explanation"].status == "waiting"
        # Latest plausible receipt (a week after sending) + one month, on a working day.
        assert progress["explanation"].due == date(2026, 10, 22)

    def test_once_overdue_the_reminder_comes_first_and_the_escalations_wait_its_delay(self):
        """A month and the post gone: the CNIL (any body) and the CADA may be seized at once
        (brief §15.2), but the reminder is the gentler first step; the escalations it announces
        wait until its fifteen days are over, counted from its latest plausible receipt (26 Oct
        plus the week of post, plus fifteen days: 17 November), never the same day."""
        packet = walk(CAF, "2026-10-26", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"))
        assert ids(packet) == ["reminder", "cada", "cnil"]
        assert packet.letter("reminder").answer_due == date(2026, 11, 17)
        assert [packet.letter(x).send_from for x in ("reminder", "cada", "cnil")] == [
            None, date(2026, 11, 18), date(2026, 11, 18)]
        text = render_text(packet.letter("reminder"))
        # Sent without acknowledgement: the end of the delay is the latest it can be (review D-13).
        assert "a expiré au plus tard le 22 octobre 2026" in text
        assert "Par un courrier envoyé le 15 septembre 2026" in text
        assert "dans les 15 jours suivant la réception de ce courrier" in text
        # Silence from 15 October (sending + 1 month) is a refusal; CADA two months after.
        assert dates(packet)["cada_window"] == date(2026, 12, 15)
        # The escalations are sent after the reminder: they tell it, undated like themselves.
        cada, cnil = (render_text(packet.letter(x)) for x in ("cada", "cnil"))
        assert "- …… : envoi de ma relance, restée sans réponse" in cada
        assert "- Copie de ma relance, envoyée le ……" in cada
        assert "- Ma relance, envoyée le ……, est restée sans réponse." in cnil
        assert "- Copie de ma relance, envoyée le ……" in cnil

    def test_while_the_reminder_s_delay_runs_the_escalations_still_wait_for_it(self):
        """Sent on 27 October, the reminder may arrive by 3 November: its fifteen days run to
        18 November. Sixteen days after sending is not yet after the delay it gave the body."""
        packet = walk(CAF, "2026-11-12", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"),
                      sent("2026-10-27", "reminder"))
        assert ids(packet) == ["cada", "cnil"]
        assert {packet.letter(x).send_from for x in ("cada", "cnil")} == {date(2026, 11, 19)}
        assert {p.letter: p.due for p in packet.progress}["reminder"] == date(2026, 11, 18)

    def test_once_the_reminder_s_delay_is_over_cada_cnil_and_defenseur(self):
        packet = walk(CAF, "2026-11-19", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"),
                      sent("2026-10-27", "reminder"))
        assert ids(packet) == ["cada", "cnil", "defenseur"]
        cada = packet.letter("cada")
        assert cada.recipient.name == "Commission d'accès aux documents administratifs (CADA)"
        assert cada.recipient.lines == ("TSA 50730", "75334 Paris Cedex 07")
        assert "crpa-r343-1" in cada.bases and "crpa-l342-1" in cada.bases
        assert cada.send_by == date(2026, 12, 8) and cada.send_from is None
        assert "- 15 septembre 2026 : envoi de ma lettre « Demande d'explication" in render_text(cada)
        cnil = render_text(packet.letter("cnil"))
        assert ("Aucune réponse ne m'est parvenue dans le délai prévu, "
                "qui a expiré au plus tard le 22 octobre 2026.") \
            in cnil
        assert "Copie de ma relance du 27 octobre 2026" in cnil
        # The reminder sent is told by its own event, never as a step still to come.
        assert "……" not in cnil and "……" not in render_text(cada)
        assert any("ne suspend pas vos délais" in w for w in packet.warnings)

    def test_a_closing_cada_window_does_not_wait_for_a_reminder(self):
        """Three weeks or less before the CADA window closes: no reminder, the escalation now."""
        packet = walk(CAF, "2026-11-30", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"))
        assert "reminder" not in ids(packet) and ids(packet)[:2] == ["cada", "cnil"]
        assert packet.letter("cada").send_from is None

    def test_an_acknowledgement_gives_the_real_receipt_date(self):
        packet = walk(CAF, "2026-10-10", sent("2026-09-15", "explanation"),
                      {"date": "2026-09-16", "kind": "received_ack", "letter": "explanation"})
        assert {p.letter: p.due for p in packet.progress}["explanation"] == date(2026, 10, 16)

    def test_an_announced_gdpr_extension_adds_two_months(self):
        packet = walk(CAF, "2026-11-20", sent("2026-09-15", "explanation"),
                      {"date": "2026-10-01", "kind": "extension", "letter": "explanation"})
        assert "reminder" not in ids(packet)
        assert {p.letter: p.due for p in packet.progress}["explanation"] == date(2026, 12, 22)


class TestPartialAnswer:
    def test_secrecy_and_generic_logic_get_a_reply_cada_and_cnil(self):
        packet = walk(CAF, "2026-10-25", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"),
                      answer("2026-10-20", "explanation", "partial", "secret_invoked", "generic_logic",
                             "no_score"))
        assert ids(packet) == ["reply_partial", "cada", "cnil"]
        reply = render_text(packet.letter("reply_partial"))
        assert "Vous m'avez décrit le traitement de façon générale." in reply
        assert "Vous ne m'avez pas communiqué le score" in reply
        assert "Vous m'opposez un secret." in reply
        assert "cjue-c-203-22" in packet.letter("reply_partial").bases
        cnil = packet.letter("cnil")
        assert "cjue-c-203-22" in cnil.bases
        assert "après avoir examiné vous-même les informations" in render_text(cnil)
        assert "La CAF de la Gironde m'oppose un secret." in render_text(packet.letter("cada"))


class TestDates:
    """The dates a lawyer would write beside the follow-up letters."""

    def test_the_cada_window_runs_from_the_silence_not_from_a_later_partial_answer(self):
        """Sent on 15 September, the request was silently refused a month after it could first
        have arrived (15 October, CRPA R311-13); a partial answer on 20 October does not restart
        the two months of R343-1: the last day is 15 December, not 21 December."""
        packet = walk(CAF, "2026-10-25", sent("2026-09-15", "explanation"),
                      answer("2026-10-20", "explanation", "partial", "generic_logic"))
        assert dates(packet)["cada_window"] == date(2026, 12, 15)

    def test_the_acknowledgement_dates_the_silence(self):
        packet = walk(CAF, "2026-10-25", sent("2026-09-15", "explanation"),
                      {"date": "2026-09-18", "kind": "received_ack", "letter": "explanation"},
                      answer("2026-10-20", "explanation", "partial", "generic_logic"))
        assert dates(packet)["cada_window"] == date(2026, 12, 18)

    def test_an_express_refusal_before_the_silence_starts_the_window_on_its_date(self):
        packet = walk(CAF, "2026-10-05", sent("2026-09-15", "explanation"),
                      answer("2026-10-01", "explanation", "refused"))
        assert dates(packet)["cada_window"] == date(2026, 12, 1)

    def test_no_cada_window_once_the_explanation_was_answered_in_full(self):
        packet = walk(CAF, "2026-11-29", sent("2026-09-10", "explanation"), sent("2026-09-10", "recourse"),
                      answer("2026-10-05", "explanation", "full"),
                      answer("2026-11-10", "recourse", "rejected"))
        assert "cada_window" not in dates(packet)
        assert "cada" not in ids(packet)

    def test_the_escalations_wait_for_the_delay_the_reply_itself_gives(self):
        """The reply asks the body to complete its answer within fifteen days of receiving it and
        prints that day; the CADA and the CNIL go only from the day after, within the window."""
        packet = walk(CAF, "2026-10-28", sent("2026-09-10", "explanation"),
                      answer("2026-10-20", "explanation", "partial", "no_score", "generic_logic"))
        reply = packet.letter("reply_partial")
        assert reply.answer_due == date(2026, 11, 19)
        assert "dans les 15 jours suivant la réception de ce courrier (soit vers le 19 novembre 2026)" \
            in plain(render_text(reply))
        cada, cnil = packet.letter("cada"), packet.letter("cnil")
        assert cada.send_from == cnil.send_from == date(2026, 11, 20)
        assert cada.send_from <= cada.send_by < cada.last_day == dates(packet)["cada_window"]

    def test_a_cada_window_closing_first_does_not_wait_for_the_reply(self):
        """Here the reply's fifteen days would end after the CADA must be sent: the CADA goes
        now, within its window; the CNIL, which has no window, still waits for the reply."""
        packet = walk(CAF, "2026-11-25", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"),
                      answer("2026-10-20", "explanation", "partial", "no_score", "generic_logic"))
        assert ids(packet)[:3] == ["reply_partial", "cada", "cnil"]
        assert packet.letter("cada").send_from is None
        assert packet.letter("cada").send_by == date(2026, 12, 8)
        assert packet.letter("cnil").send_from == date(2026, 12, 18)
        assert any("ne peut pas attendre" in w for w in packet.warnings)

    def test_an_escalation_sent_later_is_left_undated_in_every_format(self):
        packet = walk(CAF, "2026-10-26", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"))
        cada, reminder = packet.letter("cada"), packet.letter("reminder")
        assert cada.place_date == "Bordeaux, le ……………………"
        assert reminder.place_date == "Bordeaux, le 26 octobre 2026"
        assert "Bordeaux, le ……………………" in plain(render_text(cada))
        paragraphs = [plain(p.text) for p in docx.Document(io.BytesIO(render_docx(cada))).paragraphs]
        assert "Bordeaux, le ……………………" in paragraphs
        assert "Bordeaux, le ……………………" in plain(htmllib.unescape(str(render_html(cada))))

    def test_a_recourse_sent_in_time_is_not_shown_as_passed(self):
        """The recourse went on 15 September, its delay ended on 2 November: on 29 November the
        packet says when it was sent, never "date dépassée", and no calendar alarm rings for it."""
        packet = walk(CAF, "2026-11-29", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"))
        recourse = next(d for d in packet.dates if d.key == "recourse")
        assert recourse.done == date(2026, 9, 15) and not recourse.passed
        assert recourse.label.endswith("recours envoyé le 15 septembre 2026")
        assert "dépassée" not in recourse.label
        assert b"Dernier jour pour envoyer le recours" not in packet_ics(packet)

    def test_a_recourse_not_sent_is_still_shown_as_passed(self):
        packet = walk(CAF, "2026-11-29", sent("2026-09-15", "explanation"))
        recourse = next(d for d in packet.dates if d.key == "recourse")
        assert recourse.passed and recourse.done is None and "date dépassée" in recourse.label


class TestRecourseRejected:
    def test_rejection_brings_court_information_and_the_defenseur(self):
        packet = walk(CAF, "2026-11-05", sent("2026-09-15", "explanation"), sent("2026-09-15", "recourse"),
                      answer("2026-10-10", "explanation", "full"),
                      answer("2026-11-02", "recourse", "rejected"))
        assert ids(packet) == ["court_info", "defenseur", "remission"]
        sheet = packet.letter("court_info")
        text = render_text(sheet)
        assert "ce document n'est pas à envoyer" in text
        assert "Le juge compétent est le tribunal administratif" in text
        assert "aide juridictionnelle" in text
        assert dates(packet)["court"] == date(2027, 1, 4)
        assert sheet.recipient.name == "" and sheet.signature == ""

    def test_silence_on_the_recourse_is_an_implicit_rejection(self):
        packet = walk("cpam-c2s-suspension", "2027-01-20", sent("2026-11-10", "recourse"),
                      answer("2026-12-01", "explanation", "full"), sent("2026-11-10", "explanation"))
        assert "court_info" in ids(packet)
        # Silence from 10 Jan 2027 (sending + 2 months), then two months: 10 Mar 2027.
        assert dates(packet)["court"] == date(2027, 3, 10)

    def test_remission_is_offered_after_a_rejection_with_its_warning(self):
        packet = walk(CAF, "2026-11-05", sent("2026-09-15", "recourse"),
                      answer("2026-11-02", "recourse", "rejected"))
        assert "remission" in ids(packet)
        assert any("peut être compris comme une acceptation de la dette" in w for w in packet.warnings)
        text = render_text(packet.letter("remission"))
        assert ("Cette demande ne vaut pas reconnaissance du bien-fondé de la dette, "
                "que j'ai contestée") in text


class TestPrivateBody:
    def test_a_bank_never_gets_a_cada_letter_nor_the_defenseur(self):
        packet = walk(BANK, "2027-01-20", sent("2026-11-29", "explanation"), sent("2026-11-29", "recourse"),
                      sent("2027-01-05", "reminder"))
        assert ids(packet) == ["cnil", "court_info"]
        assert "cada_window" not in dates(packet)
        assert "crpa" not in " ".join(b for x in packet.letters for b in x.bases)


class TestRemissionAlone:
    def test_asking_only_for_remission_gives_a_remission_letter_not_a_recourse(self):
        data = copy.deepcopy(load_case_data("departement-rsa-suspension"))
        data["decision"].update(kind="overpayment", amount=1200)
        data["wants"] = ["remission"]
        packet = compose_packet(case_from(data))
        assert ids(packet) == ["remission"]
        remission = packet.letter("remission")
        assert "casf-l262-46" in remission.bases
        assert "caractère suspensif" in render_text(remission)
        assert any("pas un recours" in w for w in packet.warnings)


class TestEventValidation:
    @pytest.mark.parametrize(("event", "field", "message"), [
        ({"date": "2030-01-01", "kind": "sent", "letter": "explanation"}, "events.0.date",
         "Cette date est dans le futur"),
        ({"date": "2026-11-01", "kind": "sent", "letter": "explanation"}, "events.0.date",
         "Cette date est antérieure à la décision"),
        ({"date": "2026-11-20", "kind": "posted", "letter": "explanation"}, "events.0.kind",
         "« posted » n'est pas une valeur possible."),
        ({"date": "2026-11-20", "kind": "answer", "letter": "explanation", "answer": "maybe"},
         "events.0.answer", "« maybe » n'est pas une valeur possible."),
        ({"date": "2026-11-20", "kind": "answer", "letter": "explanation", "answer": "partial",
          "issues": ["rude"]}, "events.0.issues.0", "« rude » n'est pas un manque connu."),
        ({"kind": "sent", "letter": "explanation"}, "events.0.date",
         "La date de l'événement est obligatoire."),
    ])
    def test_bad_events_name_their_field(self, event, field, message):
        data = copy.deepcopy(load_case_data(CAF))
        data["today"] = "2026-11-29"
        data["events"] = [event]
        case, errors = parse_case(data)
        assert case is None
        found = {e.field: e.message for e in errors}
        assert found[field].startswith(message)

    def test_events_are_replayed_oldest_first(self):
        data = copy.deepcopy(load_case_data(CAF))
        data["events"] = [sent("2026-11-20", "recourse"), sent("2026-11-15", "explanation")]
        case, _ = parse_case(data)
        assert [e.letter for e in case.events] == ["explanation", "recourse"]
