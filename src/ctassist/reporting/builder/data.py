"""Reading the records a report counts, each through the read API of the area that owns them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ctassist.assistance import queries as assistance
from ctassist.assistance.queries import DeliveredActivity
from ctassist.geo import queries as geo
from ctassist.library import queries as library
from ctassist.mandates import queries as mandates
from ctassist.reporting import queries as reporting
from ctassist.reporting.builder.text import Progress
from ctassist.training import queries as training
from ctassist.treaties import queries as treaties

if TYPE_CHECKING:  # named for the types only (the funding area is optional)
    from ctassist.funding.queries import DonorTotal
    from ctassist.mandates.models import Resolution


@dataclass
class ReportData:
    """Everything the report is drafted from, for one resolution, period and viewer.

    The contribution fields are ``None`` when the funding area is not installed.
    """

    resolution: Resolution
    start: datetime.date
    end: datetime.date
    paragraphs: list[dict[str, Any]]
    activities: dict[int, DeliveredActivity]
    participants: list[dict[str, Any]]
    states: dict[int, dict[str, Any]]
    ratifications: list[dict[str, Any]]
    publications: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    contributions: list[dict[str, Any]] | None
    pledged: Decimal | None
    donor_totals: list[DonorTotal] | None
    participants_by_activity: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    # (State id, instrument id) -> activities on that instrument for that State, from two years
    # before the period to its end (the assistance an outcome may follow)
    instrument_assistance: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)
    # activity id -> the section key an officer chose for it (``reporting.models.PrimarySection``)
    overrides: dict[int, str] = field(default_factory=dict)
    # State id -> legislative activities for that State, from two years before the period to its end
    legislative_assistance: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    # legislative reviews finalised from two years before the period to its end
    earlier_reviews: list[dict[str, Any]] = field(default_factory=list)
    # published legislation adopted or amended in the period
    laws: list[dict[str, Any]] = field(default_factory=list)
    # enrolments in the period's activities tested before and after the course
    scores: list[dict[str, Any]] = field(default_factory=list)

    @property
    def short(self) -> str:
        return self.resolution.short_symbol


def load(resolution: Resolution, start: datetime.date, end: datetime.date, user: Any, progress: Progress) -> ReportData:
    """Read the records for the report on ``resolution`` over [start, end], as ``user`` may see them."""
    progress(5, "Reading the resolution's operative paragraphs")
    paragraphs = mandates.paragraphs_for_report(resolution)

    progress(15, "Reading the activities delivered in the period")
    activities = assistance.delivered_activities(user, start, end)
    progress(30, "Reading participants, States, ratifications, publications and contributions")
    participants = assistance.participant_counts(user, list(activities))
    by_activity: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in participants:
        by_activity[row["activity_id"]].append(row)
    funding = reporting.funding if reporting.funding_available() else None
    laws = library.legislation_changed(user, start, end)
    since = two_years_before(start)
    state_ids = {s for a in activities.values() for s in a.states} | {r["state_id"] for r in participants}
    return ReportData(
        resolution=resolution,
        start=start,
        end=end,
        paragraphs=paragraphs,
        activities=activities,
        participants=participants,
        participants_by_activity=by_activity,
        states=geo.states_by_id(state_ids | {law["state_id"] for law in laws}),
        ratifications=treaties.consents_given(user, start, end),
        publications=library.publications_issued(user, start, end),
        reviews=library.reviews_finalised(user, start, end),
        contributions=funding.received_contributions(user, start, end) if funding else None,
        pledged=funding.pledged_total(user, start, end) if funding else None,
        donor_totals=funding.contributions_received(user, start, end) if funding else None,
        instrument_assistance=assistance.assistance_on_instruments(user, since, end),
        overrides=reporting.primary_sections(user),
        legislative_assistance=assistance.legislative_assistance(user, since, end) if laws else {},
        earlier_reviews=library.reviews_finalised(user, since, end) if laws else [],
        laws=laws,
        scores=training.test_scores(user, list(activities)),
    )


def two_years_before(day: datetime.date) -> datetime.date:
    """The same day two years earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 2)
    except ValueError:
        return day.replace(year=day.year - 2, day=28)
