"""Read-only computations of the funding area, for pages, the API and the Secretary-General's report.

Stable interface (the reporting area calls these): ``contributions_received``, ``project_delivery``,
``funding_by_theme``, ``funding_by_region``, ``totals_by_status``. Every function takes the user
and reads through the permission policy, so a figure never includes rows the user may not see.

Counting rules, stated once and repeated in each docstring:

- **Pledges are never counted as received.** "Received" counts the receipts (instalments) of
  financial contributions, each dated by its own day and in USD at its own rate of the day; a
  contribution partly received counts what has arrived. In-kind support counts when received.
- Money totals are in USD, from the ``usd_amount`` stored when the contribution was entered
  (the rate of that day); in-kind support is counted apart (``in_kind_usd``), never added to cash.
- Each function runs a fixed number of SQL queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ctassist.core.policy import VIEW, allows
from ctassist.funding.choices import RECEIVING, ContributionKind, ContributionStatus
from ctassist.funding.models import CENT, ActivityCharge, Contribution, ContributionStep, Project
from ctassist.geo.choices import RegionalGroup

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=18, decimal_places=2)


def _period(field: str, start: datetime.date | None, end: datetime.date | None) -> Q:
    q = Q()
    if start:
        q &= Q(**{f"{field}__gte": start})
    if end:
        q &= Q(**{f"{field}__lte": end})
    return q


# -- contributions -------------------------------------------------------------------------------


def _receipts(user: Any, start: datetime.date | None, end: datetime.date | None):
    """The receipts (instalments) of financial contributions the user may see, dated in [start, end]."""
    return ContributionStep.objects.filter(
        Q(status__in=RECEIVING, contribution__kind=ContributionKind.FINANCIAL) & _period("on", start, end),
        contribution__in=Contribution.objects.restrict(user, VIEW),
    ).order_by()


@dataclass(frozen=True)
class DonorTotal:
    """One row of ``contributions_received``."""

    donor_id: int
    donor: str
    usd: Decimal
    count: int
    in_kind_count: int
    in_kind_usd: Decimal


def contributions_received(user: Any, start: datetime.date | None, end: datetime.date | None) -> list[DonorTotal]:
    """Contributions **received** within [start, end] (both inclusive; ``None`` leaves that side
    open), by donor, largest first.

    ``usd`` sums the receipts (instalments) of financial contributions dated in the period, each
    at the rate of its own day, and ``count`` counts the contributions they belong to; in-kind
    support received in the period is counted apart (``in_kind_count`` and its estimated value
    ``in_kind_usd`` where known). Pledged and committed amounts are never counted. Rows are those
    the user may see (UNODC: all; a donor: its own). Two queries.
    """
    receipts = (
        _receipts(user, start, end)
        .values("contribution__donor_id", "contribution__donor__organisation__name")
        .annotate(usd=Sum("usd_amount"), count=Count("contribution_id", distinct=True))
        .order_by()
    )
    in_kind = (
        Contribution.objects.restrict(user, VIEW)
        .filter(
            Q(status=ContributionStatus.RECEIVED, kind=ContributionKind.IN_KIND) & _period("received_on", start, end)
        )
        .values("donor_id", "donor__organisation__name")
        .annotate(n=Count("id"), usd=Coalesce(Sum("in_kind_value_usd"), Value(ZERO), output_field=MONEY))
        .order_by()
    )
    rows: dict[int, dict[str, Any]] = {}
    for r in receipts:
        rows[r["contribution__donor_id"]] = {"donor": r["contribution__donor__organisation__name"], "usd": r["usd"] or ZERO,
                                             "count": r["count"], "in_kind_count": 0, "in_kind_usd": ZERO}  # fmt: skip
    for r in in_kind:
        row = rows.setdefault(r["donor_id"], {"donor": r["donor__organisation__name"], "usd": ZERO, "count": 0})
        row.update(in_kind_count=r["n"], in_kind_usd=r["usd"])
    totals = [DonorTotal(donor_id=k, **v) for k, v in rows.items()]
    return sorted(totals, key=lambda t: (-t.usd, t.donor))


@dataclass(frozen=True)
class DonorYear:
    """One row of ``received_by_donor_and_year``: what one donor's instalments brought in one year."""

    donor_id: int
    donor: str
    year: int
    usd: Decimal
    receipts: int
    by_currency: dict[str, Decimal]  # the amounts received in each currency, before conversion


def received_by_donor_and_year(user: Any) -> list[DonorYear]:
    """Financial contributions received, by donor and calendar year of each receipt: the USD sum of
    the instalments (each at the exchange rate of its day), their number, and the amounts in each
    currency as received. The rows add up exactly to the receipts the user may see. One query."""
    steps = (
        ContributionStep.objects.filter(
            status__in=RECEIVING,
            contribution__kind=ContributionKind.FINANCIAL,
            contribution__in=Contribution.objects.restrict(user, VIEW),
        )
        .select_related("contribution__donor__organisation")
        .order_by("on", "id")
    )
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for step in steps:
        donor = step.contribution.donor
        row = rows.setdefault((donor.pk, step.on.year),
                              {"donor": donor.organisation.name, "usd": ZERO, "receipts": 0, "by_currency": {}})  # fmt: skip
        row["usd"] += step.usd_amount or ZERO
        row["receipts"] += 1
        currency = step.contribution.currency
        row["by_currency"][currency] = row["by_currency"].get(currency, ZERO) + (step.amount or ZERO)
    return sorted((DonorYear(donor_id=k[0], year=k[1], **v) for k, v in rows.items()), key=lambda r: (r.donor, r.year))


def totals_by_status(queryset) -> list[dict[str, Any]]:
    """For an already restricted and filtered contribution queryset: one row per status
    (pledged, committed, received, in that order, all present) with ``usd`` (financial, USD
    equivalent), ``count`` and ``in_kind_usd``. Each row counts **only its own status**: a
    pledge is never in the received row. One query."""
    found = {
        r["status"]: r
        for r in queryset.order_by()
        .values("status")
        .annotate(
            usd=Coalesce(Sum("usd_amount", filter=Q(kind=ContributionKind.FINANCIAL)), Value(ZERO), output_field=MONEY),
            count=Count("id"),
            in_kind_usd=Coalesce(Sum("in_kind_value_usd"), Value(ZERO), output_field=MONEY),
        )
    }
    return [
        {
            "status": status.value,
            "label": status.label,
            "usd": found.get(status.value, {}).get("usd", ZERO),
            "count": found.get(status.value, {}).get("count", 0),
            "in_kind_usd": found.get(status.value, {}).get("in_kind_usd", ZERO),
        }
        for status in ContributionStatus
    ]


# -- projects ------------------------------------------------------------------------------------


def project_list_queryset():
    """Projects with ``charged_usd`` (sum charged to activities) and ``activity_count`` annotated
    by subqueries (no row multiplication, one query for any number of projects)."""
    charged = (
        ActivityCharge.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount_usd"))
        .values("total")
    )
    counted = (
        ActivityCharge.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Project.objects.prefetch_related("themes", "states").annotate(
        charged_usd=Coalesce(Subquery(charged, output_field=MONEY), Value(ZERO), output_field=MONEY),
        activity_count=Coalesce(Subquery(counted), Value(0)),
    )


@dataclass(frozen=True)
class Delivery:
    """Delivery against budget of one project (see ``project_delivery``)."""

    budget_usd: Decimal
    charged_usd: Decimal
    activity_count: int
    delivery_rate: Decimal | None  # charged / budget, as a percentage
    received_usd: Decimal | None  # None: the user may not see the project's contributions
    received_rate: Decimal | None
    committed_usd: Decimal | None  # committed and not yet received
    pledged_usd: Decimal | None  # pledged only: shown, never counted as received
    unfunded_usd: Decimal | None = None  # budget less received and committed (never below zero)


def _pct(part: Decimal | None, whole: Decimal) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def project_delivery(user: Any, project: Project) -> Delivery | None:
    """Delivery against budget of ``project``: ``None`` if the user may not see the project.

    - ``charged_usd``: everything charged to activities (all the project's charges: a
      project-level figure anyone who sees the project may read), and its share of the budget.
    - ``received_usd``: the receipts of financial contributions earmarked to the project (each
      instalment at the rate of its day) — only for users who may see **every** contribution to
      it (UNODC); a donor or a State sees ``None`` so that no donor's amount is disclosed to
      another. Likewise ``committed_usd`` (what remains to arrive of committed and partly
      received contributions, at the rate they were entered with), ``pledged_usd`` (pledged only,
      never counted as received) and ``unfunded_usd`` (the budget less received and committed,
      never below zero). Cancelled contributions count only for what they brought before.

    Two queries (four for UNODC).
    """
    if not allows(user, VIEW, project):
        return None
    charges = ActivityCharge.objects.filter(project=project).aggregate(total=Sum("amount_usd"), n=Count("id"))
    charged = charges["total"] or ZERO
    received = committed = pledged = unfunded = None
    contributions = Contribution.objects.filter(project=project, kind=ContributionKind.FINANCIAL)
    if _sees_all(user):
        received = (
            ContributionStep.objects.filter(contribution__in=contributions, status__in=RECEIVING).aggregate(
                total=Sum("usd_amount")
            )["total"]
            or ZERO
        )
        pledged = contributions.filter(status=ContributionStatus.PLEDGED).aggregate(total=Sum("usd_amount"))["total"]
        pledged = pledged or ZERO
        committed = ZERO
        open_ = contributions.filter(
            status__in=(ContributionStatus.COMMITTED, ContributionStatus.PARTLY_RECEIVED)
        ).annotate(arrived=Coalesce(Sum("steps__amount", filter=Q(steps__status__in=RECEIVING)), Value(ZERO),
                                    output_field=MONEY))  # fmt: skip
        for c in open_:
            committed += ((Decimal(c.amount) - c.arrived) * Decimal(c.usd_rate)).quantize(CENT)
        unfunded = max(Decimal(project.budget_usd) - received - committed, ZERO)
    return Delivery(
        budget_usd=project.budget_usd,
        charged_usd=charged,
        activity_count=charges["n"],
        delivery_rate=_pct(charged, project.budget_usd),
        received_usd=received,
        received_rate=_pct(received, project.budget_usd),
        committed_usd=committed,
        pledged_usd=pledged,
        unfunded_usd=unfunded,
    )


def _sees_all(user: Any) -> bool:
    from ctassist.core.policy import ALL, policy_for

    return policy_for(Contribution).scope(user, VIEW) is ALL


# -- by theme, by region -------------------------------------------------------------------------


def funding_by_theme(
    user: Any, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Per theme of the taxonomy (every theme, in taxonomy order):

    - ``earmarked_received_usd``: receipts of financial contributions earmarked to that theme,
      received in [start, end] (pledges and commitments never counted);
    - ``charged_usd``: amounts charged to activities carrying that theme, charged in
      [start, end]. An activity with several themes counts in full under each of them, so
      this column does not add up to the total charged.

    Only rows the user may see. Three queries.
    """
    from ctassist.assistance.models import Theme

    earmarked = dict(
        _receipts(user, start, end)
        .filter(contribution__theme__isnull=False)
        .values_list("contribution__theme__code")
        .annotate(total=Sum("usd_amount"))
    )
    charged = dict(
        ActivityCharge.objects.restrict(user, VIEW)
        .filter(_period("charged_on", start, end) & Q(activity__themes__isnull=False))
        .order_by()
        .values_list("activity__themes__code")
        .annotate(total=Sum("amount_usd"))
    )
    return [
        {
            "theme": theme.code,
            "label": theme.label,
            "earmarked_received_usd": earmarked.get(theme.code) or ZERO,
            "charged_usd": charged.get(theme.code) or ZERO,
        }
        for theme in Theme.objects.order_by("position")
    ]


def funding_by_region(
    user: Any, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Per UN regional group (the five groups, in their order):

    - ``earmarked_received_usd``: receipts of financial contributions earmarked to that regional
      group, received in [start, end];
    - ``charged_usd``: amounts charged (in [start, end]) to activities concerning at least one
      State of the group — each activity once per group; an activity concerning States of two
      groups counts under both. Global activities with no State count under none.

    Only rows the user may see. Six queries (one per group plus one).
    """
    from ctassist.assistance.models import Activity

    earmarked = dict(
        _receipts(user, start, end)
        .exclude(contribution__region="")
        .values_list("contribution__region")
        .annotate(total=Sum("usd_amount"))
    )
    charges = ActivityCharge.objects.restrict(user, VIEW).filter(_period("charged_on", start, end))
    rows = []
    for group in RegionalGroup:
        if group == RegionalGroup.NONE:
            continue
        in_group = Activity.objects.filter(states__regional_group=group).values("pk")
        total = charges.filter(activity_id__in=in_group).aggregate(total=Sum("amount_usd"))["total"]
        rows.append(
            {
                "region": group.value,
                "label": group.label,
                "earmarked_received_usd": earmarked.get(group.value) or ZERO,
                "charged_usd": total or ZERO,
            }
        )
    return rows


# -- the rows behind the report's figures (the reporting area composes these). Same rules as above:
# received only, dated by ``received_on``; pledges apart.


def received_contributions(user: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Each contribution received in [start, end], by donor name then date (one query).

    Row: id, kind, received_on, usd_amount, in_kind_value_usd, donor__organisation__name, and
    ``financial`` / ``in_kind`` (booleans, so callers need not know the kind codes).
    """
    rows = list(
        Contribution.objects.restrict(user, VIEW)
        .filter(status=ContributionStatus.RECEIVED, received_on__range=(start, end))
        .values("id", "kind", "received_on", "usd_amount", "in_kind_value_usd", "donor__organisation__name")
        .order_by("donor__organisation__name", "received_on", "id")
    )
    for row in rows:
        row["financial"] = row["kind"] == ContributionKind.FINANCIAL
        row["in_kind"] = row["kind"] == ContributionKind.IN_KIND
    return rows


def pledged_total(user: Any, start: datetime.date, end: datetime.date) -> Decimal:
    """USD pledged in [start, end] and still at the pledge stage: for the record, never counted as received."""
    total = (
        Contribution.objects.restrict(user, VIEW)
        .filter(status=ContributionStatus.PLEDGED, pledged_on__range=(start, end))
        .aggregate(t=Sum("usd_amount"))["t"]
    )
    return total or Decimal(0)


def received_by_donor(user: Any) -> list[dict[str, Any]]:
    """All contributions received, by donor, largest cash total first: donor, usd, in_kind_usd (one query)."""
    return [
        {"donor": r["donor__organisation__name"], "usd": r["usd"], "in_kind_usd": r["in_kind"]}
        for r in Contribution.objects.restrict(user, VIEW)
        .filter(status=ContributionStatus.RECEIVED)
        .values("donor__organisation__name")
        .annotate(usd=Sum("usd_amount"), in_kind=Sum("in_kind_value_usd"))
        .order_by("-usd")
    ]


def chargeable_projects(user: Any) -> list[tuple[int, str]]:
    """The projects ``user`` may charge an activity to, as (id, "code title"), for the activity form."""
    from ctassist.core.policy import ADD, may

    if user is not None and not may(user, ADD, ActivityCharge):
        return []
    projects = Project.objects.all() if user is None else Project.objects.restrict(user, VIEW)
    return [(p.pk, f"{p.code} {p.title}") for p in projects.order_by("code").only("pk", "code", "title")]


def paying_project(activity: Any) -> int | None:
    """The project that pays for ``activity`` (the first charged), or None."""
    return ActivityCharge.objects.filter(activity=activity).order_by("id").values_list("project_id", flat=True).first()
