"""Read-only computations of the reporting area, each through the policy of the area that owns the rows.

Every function takes the user it computes for and runs a fixed number of queries, whatever the
number of rows: rows are fetched with ``values()`` and grouped in Python.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from ctassist.assistance.choices import ActivityStatus
from ctassist.assistance.models import Activity, AssistanceRequest, ParticipantCount
from ctassist.core.policy import VIEW
from ctassist.geo.models import State
from ctassist.library.choices import ReviewStatus
from ctassist.library.models import CaseLaw, LegislativeReview, Publication, ReviewItem
from ctassist.mandates.models import Paragraph, Resolution
from ctassist.treaties import queries as treaty_queries
from ctassist.treaties.models import Instrument, Participation

DELIVERED = (ActivityStatus.COMPLETED,)
LEGISLATIVE_TYPES = ("legislative_drafting", "legislative_review")

# "A/RES/74/175 op 12", "74/175 OP 12", "A/RES/74/175, para. 12", "A/RES/74/175 paragraph 12"
_REF = re.compile(r"(?:A/RES/)?(\d+/\d+)\s*,?\s*(?:op|para(?:graph)?\.?)\s*(\d+)", re.IGNORECASE)


def mandate_links(text: str) -> set[tuple[str, int]]:
    """The (``74/175``, 12) pairs an assistance ``mandate_refs`` field names."""
    return {(m.group(1), int(m.group(2))) for m in _REF.finditer(text or "")}


# -- the records behind the report ---------------------------------------------------------------


@dataclass
class ActivityRow:
    id: int
    title: str
    type: str
    start_date: datetime.date
    end_date: datetime.date
    outputs: str
    themes: set[str] = field(default_factory=set)
    states: list[int] = field(default_factory=list)
    links: set[tuple[str, int]] = field(default_factory=set)


def delivered_activities(user: Any, start: datetime.date, end: datetime.date) -> dict[int, ActivityRow]:
    """Activities completed that started in the period, with themes, States and mandate links (4 queries)."""
    qs = Activity.objects.restrict(user, VIEW).filter(status__in=DELIVERED, start_date__range=(start, end))
    rows = {
        r["id"]: ActivityRow(**r)
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
    # Explicit links: the requests an activity answers may name the paragraphs that cover them.
    for activity_id, refs in (
        Activity.requests.through.objects.filter(activity_id__in=ids)
        .exclude(assistancerequest__mandate_refs="")
        .values_list("activity_id", "assistancerequest__mandate_refs")
    ):
        rows[activity_id].links |= mandate_links(refs)
    return rows


def states_by_id(ids: set[int] | list[int]) -> dict[int, dict[str, Any]]:
    return {
        s["id"]: s
        for s in State.objects.filter(pk__in=list(ids)).values("id", "name", "iso3", "regional_group").order_by("name")
    }


def participant_rows(user: Any, activity_ids: list[int]) -> list[dict[str, Any]]:
    """Participant-count rows of these activities (one query)."""
    return list(
        ParticipantCount.objects.restrict(user, VIEW)
        .filter(activity_id__in=activity_ids)
        .values("id", "activity_id", "sex", "agency", "count")
        .order_by("id")
    )


def ratifications(user: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Consents to be bound (ratification, accession, acceptance, approval, succession) given in the period."""
    return list(
        Participation.objects.restrict(user, VIEW)
        .filter(consent_date__range=(start, end))
        .values(
            "id",
            "consent_date",
            "consent_kind",
            "state__name",
            "state__iso3",
            "instrument__code",
            "instrument__short_name",
            "instrument__position",
        )
        .order_by("instrument__position", "consent_date", "state__name")
    )


def publications(user: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Publications issued in the years of the period, with their themes."""
    return list(
        Publication.objects.restrict(user, VIEW)
        .filter(year__gte=start.year, year__lte=end.year)
        .values("id", "title", "year", "kind", "themes")
        .order_by("-year", "title")
    )


def finalised_reviews(user: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Legislative reviews finalised in the period, with how many checklist items they found to be gaps."""
    return list(
        LegislativeReview.objects.restrict(user, VIEW)
        .filter(status=ReviewStatus.FINAL, finalised_on__range=(start, end))
        .annotate(gaps=Count("items", filter=Q(items__status__in=["not", "partly"])))
        .values("id", "title", "state__name", "finalised_on", "gaps")
        .order_by("finalised_on", "id")
    )


def funding_available() -> bool:
    try:
        from ctassist.funding.models import Contribution  # noqa: F401
    except ImportError:
        return False
    return True


def contributions_received(user: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]] | None:
    """Contributions received in the period (never pledges); None when the funding area is not installed."""
    if not funding_available():
        return None
    from ctassist.funding.models import Contribution

    return list(
        Contribution.objects.restrict(user, VIEW)
        .filter(status="received", received_on__range=(start, end))
        .values(
            "id",
            "kind",
            "received_on",
            "usd_amount",
            "in_kind_value_usd",
            "donor__organisation__name",
        )
        .order_by("donor__organisation__name", "received_on", "id")
    )


def donor_totals(user: Any, start: datetime.date, end: datetime.date) -> list[Any] | None:
    """The funding area's own totals of contributions received, by donor (``funding.queries``)."""
    try:
        from ctassist.funding.queries import contributions_received as funding_received
    except ImportError:
        return None
    return funding_received(user, start, end)


def contributions_pledged_total(user: Any, start: datetime.date, end: datetime.date) -> Decimal | None:
    """For the record only: pledges made in the period and not yet received (never counted as received)."""
    if not funding_available():
        return None
    from ctassist.funding.models import Contribution

    total = (
        Contribution.objects.restrict(user, VIEW)
        .filter(status="pledged", pledged_on__range=(start, end))
        .aggregate(t=Sum("usd_amount"))["t"]
    )
    return total or Decimal(0)


def report_paragraphs(resolution: Resolution) -> list[dict[str, Any]]:
    """The operative paragraphs a report speaks to (see docs/reporting.md for the rule), with themes (3 queries)."""
    paragraphs = list(
        Paragraph.objects.filter(resolution=resolution, kind="operative")
        .values("id", "number", "text")
        .order_by("position")
    )
    themes: dict[int, list[str]] = defaultdict(list)
    addressees: dict[int, set[str]] = defaultdict(set)
    ids = [p["id"] for p in paragraphs]
    from ctassist.mandates.models import ParagraphAddressee, ParagraphTheme

    for pid, theme in ParagraphTheme.objects.filter(paragraph_id__in=ids).values_list("paragraph_id", "theme"):
        themes[pid].append(theme)
    for pid, who in ParagraphAddressee.objects.filter(paragraph_id__in=ids).values_list("paragraph_id", "addressee"):
        addressees[pid].add(who)
    chosen = []
    for p in paragraphs:
        p["themes"] = sorted(themes[p["id"]])
        p["addressees"] = sorted(addressees[p["id"]])
        who = addressees[p["id"]]
        concerns_unodc = "unodc" in who
        # The Secretary-General's paragraphs concern UNODC's work unless they only ask for this report.
        secretary_general = "secretary-general" in who and set(p["themes"]) != {"reporting"}
        contributions = "contributions" in p["themes"]
        if concerns_unodc or secretary_general or contributions:
            chosen.append(p)
    return chosen


# -- dashboards ----------------------------------------------------------------------------------


def ratifications_by_year(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    rows = (
        Participation.objects.restrict(user, VIEW)
        .exclude(consent_date=None)
        .annotate(y=ExtractYear("consent_date"))
        .values("y", "consent_kind")
        .annotate(n=Count("pk"))
        .order_by("y")
    )
    by_year: dict[int, Counter] = defaultdict(Counter)
    for r in rows:
        kind = "accession" if r["consent_kind"] == "accession" else "ratification"
        by_year[r["y"]][kind] += r["n"]
    if not by_year:
        return [], {}
    years = list(range(min(by_year), max(by_year) + 1))
    return [str(y) for y in years], {
        "Ratifications (incl. acceptance, approval, succession)": [by_year[y]["ratification"] for y in years],
        "Accessions": [by_year[y]["accession"] for y in years],
    }


def activities_by_theme_and_region(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    """Delivered activities per theme (rows) and M49 region of the States concerned (series)."""
    from ctassist.assistance.models import Theme

    visible = Activity.objects.restrict(user, VIEW).filter(status__in=DELIVERED).values("id")
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


def participants_by_sex(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    rows = (
        ParticipantCount.objects.restrict(user, VIEW)
        .filter(activity__status__in=DELIVERED)
        .annotate(y=ExtractYear("activity__start_date"))
        .values("y", "sex")
        .annotate(n=Sum("count"))
        .order_by("y")
    )
    by_year: dict[int, Counter] = defaultdict(Counter)
    for r in rows:
        by_year[r["y"]][r["sex"]] += r["n"]
    years = sorted(by_year)
    return [str(y) for y in years], {
        "Women": [by_year[y]["women"] for y in years],
        "Men": [by_year[y]["men"] for y in years],
        "Not recorded": [by_year[y]["not_recorded"] for y in years],
    }


def contributions_by_donor(user: Any) -> tuple[list[str], dict[str, list[float]]] | None:
    if not funding_available():
        return None
    from ctassist.funding.models import Contribution

    rows = (
        Contribution.objects.restrict(user, VIEW)
        .filter(status="received")
        .values("donor__organisation__name")
        .annotate(usd=Sum("usd_amount"), in_kind=Sum("in_kind_value_usd"))
        .order_by("-usd")
    )
    labels, money, kind = [], [], []
    for r in rows:
        labels.append(r["donor__organisation__name"])
        money.append(float(r["usd"] or 0))
        kind.append(float(r["in_kind"] or 0))
    return labels, {"Financial (USD)": money, "In kind, valued (USD)": kind}


# -- country profiles ----------------------------------------------------------------------------


def country_profile(user: Any, state: State) -> dict[str, Any]:
    """Everything a country profile shows, each part through its own area's policy (fixed queries)."""
    from ctassist.directory.choices import EntryStatus
    from ctassist.directory.models import DirectoryEntry
    from ctassist.library.models import Legislation

    participations = {
        p.instrument_id: p for p in Participation.objects.restrict(user, VIEW).filter(state=state).order_by()
    }
    instruments = []
    instrument_list = list(Instrument.objects.restrict(user, VIEW).order_by("position"))
    sources = treaty_queries.provenances(user, instrument_list)
    for instrument in instrument_list:
        p = participations.get(instrument.pk)
        instruments.append(
            {
                "source": sources[instrument.pk].text,
                "as_at": sources[instrument.pk].as_at,
                "code": instrument.code,
                "name": instrument.short_name,
                "status": p.get_status_display() if p else "—",
                "status_code": p.status if p else "none",
                "signature_date": p.signature_date if p else None,
                "consent_date": p.consent_date if p else None,
                "consent_kind": p.get_consent_kind_display() if p and p.consent_kind else "",
            }
        )
    reviews = list(
        LegislativeReview.objects.restrict(user, VIEW).filter(state=state).order_by("-finalised_on", "-created_at")
    )
    gaps = []
    if reviews:
        latest = reviews[0]
        gaps = list(
            ReviewItem.objects.filter(review=latest, status__in=["not", "partly"])
            .select_related("instrument")
            .order_by("instrument__position", "position")
            .values("instrument__short_name", "article", "requirement", "status")
        )
    requests = AssistanceRequest.objects.restrict(user, VIEW).filter(state=state)
    request_counts = dict(requests.values_list("status").annotate(n=Count("pk")).order_by())
    activities = Activity.objects.restrict(user, VIEW).filter(states=state)
    activity_list = list(activities.filter(status__in=DELIVERED).values("id", "title", "type", "start_date")[:200])
    delivered_total = activities.filter(status__in=DELIVERED).count()
    trained = dict(
        ParticipantCount.objects.restrict(user, VIEW)
        .filter(state=state, activity__status__in=DELIVERED)
        .values_list("sex")
        .annotate(n=Sum("count"))
        .order_by()
    )
    legislation = list(
        Legislation.objects.restrict(user, VIEW).filter(state=state).values("id", "title", "kind", "adopted_on")[:100]
    )
    # Names and types only: contact details stay in the directory, which records every read of them.
    authorities = None
    if DirectoryEntry.objects.restrict(user, VIEW).exists():
        authorities = list(
            DirectoryEntry.objects.restrict(user, VIEW)
            .filter(state=state)
            .exclude(status=EntryStatus.ARCHIVED)
            .values("id", "name", "authority_type", "status")
            .order_by("authority_type", "name")
        )
    demo = (
        any(p.is_demo for p in participations.values())
        or requests.filter(is_demo=True).exists()
        or activities.filter(is_demo=True).exists()
        or Legislation.objects.restrict(user, VIEW).filter(state=state, is_demo=True).exists()
        or CaseLaw.objects.restrict(user, VIEW).filter(state=state, is_demo=True).exists()
        or bool(authorities and DirectoryEntry.objects.filter(pk__in=[a["id"] for a in authorities], is_demo=True).exists())
    )
    return {
        "demo": demo,
        "state": {
            "name": state.name,
            "official_name": state.official_name,
            "iso3": state.iso3,
            "regional_group": state.get_regional_group_display(),
            "region": f"{state.m49_subregion}, {state.m49_region}",
        },
        "instruments": instruments,
        "parties": sum(1 for i in instruments if i["status_code"] == "party"),
        "reviews": [
            {"id": r.pk, "title": r.title, "status": r.get_status_display(), "finalised_on": r.finalised_on}
            for r in reviews
        ],
        "gaps": gaps,
        "requests": {"total": sum(request_counts.values()), "by_status": request_counts},
        "activities": {"delivered": delivered_total, "list": activity_list},
        "trained": {
            "women": trained.get("women", 0),
            "men": trained.get("men", 0),
            "not_recorded": trained.get("not_recorded", 0),
        },
        "legislation": legislation,
        "cases": list(
            CaseLaw.objects.restrict(user, VIEW).filter(state=state).values("id", "title", "court", "decided_on")[:100]
        ),
        "authorities": authorities,
    }
