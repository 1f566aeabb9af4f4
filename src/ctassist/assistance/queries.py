"""Read-only computations for pages and the API; each runs a fixed number of queries."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from ctassist.assistance.choices import OPEN_STATUSES, ActivityStatus, AgencyType, RequestStatus, Sex
from ctassist.assistance.models import (
    Activity,
    ActivityPartner,
    AssistanceRequest,
    Participant,
    ParticipantCount,
    Theme,
)
from ctassist.core.models import DomainEvent
from ctassist.core.policy import VIEW, may


def review_days() -> int:
    return int(getattr(settings, "CTASSIST_REVIEW_DAYS", 14))


def overdue_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=review_days())


def request_list_queryset():
    """Requests with what the list and work queue show: State, themes, overdue flag, activities."""
    activity_count = (
        Activity.requests.through.objects.filter(assistancerequest_id=OuterRef("pk"))
        .values("assistancerequest_id")
        .annotate(n=Count("pk"))
        .values("n")  # type: ignore[misc]  # django-stubs does not see the annotation through values()
    )
    return (
        AssistanceRequest.objects.select_related("state")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position")))
        .annotate(
            overdue=Case(
                When(status=RequestStatus.SUBMITTED, submitted_at__lt=overdue_cutoff(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            activity_count=Coalesce(Subquery(activity_count, output_field=IntegerField()), 0),
        )
    )


def activity_list_queryset():
    total = (
        ParticipantCount.objects.filter(activity_id=OuterRef("pk"))
        .values("activity_id")
        .annotate(n=Sum("count"))
        .values("n")
    )
    women = (
        ParticipantCount.objects.filter(activity_id=OuterRef("pk"), sex=Sex.WOMEN)
        .values("activity_id")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return Activity.objects.prefetch_related(
        "states", Prefetch("partners", queryset=ActivityPartner.objects.select_related("organisation"))
    ).annotate(
        participant_total=Coalesce(Subquery(total, output_field=IntegerField()), 0),
        women_total=Coalesce(Subquery(women, output_field=IntegerField()), 0),
    )


def timeline(assistance_request: AssistanceRequest) -> list[DomainEvent]:
    content_type = ContentType.objects.get_for_model(AssistanceRequest)
    return list(
        DomainEvent.objects.filter(content_type=content_type, object_id=str(assistance_request.pk)).order_by(
            "timestamp", "id"
        )
    )


@dataclass
class Duplicates:
    requests: list[AssistanceRequest] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


def possible_duplicates(user: Any, assistance_request: AssistanceRequest) -> Duplicates:
    """Open requests of the same State on the same themes, and partner activities planned for
    the same State and themes in an overlapping period (two queries)."""
    theme_ids = [t.pk for t in assistance_request.themes.all()]  # prefetched by the caller
    found = Duplicates()
    if not theme_ids:
        return found
    found.requests = list(
        AssistanceRequest.objects.restrict(user, VIEW)
        .filter(state_id=assistance_request.state_id, status__in=OPEN_STATUSES, themes__in=theme_ids)
        .exclude(pk=assistance_request.pk)
        .distinct()
        .select_related("state")[:20]
    )
    activities = (
        Activity.objects.restrict(user, VIEW)
        .filter(states=assistance_request.state_id, themes__in=theme_ids, partners__isnull=False)
        .exclude(status__in=[ActivityStatus.CANCELLED, ActivityStatus.COMPLETED])
        .exclude(requests=assistance_request)
    )
    start = assistance_request.period_start or timezone.localdate()
    end = assistance_request.period_end or start + datetime.timedelta(days=365)
    activities = activities.filter(start_date__lte=end, end_date__gte=start)
    found.activities = list(
        activities.distinct().prefetch_related(
            Prefetch("partners", queryset=ActivityPartner.objects.select_related("organisation"))
        )[:20]
    )
    return found


@dataclass
class ParticipantTable:
    """Participants of one activity: per State, by sex and by agency type."""

    rows: list[dict[str, Any]]
    totals: dict[str, int]
    agencies: list[tuple[str, Any]]
    sexes: list[tuple[str, Any]]


def participant_table(activity: Activity, counts: list[ParticipantCount]) -> ParticipantTable:
    by_state: dict[int, dict[str, Any]] = {}
    totals: dict[str, int] = defaultdict(int)
    for row in counts:
        entry = by_state.setdefault(
            row.state_id, {"state": row.state, "sex": defaultdict(int), "agency": defaultdict(int), "total": 0}
        )
        entry["sex"][row.sex] += row.count
        entry["agency"][row.agency] += row.count
        entry["total"] += row.count
        totals[row.sex] += row.count
        totals[row.agency] += row.count
        totals["all"] += row.count
    rows = []
    for entry in sorted(by_state.values(), key=lambda e: e["state"].name):
        entry["sex_cells"] = [entry["sex"].get(code, 0) for code in Sex.values]
        entry["agency_cells"] = [entry["agency"].get(code, 0) for code in AgencyType.values]
        rows.append(entry)
    return ParticipantTable(rows=rows, totals=dict(totals), agencies=list(AgencyType.choices), sexes=list(Sex.choices))


def activity_detail(user: Any, activity: Activity) -> dict[str, Any]:
    counts = list(ParticipantCount.objects.restrict(user).filter(activity=activity).select_related("state"))
    table = participant_table(activity, counts)
    context = {
        "requests": list(activity.requests.restrict(user).select_related("state")),
        "states": list(activity.states.all()),
        "themes": list(activity.themes.all()),
        "partners": list(
            ActivityPartner.objects.restrict(user).filter(activity=activity).select_related("organisation")
        ),
        "indicators": list(activity.indicators.restrict(user)),
        "participants": table,
        "total_sex": [table.totals.get(code, 0) for code in Sex.values],
        "total_agency": [table.totals.get(code, 0) for code in AgencyType.values],
        "named": None,
    }
    if may(user, VIEW, Participant):
        context["named"] = list(Participant.objects.restrict(user).filter(activity=activity).select_related("state"))
    return context


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    activities: list[Activity] = field(default_factory=list)


def month_grid(user: Any, year: int, month: int) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of the month, each day with the activities running on it (one query)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    activities = list(
        Activity.objects.restrict(user)
        .filter(start_date__lte=last, end_date__gte=first)
        .exclude(status=ActivityStatus.CANCELLED)
        .order_by("start_date", "title")
        .only("id", "title", "type", "start_date", "end_date", "status", "is_demo", "modality")
    )
    grid = []
    for week in weeks:
        row = []
        for day in week:
            running = [a for a in activities if a.start_date <= day <= a.end_date]
            row.append(CalendarDay(day, day.month == month, running))
        grid.append(row)
    return grid
