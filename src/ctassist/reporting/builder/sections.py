"""Chapter II: one section per operative paragraph the report speaks to, composed of the parts."""

from __future__ import annotations

from typing import Any

from ctassist.reporting.builder import activities, funding, legislative, publications, ratifications
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import Draft, excerpt, letter


def section(
    draft: Draft,
    data: ReportData,
    index: int,
    paragraph: dict[str, Any],
    *,
    period: str,
    has_contribution_section: bool,
) -> tuple[dict[str, Any], list[int]]:
    """The section on ``paragraph`` (the ``index``-th), and the ids of the activities it counted."""
    number = paragraph["number"]
    key = f"op{number}"
    rows = activities.under(data, paragraph)
    op_note = draft.note(f"{data.resolution.symbol}, para. {number}.")
    blocks: list[dict[str, Any]] = [
        draft.para(
            [f"In paragraph {number} of resolution {data.short}, the General Assembly: “{excerpt(paragraph['text'])}”"],
            [op_note],
        )
    ]
    blocks += activities.blocks(draft, key, data, paragraph, rows)
    blocks += publications.blocks(draft, key, data, paragraph)
    blocks += legislative.blocks(draft, key, data, paragraph, rows)
    if "ratification" in paragraph["themes"]:
        blocks += ratifications.blocks(draft, key, data.ratifications, data.start, data.end)
    if funding.applies(data, paragraph, has_contribution_section):
        blocks.append(funding.block(draft, key, data, period))
    heading = f"{letter(index)}. Paragraph {number}: {excerpt(paragraph['text'], 12)}"
    return (
        {"heading": heading, "paragraph": {"number": number, "themes": paragraph["themes"]}, "blocks": blocks},
        [a.id for a in rows],
    )
