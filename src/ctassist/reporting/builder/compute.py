"""The orchestrator: read the records, then draft each part of the report in order.

Each part is its own module: ``data`` (reading), ``framing`` (introduction, conclusions, summary,
the document), ``sections`` (one per operative paragraph, composed of ``activities``,
``training``, ``publications``, ``legislative``, ``ratifications`` and ``funding``), and the
annexes from ``activities``, ``training`` and ``ratifications``. Paragraphs are numbered in the
order they are drafted, so the order of the calls below is the order of the report.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from ctassist.reporting.builder import activities, framing, ratifications, sections, training
from ctassist.reporting.builder.data import load
from ctassist.reporting.builder.text import Draft, Progress, day, nothing

if TYPE_CHECKING:
    from ctassist.mandates.models import Resolution


def build_content(
    resolution: Resolution,
    start: datetime.date,
    end: datetime.date,
    user: Any,
    progress: Progress = nothing,
) -> dict[str, Any]:
    """Compute the report for ``resolution`` over [start, end] as ``user`` may see the records."""
    data = load(resolution, start, end, user, progress)
    draft = Draft()
    period = f"{day(start)} to {day(end)}"

    progress(45, "Drafting the sections")
    intro = framing.introduction(draft, data, period)
    themes = [set(p["themes"]) for p in data.paragraphs]
    has_contribution_section = any("contributions" in t for t in themes)
    drafted: list[dict[str, Any]] = []
    used: set[int] = set()
    for index, paragraph in enumerate(data.paragraphs):
        progress(
            45 + int(40 * index / max(1, len(data.paragraphs))),
            f"Drafting the section on paragraph {paragraph['number']}",
        )
        section, counted = sections.section(
            draft, data, index, paragraph, period=period, has_contribution_section=has_contribution_section
        )
        drafted.append(section)
        used.update(counted)
    if not any("ratification" in t for t in themes):
        intro += ratifications.blocks(draft, "all", data.ratifications, start, end)

    progress(85, "Drafting the annexes")
    closing = framing.conclusions(draft)
    annexes = [
        activities.annex(data),
        training.participant_annex(data.participants),
        ratifications.annex(data.ratifications),
    ]

    progress(95, "Assembling the document")
    return framing.document(
        draft,
        data,
        period,
        intro=intro,
        sections=drafted,
        closing=closing,
        annexes=annexes,
        unmatched=len(set(data.activities) - used),
    )
