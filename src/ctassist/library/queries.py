"""Read-only computations for review pages, the gap report and the comparison across States."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ctassist.library.choices import Incorporation, LegislationStatus, ReviewStatus
from ctassist.library.models import LegislativeReview, ReviewItem
from ctassist.treaties.choices import Status
from ctassist.treaties.models import Participation

GAP_STATUSES = (Incorporation.NOT, Incorporation.PARTLY, Incorporation.UNASSESSED)


@dataclass
class InstrumentGaps:
    instrument: Any
    items: list[ReviewItem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def na(self) -> int:
        return self.counts.get(Incorporation.NOT_APPLICABLE, 0)

    @property
    def gaps(self) -> list[ReviewItem]:
        return [i for i in self.items if i.status in GAP_STATUSES]


def gap_report(review: LegislativeReview) -> list[InstrumentGaps]:
    """Per instrument: every item and its status counts; ``gaps`` are the items not fully incorporated."""
    groups: dict[int, InstrumentGaps] = {}
    items = review.items.select_related("instrument").prefetch_related("provisions__legislation")
    for item in items:
        group = groups.setdefault(item.instrument_id, InstrumentGaps(item.instrument))
        group.items.append(item)
        group.counts[item.status or "unassessed"] += 1
    return sorted(groups.values(), key=lambda g: g.instrument.position)


def latest_reviews(user: Any, *, final_only: bool = True) -> dict[int, LegislativeReview]:
    """The latest review of each State the user may see (final ones by default)."""
    reviews = (
        LegislativeReview.objects.restrict(user).select_related("state").order_by("state_id", "-finalised_on", "-pk")
    )
    if final_only:
        reviews = reviews.filter(status=ReviewStatus.FINAL)
    latest: dict[int, LegislativeReview] = {}
    for review in reviews:
        latest.setdefault(review.state_id, review)
    return latest


@dataclass
class Comparison:
    instrument: Any
    item_key: str
    rows: list[tuple[Any, str, bool]]  # (State, status, is party)
    counts: dict[str, int]
    parties_reviewed: int
    parties_incorporating: int


def compare(user: Any, instrument: Any, item_key: str) -> Comparison:
    """How each reviewed State stands on one checklist item (latest final review per State)."""
    latest = latest_reviews(user)
    items = ReviewItem.objects.filter(review_id__in=[r.pk for r in latest.values()], item_key=item_key).select_related(
        "review__state"
    )
    parties = set(
        Participation.objects.restrict(user)
        .filter(instrument=instrument, status=Status.PARTY)
        .values_list("state_id", flat=True)
    )
    rows = sorted(
        ((i.review.state, i.status or "unassessed", i.review.state_id in parties) for i in items),
        key=lambda r: r[0].name,
    )
    counts: dict[str, int] = defaultdict(int)
    for _state, status, _party in rows:
        counts[status] += 1
    return Comparison(
        instrument=instrument,
        item_key=item_key,
        rows=rows,
        counts=dict(counts),
        parties_reviewed=sum(1 for r in rows if r[2]),
        parties_incorporating=sum(1 for r in rows if r[2] and r[1] == Incorporation.FULLY),
    )


# -- the read API other areas compose (the reporting area). Each function reads through the policy
# for ``user`` and returns plain data.

# The checklist findings a report counts as gaps: provisions not, or only partly, incorporated.
REPORTED_GAP_STATUSES = (Incorporation.NOT, Incorporation.PARTLY)


def publications_issued(user: Any, start: Any, end: Any) -> list[dict[str, Any]]:
    """Publications issued in the calendar years of [start, end]: id, title, year, kind, themes (one query)."""
    from ctassist.library.models import Publication  # this area's own model, not imported above

    return list(
        Publication.objects.restrict(user)
        .filter(year__gte=start.year, year__lte=end.year)
        .values("id", "title", "year", "kind", "themes")
        .order_by("-year", "title")
    )


def reviews_finalised(user: Any, start: Any, end: Any) -> list[dict[str, Any]]:
    """Legislative reviews finalised in [start, end], with ``gaps``: how many items they found to be gaps."""
    from django.db.models import Count, Q

    return list(
        LegislativeReview.objects.restrict(user)
        .filter(status=ReviewStatus.FINAL, finalised_on__range=(start, end))
        .annotate(gaps=Count("items", filter=Q(items__status__in=REPORTED_GAP_STATUSES)))
        .values("id", "title", "state_id", "state__name", "finalised_on", "gaps")
        .order_by("finalised_on", "id")
    )


def legislation_changed(user: Any, start: Any, end: Any) -> list[dict[str, Any]]:
    """Published legislation adopted or last amended in [start, end]: id, title, kind, state_id,
    adopted_on, amended_on, in date order (one query)."""
    from django.db.models import Q

    from ctassist.library.models import Legislation  # this area's own model, not imported above

    return list(
        Legislation.objects.restrict(user)
        .filter(status=LegislationStatus.PUBLISHED)
        .filter(Q(adopted_on__range=(start, end)) | Q(amended_on__range=(start, end)))
        .values("id", "title", "kind", "state_id", "adopted_on", "amended_on")
        .order_by("state__name", "id")
    )


def state_library(user: Any, state: Any, *, listed: int = 100) -> dict[str, Any]:
    """A State's library records as ``user`` may see them: reviews (latest first), the gaps the latest
    found, legislation and case law (fixed queries)."""
    from ctassist.library.models import CaseLaw, Legislation  # this area's own models, not imported above

    reviews = list(
        LegislativeReview.objects.restrict(user).filter(state=state).order_by("-finalised_on", "-created_at")
    )
    gaps = []
    if reviews:
        gaps = list(
            ReviewItem.objects.filter(review=reviews[0], status__in=REPORTED_GAP_STATUSES)
            .select_related("instrument")
            .order_by("instrument__position", "position")
            .values("instrument__short_name", "article", "requirement", "status")
        )
    return {
        "reviews": [
            {"id": r.pk, "title": r.title, "status": r.get_status_display(), "finalised_on": r.finalised_on}
            for r in reviews
        ],
        "gaps": gaps,
        "legislation": list(
            Legislation.objects.restrict(user).filter(state=state).values("id", "title", "kind", "adopted_on")[:listed]
        ),
        "cases": list(
            CaseLaw.objects.restrict(user).filter(state=state).values("id", "title", "court", "decided_on")[:listed]
        ),
        "demo": Legislation.objects.restrict(user).filter(state=state, is_demo=True).exists()
        or CaseLaw.objects.restrict(user).filter(state=state, is_demo=True).exists(),
    }
