"""The activities under an operative paragraph: which ones, by type, the States they assisted (by
regional group) with the officials they trained, their list; and annex I, every activity delivered."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ctassist.assistance.choices import ActivityType
from ctassist.assistance.queries import DeliveredActivity
from ctassist.geo.choices import RegionalGroup
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import MAX_LISTED, TYPE_NOUNS, Draft, day, plural
from ctassist.reporting.builder.training import trained_parts

TYPE_LABELS = dict(ActivityType.choices)
GROUP_LABELS = dict(RegionalGroup.choices)


def matches(paragraph: dict[str, Any], short_symbol: str, activity: DeliveredActivity) -> bool:
    """Whether ``activity`` counts under ``paragraph``: a request names it, or they share a theme."""
    if (short_symbol, paragraph["number"]) in activity.links:
        return True
    return bool(activity.themes & set(paragraph["themes"]))


def under(data: ReportData, paragraph: dict[str, Any]) -> list[DeliveredActivity]:
    """The activities counted under ``paragraph``, in start order."""
    return [a for a in data.activities.values() if matches(paragraph, data.short, a)]


def _type_parts(draft: Draft, key: str, number: int, rows: list[DeliveredActivity]) -> list[Any]:
    parts: list[Any] = []
    for n, (type_code, count) in enumerate(Counter(a.type for a in rows).most_common()):
        parts.append(", " if n else " (")
        parts.append(
            draft.figure(
                f"{key}.type.{type_code}",
                count,
                f"{TYPE_LABELS.get(type_code, type_code)} under paragraph {number}",
                "assistance.activity",
                [a.id for a in rows if a.type == type_code],
            )
        )
        one, many = TYPE_NOUNS.get(type_code, (str(TYPE_LABELS.get(type_code, type_code)).lower(),) * 2)
        parts.append(f" {plural(count, one, many)}")
    parts.append(")")
    return parts


def _group_parts(draft: Draft, key: str, number: int, data: ReportData, states: set[int]) -> list[Any]:
    groups: dict[str, set[int]] = defaultdict(set)
    for s in states:
        groups[data.states[s]["regional_group"]].add(s)
    parts: list[Any] = []
    for n, (group, members) in enumerate(sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))):
        label = GROUP_LABELS.get(group, group)
        parts.append("; " if n else ": ")
        parts.append(
            draft.figure(
                f"{key}.states.{group}",
                len(members),
                f"States of the {label} assisted under paragraph {number}",
                "geo.state",
                members,
            )
        )
        parts.append(f" of the {label}")
    return parts


def blocks(
    draft: Draft, key: str, data: ReportData, paragraph: dict[str, Any], rows: list[DeliveredActivity]
) -> list[dict[str, Any]]:
    """What UNODC delivered under the paragraph: by type, the States and officials, the activities listed."""
    number = paragraph["number"]
    themes_text = ", ".join(paragraph["themes"]) or "no theme"
    if not rows:
        return [
            draft.para(
                [f"No activity completed in the period is recorded under the themes of this paragraph ({themes_text})."]
            )
        ]
    type_parts = _type_parts(draft, key, number, rows)
    out = [
        draft.para(
            [
                "In response, UNODC delivered ",
                draft.figure(
                    f"{key}.activities",
                    len(rows),
                    f"activities under paragraph {number}",
                    "assistance.activity",
                    [a.id for a in rows],
                ),
                f" {plural(len(rows), 'activity', 'activities')}",
                *type_parts,
                f" on the themes of the paragraph ({themes_text}).",
            ]
        )
    ]
    states = {s for a in rows for s in a.states}
    group_parts = _group_parts(draft, key, number, data, states)
    assisted = draft.figure(
        f"{key}.states", len(states), f"States assisted under paragraph {number}", "geo.state", states
    )
    participants = [r for a in rows for r in data.participants_by_activity.get(a.id, [])]
    women, men = trained_parts(draft, key, participants, f" under paragraph {number}")
    out.append(
        draft.para(
            [
                "The activities assisted ",
                assisted,
                f" {plural(len(states), 'State', 'States')}",
                *group_parts,
                ". They trained ",
                women,
                " women and ",
                men,
                " men from criminal justice and other national institutions.",
            ]
        )
    )
    listed = sorted(rows, key=lambda a: (a.start_date, a.id))[:MAX_LISTED]
    out.append(
        {
            "type": "list",
            "items": [f"{a.title} ({day(a.start_date)})" for a in listed],
            "more": {"f": f"{key}.activities"} if len(rows) > MAX_LISTED else None,
        }
    )
    return out


def annex(data: ReportData) -> dict[str, Any]:
    """Annex I: every activity delivered in the period, with the paragraphs it counts under."""
    paragraphs_of: dict[int, list[str]] = defaultdict(list)
    for paragraph in data.paragraphs:
        for a in under(data, paragraph):
            paragraphs_of[a.id].append(str(paragraph["number"]))
    rows = [
        [
            a.start_date.isoformat(),
            a.title,
            str(TYPE_LABELS.get(a.type, a.type)),
            ", ".join(data.states[s]["name"] for s in a.states),
            ", ".join(paragraphs_of.get(a.id, [])),
        ]
        for a in sorted(data.activities.values(), key=lambda a: (a.start_date, a.id))
    ]
    return {
        "title": "Technical assistance activities delivered in the period",
        "headers": ["Start", "Activity", "Type", "States", "Paragraphs"],
        "rows": rows,
        "figure": "all.activities",
        "widths": [2.0, 6.0, 2.8, 3.0, 2.2],
    }
