"""Generated donors, contributions and projects for demonstration databases.

Runs after the assistance generator (order 60 > 30) and charges demonstration activities to
demonstration projects. Everything is invented and marked ``is_demo``: the donors are
"Demonstration donor A/B/C" (fictional organisations, not States) plus the organisation of the
``demo-donor`` account ("Demonstration donor"), exchange rates are round illustrative figures,
project codes start with ``DEMO-``. Scale N gives N × 8 projects and about N × 60 contributions.
One domain event records the generation instead of a change-log entry per row.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ctassist.accounts import services as account_services
from ctassist.accounts.choices import OrganisationKind
from ctassist.accounts.models import Organisation
from ctassist.assistance.models import Activity, Theme
from ctassist.core import audit
from ctassist.core.demo import mark_demo_data_present
from ctassist.core.events import CoreEvent
from ctassist.funding import services
from ctassist.funding.choices import ContributionKind, ContributionStatus, DonorType, Earmarking
from ctassist.funding.models import EARMARK_REGIONS, ActivityCharge, Contribution, Donor, Project

START = datetime.date(2021, 1, 1)
DONOR_NAMES = ["Demonstration donor", "Demonstration donor A", "Demonstration donor B", "Demonstration donor C"]
# Illustrative rates (USD for one unit), not market data.
RATES = {"USD": Decimal("1"), "EUR": Decimal("1.08"), "GBP": Decimal("1.25"), "NOK": Decimal("0.095"),
         "JPY": Decimal("0.0070"), "CHF": Decimal("1.10")}  # fmt: skip
PROJECT_TITLES = [
    "Strengthening the legal regime against terrorism",
    "Criminal justice responses to foreign terrorist fighters",
    "Countering the financing of terrorism",
    "Border security and travel data",
    "Support to victims of terrorism in criminal proceedings",
    "Preventing radicalization to violence in prisons",
    "International cooperation in criminal matters related to terrorism",
    "Electronic evidence in counter-terrorism cases",
]


def _donors() -> list[Donor]:
    donors = []
    for name in DONOR_NAMES:
        org = Organisation.objects.filter(name=name).first() or account_services.create_organisation(
            acting_user=None, kind=OrganisationKind.DONOR, name=name, is_demo=True
        )
        donor = Donor.objects.filter(organisation=org).first()
        if donor is None:
            donor = services.create_donor(acting_user=None, organisation=org, type=DonorType.OTHER, is_demo=True)
        donors.append(donor)
    return donors


def _money(rng, low: int, high: int, step: int = 5000) -> Decimal:
    return Decimal(rng.randrange(low, high, step))


def _contribution(rng, donor, on: datetime.date, today: datetime.date, usd=None, **earmark) -> Contribution:
    currency = rng.choice(list(RATES))
    age = (today - on).days
    draw = rng.random()
    # Recent ones are pledges; some older pledges are still outstanding, some commitments not yet paid.
    if age < 60 or draw < 0.12:
        status = ContributionStatus.PLEDGED
    elif age < 200 or draw < 0.25:
        status = ContributionStatus.COMMITTED
    else:
        status = ContributionStatus.RECEIVED
    committed = on + datetime.timedelta(days=rng.randint(10, 50)) if status != ContributionStatus.PLEDGED else None
    received = (
        committed + datetime.timedelta(days=rng.randint(10, 120)) if status == ContributionStatus.RECEIVED else None
    )
    if received and received > today:
        received = today
    # About ``usd`` (USD 50,000–900,000 by default), in round thousands of the currency.
    usd = usd if usd is not None else _money(rng, 50_000, 900_000)
    amount = (usd / RATES[currency] / 1000).quantize(Decimal(1)) * 1000
    c = Contribution(
        donor=donor, reference=f"DEMO-C-{rng.randrange(10**6):06d}", kind=ContributionKind.FINANCIAL, status=status,
        pledged_on=on, committed_on=committed, received_on=received, currency=currency,
        amount=amount, usd_rate=RATES[currency], rate_date=on,
        notes="Demonstration contribution: no money was pledged or received.", is_demo=True, **earmark,
    )  # fmt: skip
    c.full_clean(exclude=["donor", "project", "theme"])
    c.clean()
    return c


@transaction.atomic
def generate(*, scale: int = 1, seed: int = 2026, acting_user=None) -> dict[str, int]:
    rng = random.Random(seed + 60)
    today = timezone.localdate()
    ActivityCharge.objects.filter(is_demo=True).delete()
    Contribution.objects.filter(is_demo=True).delete()
    Project.objects.filter(is_demo=True).delete()
    donors = _donors()
    themes = list(Theme.objects.exclude(code__in=["contributions", "reporting"]).order_by("position"))

    projects: list[Project] = []
    for i in range(8 * scale):
        start = START + datetime.timedelta(days=rng.randint(0, max(1, (today - START).days - 200)))
        end = start + datetime.timedelta(days=rng.choice([730, 1095, 1460]))
        projects.append(
            Project(
                code=f"DEMO-P-{i + 1:03d}",
                title=f"{PROJECT_TITLES[i % len(PROJECT_TITLES)]} (demonstration)",
                description="A demonstration project: generated, not a real UNODC project.",
                start_date=start,
                end_date=end,
                budget_usd=_money(rng, 800_000, 4_000_000, 50_000),
                is_demo=True,
            )  # fmt: skip
        )
    Project.objects.bulk_create(projects)
    activities = list(Activity.objects.filter(is_demo=True).prefetch_related("themes", "states").order_by("pk"))
    theme_links, state_links = [], []
    for p in projects:
        chosen = rng.sample(themes, 3)
        theme_links += [Project.themes.through(project=p, theme=t) for t in chosen]
    Project.themes.through.objects.bulk_create(theme_links)

    # Charge about 70 % of the demonstration activities to a project running when they start.
    charges: list[ActivityCharge] = []
    project_states: dict[int, set[int]] = {p.pk: set() for p in projects}
    for a in activities:
        running = [p for p in projects if p.start_date <= a.start_date <= p.end_date]
        if not running or rng.random() > 0.7:
            continue
        p = rng.choice(running)
        charges.append(
            ActivityCharge(
                project=p,
                activity=a,
                amount_usd=_money(rng, 8_000, 90_000, 500),
                charged_on=min(a.end_date, today),
                is_demo=True,
            )  # fmt: skip
        )
        project_states[p.pk] |= {s.pk for s in a.states.all()}
    ActivityCharge.objects.bulk_create(charges, batch_size=2000)
    # Budgets that the charges fit: finished projects delivered most of theirs, running ones less.
    charged: dict[int, Decimal] = {p.pk: Decimal(0) for p in projects}
    for charge in charges:
        charged[charge.project_id] += charge.amount_usd or Decimal(0)
    for p in projects:
        share = Decimal(str(rng.uniform(0.8, 0.98) if p.end_date < today else rng.uniform(0.3, 0.75)))
        p.budget_usd = max(p.budget_usd, (charged[p.pk] / share / 50_000).quantize(Decimal(1)) * 50_000 + 50_000)
    Project.objects.bulk_update(projects, ["budget_usd"])
    for p in projects:
        state_links += [Project.states.through(project=p, state_id=s) for s in sorted(project_states[p.pk])[:40]]
    Project.states.through.objects.bulk_create(state_links, batch_size=2000)

    # Contributions: each project funded by one to three donors (the demo-donor account's always among
    # the first projects), plus theme-, region-earmarked, unearmarked and in-kind ones.
    contributions: list[Contribution] = []
    for i, p in enumerate(projects):
        funders = rng.sample(donors, rng.randint(1, 3))
        if i % 3 == 0 and donors[0] not in funders:
            funders.append(donors[0])
        for donor in funders:
            on = max(START, p.start_date - datetime.timedelta(days=rng.randint(0, 120)))
            usd = p.budget_usd * Decimal(str(rng.uniform(0.6, 1.0))) / len(funders)
            contributions.append(
                _contribution(rng, donor, on, today, usd=usd, earmarking=Earmarking.PROJECT, project=p)
            )
    span = (today - START).days
    for _ in range(20 * scale):
        donor = rng.choice(donors)
        on = START + datetime.timedelta(days=rng.randint(0, span))
        kind = rng.choice(["theme", "region", "unearmarked"])
        if kind == "theme":
            earmark = {"earmarking": Earmarking.THEME, "theme": rng.choice(themes)}
        elif kind == "region":
            earmark = {"earmarking": Earmarking.REGION, "region": rng.choice(EARMARK_REGIONS)[0]}
        else:
            earmark = {"earmarking": Earmarking.UNEARMARKED}
        contributions.append(_contribution(rng, donor, on, today, **earmark))
    for _ in range(4 * scale):
        on = START + datetime.timedelta(days=rng.randint(0, span))
        c = Contribution(
            donor=rng.choice(donors), reference=f"DEMO-K-{rng.randrange(10**6):06d}", kind=ContributionKind.IN_KIND,
            status=ContributionStatus.RECEIVED, pledged_on=on, committed_on=on, received_on=on,
            in_kind_description=rng.choice(["Secondment of a legal expert for six months (demonstration)",
                                            "Venue and interpretation for a regional workshop (demonstration)",
                                            "Translation of a legislative guide (demonstration)"]),
            in_kind_value_usd=_money(rng, 10_000, 120_000) if rng.random() < 0.7 else None,
            earmarking=Earmarking.UNEARMARKED, is_demo=True,
        )  # fmt: skip
        contributions.append(c)
    Contribution.objects.bulk_create(contributions, batch_size=2000)
    mark_demo_data_present()
    summary = {
        "donors": len(donors),
        "projects": len(projects),
        "contributions": len(contributions),
        "charges": len(charges),
    }
    audit.emit(
        CoreEvent.DEMO_DATA_GENERATED, acting_user=acting_user, what="funding", seed=seed, scale=scale, **summary
    )
    return summary


def run(*, scale: int, seed: int) -> str:
    counts = generate(scale=scale, seed=seed)
    return (
        f"{counts['donors']} donors, {counts['projects']} projects, {counts['contributions']} contributions, "
        f"{counts['charges']} activities charged"
    )
