"""Read-side queries of the needs area: the list, the overviews, the funding gap.

Every list is built from a fixed number of queries whatever the number of needs (counts are
subqueries, themes are prefetched), so pages and endpoints stay flat as the data grows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ctassist.assistance.choices import RequestStatus
from ctassist.assistance.models import AssistanceRequest, Theme
from ctassist.geo.choices import RegionalGroup
from ctassist.needs.choices import ACTIVE_STATUSES
from ctassist.needs.models import AssessmentAnswer, FollowUp, Need, SelfAssessment, SharingDecision

# Aggregates shown to donors keep cells this small hidden, so no single need can be picked out.
SMALLEST_SHOWN = 3
# Requests accepted by UNODC and not yet delivered: waiting for the means to deliver.
ACCEPTED_REQUESTS = (RequestStatus.ACCEPTED, RequestStatus.PLANNED)


def _count(through: Any) -> Any:
    rows = through.objects.filter(need_id=OuterRef("pk")).values("need_id").annotate(n=Count("*")).values("n")[:1]
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def unanswered() -> Q:
    """Needs that no request and no activity answers yet."""
    return ~Q(Exists(Need.requests.through.objects.filter(need_id=OuterRef("pk")))) & ~Q(
        Exists(Need.activities.through.objects.filter(need_id=OuterRef("pk")))
    )


def need_list_queryset() -> QuerySet:
    """Needs with their State, themes and how many requests and activities answer each."""
    queryset: Any = Need.objects.select_related("state").prefetch_related("themes")
    return queryset.annotate(
        request_count=_count(Need.requests.through), activity_count=_count(Need.activities.through)
    ).order_by("-id")  # the order of entry, on the primary key's index


def need_detail_queryset() -> QuerySet:
    return Need.objects.select_related("state", "review", "review_item", "source_request").prefetch_related(
        "themes", "instruments", "shared_with"
    )


def self_assessments() -> QuerySet:
    """Self-assessments with their State and instrument, and their answers for the counts."""
    return SelfAssessment.objects.select_related("state", "instrument", "review").prefetch_related("answers")


def assessment_answers() -> QuerySet:
    return AssessmentAnswer.objects.prefetch_related("provisions")


def follow_ups() -> QuerySet:
    return FollowUp.objects.select_related("need")


def sharing_log() -> QuerySet:
    return SharingDecision.objects.select_related("organisation")


def by_theme_and_region(needs: QuerySet) -> dict[str, Any]:
    """Counts of ``needs`` (already restricted to the user) per theme and regional group."""
    groups = list(RegionalGroup)
    cells: dict[tuple[int, str], int] = {}
    for row in (
        Need.themes.through.objects.filter(need_id__in=needs.values("pk"))
        .values("theme_id", "need__state__regional_group")
        .annotate(n=Count("need_id", distinct=True))
    ):
        cells[(row["theme_id"], row["need__state__regional_group"])] = row["n"]
    rows = []
    for theme in Theme.objects.order_by("position"):
        counts = [cells.get((theme.pk, g.value), 0) for g in groups]
        if any(counts):
            rows.append({"theme": theme, "counts": counts, "total": sum(counts)})
    return {"groups": groups, "rows": rows}


@dataclass
class GapCell:
    count: int

    @property
    def shown(self) -> bool:
        return self.count == 0 or self.count >= SMALLEST_SHOWN


def _unfunded_needs() -> QuerySet:
    # No activity answering the need is charged to a funding project (funding's table, by its relation name).
    funded = Need.activities.through.objects.filter(need_id=OuterRef("pk"), activity__funding_charges__isnull=False)
    return Need.objects.filter(status__in=ACTIVE_STATUSES).filter(~Q(Exists(funded)))


def _unfunded_requests() -> QuerySet:
    funded = AssistanceRequest.activities.through.objects.filter(
        assistancerequest_id=OuterRef("pk"), activity__funding_charges__isnull=False
    )
    return AssistanceRequest.objects.filter(status__in=ACCEPTED_REQUESTS).filter(~Q(Exists(funded)))


def funding_gap() -> dict[str, Any]:
    """What waits for funding, as counts by theme and by regional group, never as records.

    Every need and every accepted request counts (confidential ones too), but only as numbers in
    cells of at least :data:`SMALLEST_SHOWN`: no title, no State, nothing a single record can be
    read from.
    """
    groups = list(RegionalGroup)
    out: dict[str, Any] = {"groups": groups, "smallest": SMALLEST_SHOWN}
    for key, queryset, through, fk in (
        ("needs", _unfunded_needs(), Need.themes.through, "need"),
        ("requests", _unfunded_requests(), AssistanceRequest.themes.through, "assistancerequest"),
    ):
        by_theme: dict[int, int] = defaultdict(int)
        for row in through.objects.filter(**{f"{fk}_id__in": queryset.values("pk")}).values("theme_id").annotate(
            n=Count(f"{fk}_id", distinct=True)
        ):  # fmt: skip
            by_theme[row["theme_id"]] = row["n"]
        by_region = {
            row["state__regional_group"]: row["n"]
            for row in queryset.order_by().values("state__regional_group").annotate(n=Count("pk"))
        }
        out[key] = {
            "total": GapCell(queryset.count()),
            "themes": [(t, GapCell(by_theme[t.pk])) for t in Theme.objects.order_by("position") if by_theme[t.pk]],
            "regions": [(g, GapCell(by_region.get(g.value, 0))) for g in groups],
        }
    return out


def state_needs(user: Any, state: Any) -> dict[str, Any] | None:
    """A State's identified needs by status, for its country profile; ``None`` to those who may see none.

    CTED-sourced needs stay with UNODC and the State (the policy decides), so the counts are of what the
    reader may see.
    """
    from ctassist.core.policy import VIEW, may
    from ctassist.needs.choices import NeedStatus
    from ctassist.needs.models import Need

    if not may(user, VIEW, Need):
        return None
    counts = dict(
        Need.objects.restrict(user, VIEW).filter(state=state).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {
        "total": sum(counts.values()),
        "by_status": [(NeedStatus(s).label, counts[s]) for s in NeedStatus.values if counts.get(s)],
    }
