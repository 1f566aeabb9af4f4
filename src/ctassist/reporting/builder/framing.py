"""The frame of the report, in the order of the Secretary-General's reports on this agenda item:
summary, introduction citing the mandate, (the assistance by pillar, in ``sections``),
partnerships, resources, challenges, conclusions and recommendations, and the document that holds
the chapters, figures, footnotes and annexes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import SYMBOL_PLACEHOLDER, Draft, day, join_and, plural
from ctassist.reporting.builder.training import trained_sentence

DEFAULT_TITLE = (
    "Technical assistance for implementing the international conventions and protocols related to counter-terrorism"
)
ADDRESSED = {"unodc", "secretary-general"}


def introduction(draft: Draft, data: ReportData, period: str) -> list[dict[str, Any]]:
    """The mandate (the resolution and its paragraphs addressed to UNODC), then the period's figures."""
    resolution = data.resolution
    adopted = f" of {day(resolution.adopted_on)}" if resolution.adopted_on else ""
    requests = [str(p["number"]) for p in data.paragraphs if ADDRESSED & set(p.get("addressees") or [])]
    cited = (
        f" In {plural(len(requests), 'paragraph', 'paragraphs')} {join_and(requests)} of that resolution, the Assembly "
        "addressed requests to UNODC and to the Secretary-General."
        if requests
        else ""
    )
    blocks = [
        draft.para(
            [
                f"The present report is submitted pursuant to General Assembly resolution {data.short}{adopted}, "
                f"in which the Assembly requested the Secretary-General to report on its implementation.{cited} "
                f"The report covers the period from {period} and describes the technical assistance provided by the "
                "United Nations Office on Drugs and Crime (UNODC) to Member States, by pillar of its work and by "
                "thematic area."
            ],
            [draft.note(f"{resolution.symbol}.")],
        )
    ]
    source_note = draft.note(
        f"Figures are drawn from the records held in ctassist on {day(timezone.localdate())} "
        f"for activities completed that started between {day(data.start)} and {day(data.end)}; "
        "each activity is counted once, in the section given by the rule set out in annex II, and each "
        "figure in the electronic version links to the records behind it."
    )
    ids = list(data.activities)
    states = {s for a in data.activities.values() for s in a.states}
    delivered = draft.figure(
        "all.activities", len(ids), "activities delivered in the period", "assistance.activity", ids
    )
    assisted = draft.figure("all.states", len(states), "States assisted", "geo.state", states)
    if not ids:
        trained_sentence(draft, "all", data.participants, "")
        blocks.append(
            draft.para(["No technical assistance activity delivered in the period was recorded."], [source_note])
        )
        return blocks
    blocks.append(
        draft.para(
            [
                "During the period, UNODC delivered ",
                delivered,
                f" technical assistance {plural(len(ids), 'activity', 'activities')} that assisted ",
                assisted,
                f" {plural(len(states), 'State', 'States')}",
                *trained_sentence(draft, "all", data.participants, ""),
            ],
            [source_note],
        )
    )
    return blocks


def partnerships(draft: Draft) -> list[dict[str, Any]]:
    return [
        draft.para(
            [
                "UNODC delivered its assistance in coordination with the entities of the United Nations Global "
                "Counter-Terrorism Coordination Compact, in particular the Counter-Terrorism Committee Executive "
                "Directorate and the Office of Counter-Terrorism, and with regional and subregional organizations, "
                "so that its work responds to the needs identified by the Counter-Terrorism Committee."
            ]
        )
    ]


def challenges(draft: Draft, data: ReportData, unattributed: int) -> list[dict[str, Any]]:
    """What limited the work and its reporting, from the records (nothing is said of what is not there)."""
    blocks = [
        draft.para(
            [
                "Requests for assistance continued to exceed the resources available. Most of the work depends on "
                "extrabudgetary contributions earmarked for particular activities, which limits the ability of UNODC "
                "to plan sustained assistance over several years."
            ]
        )
    ]
    not_recorded = sum(r["count"] for r in data.participants if r["sex"] == "not_recorded")
    if not_recorded:
        blocks.append(
            draft.para(
                [
                    "The sex of ",
                    draft.figure(
                        "challenges.not_recorded",
                        not_recorded,
                        "participants whose sex was not recorded",
                        "assistance.participantcount",
                        [r["id"] for r in data.participants if r["sex"] == "not_recorded"],
                    ),
                    f" {plural(not_recorded, 'participant', 'participants')} was not recorded, which limits "
                    "the analysis of the gender dimension of the assistance.",
                ]
            )
        )
    if unattributed:
        blocks.append(
            draft.para(
                [
                    "The themes recorded for ",
                    {"f": "unattributed.activities"},
                    f" {plural(unattributed, 'activity', 'activities')} did not allow "
                    f"{plural(unattributed, 'it', 'them')} to be attributed to a pillar or thematic area; "
                    f"{plural(unattributed, 'it is', 'they are')} listed in annex III.",
                ]
            )
        )
    return blocks


def conclusions(draft: Draft) -> list[dict[str, Any]]:
    return [
        draft.para(
            [
                "UNODC will continue, within its mandate and subject to the availability of extrabudgetary "
                "resources, to provide technical assistance to Member States upon request, to help them ratify "
                "and incorporate into national law the international legal instruments related to terrorism, to "
                "build the capacity of their criminal justice officials and to strengthen international cooperation "
                "in criminal matters."
            ]
        ),
        draft.para(["The General Assembly may wish to consider the following recommendations:"]),
        {
            "type": "list",
            "items": [
                "(a) Member States that have not yet done so may wish to ratify the international legal "
                "instruments related to terrorism and to incorporate their provisions into national law;",
                "(b) Member States may wish to continue to request the assistance of UNODC and to designate focal "
                "points for its follow-up;",
                "(c) Member States in a position to do so may wish to provide UNODC with predictable, multi-year "
                "and flexible resources for its technical assistance;",
                "(d) Member States receiving assistance may wish to record the participants in training activities "
                "by sex and institution, so that its results can be assessed.",
            ],
            "more": None,
            "plain": True,
        },
    ]


def summary(data: ReportData, period: str, figures: dict[str, Any]) -> list[Any]:
    """One paragraph with the period's main figures (a figure that is zero is not stated)."""

    def value(key: str) -> int:
        return int(figures.get(key, {}).get("value") or 0)

    parts: list[Any] = [
        f"The present report, submitted pursuant to General Assembly resolution {data.short}, describes the "
        f"technical assistance delivered by UNODC from {period}."
    ]
    if value("all.activities"):
        parts += [" UNODC delivered ", {"f": "all.activities"}, " activities"]
        if value("all.states"):
            parts += [" for ", {"f": "all.states"}, f" {plural(value('all.states'), 'State', 'States')}"]
        trained = [(k, n) for k, n in (("all.women", "women"), ("all.men", "men")) if value(k)]
        for index, (key, noun) in enumerate(trained):
            parts += [" and trained " if index == 0 else " and ", {"f": key}, f" {noun}"]
        if trained:
            parts.append(" officials")
        parts.append(".")
    if value("ratification.ratifications"):
        parts += [
            " During the period, ",
            {"f": "ratification.ratifications"},
            f" new {plural(value('ratification.ratifications'), 'ratification or accession was', 'ratifications and accessions were')} recorded.",
        ]
    parts.append(
        " The report sets out the challenges met and recommendations for the consideration of the General Assembly."
    )
    return parts


def document(
    draft: Draft,
    data: ReportData,
    period: str,
    *,
    chapters: list[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]],
    annexes: list[dict[str, Any]],
    unmatched: int,
    demo: bool,
) -> dict[str, Any]:
    """The report as JSON-ready data (the shape is described in ``reporting.builder``)."""
    resolution = data.resolution
    return {
        "version": 2,
        "symbol": SYMBOL_PLACEHOLDER,
        "resolution": {
            "id": resolution.pk,
            "symbol": resolution.symbol,
            "short": data.short,
            "title": resolution.title,
            "adopted_on": resolution.adopted_on.isoformat() if resolution.adopted_on else None,
        },
        "period": {"start": data.start.isoformat(), "end": data.end.isoformat(), "text": period},
        "title": resolution.title or DEFAULT_TITLE,
        "subtitle": "Report of the Secretary-General",
        "summary": summary(data, period, draft.figures),
        "chapters": [
            {"key": key, "heading": heading, "blocks": blocks, "sections": sections}
            for key, heading, blocks, sections in chapters
        ],
        "figures": draft.figures,
        "notes": draft.notes,
        "annexes": annexes,
        "unmatched_activities": unmatched,
        "funding_available": data.contributions is not None,
        "demo": demo,
    }
