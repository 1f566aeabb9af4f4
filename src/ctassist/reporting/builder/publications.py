"""Publications and tools UNODC issued, each in the first section (in the report's order) whose
themes it has, so that a publication is counted once too."""

from __future__ import annotations

from typing import Any

from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.pillars import SECTIONS, Section
from ctassist.reporting.builder.text import MAX_LISTED, Draft, join_and, plural


def section_of(publication: dict[str, Any]) -> str | None:
    themes = set(publication["themes"] or [])
    return next((s.key for s in SECTIONS if s.themes & themes), None)


def blocks(draft: Draft, section: Section, data: ReportData) -> list[dict[str, Any]]:
    """One paragraph naming the publications of the period counted in ``section`` (none if there are none)."""
    pubs = [p for p in data.publications if section_of(p) == section.key]
    if not pubs:
        return []
    named = join_and(f"{p['title']} ({p['year']})" for p in pubs[:MAX_LISTED])
    return [
        draft.para(
            [
                "UNODC issued ",
                draft.figure(
                    f"{section.key}.publications",
                    len(pubs),
                    f"publications and tools on {section.heading[0].lower()}{section.heading[1:]}",
                    "library.publication",
                    [p["id"] for p in pubs],
                ),
                f" {plural(len(pubs), 'publication or tool', 'publications and tools')} in this area"
                + (f": {named}." if len(pubs) <= MAX_LISTED else f", among them {named}."),
            ]
        )
    ]
