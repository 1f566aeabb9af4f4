"""New ratifications and accessions in the period: the paragraph and table by instrument, and annex III."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from ctassist.reporting.builder.text import Draft, day, join_and, plural
from ctassist.treaties.choices import ActionKind

KIND_LABELS = dict(ActionKind.choices)


def blocks(
    draft: Draft,
    key: str,
    rows: list[dict[str, Any]],
    start: datetime.date,
    end: datetime.date,
    annex_number: str = "V",
) -> list[dict[str, Any]]:
    """The paragraph counting the consents given in the period (and accessions), then the table by instrument."""
    base = reverse("treaties:participation_list")
    query = {"consent_after": start.isoformat(), "consent_before": end.isoformat()}
    accessions = [r for r in rows if r["consent_kind"] == ActionKind.ACCESSION]
    counted = draft.figure(
        f"{key}.ratifications",
        len(rows),
        "ratifications, accessions and other consents to be bound in the period",
        "treaties.participation",
        [r["id"] for r in rows],
        list_href=f"{base}?{urlencode(query)}",
    )
    of_which = draft.figure(
        f"{key}.accessions",
        len(accessions),
        "accessions in the period",
        "treaties.participation",
        [r["id"] for r in accessions],
    )
    if not rows:
        return [
            draft.para(
                ["No new ratification of or accession to the international instruments was recorded in the period."]
            )
        ]
    parts: list[Any] = [
        "During the period, ",
        counted,
        f" new {plural(len(rows), 'ratification of or accession to the international instruments was', 'ratifications of and accessions to the international instruments were')} recorded",
    ]
    if accessions and len(rows) > 1:
        parts += [", of which ", of_which, f" {plural(len(accessions), 'was an accession', 'were accessions')}"]
    parts.append(f" (see annex {annex_number}).")
    out = [draft.para(parts)]
    by_instrument: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = {}
    for r in rows:
        by_instrument[r["instrument__code"]].append(r)
        names[r["instrument__code"]] = r["instrument__short_name"]
    if by_instrument:
        out.append(
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
    return out


def outcomes(
    rows: list[dict[str, Any]], assistance: dict[tuple[int, int], list[dict[str, Any]]]
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The consents that followed UNODC assistance: each consent given by a State that received, in
    the period or the two years before and not later than the consent, an activity answering a
    request of that State naming the instrument; with those activities."""
    found = []
    for r in rows:
        behind = [
            a
            for a in assistance.get((r["state_id"], r["instrument_id"]), [])
            if r["consent_date"] is not None and a["start_date"] <= r["consent_date"]
        ]
        if behind:
            found.append((r, behind))
    return found


def outcome_blocks(
    draft: Draft, key: str, found: list[tuple[dict[str, Any], list[dict[str, Any]]]], annex_number: str
) -> list[dict[str, Any]]:
    """One paragraph on the consents that followed assistance (none when there are none)."""
    if not found:
        return []
    figure = draft.figure(
        f"{key}.outcomes",
        len(found),
        "ratifications and accessions by States assisted on the instrument in the period or the two years before",
        "treaties.participation",
        [r["id"] for r, _ in found],
    )
    behind = draft.figure(
        f"{key}.outcomes.activities",
        len({a["id"] for _, acts in found for a in acts}),
        "activities behind the ratifications and accessions that followed assistance",
        "assistance.activity",
        [a["id"] for _, acts in found for a in acts],
    )
    return [
        draft.para(
            [
                "Of these, ",
                figure,
                f" {plural(len(found), 'was made by a State that', 'were made by States that')} had received UNODC "
                "assistance on the "
                "instrument concerned in the period or the two years before, through ",
                behind,
                f" {plural(draft.figures[behind['f']]['value'], 'activity', 'activities')} (see annex {annex_number}).",
            ]
        )
    ]


def outcome_annex(found: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> dict[str, Any]:
    """The ratifications and accessions that followed assistance, with the activities behind each."""
    return {
        "title": "Ratifications and accessions following assistance from UNODC",
        "headers": ["Instrument", "State", "Date", "Assistance on the instrument"],
        "widths": [4.0, 3.0, 2.5, 6.5],
        "rows": [
            [
                r["instrument__short_name"],
                r["state__name"],
                day(r["consent_date"]),
                join_and(f"{a['title']} ({day(a['start_date'])})" for a in acts),
            ]
            for r, acts in found
        ],
    }


def annex(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Annex III: each consent to be bound given in the period."""
    return {
        "title": "Ratifications, accessions and other consents to be bound in the period",
        "headers": ["Instrument", "State", "Date", "Action"],
        "widths": [5.0, 4.5, 2.5, 4.0],
        "rows": [
            [
                r["instrument__short_name"],
                r["state__name"],
                day(r["consent_date"]),
                str(KIND_LABELS.get(r["consent_kind"], r["consent_kind"] or "")),
            ]
            for r in rows
        ],
    }
