"""The frame of the report: introduction (chapter I), conclusions (chapter III), summary, and the
document that holds the chapters, figures, footnotes and annexes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import SYMBOL_PLACEHOLDER, Draft, day, plural
from ctassist.reporting.builder.training import trained_parts

DEFAULT_TITLE = (
    "Technical assistance for implementing the international conventions and protocols related to counter-terrorism"
)


def introduction(draft: Draft, data: ReportData, period: str) -> list[dict[str, Any]]:
    """Why the report is submitted and what it covers, then the period's figures in one paragraph."""
    resolution = data.resolution
    adopted = f" of {day(resolution.adopted_on)}" if resolution.adopted_on else ""
    blocks = [
        draft.para(
            [
                f"The present report is submitted pursuant to General Assembly resolution {data.short}{adopted}, "
                "in which the Assembly requested the Secretary-General to report on its implementation. "
                f"It covers the period from {period} and describes the technical assistance provided by the "
                "United Nations Office on Drugs and Crime (UNODC) under each operative paragraph addressed to it."
            ],
            [draft.note(f"{resolution.symbol}.")],
        )
    ]
    source_note = draft.note(
        f"Figures are drawn from the records held in ctassist on {day(timezone.localdate())} "
        f"for activities completed that started between {day(data.start)} and {day(data.end)}; "
        "each figure in the electronic version links to the records behind it."
    )
    ids = list(data.activities)
    states = {s for a in data.activities.values() for s in a.states}
    delivered = draft.figure(
        "all.activities", len(ids), "activities delivered in the period", "assistance.activity", ids
    )
    assisted = draft.figure("all.states", len(states), "States assisted", "geo.state", states)
    women, men = trained_parts(draft, "all", data.participants, "")
    blocks.append(
        draft.para(
            [
                "During the period, UNODC delivered ",
                delivered,
                f" technical assistance {plural(len(ids), 'activity', 'activities')} that assisted ",
                assisted,
                f" {plural(len(states), 'State', 'States')} and trained ",
                women,
                " women and ",
                men,
                " men officials.",
            ],
            [source_note],
        )
    )
    return blocks


def conclusions(draft: Draft) -> list[dict[str, Any]]:
    return [
        draft.para(
            [
                "UNODC will continue, within its mandate and subject to the availability of extrabudgetary "
                "resources, to provide technical assistance to Member States upon request. The General Assembly "
                "may wish to encourage Member States to continue to support that work."
            ]
        )
    ]


def summary(data: ReportData, period: str, ratification_key: str) -> list[Any]:
    return [
        f"The present report, submitted pursuant to General Assembly resolution {data.short}, describes the "
        f"technical assistance delivered by UNODC from {period}: ",
        {"f": "all.activities"},
        " activities for ",
        {"f": "all.states"},
        " States, ",
        {"f": "all.women"},
        " women and ",
        {"f": "all.men"},
        " men officials trained, and ",
        {"f": ratification_key},
        " new ratifications and accessions recorded.",
    ]


def document(
    draft: Draft,
    data: ReportData,
    period: str,
    *,
    intro: list[dict[str, Any]],
    sections: list[dict[str, Any]],
    closing: list[dict[str, Any]],
    annexes: list[dict[str, Any]],
    unmatched: int,
) -> dict[str, Any]:
    """The report as JSON-ready data (the shape is described in ``reporting.builder``)."""
    resolution = data.resolution
    ratification_key = next(k for k in draft.figures if k.endswith(".ratifications"))
    return {
        "version": 1,
        "symbol": SYMBOL_PLACEHOLDER,
        "resolution": {
            "id": resolution.pk,
            "symbol": resolution.symbol,
            "short": data.short,
            "title": resolution.title,
            "adopted_on": resolution.adopted_on.isoformat() if resolution.adopted_on else None,
        },
        "period": {"start": data.start.isoformat(), "end": data.end.isoformat(), "text": period},
        "title": resolution.title or DEFAULT_TITLE,
        "subtitle": "Report of the Secretary-General",
        "summary": summary(data, period, ratification_key),
        "chapters": [
            {"heading": "I. Introduction", "blocks": intro, "sections": []},
            {
                "heading": "II. Activities of the United Nations Office on Drugs and Crime",
                "blocks": [],
                "sections": sections,
            },
            {"heading": "III. Conclusions", "blocks": closing, "sections": []},
        ],
        "figures": draft.figures,
        "notes": draft.notes,
        "annexes": annexes,
        "unmatched_activities": unmatched,
        "funding_available": data.contributions is not None,
    }
