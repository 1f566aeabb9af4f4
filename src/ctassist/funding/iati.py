"""IATI activity standard, version 2.03: assistance activities (and the projects that fund them) as XML.

Shape
-----
- Each **project** paying for a selected activity is an IATI activity of ``hierarchy="1"``; each
  selected **assistance activity** is an IATI activity of ``hierarchy="2"`` whose
  ``related-activity type="1"`` names its project(s) (the project names its children, type 2).
- Identifiers: ``{ORG_REF}-{project code}`` and ``{ORG_REF}-ACT-{activity id}``, where ORG_REF is
  the reporting organisation's IATI identifier, read from the setting ``CTASSIST_IATI_ORG_REF``
  (default ``XI-EXAMPLE-CTASSIST``, a placeholder: set the real identifier before publishing; none
  is invented here).
- Reporting organisation: ORG_REF, type 40 (multilateral); its name from
  ``CTASSIST_IATI_ORG_NAME`` (default "United Nations Office on Drugs and Crime").
- Participating organisations: role 1 funding (the donors whose contributions, visible to the
  exporting user, are earmarked to the project), 2 accountable and 3 extending (the reporting
  organisation), 4 implementing (the reporting organisation and, for an activity, its partners).
- ``activity-status`` (codelist ActivityStatus): planned → 1 pipeline/identification,
  in delivery → 2 implementation, completed → 4 closed, cancelled → 5 cancelled (3 finalisation
  and 6 suspended are not used: assistance does not record those states). Projects: 1 before
  their start, 2 while running, 4 after their end.
- ``activity-date``: 1 planned start and 3 planned end always; 2 actual start once in delivery or
  completed; 4 actual end once completed.
- Recipients: ``recipient-country`` (ISO 3166 alpha-2) for each State, percentages split
  equally and summing to 100; an activity with no State gets ``recipient-region`` 998
  ("Developing countries, unspecified", vocabulary 1 = OECD DAC).
- Sectors, two vocabularies, each summing to 100: vocabulary 99 (reporting organisation) = the
  theme codes of ``core.taxonomy``, split equally; vocabulary 1 (OECD DAC CRS purpose codes)
  by ``DAC_SECTOR_FOR_THEME`` below.
- Transactions (currency and ``value-date`` on every value): on a project, each **received**
  financial contribution earmarked to it is incoming funds (type 1, dated ``received_on``, in the
  contribution's currency, ``value-date`` = the day of the rate used); pledges and commitments are
  not transactions. Each activity charge is expenditure (type 4, USD, dated ``charged_on``), on
  the activity and on its project. Unearmarked or theme/region-earmarked contributions belong to
  no project and are not exported.
- Results: one output result per activity with its indicators (``assistance.Indicator``):
  baseline (year of the activity's start), a period (the activity's dates) with target and actual.
- No ``budget`` element: the standard wants budget periods of at most a year; project budgets
  cover several years and are not broken down here.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from ctassist.core.policy import VIEW

IATI_VERSION = "2.03"
REPORTING_ORG_TYPE = "40"  # OrganisationType: Multilateral

# OECD DAC CRS purpose codes (5 digits) used for the themes, vocabulary 1. Only codes of the
# 151 "Government and civil society" and 152 "Conflict, peace and security" groups:
#   15130 Legal and judicial development
#   15160 Human rights
#   15170 Women's rights organisations and movements, and government institutions
#   15210 Security system management and reform
#   15220 Civilian peace-building, conflict prevention and resolution
DAC_LEGAL = "15130"
DAC_HUMAN_RIGHTS = "15160"
DAC_WOMEN = "15170"
DAC_SECURITY = "15210"
DAC_PEACEBUILDING = "15220"
DAC_SECTOR_FOR_THEME: dict[str, str] = {
    "ratification": DAC_LEGAL,
    "national-coordination": DAC_LEGAL,
    "international-cooperation": DAC_LEGAL,
    "designated-authorities": DAC_LEGAL,
    "knowledge-portal": DAC_LEGAL,
    "training": DAC_LEGAL,
    "rule-of-law": DAC_LEGAL,
    "foreign-terrorist-fighters": DAC_SECURITY,
    "terrorism-financing": DAC_LEGAL,
    "organized-crime-links": DAC_LEGAL,
    "kidnapping-for-ransom": DAC_SECURITY,
    "border-management": DAC_SECURITY,
    "cultural-property": DAC_LEGAL,
    "ict-internet": DAC_SECURITY,
    "forensic-evidence": DAC_LEGAL,
    "biometrics": DAC_SECURITY,
    "travel-data": DAC_SECURITY,
    "cbrn": DAC_SECURITY,
    "critical-infrastructure": DAC_SECURITY,
    "victims": DAC_HUMAN_RIGHTS,
    "children": DAC_HUMAN_RIGHTS,
    "gender": DAC_WOMEN,
    "prisons-radicalization": DAC_PEACEBUILDING,
    "strategies": DAC_SECURITY,
    "coordination": DAC_SECURITY,
    "contributions": DAC_LEGAL,
    "reporting": DAC_LEGAL,
}
DEFAULT_DAC_SECTOR = DAC_LEGAL
UNSPECIFIED_REGION = "998"  # OECD DAC region: Developing countries, unspecified

ACTIVITY_STATUS = {"planned": "1", "in_delivery": "2", "completed": "4", "cancelled": "5"}
INCOMING_FUNDS, EXPENDITURE = "1", "4"
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING = "1", "2", "3", "4"
HUNDRED = Decimal(100)


def org_ref() -> str:
    """The reporting organisation's IATI identifier (setting ``CTASSIST_IATI_ORG_REF``)."""
    return getattr(settings, "CTASSIST_IATI_ORG_REF", "XI-EXAMPLE-CTASSIST")


def org_name() -> str:
    return getattr(settings, "CTASSIST_IATI_ORG_NAME", "United Nations Office on Drugs and Crime")


def project_identifier(project) -> str:
    return f"{org_ref()}-{project.code}"


def activity_identifier(activity) -> str:
    return f"{org_ref()}-ACT-{activity.pk}"


# -- selection -----------------------------------------------------------------------------------


def _visible(model, user):
    """Rows the user may see; ``user=None`` is the system itself (the ``iati_export`` command)."""
    return model.objects.all() if user is None else model.objects.restrict(user, VIEW)


def select_activities(user: Any, params) -> Any:
    """The activities the user may see, filtered with the activity list's filters, or by
    ``project`` (a project code the user may see)."""
    from ctassist.assistance.filters import ActivityFilter
    from ctassist.assistance.models import Activity
    from ctassist.funding.models import ActivityCharge, Project

    qs = _visible(Activity, user)
    code = (params.get("project") or "").strip()
    if code:
        project = _visible(Project, user).filter(code=code).first()
        if project is None:
            return qs.none()
        qs = qs.filter(pk__in=ActivityCharge.objects.filter(project=project).values("activity_id"))
    return ActivityFilter(params, queryset=qs).qs


# -- helpers -------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.replace("_", "-"): str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _narrative(parent: ET.Element, tag: str, text: str, **attrs: Any) -> ET.Element:
    el = _sub(parent, tag, **attrs)
    _sub(el, "narrative", text)
    return el


def _date(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat()


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _split(keys: list[str], weights: dict[str, int] | None = None) -> list[tuple[str, Decimal]]:
    """Percentages (2 decimals) over ``keys`` summing to exactly 100."""
    if not keys:
        return []
    weights = weights or dict.fromkeys(keys, 1)
    total = sum(weights[k] for k in keys)
    shares = [(k, (HUNDRED * weights[k] / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) for k in keys]
    drift = HUNDRED - sum(s for _, s in shares)
    last_key, last_share = shares[-1]
    shares[-1] = (last_key, last_share + drift)
    return shares


def _reporting_org(parent: ET.Element) -> None:
    _narrative(parent, "reporting-org", org_name(), ref=org_ref(), type=REPORTING_ORG_TYPE)


def _own_roles(parent: ET.Element, *roles: str) -> None:
    for role in roles:
        _narrative(parent, "participating-org", org_name(), ref=org_ref(), role=role, type=REPORTING_ORG_TYPE)


def _funders(parent: ET.Element, donors: dict[str, Any]) -> None:
    from ctassist.funding.choices import DonorType

    for name in sorted(donors):
        org_type = "10" if donors[name].type == DonorType.MEMBER_STATE else None  # 10: Government
        _narrative(parent, "participating-org", name, role=ROLE_FUNDING, type=org_type)


def _sectors(parent: ET.Element, theme_codes: list[str]) -> None:
    dac_weights: dict[str, int] = defaultdict(int)
    for code in theme_codes:
        dac_weights[DAC_SECTOR_FOR_THEME.get(code, DEFAULT_DAC_SECTOR)] += 1
    if not dac_weights:
        dac_weights[DEFAULT_DAC_SECTOR] = 1
    for code, pct in _split(sorted(dac_weights), dac_weights):
        _sub(parent, "sector", code=code, vocabulary="1", percentage=pct)
    for code, pct in _split(theme_codes):
        _narrative(parent, "sector", code, code=code, vocabulary="99", percentage=pct)


def _recipients(parent: ET.Element, states: list[Any]) -> None:
    if not states:
        _sub(parent, "recipient-region", code=UNSPECIFIED_REGION, vocabulary="1", percentage="100")
        return
    by_code = {s.iso2.upper(): s for s in states}
    for code, pct in _split(sorted(by_code)):
        _sub(parent, "recipient-country", code=code, percentage=pct)


def _transaction(
    parent: ET.Element, *, type_code: str, date, value, currency: str, value_date, description: str,
    provider: str | None = None, receiver: str | None = None, provider_ref: str | None = None,
) -> None:  # fmt: skip
    t = _sub(parent, "transaction")
    _sub(t, "transaction-type", code=type_code)
    _sub(t, "transaction-date", iso_date=_date(date))
    _sub(t, "value", _money(value), currency=currency, value_date=_date(value_date))
    _narrative(t, "description", description)
    if provider:
        _narrative(t, "provider-org", provider, ref=provider_ref)
    if receiver:
        _narrative(t, "receiver-org", receiver)


# -- build ---------------------------------------------------------------------------------------


def build(user: Any, activities, *, generated: datetime.datetime | None = None) -> bytes:
    """The IATI XML document (bytes, UTF-8) for ``activities`` (a queryset the caller restricted)
    and the projects that pay for them. Contributions appear only where the user may see them
    (``user=None``: the system, which sees all).
    A fixed number of queries."""
    from ctassist.assistance.models import Activity, ActivityPartner, Indicator
    from ctassist.funding.choices import ContributionKind, ContributionStatus
    from ctassist.funding.models import ActivityCharge, Contribution, Project

    activities = list(
        Activity.objects.filter(pk__in=activities.values("pk"))
        .prefetch_related(
            "states",
            "themes",
            Prefetch("partners", queryset=ActivityPartner.objects.select_related("organisation")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("id")),
        )
        .order_by("start_date", "pk")
    )
    charges = list(
        ActivityCharge.objects.filter(activity__in=[a.pk for a in activities])
        .select_related("project")
        .order_by("charged_on", "pk")
    )
    charges_by_activity: dict[int, list] = defaultdict(list)
    for charge in charges:
        charges_by_activity[charge.activity_id].append(charge)
    project_ids = sorted({c.project_id for c in charges})
    projects = list(Project.objects.filter(pk__in=project_ids).prefetch_related("states", "themes").order_by("code"))
    all_charges = list(ActivityCharge.objects.filter(project_id__in=project_ids).order_by("charged_on", "pk"))
    charges_by_project: dict[int, list] = defaultdict(list)
    for charge in all_charges:
        charges_by_project[charge.project_id].append(charge)
    contributions = list(
        _visible(Contribution, user)
        .filter(project_id__in=project_ids)
        .select_related("donor__organisation")
        .order_by("received_on", "pk")
    )
    donors_by_project: dict[int, dict[str, Any]] = defaultdict(dict)
    received_by_project: dict[int, list] = defaultdict(list)
    for c in contributions:
        donors_by_project[c.project_id][c.donor.organisation.name] = c.donor
        if c.status == ContributionStatus.RECEIVED and c.kind == ContributionKind.FINANCIAL:
            received_by_project[c.project_id].append(c)

    generated = generated or timezone.now()
    root = ET.Element(
        "iati-activities", {"version": IATI_VERSION, "generated-datetime": generated.replace(microsecond=0).isoformat()}
    )
    children_of: dict[int, list] = defaultdict(list)
    for a in activities:
        for charge in charges_by_activity[a.pk]:
            children_of[charge.project_id].append(a)

    today = timezone.localdate()
    for p in projects:
        el = _sub(
            root, "iati-activity", last_updated_datetime=p.updated_at.replace(microsecond=0).isoformat(),
            default_currency="USD", hierarchy="1",
        )  # fmt: skip
        el.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        _sub(el, "iati-identifier", project_identifier(p))
        _reporting_org(el)
        _narrative(el, "title", p.title)
        _narrative(el, "description", p.description or p.title, type="1")
        _funders(el, donors_by_project[p.pk])
        _own_roles(el, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING)
        status = "1" if today < p.start_date else ("2" if today <= p.end_date else "4")
        _sub(el, "activity-status", code=status)
        _sub(el, "activity-date", iso_date=_date(p.start_date), type="1")
        if today >= p.start_date:
            _sub(el, "activity-date", iso_date=_date(p.start_date), type="2")
        _sub(el, "activity-date", iso_date=_date(p.end_date), type="3")
        if today > p.end_date:
            _sub(el, "activity-date", iso_date=_date(p.end_date), type="4")
        _recipients(el, list(p.states.all()))
        _sectors(el, [t.code for t in p.themes.all()])
        for c in received_by_project[p.pk]:
            _transaction(
                el, type_code=INCOMING_FUNDS, date=c.received_on, value=c.amount, currency=c.currency,
                value_date=c.rate_date or c.received_on, description=f"Contribution {c.reference or c.pk}",
                provider=c.donor.organisation.name, receiver=org_name(),
            )  # fmt: skip
        for charge in charges_by_project[p.pk]:
            _transaction(
                el, type_code=EXPENDITURE, date=charge.charged_on, value=charge.amount_usd, currency="USD",
                value_date=charge.charged_on, description=f"Charged to activity {charge.activity_id}",
            )  # fmt: skip
        for child in children_of[p.pk]:
            _sub(el, "related-activity", ref=activity_identifier(child), type="2")

    for a in activities:
        el = _sub(
            root, "iati-activity", last_updated_datetime=a.updated_at.replace(microsecond=0).isoformat(),
            default_currency="USD", hierarchy="2",
        )  # fmt: skip
        el.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        _sub(el, "iati-identifier", activity_identifier(a))
        _reporting_org(el)
        _narrative(el, "title", a.title)
        _narrative(el, "description", a.description or a.get_type_display(), type="1")
        if a.outputs:
            _narrative(el, "description", a.outputs, type="2")
        funders: dict[str, Any] = {}
        for charge in charges_by_activity[a.pk]:
            funders.update(donors_by_project[charge.project_id])
        _funders(el, funders)
        _own_roles(el, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING)
        for partner in a.partners.all():
            _narrative(el, "participating-org", partner.organisation.name, role=ROLE_IMPLEMENTING)
        _sub(el, "activity-status", code=ACTIVITY_STATUS.get(a.status, "1"))
        _sub(el, "activity-date", iso_date=_date(a.start_date), type="1")
        if a.status in ("in_delivery", "completed"):
            _sub(el, "activity-date", iso_date=_date(a.start_date), type="2")
        _sub(el, "activity-date", iso_date=_date(a.end_date), type="3")
        if a.status == "completed":
            _sub(el, "activity-date", iso_date=_date(a.end_date), type="4")
        _recipients(el, list(a.states.all()))
        _sectors(el, [t.code for t in a.themes.all()])
        for charge in charges_by_activity[a.pk]:
            _transaction(
                el, type_code=EXPENDITURE, date=charge.charged_on, value=charge.amount_usd, currency="USD",
                value_date=charge.charged_on, description=f"Charged to project {charge.project.code}",
            )  # fmt: skip
        for charge in charges_by_activity[a.pk]:
            _sub(el, "related-activity", ref=project_identifier(charge.project), type="1")
        indicators = list(a.indicators.all())
        if indicators:
            result = _sub(el, "result", type="1", aggregation_status="0")
            _narrative(result, "title", f"Results of: {a.title}")
            for ind in indicators:
                measure = "2" if ind.unit.strip() in ("%", "percent", "percentage") else "1"
                indicator = _sub(result, "indicator", measure=measure, ascending="1")
                _narrative(indicator, "title", ind.name + (f" ({ind.unit})" if ind.unit and measure == "1" else ""))
                if ind.baseline is not None:
                    _sub(indicator, "baseline", year=a.start_date.year, iso_date=_date(a.start_date),
                         value=_money(ind.baseline))  # fmt: skip
                if ind.target is not None or ind.actual is not None:
                    period = _sub(indicator, "period")
                    _sub(period, "period-start", iso_date=_date(a.start_date))
                    _sub(period, "period-end", iso_date=_date(a.end_date))
                    if ind.target is not None:
                        _sub(period, "target", value=_money(ind.target))
                    if ind.actual is not None:
                        _sub(period, "actual", value=_money(ind.actual))

    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
