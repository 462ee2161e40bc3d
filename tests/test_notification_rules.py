"""The rules that read a notification's text, and the mentions it must carry, on pasted text."""

from __future__ import annotations

import pytest

from letters.notification import mentions, read_text
from letters.notification.layout import Letter

HEADER = """Caisse d'allocations familiales du Var
Service Prestations
12 avenue de l'Exemple
83076 Toulon Cedex
Toulon, le {date}
N° allocataire : 2468013
Réf. : IND-83-0001
Madame Inès Garnier
4 rue des Roses
83000 Toulon
Objet : {subject}
Madame,
"""
REASON = ("Motif : vous n'avez pas déclaré la reprise de votre activité. Cette décision est prise en "
          "application de l'article L. 553-2 du code de la sécurité sociale.")
RECTIFICATION = ("Vous pouvez, dans un délai de 20 jours, demander la rectification des éléments retenus.")
ROUTES = ("Vous pouvez contester cette décision devant la commission de recours amiable dans un délai "
          "de deux mois à compter de sa réception.")
ALGORITHM = ("Cette décision a été prise sur le fondement d'un traitement algorithmique. Vous pouvez "
             "obtenir la communication des règles définissant ce traitement.")


def caf_letter(*paragraphs: str, subject: str = "indu d'allocations familiales", day: str = "5 janvier 2027",
               body: str = "Vous avez perçu à tort la somme de 612,00 € du 01/03/2026 au 31/08/2026.") -> str:
    return HEADER.format(date=day, subject=subject) + "\n".join([body, *paragraphs])


def fields(text: str) -> dict:
    return {f["field"]: f["value"] for f in read_text(text).as_dict()["found"]}


def missing(text: str) -> dict[str, str]:
    return {m["id"]: m["message"] for m in read_text(text).as_dict()["missing_mentions"]}


COMPLETE = caf_letter(REASON, RECTIFICATION, ROUTES, ALGORITHM)


def test_a_complete_indu_notification_lacks_nothing_and_gives_every_field():
    assert missing(COMPLETE) == {}
    got = fields(COMPLETE)
    assert got["organisation.kind"] == "caf"
    assert got["organisation.address"] == ["Service Prestations", "12 avenue de l'Exemple",
                                           "83076 Toulon Cedex"]
    assert got["person.name"] == "Inès Garnier"
    assert got["person.reference"] == "numéro allocataire 2468013"
    assert got["decision.reference"] == "IND-83-0001"
    assert (got["decision.kind"], got["decision.benefit"]) == ("overpayment", "prestations_familiales")
    assert got["decision.amount"] == 612.0
    assert got["decision.period"] == {"from": "2026-03-01", "to": "2026-08-31"}
    assert got["decision.reason"] == "Vous n'avez pas déclaré la reprise de votre activité."
    assert (got["decision.algorithm_mentioned"], got["decision.reasons_given"],
            got["decision.appeal_routes_given"]) == (True, True, True)


@pytest.mark.parametrize("day, iso", [("5 janvier 2027", "2027-01-05"), ("1er mars 2026", "2026-03-01"),
                                      ("05/01/2027", "2027-01-05"), ("14.10.2026", "2026-10-14")])
def test_the_decision_date_is_read_in_words_or_figures(day, iso):
    assert fields(caf_letter(day=day))["decision.date"] == iso


def test_an_impossible_date_is_not_read():
    assert "decision.date" not in fields(caf_letter(day="31/02/2027"))


@pytest.mark.parametrize("printed, value", [("2 340,50 €", 2340.5), ("2340,50 euros", 2340.5),
                                            ("612 €", 612.0), ("1.180,40 EUR", 1180.4)])
def test_an_indu_amount_is_read_however_it_is_printed(printed, value):
    text = caf_letter(body=f"Vous devez nous rembourser la somme de {printed}.")
    assert fields(text)["decision.amount"] == value


def test_a_refusal_gives_no_amount_even_when_it_quotes_the_persons_resources():
    text = caf_letter(subject="refus de la complémentaire santé solidaire",
                      body="En effet, vos ressources, soit 14 982,00 €, dépassent le plafond.")
    got = fields(text)
    assert got["decision.kind"] == "refusal" and "decision.amount" not in got


def test_a_deduction_already_made_is_recovery_started_and_not_the_amount():
    text = caf_letter(body="Un trop-perçu de 612,00 € a été constaté. Une retenue de 51,00 € a déjà été "
                           "effectuée sur votre paiement.")
    got = fields(text)
    assert got["decision.amount"] == 612.0
    assert got["decision.recovery_started"] is True


def test_deductions_announced_are_shown_but_do_not_say_recovery_started():
    text = caf_letter(body="Un indu de 612,00 € est constaté. Nous procéderons à des retenues sur vos "
                           "prestations à venir.")
    reading = read_text(text)
    announced = {"field": "decision.recovery_announced", "value": True,
                 "source": "Nous procéderons à des retenues sur vos prestations à venir."}
    assert announced in reading.as_dict()["found"]
    assert "recovery_started" not in reading.case["decision"]


@pytest.mark.parametrize("printed, period", [
    ("de novembre 2025 à février 2026", {"from": "2025-11-01", "to": "2026-02-28"}),
    ("de janvier à juin 2025", {"from": "2025-01-01", "to": "2025-06-30"}),
    ("du 3 mars 2026 au 28 avril 2026", {"from": "2026-03-03", "to": "2026-04-28"}),
])
def test_the_period_of_an_indu_is_read_in_whole_months_or_days(printed, period):
    text = caf_letter(body=f"Un indu de 612,00 € concerne la période {printed}.")
    assert fields(text)["decision.period"] == period


def test_a_delay_in_days_goes_into_the_case_but_two_months_are_not_turned_into_sixty_days():
    in_days = read_text(caf_letter(ROUTES.replace("deux mois", "30 jours")))
    assert in_days.case["decision"]["notified_deadline"] == {"days": 30,
                                                             "body": "commission de recours amiable"}
    in_months = read_text(caf_letter(ROUTES))
    assert "notified_deadline" not in in_months.case["decision"]
    assert fields(caf_letter(ROUTES))["decision.notified_deadline"] == {
        "months": 2, "body": "commission de recours amiable"}


def test_a_rectification_delay_is_not_taken_for_the_voies_et_delais():
    text = caf_letter(REASON, "Vous pouvez, avant de saisir la commission de recours amiable, demander la "
                              "rectification dans un délai de 20 jours.")
    assert "decision.notified_deadline" not in fields(text)
    assert "css-r142-1-a" in missing(text)


def test_without_voies_et_delais_the_delay_does_not_run_social_security_route():
    text = caf_letter(REASON, RECTIFICATION, ALGORITHM)
    assert fields(text)["decision.appeal_routes_given"] is False
    lacking = missing(text)
    assert list(lacking) == ["css-r142-1-a"]
    assert "le délai pour contester ne court pas contre vous" in lacking["css-r142-1-a"]


def test_without_voies_et_delais_an_administrative_route_cites_the_cja_and_hedges_on_one_year():
    text = caf_letter(REASON, RECTIFICATION, ALGORITHM, subject="indu de prime d'activité")
    lacking = missing(text)
    assert list(lacking) == ["cja-r421-5"]
    assert "dans l'année" in lacking["cja-r421-5"]
    assert read_text(text).as_dict()["missing_mentions"][0]["basis"] == "CJA, art. R. 421-5"


def test_no_word_of_an_algorithm_sets_the_fact_and_says_so_hedged():
    text = caf_letter(REASON, RECTIFICATION, ROUTES)
    assert fields(text)["decision.algorithm_mentioned"] is False
    message = missing(text)["crpa-l311-3-1"]
    assert message.startswith("Le courrier ne dit pas si un traitement automatique")
    assert "Si c'est le cas" in message


def test_an_algorithm_mentioned_without_the_right_to_its_rules_is_incomplete():
    text = caf_letter(REASON, RECTIFICATION, ROUTES, "Votre dossier a été sélectionné par un algorithme.")
    assert fields(text)["decision.algorithm_mentioned"] is True
    assert "n'explique pas comment obtenir les règles" in missing(text)["crpa-l311-3-1"]


def test_no_reason_at_all_or_a_reason_without_its_law_lacks_the_motivation():
    no_reason = caf_letter(RECTIFICATION, ROUTES, ALGORITHM, body="Un indu de 612,00 € du 01/03/2026 au "
                                                                    "31/08/2026 est constaté.")
    assert fields(no_reason)["decision.reasons_given"] is False
    assert "ne dit pas pourquoi" in missing(no_reason)["crpa-l211-5"]
    facts_only = caf_letter("Motif : vous n'avez pas déclaré la reprise de votre activité.", RECTIFICATION,
                            ROUTES, ALGORITHM)
    assert fields(facts_only)["decision.reasons_given"] is False
    assert "ne cite aucun texte de loi" in missing(facts_only)["crpa-l211-5"]


def test_an_indu_notification_must_give_its_period_and_the_20_day_rectification():
    text = caf_letter(REASON, ROUTES, ALGORITHM, body="Vous avez perçu à tort la somme de 612,00 €.")
    assert missing(text) == {"css-r133-9-2": (
        "Ce courrier réclame une somme sans indiquer la période concernée ni que vous pouvez demander une "
        "correction dans les 20 jours, alors que la loi l'exige.")}


def test_the_20_day_rectification_is_not_required_of_an_rsa_indu():
    """CSS R133-9-2 is not the RSA's text (brief §15.2: CASF R262-92-1, only partly verified)."""
    text = caf_letter(REASON, ROUTES, ALGORITHM, subject="indu de revenu de solidarité active")
    assert "css-r133-9-2" not in missing(text)


def test_a_bank_is_not_held_to_administrative_law_mentions():
    text = ("Banque Exemple\n1 rue de la Paix\n75002 Paris\nParis, le 2 février 2027\nMonsieur Paul Roche\n"
            "Objet : votre demande de prêt personnel\nMonsieur,\nNous ne sommes pas en mesure de vous "
            "accorder ce crédit.")
    got = read_text(text).as_dict()
    assert got["missing_mentions"] == []
    assert got["case"]["organisation"]["kind"] == "bank"
    assert not any(f["field"] in ("decision.algorithm_mentioned", "decision.reasons_given",
                                  "decision.appeal_routes_given") for f in got["found"])


def test_a_control_notice_opens_no_recourse_so_no_voies_et_delais_are_required():
    text = caf_letter(subject="contrôle de votre situation",
                      body="Un contrôle de votre dossier aura lieu le 20 janvier 2027 à votre domicile.")
    assert fields(text)["decision.kind"] == "control"
    assert "css-r142-1-a" not in missing(text) and "crpa-l211-5" not in missing(text)


def test_what_an_unclear_page_does_not_show_is_unknown_not_missing():
    letter = Letter(caf_letter())
    found = {f.field: f for f in read_text(caf_letter()).found}
    facts, lacking = mentions.check(letter, found, readable=False)
    assert lacking == [] and facts == []


def test_the_subject_line_decides_the_kind_before_the_body():
    text = caf_letter(subject="suspension de votre aide personnalisée au logement",
                      body="Suite au contrôle de votre dossier, le versement de votre aide est suspendu.")
    got = fields(text)
    assert (got["decision.kind"], got["decision.benefit"]) == ("suspension", "aides_logement")


def test_the_reference_labels_say_what_the_number_is():
    header = ("CPAM du Gard\n14 rue du Cirque Romain\n30921 Nîmes Cedex 9\nNîmes, le 3 mars 2027\n"
              "N° de sécurité sociale : 2 84 05 34 172 091 33\nDossier n° C2S-2027-1\nMadame Anne Roux\n")
    got = fields(header + "Objet : refus de la complémentaire santé solidaire\nMadame,\nRefus.")
    assert got["person.reference"] == "NIR 2 84 05 34 172 091 33"
    assert got["decision.reference"] == "C2S-2027-1"
