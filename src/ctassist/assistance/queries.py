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
        AssistanceRequest.objects.select_related("state", "assigned_officer")
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


def needs_action_order(user: Any) -> Case:
    """0: submitted and nobody's yet; 1: assigned to ``user``; 2: the rest (the queue's first key)."""
    return Case(
        When(status=RequestStatus.SUBMITTED, assigned_officer__isnull=True, then=Value(0)),
        When(assigned_officer_id=getattr(user, "pk", None), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def status_counts(queryset) -> list[tuple[str, Any, int]]:
    """``(status, label, how many)`` for each status of ``queryset`` (one query), in workflow order."""
    found = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return [(value, label, found[value]) for value, label in RequestStatus.choices if found.get(value)]


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


# -- the read API other areas compose (the reporting area: the Secretary-General's report, dashboards,
# country profiles). Each function reads through the policy for ``user`` and returns plain data.

# What counts as delivered, and which activity types are legislative assistance.
DELIVERED_STATUSES = (ActivityStatus.COMPLETED,)
LEGISLATIVE_TYPES = ("legislative_drafting", "legislative_review")


def mandate_links(text: str) -> set[tuple[str, int]]:
    """The (``74/175``, 12) pairs a request's ``mandate_refs`` names.

    Accepted: "A/RES/74/175 op 12", "74/175 OP 12", "A/RES/74/175, para. 12", "A/RES/74/175 paragraph 12".
    """
    import re  # only this function parses references

    pattern = re.compile(r"(?:A/RES/)?(\d+/\d+)\s*,?\s*(?:op|para(?:graph)?\.?)\s*(\d+)", re.IGNORECASE)
    return {(m.group(1), int(m.group(2))) for m in pattern.finditer(text or "")}


@dataclass
class DeliveredActivity:
    """An activity delivered in a period, with its theme codes, State ids and explicit mandate links."""

    id: int
    title: str
    type: str
    start_date: datetime.date
    end_date: datetime.date
    outputs: str
    themes: set[str] = field(default_factory=set)
    states: list[int] = field(default_factory=list)
    links: set[tuple[str, int]] = field(default_factory=set)


def delivered_activities(user: Any, start: datetime.date, end: datetime.date) -> dict[int, DeliveredActivity]:
    """Activities delivered that started in [start, end], by id in start order (4 queries).

    States are in name order; ``links`` are the paragraphs the requests an activity answers name.
    """
    qs = Activity.objects.restrict(user, VIEW).filter(status__in=DELIVERED_STATUSES, start_date__range=(start, end))
    rows = {
        r["id"]: DeliveredActivity(**r)
        for r in qs.values("id", "title", "type", "start_date", "end_date", "outputs").order_by("start_date", "id")
    }
    ids = qs.values("id")
    for activity_id, code in Activity.themes.through.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "theme__code"
    ):
        rows[activity_id].themes.add(code)
    for activity_id, state_id in (
        Activity.states.through.objects.filter(activity_id__in=ids)
        .order_by("state__name")
        .values_list("activity_id", "state_id")
    ):
        rows[activity_id].states.append(state_id)
    for activity_id, refs in (
        Activity.requests.through.objects.filter(activity_id__in=ids)
        .exclude(assistancerequest__mandate_refs="")
        .values_list("activity_id", "assistancerequest__mandate_refs")
    ):
        rows[activity_id].links |= mandate_links(refs)
    return rows


def assistance_on_instruments(
    user: Any, start: datetime.date, end: datetime.date
) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """Activities delivered that started in [start, end] answering a request that names an instrument.

    Keyed by (the request's State id, instrument id); each value lists the activities (id, title,
    start_date) in start order, each once (one query).
    """
    qs = Activity.objects.restrict(user, VIEW).filter(status__in=DELIVERED_STATUSES, start_date__range=(start, end))
    found: dict[tuple[int, int], dict[int, dict[str, Any]]] = defaultdict(dict)
    for activity_id, title, started, state_id, instrument_id in (
        Activity.requests.through.objects.filter(
            activity_id__in=qs.values("id"), assistancerequest__instruments__isnull=False
        )
        .values_list(
            "activity_id",
            "activity__title",
            "activity__start_date",
            "assistancerequest__state_id",
            "assistancerequest__instruments",
        )
        .order_by("activity__start_date", "activity_id")
    ):
        found[(state_id, instrument_id)][activity_id] = {"id": activity_id, "title": title, "start_date": started}
    return {key: list(rows.values()) for key, rows in found.items()}


def legislative_assistance(user: Any, start: datetime.date, end: datetime.date) -> dict[int, list[dict[str, Any]]]:
    """Legislative drafting and review activities delivered that started in [start, end], by State id.

    Each value lists the activities (id, title, start_date) in start order (one query); the report
    reads the laws adopted or amended after them as outcomes.
    """
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for activity_id, title, started, state_id in (
        Activity.states.through.objects.filter(
            activity__in=Activity.objects.restrict(user, VIEW).filter(
                status__in=DELIVERED_STATUSES, type__in=LEGISLATIVE_TYPES, start_date__range=(start, end)
            )
        )
        .values_list("activity_id", "activity__title", "activity__start_date", "state_id")
        .order_by("activity__start_date", "activity_id")
    ):
        found[state_id].append({"id": activity_id, "title": title, "start_date": started})
    return dict(found)


def participant_counts(user: Any, activity_ids: list[int]) -> list[dict[str, Any]]:
    """The participant-count rows of these activities: id, activity_id, state_id, sex, agency, count (one query)."""
    return list(
        ParticipantCount.objects.restrict(user, VIEW)
        .filter(activity_id__in=activity_ids)
        .values("id", "activity_id", "state_id", "sex", "agency", "count")
        .order_by("id")
    )


def delivered_by_theme_and_region(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    """Delivered activities per theme (labels, in the themes' order) and M49 region of their States (series)."""
    from collections import Counter  # only the grouping below counts

    visible = Activity.objects.restrict(user, VIEW).filter(status__in=DELIVERED_STATUSES).values("id")
    themes = dict(Theme.objects.values_list("code", "label"))
    pairs = (
        Activity.themes.through.objects.filter(activity_id__in=visible)
        .values_list("activity_id", "theme__code")
        .order_by()
    )
    regions = (
        Activity.states.through.objects.filter(activity_id__in=visible)
        .values_list("activity_id", "state__m49_region")
        .order_by()
    )
    region_of: dict[int, set[str]] = defaultdict(set)
    for activity_id, region in regions:
        region_of[activity_id].add(region)
    counts: dict[str, Counter] = defaultdict(Counter)
    for activity_id, code in pairs:
        for region in region_of.get(activity_id) or {"(no State)"}:
            counts[code][region] += 1
    codes = [c for c in themes if c in counts]
    all_regions = sorted({r for c in counts.values() for r in c})
    return [themes[c] for c in codes], {r: [counts[c][r] for c in codes] for r in all_regions}


def trained_by_year_and_sex(user: Any) -> dict[int, dict[str, int]]:
    """Participants of delivered activities: {start year: {sex code: number}} (one query)."""
    from django.db.models.functions import ExtractYear  # only this function groups by year

    rows = (
        ParticipantCount.objects.restrict(user, VIEW)
        .filter(activity__status__in=DELIVERED_STATUSES)
        .annotate(y=ExtractYear("activity__start_date"))
        .values("y", "sex")
        .annotate(n=Sum("count"))
        .order_by("y")
    )
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        by_year[r["y"]][r["sex"]] += r["n"]
    return {year: dict(by_year[year]) for year in sorted(by_year)}


def state_assistance(user: Any, state: Any, *, listed: int = 200) -> dict[str, Any]:
    """A State's assistance as ``user`` may see it: requests by status, delivered activities, people trained."""
    requests = AssistanceRequest.objects.restrict(user, VIEW).filter(state=state)
    by_status = dict(requests.values_list("status").annotate(n=Count("pk")).order_by())
    delivered = Activity.objects.restrict(user, VIEW).filter(states=state, status__in=DELIVERED_STATUSES)
    trained = dict(
        ParticipantCount.objects.restrict(user, VIEW)
        .filter(state=state, activity__status__in=DELIVERED_STATUSES)
        .values_list("sex")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {
        "requests": {"total": sum(by_status.values()), "by_status": by_status},
        "activities": {
            "delivered": delivered.count(),
            "list": list(delivered.values("id", "title", "type", "start_date")[:listed]),
        },
        "trained": {sex.value: trained.get(sex.value, 0) for sex in (Sex.WOMEN, Sex.MEN, Sex.NOT_RECORDED)},
        # Whether any of it is demonstration data (the profile and its documents then say so).
        "demo": requests.filter(is_demo=True).exists()
        or Activity.objects.restrict(user, VIEW).filter(states=state, is_demo=True).exists(),
    }
