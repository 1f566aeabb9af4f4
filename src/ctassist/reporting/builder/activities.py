"""The activities counted in a section: which ones, by type, the States they assisted (by regional
group) with the officials they trained, their list; annex I, every activity delivered; and annex II,
the reconciliation of the section counts with the total."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ctassist.assistance.choices import ActivityType
from ctassist.assistance.queries import DeliveredActivity
from ctassist.core.taxonomy import THEMES
from ctassist.geo.choices import RegionalGroup
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.pillars import SECTIONS, Section
from ctassist.reporting.builder.text import MAX_LISTED, TYPE_NOUNS, Draft, day, join_and, num, plural
from ctassist.reporting.builder.training import trained_sentence

TYPE_LABELS = dict(ActivityType.choices)
GROUP_LABELS = dict(RegionalGroup.choices)
THEME_LABELS = dict(THEMES)


def matches(paragraph: dict[str, Any], short_symbol: str, activity: DeliveredActivity) -> bool:
    """Whether ``activity`` relates to ``paragraph``: a request names it, or they share a theme.

    This only says which paragraphs of the resolution an activity answers (annex I); where the
    activity is counted is ``pillars.primary``.
    """
    if (short_symbol, paragraph["number"]) in activity.links:
        return True
    return bool(activity.themes & set(paragraph["themes"]))


def _type_parts(draft: Draft, key: str, where: str, rows: list[DeliveredActivity]) -> list[Any]:
    parts: list[Any] = []
    kinds = Counter(a.type for a in rows).most_common()
    for n, (type_code, count) in enumerate(kinds):
        parts.append((" and " if n == len(kinds) - 1 else ", ") if n else " (")
        parts.append(
            draft.figure(
                f"{key}.type.{type_code}",
                count,
                f"{TYPE_LABELS.get(type_code, type_code)} {where}",
                "assistance.activity",
                [a.id for a in rows if a.type == type_code],
            )
        )
        one, many = TYPE_NOUNS.get(type_code, (str(TYPE_LABELS.get(type_code, type_code)).lower(),) * 2)
        parts.append(f" {plural(count, one, many)}")
    parts.append(")")
    return parts


def _group_parts(draft: Draft, key: str, where: str, data: ReportData, states: set[int]) -> list[Any]:
    groups: dict[str, set[int]] = defaultdict(set)
    for s in states:
        groups[data.states[s]["regional_group"]].add(s)
    parts: list[Any] = []
    ordered = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    for n, (group, members) in enumerate(ordered):
        label = GROUP_LABELS.get(group, group)
        figure = draft.figure(
            f"{key}.states.{group}", len(members), f"States of the {label} assisted {where}", "geo.state", members
        )
        of = " in no regional group" if group == RegionalGroup.NONE else f" of the {label}"
        if len(ordered) == 1:  # "2 States of the African Group": the total says it all
            return [of]
        parts.append((" and " if n == len(ordered) - 1 else ", ") if n else ": ")
        parts.append(figure)
        parts.append(of)
    return parts


def blocks(draft: Draft, section: Section, data: ReportData, rows: list[DeliveredActivity]) -> list[dict[str, Any]]:
    """What UNODC delivered in ``section`` (the activities counted there): by type, the States by
    regional group and the officials trained, then the activities listed."""
    key = section.key
    where = f"on {section.heading[0].lower()}{section.heading[1:]}"
    if not rows:
        return [draft.para([f"No activity {where} was recorded in the period."])]
    delivered = draft.figure(
        f"{key}.activities", len(rows), f"activities {where}", "assistance.activity", [a.id for a in rows]
    )
    type_parts = _type_parts(draft, key, where, rows)
    if len({a.type for a in rows}) == 1:  # "UNODC delivered 2 training courses on ..."
        what = [delivered, type_parts[2]]
    else:
        what = [delivered, f" {plural(len(rows), 'activity', 'activities')}", *type_parts]
    out = [draft.para(["UNODC delivered ", *what, f" {where}."])]
    states = {s for a in rows for s in a.states}
    participants = [r for a in rows for r in data.participants_by_activity.get(a.id, [])]
    if states:
        assisted = draft.figure(f"{key}.states", len(states), f"States assisted {where}", "geo.state", states)
        parts: list[Any] = [
            f"{plural(len(rows), 'It', 'They')} assisted ",
            assisted,
            f" {plural(len(states), 'State', 'States')}",
            *_group_parts(draft, key, where, data, states),
        ]
        parts += trained_sentence(draft, key, participants, f" {where}")
        out.append(draft.para(parts))
    listed = sorted(rows, key=lambda a: (a.start_date, a.id))[:MAX_LISTED]
    out.append(
        {
            "type": "list",
            "items": [f"{a.title} ({day(a.start_date)})" for a in listed],
            "more": {"f": f"{key}.activities"} if len(rows) > MAX_LISTED else None,
        }
    )
    return out


def annex(data: ReportData, counted: dict[str, list[DeliveredActivity]]) -> dict[str, Any]:
    """Annex I: every activity delivered in the period, the section it is counted in and the
    paragraphs of the resolution it relates to."""
    section_of = {
        a.id: s.heading + (" (set by an officer)" if a.id in data.overrides else "")
        for s in SECTIONS
        for a in counted.get(s.key, [])
    }
    paragraphs_of: dict[int, list[str]] = defaultdict(list)
    for paragraph in data.paragraphs:  # ``matches``, with the paragraph's themes read once
        themes, number = set(paragraph["themes"]), paragraph["number"]
        for a in data.activities.values():
            if (data.short, number) in a.links or a.themes & themes:
                paragraphs_of[a.id].append(str(number))
    type_labels = {code: str(label) for code, label in TYPE_LABELS.items()}  # translated once, not per row
    days: dict[Any, str] = {}
    rows = [
        [
            days.get(a.start_date) or days.setdefault(a.start_date, day(a.start_date)),
            a.title,
            type_labels.get(a.type, a.type),
            join_and(data.states[s]["name"] for s in a.states),
            section_of.get(a.id, "None (see annex III)"),
            join_and(paragraphs_of.get(a.id, [])),
        ]
        for a in sorted(data.activities.values(), key=lambda a: (a.start_date, a.id))
    ]
    return {
        "title": "Technical assistance activities delivered in the period",
        "headers": ["Start", "Activity", "Type", "States", "Counted in", "Paragraphs"],
        "rows": rows,
        "figure": "all.activities",
        "widths": [2.0, 4.6, 2.2, 2.6, 2.8, 1.8],
    }


def overridden_sentence(data: ReportData, counted: dict[str, list[DeliveredActivity]]) -> str:
    """What the reconciliation says of the activities whose section an officer set (nothing when none)."""
    n = sum(1 for rows in counted.values() for a in rows if a.id in data.overrides)
    if not n:
        return ""
    return (
        f" An officer set the section of {num(n)} {plural(n, 'activity', 'activities')} instead of this rule "
        "(marked “set by an officer” in annex I)."
    )


def reconciliation(
    draft: Draft, data: ReportData, counted: dict[str, list[DeliveredActivity]], unattributed: list[DeliveredActivity]
) -> dict[str, Any]:
    """Annex II: the section counts add up to the activities delivered; the unattributed are listed."""
    unmatched = draft.figure(
        "unattributed.activities",
        len(unattributed),
        "activities attributed to no section",
        "assistance.activity",
        [a.id for a in unattributed],
    )
    rows: list[list[Any]] = [[s.heading, num(len(counted[s.key]))] for s in SECTIONS if counted[s.key]]
    rows.append(["Attributed to no section", unmatched])
    rows.append(["Total activities delivered", {"f": "all.activities"}])
    listed = [
        [
            day(a.start_date),
            a.title,
            str(TYPE_LABELS.get(a.type, a.type)),
            join_and(sorted(THEME_LABELS.get(t, t) for t in a.themes)) or "No theme recorded",
        ]
        for a in sorted(unattributed, key=lambda a: (a.start_date, a.id))
    ]
    return {
        "title": "Reconciliation of the activities counted in each section",
        "intro": (
            "Each activity is counted once, in one section of chapter II: a legislative activity or one on "
            "ratification under ratification and legislative incorporation; otherwise one on international "
            "cooperation under international cooperation in criminal matters; otherwise one on a thematic area "
            "under the first such area in the order of the report; otherwise a training activity, or one on "
            "training, coordination, strategies or forensic evidence, under capacity-building. Activities that "
            "fit none of these are listed in annex III." + overridden_sentence(data, counted)
        ),
        "headers": ["Section", "Activities"],
        "widths": [10.0, 4.0],
        "rows": rows,
        "unattributed": {
            "title": "Activities attributed to no section",
            "headers": ["Start", "Activity", "Type", "Themes"],
            "widths": [2.5, 6.5, 2.5, 4.5],
            "rows": listed,
        },
    }
