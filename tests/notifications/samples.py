"""The synthetic notifications: what each one says, page by page, and the truth of each field.

Every body, person, address and number here is invented. Each notification follows the way its
kind of body writes (letterhead, references, "Objet", the decision, the voies et délais), and
some leave out a mention the law requires, as real ones do. ``TRUTH`` is what a careful reader
finds on the page: the fields of the partial case, and the ids of the mentions it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Notification:
    name: str
    letterhead: tuple[str, ...]  # the body's name, then its address lines
    place_date: str
    references: tuple[str, ...]
    addressee: tuple[str, ...]
    subject: str
    pages: tuple[tuple[str, ...], ...]  # paragraphs of each page; the first page follows the header
    truth: dict = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    photo: bool = True  # one page: also photographed with a phone


VOIES_CRA_TA = (
    "Voies et délais de recours : si vous contestez cette décision, vous pouvez saisir la "
    "commission de recours amiable de la caisse, par écrit, dans un délai de deux mois à compter "
    "de sa réception. Si la commission rejette votre recours, vous pourrez saisir le tribunal "
    "administratif dans un délai de deux mois."
)
VOIES_CRA_POLE_SOCIAL = (
    "Voies et délais de recours : vous pouvez contester cette décision devant la commission de "
    "recours amiable, dans un délai de deux mois à compter de la réception de ce courrier. En cas "
    "de rejet, le pôle social du tribunal judiciaire peut être saisi dans un délai de deux mois."
)

NOTIFICATIONS = (
    Notification(
        name="caf-indu-prime-activite",
        letterhead=("Caisse d'allocations familiales de la Gironde", "Service Prestations",
                    "14 rue des Tanneurs", "CS 91234", "33081 Bordeaux Cedex"),
        place_date="Bordeaux, le 10 novembre 2026",
        references=("N° allocataire : 4827163", "Réf. : IND-2026-11-004512"),
        addressee=("Madame Nadia Ferrand", "12 allée des Saules", "33130 Bègles"),
        subject="Objet : notification d'un indu de prime d'activité",
        pages=((
            "Madame,",
            "Après un nouvel examen de votre dossier, nous avons constaté que vous avez perçu de la "
            "prime d'activité à tort pour la période de janvier à juin 2025. Le montant de l'indu "
            "s'élève à 2 340,50 €.",
            "Motif : les salaires déclarés par votre employeur pour cette période sont plus élevés "
            "que les ressources indiquées dans vos déclarations trimestrielles. Cette décision est "
            "prise en application des articles L. 842-3 et L. 845-1 du code de la sécurité sociale.",
            "Vous pouvez, dans un délai de 20 jours à compter de la réception de ce courrier, nous "
            "demander la rectification des informations qui ont servi au calcul de cette somme. Sans "
            "remboursement ni échéancier de votre part, nous procéderons à des retenues sur vos "
            "prestations à venir.",
            "Votre dossier a été sélectionné à l'aide d'un traitement algorithmique (modèle de "
            "datamining). Vous pouvez obtenir la communication des règles définissant ce traitement "
            "et des principales caractéristiques de sa mise en œuvre en écrivant à la caisse.",
            VOIES_CRA_TA,
            "Veuillez agréer, Madame, nos salutations distinguées.",
            "Le directeur",
        ),),
        truth={
            "organisation.kind": "caf",
            "organisation.name": "Caisse d'allocations familiales de la Gironde",
            "organisation.address": ["Service Prestations", "14 rue des Tanneurs", "CS 91234",
                                     "33081 Bordeaux Cedex"],
            "person.name": "Nadia Ferrand",
            "person.reference": "numéro allocataire 4827163",
            "decision.date": "2026-11-10",
            "decision.reference": "IND-2026-11-004512",
            "decision.kind": "overpayment",
            "decision.benefit": "prime_activite",
            "decision.reason": (
                "Les salaires déclarés par votre employeur pour cette période sont plus élevés que les "
                "ressources indiquées dans vos déclarations trimestrielles."
            ),
            "decision.amount": 2340.5,
            "decision.period": {"from": "2025-01-01", "to": "2025-06-30"},
            "decision.recovery_announced": True,
            "decision.notified_deadline": {"months": 2, "body": "commission de recours amiable"},
            "decision.algorithm_mentioned": True,
            "decision.reasons_given": True,
            "decision.appeal_routes_given": True,
        },
    ),
    Notification(
        name="caf-suspension-aides-logement",
        letterhead=("CAF du Rhône", "67 boulevard Vivier-Merle", "69409 Lyon Cedex 03"),
        place_date="Lyon, le 3 novembre 2026",
        references=("Numéro d'allocataire : 1093846", "Référence : SUS-69-2026-77810"),
        addressee=("Monsieur Didier Lemaire", "5 rue Paul Bert", "69100 Villeurbanne"),
        subject="Objet : suspension de votre aide personnalisée au logement",
        pages=((
            "Monsieur,",
            "Suite au contrôle de votre dossier, le versement de votre aide personnalisée au "
            "logement est suspendu à compter du 1er décembre 2026.",
            "Nous reprendrons l'étude de vos droits dès réception des pièces demandées.",
            "Nous vous prions d'agréer, Monsieur, l'expression de nos salutations distinguées.",
            "Votre correspondant CAF",
        ),),
        truth={
            "organisation.kind": "caf",
            "organisation.name": "CAF du Rhône",
            "organisation.address": ["67 boulevard Vivier-Merle", "69409 Lyon Cedex 03"],
            "person.name": "Didier Lemaire",
            "person.reference": "numéro allocataire 1093846",
            "decision.date": "2026-11-03",
            "decision.reference": "SUS-69-2026-77810",
            "decision.kind": "suspension",
            "decision.benefit": "aides_logement",
            "decision.algorithm_mentioned": False,
            "decision.reasons_given": False,
            "decision.appeal_routes_given": False,
        },
        missing=("crpa-l311-3-1", "crpa-l211-5", "cja-r421-5"),
    ),
    Notification(
        name="cpam-c2s-refus",
        letterhead=("Caisse primaire d'assurance maladie de l'Hérault", "29 cours Gambetta",
                    "34934 Montpellier Cedex 9"),
        place_date="Montpellier, le 21 octobre 2026",
        references=("N° de sécurité sociale : 2 84 05 34 172 091 33", "Dossier n° C2S-2026-318274"),
        addressee=("Madame Leïla Bouzid", "3 impasse des Oliviers", "34070 Montpellier"),
        subject="Objet : refus de la complémentaire santé solidaire",
        pages=((
            "Madame,",
            "Vous avez demandé à bénéficier de la complémentaire santé solidaire. Nous ne pouvons "
            "pas donner une suite favorable à votre demande.",
            "En effet, vos ressources des douze derniers mois, soit 14 982,00 €, dépassent le plafond "
            "applicable à votre foyer. Cette décision est prise en application de l'article L. 861-1 "
            "du code de la sécurité sociale.",
            VOIES_CRA_POLE_SOCIAL,
            "Nous vous prions d'agréer, Madame, nos salutations distinguées.",
            "Le directeur",
        ),),
        truth={
            "organisation.kind": "cpam",
            "organisation.name": "Caisse primaire d'assurance maladie de l'Hérault",
            "organisation.address": ["29 cours Gambetta", "34934 Montpellier Cedex 9"],
            "person.name": "Leïla Bouzid",
            "person.reference": "NIR 2 84 05 34 172 091 33",
            "decision.date": "2026-10-21",
            "decision.reference": "C2S-2026-318274",
            "decision.kind": "refusal",
            "decision.benefit": "c2s",
            "decision.reason": (
                "En effet, vos ressources des douze derniers mois, soit 14 982,00 €, dépassent le plafond "
                "applicable à votre foyer."
            ),
            "decision.notified_deadline": {"months": 2, "body": "commission de recours amiable"},
            "decision.algorithm_mentioned": False,
            "decision.reasons_given": True,
            "decision.appeal_routes_given": True,
        },
        missing=("crpa-l311-3-1",),
    ),
    Notification(
        name="msa-indu-prestations-familiales",
        letterhead=("MSA Bourgogne", "Service Famille", "8 avenue de la Libération", "71012 Mâcon Cedex"),
        place_date="Mâcon, le 14/10/2026",
        references=("N° adhérent : 38 104 772", "Nos références : PF/2026/0932"),
        addressee=("Monsieur Jérôme Vasseur", "Lieu-dit Les Granges", "71250 Cluny"),
        subject="Objet : trop-perçu d'allocations familiales",
        pages=(
            (
                "Monsieur,",
                "L'examen de votre situation fait apparaître un trop-perçu d'allocations familiales "
                "de 612,00 € pour la période du 01/03/2026 au 31/08/2026.",
                "Cette somme vous a été versée à tort en raison de la fin de scolarité de votre fils, "
                "qui n'était plus à votre charge au sens de l'article L. 512-3 du code de la sécurité "
                "sociale.",
                "Une retenue de 51,00 € a déjà été effectuée sur votre paiement du mois d'octobre ; "
                "le solde sera récupéré sur vos prochaines prestations.",
            ),
            (
                "Si vous souhaitez contester cette décision, vous pouvez saisir la commission de "
                "recours amiable de la MSA dans un délai de deux mois à compter de la notification "
                "de la présente. En cas de rejet, vous pourrez saisir le pôle social du tribunal "
                "judiciaire.",
                "Nous vous prions d'agréer, Monsieur, nos salutations distinguées.",
                "Le directeur de la MSA",
            ),
        ),
        truth={
            "organisation.kind": "msa",
            "organisation.name": "MSA Bourgogne",
            "organisation.address": ["Service Famille", "8 avenue de la Libération", "71012 Mâcon Cedex"],
            "person.name": "Jérôme Vasseur",
            "person.reference": "numéro adhérent 38 104 772",
            "decision.date": "2026-10-14",
            "decision.reference": "PF/2026/0932",
            "decision.kind": "overpayment",
            "decision.benefit": "prestations_familiales",
            "decision.reason": (
                "Cette somme vous a été versée à tort en raison de la fin de scolarité de votre fils, qui "
                "n'était plus à votre charge au sens de l'article L. 512-3 du code de la sécurité sociale."
            ),
            "decision.amount": 612.0,
            "decision.period": {"from": "2026-03-01", "to": "2026-08-31"},
            "decision.recovery_started": True,
            "decision.notified_deadline": {"months": 2, "body": "commission de recours amiable"},
            "decision.algorithm_mentioned": False,
            "decision.reasons_given": True,
            "decision.appeal_routes_given": True,
        },
        missing=("crpa-l311-3-1", "css-r133-9-2"),
        photo=False,
    ),
    Notification(
        name="departement-rsa-indu",
        letterhead=("Département de la Haute-Vienne", "Direction de l'insertion",
                    "11 rue François Chénieux", "CS 83112", "87031 Limoges Cedex 1"),
        place_date="Limoges, le 2 décembre 2026",
        references=("N° allocataire CAF : 7730215", "Référence : RSA-IND-2026-1146"),
        addressee=("Monsieur Karim Benhamou", "22 rue de la Mauvendière", "87000 Limoges"),
        subject="Objet : décision de récupération d'un indu de revenu de solidarité active",
        pages=((
            "Monsieur,",
            "Le président du conseil départemental a décidé de récupérer la somme de 1 180,40 € au "
            "titre du revenu de solidarité active versé d'avril à septembre 2026.",
            "Cet indu résulte de la pension alimentaire que vous avez perçue et qui n'a pas été "
            "déclarée. La décision est prise sur le fondement de l'article L. 262-46 du code de "
            "l'action sociale et des familles.",
            "Vous pouvez former un recours administratif préalable obligatoire auprès du président "
            "du conseil départemental dans un délai de deux mois à compter de la réception de la "
            "présente décision. Le tribunal administratif ne peut être saisi qu'après ce recours.",
            "Veuillez agréer, Monsieur, l'assurance de ma considération distinguée.",
            "Pour le président et par délégation",
        ),),
        truth={
            "organisation.kind": "departement",
            "organisation.name": "Département de la Haute-Vienne",
            "organisation.address": ["Direction de l'insertion", "11 rue François Chénieux", "CS 83112",
                                     "87031 Limoges Cedex 1"],
            "person.name": "Karim Benhamou",
            "person.reference": "numéro allocataire 7730215",
            "decision.date": "2026-12-02",
            "decision.reference": "RSA-IND-2026-1146",
            "decision.kind": "overpayment",
            "decision.benefit": "rsa",
            "decision.reason": (
                "Cet indu résulte de la pension alimentaire que vous avez perçue et qui n'a pas été "
                "déclarée."
            ),
            "decision.amount": 1180.4,
            "decision.period": {"from": "2026-04-01", "to": "2026-09-30"},
            "decision.notified_deadline": {"months": 2, "body": "président du conseil départemental"},
            "decision.algorithm_mentioned": False,
            "decision.reasons_given": True,
            "decision.appeal_routes_given": True,
        },
        missing=("crpa-l311-3-1",),
    ),
    Notification(
        name="france-travail-radiation",
        letterhead=("France Travail Occitanie", "Agence de Toulouse Rangueil", "35 avenue de Rangueil",
                    "31400 Toulouse"),
        place_date="Toulouse, le 16 octobre 2026",
        references=("Identifiant : 4512378K", "Réf. : RAD/31/2026/5521"),
        addressee=("Madame Sandrine Albaret", "9 chemin du Ramier", "31400 Toulouse"),
        subject="Objet : radiation de la liste des demandeurs d'emploi",
        pages=(
            (
                "Madame,",
                "Vous ne vous êtes pas présentée au rendez-vous du 2 octobre 2026 auquel vous aviez "
                "été convoquée, et vous n'avez pas fait valoir de motif légitime dans le délai qui "
                "vous était imparti.",
                "En conséquence, j'ai décidé de vous radier de la liste des demandeurs d'emploi pour "
                "une durée d'un mois à compter du 20 octobre 2026, en application des articles "
                "L. 5412-1 et R. 5412-1 du code du travail. Le versement de votre allocation d'aide "
                "au retour à l'emploi est interrompu pendant cette durée.",
            ),
            (
                "Vous pouvez contester cette décision par un recours auprès du médiateur régional de "
                "France Travail, ou saisir directement le tribunal administratif dans un délai de deux "
                "mois à compter de sa notification.",
                "Veuillez agréer, Madame, mes salutations distinguées.",
                "Le directeur d'agence",
            ),
        ),
        truth={
            "organisation.kind": "france_travail",
            "organisation.name": "France Travail Occitanie",
            "organisation.address": ["Agence de Toulouse Rangueil", "35 avenue de Rangueil",
                                     "31400 Toulouse"],
            "person.name": "Sandrine Albaret",
            "person.reference": "identifiant 4512378K",
            "decision.date": "2026-10-16",
            "decision.reference": "RAD/31/2026/5521",
            "decision.kind": "sanction",
            "decision.benefit": "are",
            "decision.reason": (
                "Vous ne vous êtes pas présentée au rendez-vous du 2 octobre 2026 auquel vous aviez été "
                "convoquée, et vous n'avez pas fait valoir de motif légitime dans le délai qui vous était "
                "imparti."
            ),
            "decision.notified_deadline": {"months": 2, "body": "médiateur régional"},
            "decision.algorithm_mentioned": False,
            "decision.reasons_given": True,
            "decision.appeal_routes_given": True,
        },
        missing=("crpa-l311-3-1",),
        photo=False,
    ),
    Notification(
        name="banque-refus-credit",
        letterhead=("Banque Solane", "Service Crédit aux particuliers", "40 rue de la Monnaie",
                    "59800 Lille"),
        place_date="Lille, le 20 novembre 2026",
        references=("N° client : 00731954", "Référence de la demande : PP-2026-118402"),
        addressee=("Monsieur Julien Carpentier", "17 rue Solférino", "59000 Lille"),
        subject="Objet : votre demande de prêt personnel",
        pages=((
            "Monsieur,",
            "Nous avons bien reçu votre demande de prêt personnel de 8 000 € et vous en remercions.",
            "Après une étude automatisée de votre dossier, nous ne sommes pas en mesure de vous "
            "accorder ce crédit. Votre demande ne répond pas à nos critères d'octroi.",
            "Pour toute réclamation, vous pouvez écrire à notre service clients. Si la réponse ne "
            "vous satisfait pas, le médiateur de la banque peut être saisi gratuitement.",
            "Nous vous prions d'agréer, Monsieur, nos salutations distinguées.",
            "Le service Crédit",
        ),),
        truth={
            "organisation.kind": "bank",
            "organisation.name": "Banque Solane",
            "organisation.address": ["Service Crédit aux particuliers", "40 rue de la Monnaie",
                                     "59800 Lille"],
            "person.name": "Julien Carpentier",
            "person.reference": "client 00731954",
            "decision.date": "2026-11-20",
            "decision.reference": "PP-2026-118402",
            "decision.kind": "refusal",
            "decision.benefit": "credit",
            "decision.algorithm_mentioned": True,
        },
    ),
    Notification(
        name="cpam-indu-indemnites",
        letterhead=("CPAM du Loiret", "Service des prestations en espèces", "Place du Général de Gaulle",
                    "45021 Orléans Cedex 1"),
        place_date="Orléans, le 16 novembre 2026",
        references=("N° de sécurité sociale : 1 79 11 45 234 118 27", "Réf. : IJ-2026-0042"),
        addressee=("Monsieur Thierry Gaubert", "4 rue des Carmes", "45000 Orléans"),
        subject="Objet : notification de payer des indemnités journalières versées à tort",
        pages=((
            "Monsieur,",
            "Des indemnités journalières vous ont été versées à tort du 3 mars 2026 au 28 avril 2026. "
            "Vous devez nous rembourser la somme de 1 180,40 €.",
            "Motif : vous avez repris une activité professionnelle le 3 mars 2026 sans que votre "
            "médecin l'ait autorisée (article L. 323-6 du code de la sécurité sociale).",
            "Dans les 20 jours suivant la réception de cette notification, vous pouvez demander la "
            "rectification des éléments retenus pour le calcul de cette somme, par écrit ou lors "
            "d'un rendez-vous.",
            VOIES_CRA_POLE_SOCIAL,
            "Veuillez agréer, Monsieur, nos salutations distinguées.",
            "Le directeur",
        ),),
        truth={
            "organisation.kind": "cpam",
            "organisation.name": "CPAM du Loiret",
            "organisation.address": ["Service des prestations en espèces", "Place du Général de Gaulle",
                                     "45021 Orléans Cedex 1"],
            "person.name": "Thierry Gaubert",
            "person.reference": "NIR 1 79 11 45 234 118 27",
            "decision.date": "2026-11-16",
            "decision.reference": "IJ-2026-0042",
            "decision.kind": "overpayment",
            "decision.benefit": "indemnites_journalieres",
            "decision.reason": (
                "Vous avez repris une activité professionnelle le 3 mars 2026 sans que votre médecin l'ait "
                "autorisée (article L. 323-6 du code de la sécurité sociale)."
            ),
            "decision.amount": 1180.4,
            "decision.period": {"from": "2026-03-03", "to": "2026-04-28"},
            "decision.notified_deadline": {"months": 2, "body": "commission de recours amiable"},
            "decision.algorithm_mentioned": False,
            "decision.reasons_given": True,
            "decision.appeal_routes_given": True,
        },
        missing=("crpa-l311-3-1",),
    ),
)
