"""Legislative assistance under an operative paragraph: drafting and review activities, their
reported outputs, and (under a ratification paragraph) the legislative reviews finalised."""

from __future__ import annotations

from typing import Any

from ctassist.assistance.queries import LEGISLATIVE_TYPES, DeliveredActivity
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import Draft, plural

MAX_OUTPUTS = 5


def applies(paragraph: dict[str, Any], rows: list[DeliveredActivity]) -> bool:
    """A ratification paragraph, or one with legislative activities, has the legislative paragraph."""
    return "ratification" in paragraph["themes"] or any(a.type in LEGISLATIVE_TYPES for a in rows)


def blocks(
    draft: Draft, key: str, data: ReportData, paragraph: dict[str, Any], rows: list[DeliveredActivity]
) -> list[dict[str, Any]]:
    if not applies(paragraph, rows):
        return []
    number = paragraph["number"]
    legislative = [a for a in rows if a.type in LEGISLATIVE_TYPES]
    outputs = list(dict.fromkeys(a.outputs.strip().rstrip(".") for a in legislative if a.outputs.strip()))
    parts: list[Any] = [
        "Legislative assistance comprised ",
        draft.figure(
            f"{key}.legislative",
            len(legislative),
            f"legislative drafting and review activities under paragraph {number}",
            "assistance.activity",
            [a.id for a in legislative],
        ),
        f" legislative drafting and review {plural(len(legislative), 'activity', 'activities')}",
    ]
    if "ratification" in paragraph["themes"]:
        parts += _review_parts(draft, key, data.reviews)
    parts.append(".")
    if outputs:
        parts.append(" Reported outputs include: " + "; ".join(outputs[:MAX_OUTPUTS]) + ".")
    return [draft.para(parts)]


def _review_parts(draft: Draft, key: str, reviews: list[dict[str, Any]]) -> list[Any]:
    return [
        "; ",
        draft.figure(
            f"{key}.reviews",
            len(reviews),
            "legislative reviews finalised in the period",
            "library.legislativereview",
            [r["id"] for r in reviews],
        ),
        f" {plural(len(reviews), 'legislative review was', 'legislative reviews were')} finalised, identifying ",
        draft.figure(
            f"{key}.reviews.gaps",
            sum(r["gaps"] for r in reviews),
            "checklist items found not or only partly incorporated (in these reviews)",
            "library.legislativereview",
            [r["id"] for r in reviews if r["gaps"]],
        ),
        " provisions not or only partly incorporated",
    ]
