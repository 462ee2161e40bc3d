"""Counts of systemic harm: small counts suppressed, charts drawn as SVG with labels escaped."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from workspace.stats import SUPPRESSED, Table, answer_kinds, counts, delays, svg_bars

from ..conftest import case_from, load_case_data


def caf(*events, decided="2026-09-01"):
    data = copy.deepcopy(load_case_data("caf-prime-activite-indu"))
    data["decision"]["date"] = decided
    data["events"] = list(events)
    return case_from(data)


SENT = {"date": "2026-09-15", "kind": "sent", "letter": "explanation"}
SECRET = {"date": "2026-10-05", "kind": "answer", "letter": "explanation", "answer": "partial",
          "issues": ["secret_invoked"]}
LATE_ANSWER = {"date": "2026-11-20", "kind": "answer", "letter": "explanation", "answer": "full"}


def test_what_came_back_is_counted_silence_included():
    assert answer_kinds(caf(SENT)) == ["silence"]  # a month and a week passed, nothing came
    assert answer_kinds(caf(SENT, SECRET)) == ["partial", "secret_invoked"]
    assert delays(caf(SENT, SECRET)) == ["kept"]
    assert delays(caf(SENT, LATE_ANSWER)) == ["missed"] and delays(caf(SENT)) == ["missed"]


def test_a_count_under_five_is_never_shown():
    tables = counts([caf(SENT)] * 6 + [caf(SENT, SECRET)] * 4)
    by_title = {t.title: dict(t.shown()) for t in tables}
    assert by_title["Dossiers par organisme"] == {"Caisse d'allocations familiales": "10"}
    assert by_title["Réponses reçues (et leurs manques)"] == {
        "silence au-delà du délai": "6", "réponse partielle": SUPPRESSED, "secret opposé": SUPPRESSED}
    assert by_title["Délais de réponse des organismes"] == {"délai de réponse dépassé": "6",
                                                            "délai de réponse tenu": SUPPRESSED}


def test_the_chart_is_svg_with_bars_in_proportion_and_no_length_for_a_suppressed_count():
    svg = svg_bars(Table("Réponses <reçues>", (("silence", 12), ("refus", 6), ("partielle", None))))
    root = ET.fromstring(svg)  # nosec B314  # our own SVG; well-formed, so the "<" was escaped
    ns = {"s": "http://www.w3.org/2000/svg"}
    widths = [int(r.get("width")) for r in root.findall("s:rect", ns)]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 12 and root.findall("s:rect", ns)[2].get("fill") == "url(#c-h)"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Réponses <reçues>" in texts and SUPPRESSED in texts and "partielle" in texts
    assert "script" not in svg.lower()
