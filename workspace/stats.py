"""Counts across the clinic's dossiers that document systemic harm, and their charts in SVG.

By kind of body, benefit, kind of decision, kind of answer (silence, partial, secrecy invoked…)
and whether the bodies kept their delays. A count under five is never shown (``SUPPRESSED``):
with so few dossiers a reader could tell whose they are. The charts are drawn here, as SVG
text with every label escaped: no JavaScript, nothing fetched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import escape

from letters import Case, catalogue
from letters.followup import request_states
from letters.selection import select_route

THRESHOLD = 5
SUPPRESSED = "< 5"


@dataclass(frozen=True)
class Table:
    title: str
    rows: tuple[tuple[str, int | None], ...]  # label, count or None when suppressed

    def shown(self) -> list[tuple[str, str]]:
        return [(label, SUPPRESSED if n is None else str(n)) for label, n in self.rows]


def _table(title: str, counts: Counter[str], labels: dict[str, str]) -> Table:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Table(title, tuple((labels.get(k, k), n if n >= THRESHOLD else None) for k, n in rows))


def answer_kinds(case: Case) -> list[str]:
    """What came back for each letter sent: an answer kind, an issue it lacked, or silence."""
    out = []
    for state in request_states(case, select_route(case)).values():
        if state.answer is not None:
            out.append(state.answer.answer)
            out += list(state.answer.issues)
        elif state.status == "overdue":
            out.append("silence")
    return out


def delays(case: Case) -> list[str]:
    """For each letter sent with an answer delay: kept (answered in time), missed, or running."""
    out = []
    for state in request_states(case, select_route(case)).values():
        if state.due is None:
            continue
        if state.answer is not None:
            out.append("kept" if state.answer.date <= state.due else "missed")
        elif state.status == "overdue":
            out.append("missed")
    return out


ANSWER_LABELS = {
    "silence": "silence au-delà du délai", "full": "réponse complète", "partial": "réponse partielle",
    "refused": "refus", "rejected": "rejet", "accepted": "acceptation",
    "secret_invoked": "secret opposé", "generic_logic": "logique générale seulement",
    "no_human_review": "pas de réexamen humain", "no_score": "score non communiqué",
    "no_sources": "sources non indiquées", "no_reasons": "motifs non donnés",
    "no_documents": "documents non communiqués",
}
DELAY_LABELS = {"kept": "délai de réponse tenu", "missed": "délai de réponse dépassé"}


def counts(cases: Iterable[Case]) -> list[Table]:
    bodies: Counter[str] = Counter()
    benefits: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for case in cases:
        bodies[case.organisation.kind] += 1
        benefits[case.decision.benefit] += 1
        decisions[case.decision.kind] += 1
        answers.update(answer_kinds(case))
        kept.update(delays(case))
    from letters import prose

    words = prose.labels("fr")
    body_labels = {k: b.label for k, b in catalogue.bodies().items()}
    return [
        _table("Dossiers par organisme", bodies, body_labels),
        _table("Dossiers par prestation", benefits, {k: b.short for k, b in catalogue.benefits().items()}),
        _table("Dossiers par type de décision", decisions, words["decision"]),
        _table("Réponses reçues (et leurs manques)", answers, ANSWER_LABELS),
        _table("Délais de réponse des organismes", kept, DELAY_LABELS),
    ]


def svg_bars(table: Table, width: int = 560, chart_id: str = "c") -> str:
    """A horizontal bar chart; a suppressed count is a hatched stub marked "< 5", never a length."""
    bar_h, gap, label_w, top = 22, 8, 230, 30
    shown = [n for _, n in table.rows if n is not None]
    top_count = max(shown, default=THRESHOLD)
    height = top + len(table.rows) * (bar_h + gap) + 10
    span = width - label_w - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(table.title)}</title>',
        f'<defs><pattern id="{chart_id}-h" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<path d="M0 6 L6 0" stroke="#555" stroke-width="1"/></pattern></defs>',
        f'<text x="0" y="18" font-family="sans-serif" font-size="14" font-weight="bold">'
        f'{escape(table.title)}</text>',
    ]
    for i, (label, n) in enumerate(table.rows):
        y = top + i * (bar_h + gap)
        length = max(2, round(span * (n / top_count))) if n is not None else 12
        fill = "#1f4e79" if n is not None else f"url(#{chart_id}-h)"
        value = SUPPRESSED if n is None else str(n)
        parts += [
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-family="sans-serif" '
            f'font-size="12">{escape(label)}</text>',
            f'<rect x="{label_w}" y="{y}" width="{length}" height="{bar_h}" fill="{fill}"/>',
            f'<text x="{label_w + length + 6}" y="{y + 15}" font-family="sans-serif" '
            f'font-size="12">{escape(value)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)
