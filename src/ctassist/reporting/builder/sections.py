"""Chapter II: one section per pillar and thematic area (``pillars``), each counting only the
activities whose primary section it is, composed of the parts."""

from __future__ import annotations

from typing import Any

from ctassist.assistance.queries import DeliveredActivity
from ctassist.reporting.builder import activities, legislative, outcomes, publications, ratifications
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.pillars import Section
from ctassist.reporting.builder.text import Draft, join_and, letter, plural


def mandate_parts(draft: Draft, data: ReportData, section: Section) -> list[dict[str, Any]]:
    """The paragraph naming the operative paragraphs of the resolution on this section's themes."""
    numbers = [str(p["number"]) for p in data.paragraphs if section.themes & set(p["themes"])]
    if not numbers:
        return []
    return [
        draft.para(
            [
                f"The General Assembly addressed this area in {plural(len(numbers), 'paragraph', 'paragraphs')} "
                f"{join_and(numbers)} of resolution {data.short}."
            ],
            [draft.note(f"{data.resolution.symbol}, {plural(len(numbers), 'para.', 'paras.')} {join_and(numbers)}.")],
        )
    ]


def has_content(section: Section, data: ReportData, rows: list[DeliveredActivity]) -> bool:
    """A pillar always has its section; a thematic area only when something is counted in it."""
    if section.pillar or rows:
        return True
    return any(publications.section_of(p) == section.key for p in data.publications)


def section(
    draft: Draft, data: ReportData, index: int, section: Section, rows: list[DeliveredActivity]
) -> dict[str, Any]:
    """The section on ``section`` (the ``index``-th drafted), counting exactly ``rows``."""
    blocks = mandate_parts(draft, data, section)
    if section.key == "ratification":
        blocks += ratifications.blocks(draft, section.key, data.ratifications, data.start, data.end)
        found = ratifications.outcomes(data.ratifications, data.instrument_assistance)
        blocks += ratifications.outcome_blocks(draft, section.key, found, "VI")
    blocks += activities.blocks(draft, section, data, rows)
    if section.key == "ratification":
        blocks += legislative.blocks(draft, section.key, data, rows)
        blocks += outcomes.law_blocks(draft, section.key, data, outcomes.laws_following_assistance(data), "VII")
    if section.key == "capacity":
        blocks += outcomes.score_blocks(draft, section.key, data)
    blocks += publications.blocks(draft, section, data)
    return {
        "heading": f"{letter(index)}. {section.heading}",
        "key": section.key,
        "blocks": blocks,
    }
