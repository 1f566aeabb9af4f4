"""IATI activity standard, version 2.03: assistance activities (and the projects that fund them) as XML.

Shape
-----
- Each **project** paying for a selected activity is an IATI activity of ``hierarchy="1"``; each
  selected **assistance activity** is an IATI activity of ``hierarchy="2"`` whose
  ``related-activity type="1"`` names its project(s) (the project names its children, type 2).
- Identifiers: ``{ORG_REF}-{project code}`` and ``{ORG_REF}-ACT-{activity id}``, where ORG_REF is
  the reporting organisation's IATI identifier, read from the setting ``CTASSIST_IATI_ORG_REF``
  (environment variable of the same name). It must have the IATI organisation identifier's form,
  a registration agency prefix (``XM-DAC``, ``GB-CHC``…) then the identifier that agency gives
  (:func:`org_ref_problem`); the default ``XI-EXAMPLE-CTASSIST`` is a placeholder, and both files
  refuse to be built while it is set (:class:`NotReady`). None is invented here.
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
- Budgets: each project's budget split into periods of at most one year (calendar years, clipped
  to the project's dates), in proportion to the days of each period; ``type="1"`` original (the
  budget as first approved) and, when it has changed, ``type="2"`` revised; ``status="2"``
  committed; value dated the first day of its period.
- Transactions (currency and ``value-date`` on every value): on a project, each commitment of a
  financial contribution earmarked to it is an incoming commitment (type 11, dated
  ``committed_on``, at the rate entered) and each **receipt** (instalment) incoming funds (type 1,
  dated the day of receipt, in the contribution's currency, ``value-date`` = that day, whose rate
  it carries); pledges are not transactions. Each activity charge is, on the project, a
  disbursement (type 3) to the child activity (``receiver-activity-id``) and, on the activity,
  expenditure (type 4), in USD dated ``charged_on``. Contributions not earmarked to a project are
  in the organisation file (:func:`build_organisation`).
- Results: one output result per activity with its indicators (``assistance.Indicator``):
  baseline (year of the activity's start), a period (the activity's dates) with target and actual.

Organisation file (IATI organisation standard 2.03, :func:`build_organisation`): one
``iati-organisation`` for the reporting organisation, with a ``total-budget`` per calendar year
(status 2): budget lines for the (revised) project budgets falling in that year and for the
unearmarked financial contributions received in it (the sum of their receipts, in USD), the
total being their sum; and a ``total-expenditure`` per year (the activity charges).
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core.exports import demo_notice
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
INCOMING_FUNDS, DISBURSEMENT, EXPENDITURE, INCOMING_COMMITMENT = "1", "3", "4", "11"
BUDGET_ORIGINAL, BUDGET_REVISED, BUDGET_COMMITTED = "1", "2", "2"
PLACEHOLDER_ORG_REF = "XI-EXAMPLE-CTASSIST"
# An IATI organisation identifier: the registration agency's prefix (a country code or XI/XM, a
# hyphen, the agency's code), a hyphen, then the identifier that agency gives (no spaces, and
# none of / & | ? which break identifiers built from it).
ORG_REF_FORM = re.compile(r"^(?P<agency>[A-Z]{2}-[A-Z0-9]{2,})-(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)$")
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING = "1", "2", "3", "4"
HUNDRED = Decimal(100)


class NotReady(Exception):
    """The files cannot be built yet: the message says what to set, and where."""


def org_ref() -> str:
    """The reporting organisation's IATI identifier (setting ``CTASSIST_IATI_ORG_REF``)."""
    return getattr(settings, "CTASSIST_IATI_ORG_REF", PLACEHOLDER_ORG_REF)


def org_ref_problem(value: str | None = None) -> str | None:
    """Why the identifier cannot be published (``None``: it can). Says what to set and where,
    never the setting's internal name."""
    value = org_ref() if value is None else value
    where = _("An administrator sets it in the server's configuration (its environment), then restarts the server.")
    if not value or value == PLACEHOLDER_ORG_REF:
        return " ".join([
            _("The reporting organisation's IATI identifier is still the placeholder %(placeholder)s, so the file "
              "would not be accepted by the IATI Registry. Set the identifier registered for the organisation "
              "with IATI: the registration agency prefix, then the organisation's identifier with that agency "
              "(for example XM-DAC- followed by its OECD DAC code).") % {"placeholder": PLACEHOLDER_ORG_REF},
            where,
        ])  # fmt: skip
    if not ORG_REF_FORM.match(value):
        return " ".join([
            _("The reporting organisation's IATI identifier %(value)s does not have the form of an IATI "
              "organisation identifier: a registration agency prefix such as XM-DAC or GB-CHC, a hyphen, then "
              "the organisation's identifier with that agency (letters, digits, dots, hyphens or underscores).")
            % {"value": value},
            where,
        ])  # fmt: skip
    return None


def require_org_ref() -> str:
    """The identifier, or :class:`NotReady` when it is the placeholder or malformed."""
    problem = org_ref_problem()
    if problem:
        raise NotReady(problem)
    return org_ref()


def org_name() -> str:
    return getattr(settings, "CTASSIST_IATI_ORG_NAME", "United Nations Office on Drugs and Crime")


def project_identifier(project) -> str:
    return f"{org_ref()}-{project.code}"


def activity_identifier(activity) -> str:
    return activity_identifier_of(activity.pk)


def activity_identifier_of(pk: int) -> str:
    return f"{org_ref()}-ACT-{pk}"


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
    receiver_ref: str | None = None, receiver_activity: str | None = None,
) -> None:  # fmt: skip
    t = _sub(parent, "transaction")
    _sub(t, "transaction-type", code=type_code)
    _sub(t, "transaction-date", iso_date=_date(date))
    _sub(t, "value", _money(value), currency=currency, value_date=_date(value_date))
    _narrative(t, "description", description)
    if provider:
        _narrative(t, "provider-org", provider, ref=provider_ref)
    if receiver:
        _narrative(t, "receiver-org", receiver, ref=receiver_ref, receiver_activity_id=receiver_activity)


def annual_periods(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """[start, end] cut at each 1 January: periods of at most one year (calendar years, clipped)."""
    periods = []
    year = start.year
    while year <= end.year:
        first = max(start, datetime.date(year, 1, 1))
        last = min(end, datetime.date(year, 12, 31))
        periods.append((first, last))
        year += 1
    return periods


def split_by_period(total: Decimal, periods: list[tuple[datetime.date, datetime.date]]) -> list[Decimal]:
    """``total`` shared over ``periods`` in proportion to their days, to the cent, summing exactly."""
    days = [(last - first).days + 1 for first, last in periods]
    whole = sum(days)
    shares = [(Decimal(total) * d / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for d in days]
    if shares:
        shares[-1] += Decimal(total) - sum(shares)
    return shares


def project_budgets(project) -> list[tuple[str, datetime.date, datetime.date, Decimal]]:
    """``(type, period start, period end, USD)`` for the project: original, then revised if it changed."""
    periods = annual_periods(project.start_date, project.end_date)
    original = project.original_budget_usd if project.original_budget_usd is not None else project.budget_usd
    out = [(BUDGET_ORIGINAL, a, b, v) for (a, b), v in zip(periods, split_by_period(original, periods), strict=True)]
    if Decimal(project.budget_usd) != Decimal(original):
        revised = split_by_period(project.budget_usd, periods)
        out += [(BUDGET_REVISED, a, b, v) for (a, b), v in zip(periods, revised, strict=True)]
    return out


def _budgets(parent: ET.Element, project) -> None:
    for type_code, first, last, value in project_budgets(project):
        budget = _sub(parent, "budget", type=type_code, status=BUDGET_COMMITTED)
        _sub(budget, "period-start", iso_date=_date(first))
        _sub(budget, "period-end", iso_date=_date(last))
        _sub(budget, "value", _money(value), currency="USD", value_date=_date(first))


# -- build ---------------------------------------------------------------------------------------


def build(user: Any, activities, *, generated: datetime.datetime | None = None) -> bytes:
    """The IATI XML document (bytes, UTF-8) for ``activities`` (a queryset the caller restricted)
    and the projects that pay for them. Contributions appear only where the user may see them
    (``user=None``: the system, which sees all).
    A fixed number of queries. Refused with :class:`NotReady` while the organisation identifier
    is the placeholder or malformed."""
    from ctassist.assistance.models import Activity, ActivityPartner, Indicator
    from ctassist.funding.choices import RECEIVING, ContributionKind
    from ctassist.funding.models import ActivityCharge, Contribution, ContributionStep, Project

    require_org_ref()

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
    committed_by_project: dict[int, list] = defaultdict(list)
    for c in contributions:
        donors_by_project[c.project_id][c.donor.organisation.name] = c.donor
        if c.committed_on and c.kind == ContributionKind.FINANCIAL:
            committed_by_project[c.project_id].append(c)
    receipts = list(
        ContributionStep.objects.filter(
            contribution__in=[c.pk for c in contributions if c.kind == ContributionKind.FINANCIAL],
            status__in=RECEIVING,
        )
        .select_related("contribution__donor__organisation")
        .order_by("on", "pk")
    )
    received_by_project: dict[int, list] = defaultdict(list)
    for r in receipts:
        received_by_project[r.contribution.project_id].append(r)

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
        _budgets(el, p)
        for c in committed_by_project[p.pk]:
            _transaction(
                el, type_code=INCOMING_COMMITMENT, date=c.committed_on, value=c.amount, currency=c.currency,
                value_date=c.rate_date or c.committed_on, description=f"Commitment {c.reference or c.pk}",
                provider=c.donor.organisation.name, receiver=org_name(),
            )  # fmt: skip
        for r in received_by_project[p.pk]:
            c = r.contribution
            _transaction(
                el, type_code=INCOMING_FUNDS, date=r.on, value=r.amount, currency=c.currency, value_date=r.on,
                description=f"Contribution {c.reference or c.pk}: instalment received",
                provider=c.donor.organisation.name, receiver=org_name(),
            )  # fmt: skip
        for charge in charges_by_project[p.pk]:
            if charge.amount_usd is None:
                continue  # paid by the project, not costed yet: no transaction to report
            _transaction(
                el, type_code=DISBURSEMENT, date=charge.charged_on, value=charge.amount_usd, currency="USD",
                value_date=charge.charged_on, description=f"Charged to activity {charge.activity_id}",
                receiver=org_name(), receiver_ref=org_ref(), receiver_activity=activity_identifier_of(charge.activity_id),
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
            if charge.amount_usd is None:
                continue
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

    if any(a.is_demo for a in activities) or any(p.is_demo for p in projects):
        # The file says so itself (issue 11): a comment, which IATI readers and the schema ignore.
        root.insert(0, ET.Comment(f" {demo_notice()} "))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- the organisation file -----------------------------------------------------------------------


def build_organisation(*, generated: datetime.datetime | None = None) -> bytes:
    """The IATI organisation standard 2.03 file (bytes, UTF-8) of the reporting organisation: total
    budget per calendar year (project budgets, revised where revised, apportioned by days, and the
    unearmarked financial contributions received that year) and total expenditure per year.
    Built by the system over every record (the caller decides who may download it). Refused with
    :class:`NotReady` while the organisation identifier is the placeholder or malformed."""
    from django.db.models import Sum

    from ctassist.funding.choices import RECEIVING, ContributionKind, Earmarking
    from ctassist.funding.models import ActivityCharge, ContributionStep, Project

    ref = require_org_ref()
    budgets: dict[int, Decimal] = defaultdict(Decimal)
    for project in Project.objects.order_by("pk"):
        periods = annual_periods(project.start_date, project.end_date)
        for (first, _last), value in zip(periods, split_by_period(project.budget_usd, periods), strict=True):
            budgets[first.year] += value
    unearmarked: dict[int, Decimal] = defaultdict(Decimal)
    for step in ContributionStep.objects.filter(
        status__in=RECEIVING, contribution__kind=ContributionKind.FINANCIAL,
        contribution__earmarking=Earmarking.UNEARMARKED,
    ).only("on", "usd_amount"):  # fmt: skip
        unearmarked[step.on.year] += step.usd_amount or Decimal(0)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    for row in ActivityCharge.objects.values("charged_on__year").annotate(total=Sum("amount_usd")).order_by():
        spent[row["charged_on__year"]] += row["total"] or Decimal(0)

    generated = generated or timezone.now()
    stamp = generated.replace(microsecond=0).isoformat()
    root = ET.Element("iati-organisations", {"version": IATI_VERSION, "generated-datetime": stamp})
    org = _sub(root, "iati-organisation", last_updated_datetime=stamp, default_currency="USD")
    org.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    _sub(org, "organisation-identifier", ref)
    _narrative(org, "name", org_name())
    _reporting_org(org)
    for year in sorted(set(budgets) | set(unearmarked)):
        total = _sub(org, "total-budget", status=BUDGET_COMMITTED)
        _sub(total, "period-start", iso_date=f"{year}-01-01")
        _sub(total, "period-end", iso_date=f"{year}-12-31")
        _sub(total, "value", _money(budgets[year] + unearmarked[year]), currency="USD", value_date=f"{year}-01-01")
        for line_ref, text, value in (
            ("projects", "Project budgets", budgets[year]),
            ("unearmarked", "Unearmarked voluntary contributions received", unearmarked[year]),
        ):
            if value:
                line = _sub(total, "budget-line", ref=line_ref)
                _sub(line, "value", _money(value), currency="USD", value_date=f"{year}-01-01")
                _sub(line, "narrative", text)
    for year in sorted(spent):
        expenditure = _sub(org, "total-expenditure")
        _sub(expenditure, "period-start", iso_date=f"{year}-01-01")
        _sub(expenditure, "period-end", iso_date=f"{year}-12-31")
        _sub(expenditure, "value", _money(spent[year]), currency="USD", value_date=f"{year}-01-01")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
