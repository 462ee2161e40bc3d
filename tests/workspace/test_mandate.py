"""Mandates: the document to sign, its scope and duration, and the letters' "acting for"."""

from __future__ import annotations

from datetime import date

import pytest

from workspace import mandate

from ..conftest import load_case_data


@pytest.fixture
def dossier(ws):
    user = ws.add_user("claire.martin@asso.example", "un mot de passe assez long").id
    return user, ws.create(load_case_data("caf-prime-activite-indu"), user, user)


def grant(ws, dossier, *scope, signed_on=date(2026, 11, 29), months=12):
    user, dossier_id = dossier
    return mandate.grant(ws, dossier_id, user, scope=scope, months=months, signed_on=signed_on,
                         clinic_name="Association Droits Devant", referent="Claire Martin",
                         clinic_address=("3 rue de la Paix", "33000 Bordeaux"))


def test_the_document_names_both_parties_the_scope_chosen_and_how_to_revoke(ws, dossier):
    text = mandate.document(ws, grant(ws, dossier, "write_letters", "receive_answers"), dossier[0])
    assert "Je soussigné(e) Samia Benali, demeurant 12 rue des Lilas, 33000 Bordeaux," in text
    assert "donne mandat à Association Droits Devant, 3 rue de la Paix, 33000 Bordeaux," in text
    assert "écrire et envoyer en mon nom les courriers" in text
    assert "recevoir les réponses de l'organisme" in text
    assert "saisir en mon nom le Défenseur des droits" not in text  # not in the scope chosen
    assert "ce mandat vaut jusqu'au 29 novembre 2027" in text
    assert "je peux mettre fin à ce mandat à tout moment" in text
    assert "l'efface 12 mois après sa clôture" in text


def test_an_unsigned_mandate_leaves_the_date_to_write_by_hand(ws, dossier):
    text = mandate.document(ws, grant(ws, dossier, "write_letters", signed_on=None), dossier[0])
    assert "le ____________________" in text


def test_letters_act_for_the_person_only_while_the_mandate_is_in_force(ws, dossier):
    grant(ws, dossier, "write_letters", "copy_to_referent")
    [view] = mandate.mandates(ws, dossier[1])
    acting = mandate.acting_for(view, "Samia Benali", date(2026, 12, 1))
    assert acting == {"agent": "Association Droits Devant",
                      "agent_address": ["3 rue de la Paix", "33000 Bordeaux"], "referent": "Claire Martin",
                      "acting_for": "Samia Benali", "answers_to": "person", "copy_to_referent": True,
                      "valid_until": "2027-11-29", "signed_on": "2026-11-29"}
    assert mandate.acting_for(view, "Samia Benali", date(2027, 11, 30)) is None  # expired
    assert mandate.acting_for(view, "Samia Benali", date(2026, 11, 28)) is None  # not yet signed


def test_a_revoked_mandate_stops_at_once(ws, dossier):
    mandate_id = grant(ws, dossier, "write_letters")
    mandate.revoke(ws, mandate_id, dossier[0], on=date(2027, 1, 10))
    [view] = mandate.mandates(ws, dossier[1])
    assert mandate.acting_for(view, "Samia Benali", date(2027, 1, 9)) is not None
    assert mandate.acting_for(view, "Samia Benali", date(2027, 1, 10)) is None
    assert [a.action for a in ws.audit(dossier[1])][-1] == "revoke_mandate"


def test_a_mandate_without_scope_or_beyond_two_years_is_refused(ws, dossier):
    with pytest.raises(ValueError, match="Portée du mandat"):
        grant(ws, dossier)
    with pytest.raises(ValueError, match="de 1 à 24 mois"):
        grant(ws, dossier, "write_letters", months=36)
