"""Legislative assistance, in the section on ratification and legislative incorporation: the
drafting and review activities counted there, their reported results, and the legislative reviews
finalised in the period."""

from __future__ import annotations

from typing import Any

from ctassist.assistance.queries import LEGISLATIVE_TYPES, DeliveredActivity
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import Draft, join_and, plural

MAX_OUTPUTS = 5


def blocks(draft: Draft, key: str, data: ReportData, rows: list[DeliveredActivity]) -> list[dict[str, Any]]:
    """One paragraph, or none when neither a legislative activity nor a finalised review is recorded."""
    legislative = [a for a in rows if a.type in LEGISLATIVE_TYPES]
    reviews = data.reviews
    if not legislative and not reviews:
        return []
    parts: list[Any] = []
    if legislative:
        parts += [
            "Legislative assistance comprised ",
            draft.figure(
                f"{key}.legislative",
                len(legislative),
                "legislative drafting and review activities",
                "assistance.activity",
                [a.id for a in legislative],
            ),
            f" legislative drafting and review {plural(len(legislative), 'activity', 'activities')}. ",
        ]
    if reviews:
        gaps = sum(r["gaps"] for r in reviews)
        parts += [
            "UNODC finalised ",
            draft.figure(
                f"{key}.reviews",
                len(reviews),
                "legislative reviews finalised in the period",
                "library.legislativereview",
                [r["id"] for r in reviews],
            ),
            f" {plural(len(reviews), 'legislative review', 'legislative reviews')}",
        ]
        if gaps:
            parts += [
                ", identifying ",
                draft.figure(
                    f"{key}.reviews.gaps",
                    gaps,
                    "checklist items found not or only partly incorporated (in these reviews)",
                    "library.legislativereview",
                    [r["id"] for r in reviews if r["gaps"]],
                ),
                f" {plural(gaps, 'provision', 'provisions')} not or only partly incorporated into national law",
            ]
        parts.append(". ")
    outputs = list(dict.fromkeys(a.outputs.strip().rstrip(".") for a in legislative if a.outputs.strip()))
    if outputs:
        chosen = [o[0].lower() + o[1:] for o in outputs[:MAX_OUTPUTS]]
        parts.append(f"The results reported include {join_and(chosen)}.")
    parts[-1] = parts[-1].rstrip() if isinstance(parts[-1], str) else parts[-1]
    return [draft.para(parts)]
