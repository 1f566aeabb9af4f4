"""The orchestrator: read the records, then draft each part of the report in order.

Each part is its own module: ``data`` (reading), ``pillars`` (the sections and the rule giving each
activity one primary section), ``framing`` (summary, introduction, partnerships, challenges,
conclusions and recommendations, the document), ``sections`` (one per pillar and thematic area,
composed of ``activities``, ``ratifications``, ``legislative`` and ``publications``), ``funding``
(resources) and the annexes from ``activities``, ``training`` and ``ratifications``. Paragraphs
are numbered in the order they are drafted, so the order of the calls below is the order of the
report.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from ctassist.reporting.builder import (
    activities,
    framing,
    funding,
    outcomes,
    pillars,
    ratifications,
    regions,
    sections,
    training,
)
from ctassist.reporting.builder.data import load
from ctassist.reporting.builder.demo import depends_on_demo
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
    counted, unattributed = pillars.attribute(data.activities, data.overrides)

    progress(45, "Drafting the sections")
    intro = framing.introduction(draft, data, period)
    drafted: list[dict[str, Any]] = []
    chosen = [s for s in pillars.SECTIONS if sections.has_content(s, data, counted[s.key])]
    for index, section in enumerate(chosen):
        progress(45 + int(40 * index / max(1, len(chosen))), f"Drafting the section on {section.heading.lower()}")
        drafted.append(sections.section(draft, data, index, section, counted[section.key]))
    partnerships = framing.partnerships(draft)
    resources = [funding.block(draft, "resources", data, period)]

    progress(85, "Drafting the annexes")
    reconciliation = activities.reconciliation(draft, data, counted, unattributed)
    challenges = framing.challenges(draft, data, len(unattributed))
    closing = framing.conclusions(draft)
    annexes = [
        activities.annex(data, counted),
        reconciliation,
        {**reconciliation.pop("unattributed")},
        training.participant_annex(data.participants),
        ratifications.annex(data.ratifications),
        ratifications.outcome_annex(ratifications.outcomes(data.ratifications, data.instrument_assistance)),
        outcomes.law_annex(data, outcomes.laws_following_assistance(data)),
        outcomes.score_annex(data),
        regions.annex(data),
    ]

    progress(95, "Assembling the document")
    return framing.document(
        draft,
        data,
        period,
        chapters=[
            ("introduction", "I. Introduction", intro, []),
            (
                "assistance",
                "II. Technical assistance delivered by the United Nations Office on Drugs and Crime",
                [],
                drafted,
            ),
            ("partnerships", "III. Partnerships", partnerships, []),
            ("resources", "IV. Resources", resources, []),
            ("challenges", "V. Challenges", challenges, []),
            ("conclusions", "VI. Conclusions and recommendations", closing, []),
        ],
        annexes=annexes,
        unmatched=len(unattributed),
        demo=depends_on_demo(draft.figures),
    )
