"""The computation of the report: sections per operative paragraph, figures, annexes."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ctassist.assistance.choices import ActivityType, AgencyType, Sex
from ctassist.geo.choices import RegionalGroup
from ctassist.mandates.models import Resolution
from ctassist.reporting import queries
from ctassist.treaties.choices import ActionKind

Progress = Callable[[int, str], None]

SYMBOL_PLACEHOLDER = "A/XX/XXX"

# How the report names each activity type, singular and plural (English drafting language).
TYPE_NOUNS = {
    "legislative_drafting": ("legislative drafting support activity", "legislative drafting support activities"),
    "legislative_review": ("legislative review", "legislative reviews"),
    "workshop": ("workshop", "workshops"),
    "training": ("training course", "training courses"),
    "mentoring": ("mentoring programme", "mentoring programmes"),
    "study_visit": ("study visit", "study visits"),
    "elearning": ("e-learning course", "e-learning courses"),
    "needs_assessment": ("needs assessment", "needs assessments"),
    "publication": ("publication", "publications"),
    "conference": ("conference", "conferences"),
}
MAX_LISTED = 10


def _nothing(pct: int, message: str) -> None:
    return None


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _usd(value: Decimal | float | int) -> str:
    return f"${value:,.0f}"


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n] if n < 26 else f"A{n}"


class _Draft:
    """Accumulates figures, footnotes and numbered paragraphs while the report is written."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, Any]] = {}
        self.notes: list[str] = []
        self.number = 0

    def figure(self, key: str, value: Any, label: str, model: str, ids, list_href: str = "") -> dict[str, str]:
        entry: dict[str, Any] = {"value": value, "label": label, "model": model, "ids": sorted(set(ids))}
        if list_href:
            entry["list_href"] = list_href
        self.figures[key] = entry
        return {"f": key}

    def note(self, text: str) -> int:
        if text in self.notes:
            return self.notes.index(text) + 1
        self.notes.append(text)
        return len(self.notes)

    def para(self, parts: list[Any], notes: list[int] | None = None) -> dict[str, Any]:
        self.number += 1
        return {"type": "para", "n": self.number, "parts": parts, "notes": notes or []}


def _paragraph_matches(paragraph: dict[str, Any], short_symbol: str, row: queries.ActivityRow) -> bool:
    if (short_symbol, paragraph["number"]) in row.links:
        return True
    return bool(row.themes & set(paragraph["themes"]))


def _excerpt(text: str, words: int = 40) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def build_content(
    resolution: Resolution,
    start: datetime.date,
    end: datetime.date,
    user: Any,
    progress: Progress = _nothing,
) -> dict[str, Any]:
    """Compute the report for ``resolution`` over [start, end] as ``user`` may see the records."""
    draft = _Draft()
    short = resolution.short_symbol
    period = f"{_day(start)} to {_day(end)}"
    type_labels = dict(ActivityType.choices)
    group_labels = dict(RegionalGroup.choices)
    agency_labels = dict(AgencyType.choices)

    progress(5, "Reading the resolution's operative paragraphs")
    paragraphs = queries.report_paragraphs(resolution)

    progress(15, "Reading the activities delivered in the period")
    activities = queries.delivered_activities(user, start, end)
    progress(30, "Reading participants, States, ratifications, publications and contributions")
    participant_rows = queries.participant_rows(user, list(activities))
    by_activity: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in participant_rows:
        by_activity[row["activity_id"]].append(row)
    states = queries.states_by_id({s for a in activities.values() for s in a.states})
    ratifications = queries.ratifications(user, start, end)
    publications = queries.publications(user, start, end)
    reviews = queries.finalised_reviews(user, start, end)
    contributions = queries.contributions_received(user, start, end)
    pledged = queries.contributions_pledged_total(user, start, end)
    donor_totals = queries.donor_totals(user, start, end)

    progress(45, "Drafting the sections")
    # -- I. Introduction
    intro = [
        draft.para(
            [
                f"The present report is submitted pursuant to General Assembly resolution {short}"
                + (f" of {_day(resolution.adopted_on)}" if resolution.adopted_on else "")
                + ", in which the Assembly requested the Secretary-General to report on its implementation. "
                f"It covers the period from {period} and describes the technical assistance provided by the "
                "United Nations Office on Drugs and Crime (UNODC) under each operative paragraph addressed to it."
            ],
            [draft.note(f"{resolution.symbol}.")],
        )
    ]
    source_note = draft.note(
        f"Figures are drawn from the records held in ctassist on {_day(timezone.localdate())} "
        f"for activities completed that started between {_day(start)} and {_day(end)}; "
        "each figure in the electronic version links to the records behind it."
    )

    all_ids = list(activities)
    total_states = {s for a in activities.values() for s in a.states}
    women = sum(r["count"] for r in participant_rows if r["sex"] == Sex.WOMEN)
    men = sum(r["count"] for r in participant_rows if r["sex"] == Sex.MEN)
    intro.append(
        draft.para(
            [
                "During the period, UNODC delivered ",
                draft.figure(
                    "all.activities",
                    len(all_ids),
                    "activities delivered in the period",
                    "assistance.activity",
                    all_ids,
                ),
                f" technical assistance {_plural(len(all_ids), 'activity', 'activities')} that assisted ",
                draft.figure("all.states", len(total_states), "States assisted", "geo.state", total_states),
                f" {_plural(len(total_states), 'State', 'States')} and trained ",
                draft.figure(
                    "all.women",
                    women,
                    "women trained",
                    "assistance.participantcount",
                    [r["id"] for r in participant_rows if r["sex"] == Sex.WOMEN],
                ),
                " women and ",
                draft.figure(
                    "all.men",
                    men,
                    "men trained",
                    "assistance.participantcount",
                    [r["id"] for r in participant_rows if r["sex"] == Sex.MEN],
                ),
                " men officials.",
            ],
            [source_note],
        )
    )

    has_ratification_section = any("ratification" in p["themes"] for p in paragraphs)
    has_contribution_section = any("contributions" in p["themes"] for p in paragraphs)

    # -- II. Sections per operative paragraph
    sections = []
    used: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        progress(
            45 + int(40 * index / max(1, len(paragraphs))), f"Drafting the section on paragraph {paragraph['number']}"
        )
        key = f"op{paragraph['number']}"
        rows = [a for a in activities.values() if _paragraph_matches(paragraph, short, a)]
        ids = [a.id for a in rows]
        used.update(ids)
        op_note = draft.note(f"{resolution.symbol}, para. {paragraph['number']}.")
        blocks: list[dict[str, Any]] = [
            draft.para(
                [
                    f"In paragraph {paragraph['number']} of resolution {short}, the General Assembly: "
                    f"“{_excerpt(paragraph['text'])}”"
                ],
                [op_note],
            )
        ]
        themes_text = ", ".join(paragraph["themes"]) or "no theme"
        if rows:
            by_type = Counter(a.type for a in rows)
            type_parts: list[Any] = []
            for n, (type_code, count) in enumerate(by_type.most_common()):
                type_parts.append(", " if n else " (")
                type_parts.append(
                    draft.figure(
                        f"{key}.type.{type_code}",
                        count,
                        f"{type_labels.get(type_code, type_code)} under paragraph {paragraph['number']}",
                        "assistance.activity",
                        [a.id for a in rows if a.type == type_code],
                    )
                )
                one, many = TYPE_NOUNS.get(type_code, (str(type_labels.get(type_code, type_code)).lower(),) * 2)
                type_parts.append(f" {_plural(count, one, many)}")
            type_parts.append(")")
            blocks.append(
                draft.para(
                    [
                        "In response, UNODC delivered ",
                        draft.figure(
                            f"{key}.activities",
                            len(rows),
                            f"activities under paragraph {paragraph['number']}",
                            "assistance.activity",
                            ids,
                        ),
                        f" {_plural(len(rows), 'activity', 'activities')}",
                        *type_parts,
                        f" on the themes of the paragraph ({themes_text}).",
                    ]
                )
            )
            section_states = {s for a in rows for s in a.states}
            groups: dict[str, set[int]] = defaultdict(set)
            for s in section_states:
                groups[states[s]["regional_group"]].add(s)
            group_parts: list[Any] = []
            for n, (group, members) in enumerate(sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))):
                group_parts.append("; " if n else ": ")
                group_parts.append(
                    draft.figure(
                        f"{key}.states.{group}",
                        len(members),
                        f"States of the {group_labels.get(group, group)} assisted under paragraph "
                        f"{paragraph['number']}",
                        "geo.state",
                        members,
                    )
                )
                group_parts.append(f" of the {group_labels.get(group, group)}")
            section_participants = [r for a in rows for r in by_activity.get(a.id, [])]
            w = [r for r in section_participants if r["sex"] == Sex.WOMEN]
            m = [r for r in section_participants if r["sex"] == Sex.MEN]
            blocks.append(
                draft.para(
                    [
                        "The activities assisted ",
                        draft.figure(
                            f"{key}.states",
                            len(section_states),
                            f"States assisted under paragraph {paragraph['number']}",
                            "geo.state",
                            section_states,
                        ),
                        f" {_plural(len(section_states), 'State', 'States')}",
                        *group_parts,
                        ". They trained ",
                        draft.figure(
                            f"{key}.women",
                            sum(r["count"] for r in w),
                            f"women trained under paragraph {paragraph['number']}",
                            "assistance.participantcount",
                            [r["id"] for r in w],
                        ),
                        " women and ",
                        draft.figure(
                            f"{key}.men",
                            sum(r["count"] for r in m),
                            f"men trained under paragraph {paragraph['number']}",
                            "assistance.participantcount",
                            [r["id"] for r in m],
                        ),
                        " men from criminal justice and other national institutions.",
                    ]
                )
            )
            listed = sorted(rows, key=lambda a: (a.start_date, a.id))[:MAX_LISTED]
            blocks.append(
                {
                    "type": "list",
                    "items": [f"{a.title} ({_day(a.start_date)})" for a in listed],
                    "more": {"f": f"{key}.activities"} if len(rows) > MAX_LISTED else None,
                }
            )
        else:
            blocks.append(
                draft.para(
                    [
                        f"No activity completed in the period is recorded under the themes of this paragraph "
                        f"({themes_text})."
                    ]
                )
            )

        # Publications and tools on the paragraph's themes.
        pubs = [p for p in publications if set(p["themes"] or []) & set(paragraph["themes"])]
        if pubs:
            blocks.append(
                draft.para(
                    [
                        "UNODC issued ",
                        draft.figure(
                            f"{key}.publications",
                            len(pubs),
                            f"publications and tools under paragraph {paragraph['number']}",
                            "library.publication",
                            [p["id"] for p in pubs],
                        ),
                        f" {_plural(len(pubs), 'publication or tool', 'publications and tools')} on these themes: "
                        + "; ".join(f"{p['title']} ({p['year']})" for p in pubs[:MAX_LISTED])
                        + ".",
                    ]
                )
            )

        # Legislative assistance outcomes.
        if "ratification" in paragraph["themes"] or any(a.type in queries.LEGISLATIVE_TYPES for a in rows):
            legislative = [a for a in rows if a.type in queries.LEGISLATIVE_TYPES]
            outputs = list(dict.fromkeys(a.outputs.strip().rstrip(".") for a in legislative if a.outputs.strip()))[:5]
            parts: list[Any] = [
                "Legislative assistance comprised ",
                draft.figure(
                    f"{key}.legislative",
                    len(legislative),
                    f"legislative drafting and review activities under paragraph {paragraph['number']}",
                    "assistance.activity",
                    [a.id for a in legislative],
                ),
                f" legislative drafting and review {_plural(len(legislative), 'activity', 'activities')}",
            ]
            if "ratification" in paragraph["themes"]:
                parts += [
                    "; ",
                    draft.figure(
                        f"{key}.reviews",
                        len(reviews),
                        "legislative reviews finalised in the period",
                        "library.legislativereview",
                        [r["id"] for r in reviews],
                    ),
                    f" {_plural(len(reviews), 'legislative review was', 'legislative reviews were')} finalised, "
                    "identifying ",
                    draft.figure(
                        f"{key}.reviews.gaps",
                        sum(r["gaps"] for r in reviews),
                        "checklist items found not or only partly incorporated (in these reviews)",
                        "library.legislativereview",
                        [r["id"] for r in reviews if r["gaps"]],
                    ),
                    " provisions not or only partly incorporated",
                ]
            parts.append(".")
            if outputs:
                parts.append(" Reported outputs include: " + "; ".join(outputs) + ".")
            blocks.append(draft.para(parts))

        # New ratifications and accessions.
        if "ratification" in paragraph["themes"]:
            blocks.extend(_ratification_blocks(draft, key, ratifications, start, end))

        # Contributions received.
        if "contributions" in paragraph["themes"] or (paragraph is paragraphs[-1] and not has_contribution_section):
            blocks.append(_contribution_block(draft, key, contributions, donor_totals, pledged, period))

        sections.append(
            {
                "heading": f"{_letter(index)}. Paragraph {paragraph['number']}: {_excerpt(paragraph['text'], 12)}",
                "paragraph": {"number": paragraph["number"], "themes": paragraph["themes"]},
                "blocks": blocks,
            }
        )

    if not has_ratification_section:
        intro.extend(_ratification_blocks(draft, "all", ratifications, start, end))
    ratification_key = next(k for k in draft.figures if k.endswith(".ratifications"))

    progress(85, "Drafting the annexes")
    conclusions = [
        draft.para(
            [
                "UNODC will continue, within its mandate and subject to the availability of extrabudgetary "
                "resources, to provide technical assistance to Member States upon request. The General Assembly "
                "may wish to encourage Member States to continue to support that work."
            ]
        )
    ]

    # Annexes.
    paragraphs_of: dict[int, list[str]] = defaultdict(list)
    for paragraph in paragraphs:
        for a in activities.values():
            if _paragraph_matches(paragraph, short, a):
                paragraphs_of[a.id].append(str(paragraph["number"]))
    activity_rows = [
        [
            a.start_date.isoformat(),
            a.title,
            str(type_labels.get(a.type, a.type)),
            ", ".join(states[s]["name"] for s in a.states),
            ", ".join(paragraphs_of.get(a.id, [])),
        ]
        for a in sorted(activities.values(), key=lambda a: (a.start_date, a.id))
    ]
    by_agency: dict[str, Counter] = defaultdict(Counter)
    for r in participant_rows:
        by_agency[r["agency"]][r["sex"]] += r["count"]
    participant_table = []
    for code, label in AgencyType.choices:
        c = by_agency.get(code)
        if not c:
            continue
        participant_table.append(
            [
                str(label),
                str(c[Sex.WOMEN]),
                str(c[Sex.MEN]),
                str(c[Sex.NOT_RECORDED]),
                str(sum(c.values())),
            ]
        )
    participant_table.append(
        [
            "Total",
            {"f": "all.women"},
            {"f": "all.men"},
            str(sum(r["count"] for r in participant_rows if r["sex"] == Sex.NOT_RECORDED)),
            str(sum(r["count"] for r in participant_rows)),
        ]
    )
    kind_labels = dict(ActionKind.choices)
    annexes = [
        {
            "title": "Technical assistance activities delivered in the period",
            "headers": ["Start", "Activity", "Type", "States", "Paragraphs"],
            "rows": activity_rows,
            "figure": "all.activities",
            "widths": [2.0, 6.0, 2.8, 3.0, 2.2],
        },
        {
            "title": "Officials trained, by sex and agency",
            "headers": ["Agency", "Women", "Men", "Not recorded", "Total"],
            "widths": [5.0, 2.5, 2.5, 2.5, 2.5],
            "rows": participant_table,
        },
        {
            "title": "Ratifications, accessions and other consents to be bound in the period",
            "headers": ["Instrument", "State", "Date", "Action"],
            "widths": [5.0, 4.5, 2.5, 4.0],
            "rows": [
                [
                    r["instrument__short_name"],
                    r["state__name"],
                    r["consent_date"].isoformat(),
                    str(kind_labels.get(r["consent_kind"], r["consent_kind"] or "")),
                ]
                for r in ratifications
            ],
        },
    ]
    del agency_labels  # labels come from the choices above

    progress(95, "Assembling the document")
    return {
        "version": 1,
        "symbol": SYMBOL_PLACEHOLDER,
        "resolution": {
            "id": resolution.pk,
            "symbol": resolution.symbol,
            "short": short,
            "title": resolution.title,
            "adopted_on": resolution.adopted_on.isoformat() if resolution.adopted_on else None,
        },
        "period": {"start": start.isoformat(), "end": end.isoformat(), "text": period},
        "title": resolution.title
        or "Technical assistance for implementing the international conventions and "
        "protocols related to counter-terrorism",
        "subtitle": "Report of the Secretary-General",
        "summary": [
            f"The present report, submitted pursuant to General Assembly resolution {short}, describes the "
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
        ],
        "chapters": [
            {"heading": "I. Introduction", "blocks": intro, "sections": []},
            {
                "heading": "II. Activities of the United Nations Office on Drugs and Crime",
                "blocks": [],
                "sections": sections,
            },
            {"heading": "III. Conclusions", "blocks": conclusions, "sections": []},
        ],
        "figures": draft.figures,
        "notes": draft.notes,
        "annexes": annexes,
        "unmatched_activities": len(set(all_ids) - used),
        "funding_available": contributions is not None,
    }


def _ratification_blocks(draft: _Draft, key: str, rows: list[dict[str, Any]], start, end) -> list[dict[str, Any]]:
    base = reverse("treaties:participation_list")
    query = {"consent_after": start.isoformat(), "consent_before": end.isoformat()}
    accessions = [r for r in rows if r["consent_kind"] == ActionKind.ACCESSION]
    blocks = [
        draft.para(
            [
                "During the period, ",
                draft.figure(
                    f"{key}.ratifications",
                    len(rows),
                    "ratifications, accessions and other consents to be bound in the period",
                    "treaties.participation",
                    [r["id"] for r in rows],
                    list_href=f"{base}?{urlencode(query)}",
                ),
                f" new {_plural(len(rows), 'ratification or accession', 'ratifications and accessions')} "
                "of the international instruments were recorded, of which ",
                draft.figure(
                    f"{key}.accessions",
                    len(accessions),
                    "accessions in the period",
                    "treaties.participation",
                    [r["id"] for r in accessions],
                ),
                f" {_plural(len(accessions), 'was an accession', 'were accessions')} (see annex III).",
            ]
        )
    ]
    by_instrument: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = {}
    for r in rows:
        by_instrument[r["instrument__code"]].append(r)
        names[r["instrument__code"]] = r["instrument__short_name"]
    if by_instrument:
        blocks.append(
            {
                "type": "table",
                "caption": "New ratifications and accessions, by instrument",
                "headers": ["Instrument", "Ratifications and accessions"],
                "rows": [
                    [
                        names[code],
                        draft.figure(
                            f"{key}.ratifications.{code}",
                            len(items),
                            f"consents to be bound to {names[code]} in the period",
                            "treaties.participation",
                            [r["id"] for r in items],
                            list_href=f"{base}?{urlencode({**query, 'instrument': code})}",
                        ),
                    ]
                    for code, items in by_instrument.items()
                ],
            }
        )
    return blocks


def _contribution_block(draft: _Draft, key: str, rows, totals, pledged, period: str) -> dict[str, Any]:
    """Contributions received: totals from ``funding.queries.contributions_received`` (the funding
    area's counting rule), records from the same rule row by row for the links."""
    if not rows:
        return draft.para(
            [
                "No funding records: no voluntary contribution received in the period is recorded in ctassist."
                if rows is not None
                else "No funding records: the funding area holds no data on contributions."
            ]
        )
    in_kind = [r for r in rows if r["kind"] == "in_kind"]
    if totals is not None:
        total = sum((t.usd for t in totals), Decimal(0))
        valued = sum((t.in_kind_usd for t in totals), Decimal(0))
        donors = [t.donor for t in totals]  # largest first
    else:
        total = sum((r["usd_amount"] or Decimal(0)) for r in rows if r["kind"] == "financial")
        valued = sum((r["in_kind_value_usd"] or Decimal(0)) for r in in_kind)
        donors = sorted({r["donor__organisation__name"] for r in rows})
    parts: list[Any] = [
        f"From {period}, UNODC received ",
        draft.figure(
            f"{key}.contributions",
            len(rows),
            "contributions received in the period",
            "funding.contribution",
            [r["id"] for r in rows],
        ),
        f" voluntary {_plural(len(rows), 'contribution', 'contributions')} from {len(donors)} "
        f"{_plural(len(donors), 'donor', 'donors')}, amounting to ",
        draft.figure(
            f"{key}.contributions.usd",
            _usd(total),
            "financial contributions received (USD)",
            "funding.contribution",
            [r["id"] for r in rows if r["kind"] == "financial"],
        ),
        " in financial contributions",
    ]
    if in_kind:
        parts += [
            " and ",
            draft.figure(
                f"{key}.contributions.in_kind",
                len(in_kind),
                "in-kind contributions received",
                "funding.contribution",
                [r["id"] for r in in_kind],
            ),
            f" in-kind {_plural(len(in_kind), 'contribution', 'contributions')} valued at {_usd(valued)}",
        ]
    parts.append(f". The Secretary-General thanks {', '.join(donors[:12])}{' and others' if len(donors) > 12 else ''}.")
    if pledged:
        parts.append(f" Pledges of {_usd(pledged)} made in the period are not counted until received.")
    return draft.para(parts)
