"""Helpers that build funding objects through the services, as users would."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ctassist.accounts import services as account_services
from ctassist.accounts.choices import OrganisationKind
from ctassist.funding import services
from ctassist.funding.models import Donor

D = Decimal


def donor_of(actors) -> Donor:
    """The donor profile of the test donor's organisation (made once)."""
    org = actors.organisations["donor"]
    existing = Donor.objects.filter(organisation=org).first()
    if existing:
        return existing
    return services.create_donor(acting_user=None, organisation=org, type="other")


def other_donor(name="Another donor (test)") -> Donor:
    org = account_services.create_organisation(acting_user=None, kind=OrganisationKind.DONOR, name=name)
    return services.create_donor(acting_user=None, organisation=org, type="other")


def make_project(actors, *, code="P-TEST-1", states=None, budget="100000", **fields):
    fields.setdefault("title", "Counter-terrorism legal assistance (test)")
    fields.setdefault("start_date", datetime.date(2024, 1, 1))
    fields.setdefault("end_date", datetime.date(2026, 12, 31))
    return services.create_project(
        acting_user=None,
        code=code,
        budget_usd=D(budget),
        states=states if states is not None else [actors.state],
        **fields,
    )


def contribute(donor, *, project=None, status="received", amount="50000", currency="USD", rate="1", **fields):
    pledged = fields.pop("pledged_on", datetime.date(2024, 2, 1))
    dates = {}
    if status in ("committed", "received"):
        dates["committed_on"] = fields.pop("committed_on", datetime.date(2024, 3, 1))
    if status == "received":
        dates["received_on"] = fields.pop("received_on", datetime.date(2024, 4, 1))
    if project is not None:
        fields.setdefault("earmarking", "project")
    return services.record_contribution(
        acting_user=None,
        donor=donor,
        status=status,
        pledged_on=pledged,
        currency=currency,
        amount=D(amount),
        usd_rate=D(rate),
        rate_date=fields.pop("rate_date", pledged),
        project=project,
        **dates,
        **fields,
    )


def funded_activity(actors, *, states=None, amount="20000", code="P-TEST-1"):
    """An activity charged to a project funded by the test donor; returns (project, activity, charge)."""
    from ctassist.assistance.tests import factories as af

    project = make_project(actors, code=code)
    contribute(donor_of(actors), project=project)
    activity = af.make_activity(actors, partner=False, states=states if states is not None else [actors.state])
    charge = services.charge_activity(acting_user=None, project=project, activity=activity, amount_usd=D(amount))
    return project, activity, charge
