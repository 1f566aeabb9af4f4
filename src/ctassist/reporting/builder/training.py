"""Officials trained: women and men, for the whole report and per section, and the annex by agency."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ctassist.assistance.choices import AgencyType, Sex
from ctassist.reporting.builder.text import Draft, num


def _of(rows: list[dict[str, Any]], sex: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["sex"] == sex]


def trained_parts(draft: Draft, key: str, rows: list[dict[str, Any]], label: str) -> tuple[dict, dict]:
    """The figures ``{key}.women`` and ``{key}.men`` for these participant-count rows.

    ``label`` ends the figures' labels ("in the period" style text is up to the caller).
    """
    women, men = _of(rows, Sex.WOMEN), _of(rows, Sex.MEN)
    return (
        draft.figure(
            f"{key}.women",
            sum(r["count"] for r in women),
            f"women trained{label}",
            "assistance.participantcount",
            [r["id"] for r in women],
        ),
        draft.figure(
            f"{key}.men",
            sum(r["count"] for r in men),
            f"men trained{label}",
            "assistance.participantcount",
            [r["id"] for r in men],
        ),
    )


def trained_sentence(draft: Draft, key: str, rows: list[dict[str, Any]], label: str) -> list[Any]:
    """The end of a sentence on the officials trained (the figures ``{key}.women`` and ``{key}.men``).

    Nothing is said of a sex with nobody recorded; with nobody recorded at all the sentence just ends.
    """
    women, men = trained_parts(draft, key, rows, label)
    counts = {"women": draft.figures[women["f"]]["value"], "men": draft.figures[men["f"]]["value"]}
    said: list[Any] = []
    for figure, noun in ((women, "women"), (men, "men")):
        if counts[noun]:
            said += [" and " if said else "", figure, f" {noun}"]
    if not said:
        return ["."]
    return [", and trained ", *said, " from criminal justice and other national institutions."]


def participant_annex(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Annex II: officials trained, by agency (in the agencies' order) and sex, with the totals."""
    by_agency: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        by_agency[r["agency"]][r["sex"]] += r["count"]
    table: list[list[Any]] = []
    for code, label in AgencyType.choices:
        c = by_agency.get(code)
        if not c:
            continue
        table.append([str(label), num(c[Sex.WOMEN]), num(c[Sex.MEN]), num(c[Sex.NOT_RECORDED]), num(sum(c.values()))])
    table.append(
        [
            "Total",
            {"f": "all.women"},
            {"f": "all.men"},
            num(sum(r["count"] for r in _of(rows, Sex.NOT_RECORDED))),
            num(sum(r["count"] for r in rows)),
        ]
    )
    return {
        "title": "Officials trained, by sex and agency",
        "headers": ["Agency", "Women", "Men", "Not recorded", "Total"],
        "widths": [5.0, 2.5, 2.5, 2.5, 2.5],
        "rows": table,
    }
