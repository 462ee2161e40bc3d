"""The caisse that pays an RSA the département decided on gets a request of its own.

The département decides; the CAF (or the MSA) pays and holds the file, the score and the control
report. A copy of the letter to the département asks the caisse nothing: it gets its own
explanation and access request, and that request its own reminder, CADA and CNIL letters.
"""

from __future__ import annotations

import copy
import json

from letters import compose_packet, parse_case
from letters.render import render_docx, render_html, render_text
from letters.render.typography import NB_HYPHEN, NBSP

from .conftest import carried, case_from, load_case_data, token_of

SUSPENSION = "departement-rsa-suspension"


def plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace(NB_HYPHEN, "-").split())


def packet_of(name: str = SUSPENSION, **decision):
    data = copy.deepcopy(load_case_data(name))
    data["decision"].update(decision)
    return compose_packet(case_from(data))


# The data has no caisse addresses: the line is left visibly blank, never silently missing.
TO_FILL = "[adresse de la caisse à compléter]"


def test_the_caf_of_the_persons_departement_gets_its_own_request_copied_to_the_departement():
    packet = packet_of()
    assert [x.id for x in packet.letters] == ["explanation", "explanation_payer", "recourse"]
    caisse = packet.letter("explanation_payer")
    assert caisse.kind == "explanation"
    assert (caisse.recipient.name, caisse.recipient.lines) == (
        "Madame la Directrice, Monsieur le Directeur", ("CAF du Nord", TO_FILL))
    # Written to the caisse: the decision is the président's, the caisse is "votre caisse".
    assert "Cette décision a été prise par le président du conseil départemental du Nord, qui reçoit copie" \
        in plain(render_text(caisse))
    assert caisse.title.endswith("– CAF du Nord")
    assert caisse.copies == ("Délégué à la protection des données (CAF du Nord)", "Département du Nord")
    # The département's own letter and the recourse name the caisse in their copies.
    assert "CAF du Nord" in packet.letter("explanation").copies
    assert "CAF du Nord" in packet.letter("recourse").copies


def test_the_caisse_is_asked_for_what_it_holds_not_for_the_reasons_the_departement_owes():
    text = plain(render_text(packet_of(reasons_given=False).letter("explanation_payer")))
    assert "article L. 114-21 du code de la sécurité sociale" in text
    assert "s'il en a été établi un, le rapport du contrôle de mon dossier" in text
    assert "tout score" in text
    assert "motifs de droit et de fait" not in text
    departement = packet_of(reasons_given=False).letter("explanation")
    assert "motifs de droit et de fait" in plain(render_text(departement))


def test_an_agent_control_brings_the_report_and_the_agrement_without_a_hedge():
    text = plain(render_text(packet_of(agent_control=True).letter("explanation_payer")))
    assert "le rapport ou procès-verbal de contrôle" in text
    assert "soit agréé et assermenté" in text
    assert "s'il en a été établi un" not in text
    none = plain(render_text(packet_of(agent_control=False).letter("explanation_payer")))
    assert "rapport" not in none and "agréé" not in none


def test_the_msa_is_written_to_when_the_person_says_it_pays_and_asked_to_be_named():
    packet = packet_of(payer="msa")
    caisse = packet.letter("explanation_payer")
    assert caisse.recipient.lines == ("Caisse de mutualité sociale agricole", TO_FILL)
    assert "Votre caisse, qui me verse le revenu de solidarité active (RSA)" in plain(render_text(caisse))
    assert any("le nom exact et l'adresse de votre caisse" in w for w in packet.warnings)
    assert not any("Vous n'avez pas indiqué quelle caisse" in w for w in packet.warnings)
    assert "Caisse de mutualité sociale agricole" in packet.letter("recourse").copies


def test_an_unknown_payer_is_the_caf_hedged_and_said_so():
    packet = packet_of(payer="unknown")
    text = plain(render_text(packet.letter("explanation_payer")))
    assert "Si c'est bien votre caisse qui me verse le revenu de solidarité active (RSA), elle détient" \
        in text
    assert "Votre caisse, qui me verse" not in text
    assert any("Vous n'avez pas indiqué quelle caisse" in w for w in packet.warnings)


def test_the_caisse_is_named_from_the_departement_found_from_the_postcode():
    data = copy.deepcopy(load_case_data(SUSPENSION))
    data["person"]["address"] = ["3 rue Garibaldi", "69007 Lyon"]
    caisse = compose_packet(case_from(data)).letter("explanation_payer")
    assert caisse.recipient.lines == ("CAF du Rhône", TO_FILL)
    data["person"]["address"] = ["3 rue Garibaldi", "Lyon"]  # no postcode: only the kind is known
    packet = compose_packet(case_from(data))
    assert packet.letter("explanation_payer").recipient.lines == ("Caisse d'allocations familiales", TO_FILL)
    # No département found: the body is named as the case names it.
    assert "par le département (" in plain(render_text(packet.letter("explanation_payer")))
    assert any("le nom exact et l'adresse de votre caisse" in w for w in packet.warnings)


def test_no_second_request_when_the_caisse_decided_or_nothing_is_asked_of_it():
    assert "explanation_payer" not in [x.id for x in compose_packet(
        case_from(load_case_data("caf-rsa-indu-postcode"))).letters]
    data = copy.deepcopy(load_case_data(SUSPENSION))
    data["wants"] = ["contest"]
    packet = compose_packet(case_from(data))
    assert [x.id for x in packet.letters] == ["recourse"]
    assert "CAF du Nord" in packet.letter("recourse").copies  # the copy still names the caisse


def test_the_caisses_events_drive_its_follow_ups_and_leave_the_departements_alone():
    data = copy.deepcopy(load_case_data("departement-rsa-payer-silent"))
    packet = compose_packet(case_from(data))
    assert [x.id for x in packet.letters] == ["reminder_payer", "cada_payer", "cnil_payer"]
    assert [p.letter for p in packet.progress] == ["explanation", "recourse", "explanation_payer"]
    assert {d.key for d in packet.dates} >= {"due:explanation_payer", "cada_window_payer",
                                             "send_from:cnil_payer"}
    # Once the CAF answers, nothing more is due to it.
    data["events"].append({"date": "2026-11-20", "kind": "answer", "letter": "explanation_payer",
                           "answer": "full"})
    assert [x.id for x in compose_packet(case_from(data)).letters] == []


def test_an_event_names_the_caisses_letters_and_nothing_else():
    data = copy.deepcopy(load_case_data(SUSPENSION))
    data["events"] = [{"date": "2026-11-20", "kind": "sent", "letter": "explanation_payer"}]
    case, errors = parse_case(data)
    assert case is not None and not errors
    data["events"] = [{"date": "2026-11-20", "kind": "sent", "letter": "recourse_payer"}]
    case, errors = parse_case(data)
    assert case is None and errors[0].field == "events.0.letter"


def test_every_renderer_writes_the_caisses_letter():
    caisse = packet_of().letter("explanation_payer")
    assert "CAF du Nord" in render_html(caisse)
    assert render_docx(caisse)[:2] == b"PK"


def test_the_english_courtesy_copy_has_the_caisses_letter_too():
    packet = compose_packet(case_from(load_case_data(SUSPENSION)), language="en")
    caisse = packet.letter("explanation_payer")
    assert "Your fund, which pays me the earned income supplement" in plain(render_text(caisse))


def test_the_form_asks_who_pays_the_rsa_and_the_timeline_offers_the_caisses_letters(browser, client):
    form = browser.client.get("/").text
    assert 'name="decision.payer" value="msa"' in form
    assert 'name="wants" value="object"' in form
    token, case = browser.packet({
        "person.name": "Karim Haddad", "person.address": "8 rue Pasteur\n59000 Lille",
        "organisation.kind": "departement", "organisation.name": "Département du Nord",
        "decision.kind": "suspension", "decision.benefit": "rsa", "decision.date": "2026-10-20",
        "decision.payer": "msa", "decision.automation": "unknown", "wants": ["explanation", "contest"]})
    assert json.loads(case)["decision"]["payer"] == "msa"
    timeline = client.post("/suivi", data={"csrf_token": token, "case": case})
    assert timeline.status_code == 200
    assert 'value="explanation_payer"' in timeline.text
    page = client.post("/lettres", data={"csrf_token": token_of(timeline), "case": carried(timeline)[1]})
    assert "Caisse de mutualité sociale agricole" in page.text
