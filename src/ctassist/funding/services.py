"""Every change in the funding area: donors, contributions (and their status), projects, activity charges.

Keyword-only, atomic, ``acting_user`` first. Every write goes through ``core.services``
(validated, logged with before and after, many-to-many included, checked against the policy
after the write, announced as a domain event); every delete is logged and is an event.
Contributions and projects are versioned: an edit names the version its editor loaded
(``expected_version``) and is refused with ``EditConflict`` when someone saved in between.
Refusals: a user outside the policy → ``PermissionDenied``; bad data → ``ValidationError``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core import services as core
from ctassist.funding.choices import STATUS_ORDER, ContributionKind, ContributionStatus
from ctassist.funding.events import FundingEvent
from ctassist.funding.models import ActivityCharge, Contribution, Donor, Project

CONTRIBUTION_FIELDS = (
    "reference",
    "kind",
    "pledged_on",
    "currency",
    "amount",
    "usd_rate",
    "rate_date",
    "earmarking",
    "project",
    "theme",
    "region",
    "in_kind_description",
    "in_kind_value_usd",
    "notes",
)
PROJECT_FIELDS = ("code", "title", "description", "start_date", "end_date", "budget_usd")


def _check_fields(fields: dict, allowed: Iterable[str], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _refuse_unless_may(acting_user, action, model) -> None:
    """Refuse before touching anything when the user may not act on this kind of row at all."""
    if acting_user is not None and not policy.may(acting_user, action, model):
        raise PermissionDenied(
            _("Not allowed to %(action)s a %(what)s.") % {"action": action, "what": model._meta.verbose_name}
        )


# -- donors ----------------------------------------------------------------------------------------


@transaction.atomic
def create_donor(*, acting_user: Any, organisation, type: str, state=None, is_demo: bool = False) -> Donor:
    _refuse_unless_may(acting_user, policy.ADD, Donor)
    donor = Donor(organisation=organisation, type=type, state=state, is_demo=is_demo)
    core.save(donor, acting_user=acting_user, event=FundingEvent.DONOR_CREATED)
    return donor


@transaction.atomic
def update_donor(*, acting_user: Any, donor: Donor, **fields: Any) -> Donor:
    _check_fields(fields, ("type", "state"), "donor")
    # Checked first as well: an edit that changes nothing writes nothing, so is never checked after a save.
    policy.enforce(acting_user, policy.CHANGE, donor)
    before = audit.snapshot(donor)
    for name, value in fields.items():
        setattr(donor, name, value)
    core.save(donor, acting_user=acting_user, before=before, event=FundingEvent.DONOR_UPDATED,
              details={"fields": sorted(fields)})  # fmt: skip
    return donor


# -- contributions ---------------------------------------------------------------------------------


@transaction.atomic
def record_contribution(
    *,
    acting_user: Any,
    donor: Donor,
    status: str = ContributionStatus.PLEDGED,
    committed_on: datetime.date | None = None,
    received_on: datetime.date | None = None,
    is_demo: bool = False,
    **fields: Any,
) -> Contribution:
    """Record a contribution. ``rate_date`` defaults to today (the rate of the day entered);
    ``usd_amount`` is computed from ``amount × usd_rate``. A contribution in USD has rate 1."""
    _check_fields(fields, CONTRIBUTION_FIELDS, "contribution")
    _refuse_unless_may(acting_user, policy.ADD, Contribution)
    _default_rate(fields)
    contribution = Contribution(
        donor=donor, status=status, committed_on=committed_on, received_on=received_on, is_demo=is_demo, **fields
    )
    contribution.usd_amount = contribution.compute_usd()  # for the event; clean() computes it again
    core.save(contribution, acting_user=acting_user, event=FundingEvent.CONTRIBUTION_RECORDED,
              details={"status": contribution.status, "usd_amount": contribution.usd_amount,
                       "earmarking": contribution.earmarking})  # fmt: skip
    return contribution


def _default_rate(fields: dict[str, Any]) -> None:
    if fields.get("kind", ContributionKind.FINANCIAL) == ContributionKind.FINANCIAL:
        if fields.get("currency") == "USD" and fields.get("usd_rate") is None:
            fields["usd_rate"] = Decimal(1)
        if fields.get("currency") and not fields.get("rate_date"):
            fields["rate_date"] = timezone.localdate()


@transaction.atomic
def update_contribution(
    *, acting_user: Any, contribution: Contribution, expected_version: int | None, **fields: Any
) -> Contribution:
    """Correct the details of a contribution (not its status: use ``advance_contribution``).

    ``expected_version`` is the version the editor loaded: if someone saved in between,
    ``EditConflict`` is raised (``VersionRequired`` without one) and nothing changes."""
    _check_fields(fields, CONTRIBUTION_FIELDS, "contribution")
    policy.enforce(acting_user, policy.CHANGE, contribution)
    current = core.lock(contribution, expected_version=expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    core.save(current, acting_user=acting_user, before=before, event=FundingEvent.CONTRIBUTION_UPDATED,
              details={"fields": sorted(fields)})  # fmt: skip
    return current


@transaction.atomic
def advance_contribution(
    *,
    acting_user: Any,
    contribution: Contribution,
    to: str,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Contribution:
    """Move a contribution forward (pledged → committed → received), dated ``on`` (today by default).

    Skipping a step (pledged → received) dates the skipped step on the same day. Going back or
    staying put is refused with a ``ValidationError``. ``expected_version`` is optional (a step
    names no field values); when given and stale, ``EditConflict`` is raised.
    """
    policy.enforce(acting_user, policy.CHANGE, contribution)
    if to not in ContributionStatus.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": to}})
    contribution = core.lock(contribution, expected_version=expected_version, required=False)
    current, target = STATUS_ORDER.index(contribution.status), STATUS_ORDER.index(to)
    if target <= current:
        raise ValidationError(
            {
                "status": _("A %(current)s contribution cannot become %(target)s.")
                % {"current": contribution.get_status_display(), "target": ContributionStatus(to).label}
            }
        )
    on = on or timezone.localdate()
    before = audit.snapshot(contribution)
    from_status = contribution.status
    if target >= 1 and not contribution.committed_on:
        contribution.committed_on = on
    if target >= 2:
        contribution.received_on = on
    contribution.status = to
    core.save(contribution, acting_user=acting_user, before=before, event=FundingEvent.CONTRIBUTION_STATUS_CHANGED,
              details={"from_status": from_status, "to_status": to, "on": on})  # fmt: skip
    return contribution


# -- projects ----------------------------------------------------------------------------------------


@transaction.atomic
def create_project(
    *, acting_user: Any, themes: Iterable = (), states: Iterable = (), is_demo: bool = False, **fields: Any
) -> Project:
    _check_fields(fields, PROJECT_FIELDS, "project")
    _refuse_unless_may(acting_user, policy.ADD, Project)
    project = Project(is_demo=is_demo, **fields)
    core.save(project, acting_user=acting_user, m2m={"themes": list(themes), "states": list(states)},
              event=FundingEvent.PROJECT_CREATED, details={"budget_usd": project.budget_usd})  # fmt: skip
    return project


@transaction.atomic
def update_project(
    *,
    acting_user: Any,
    project: Project,
    expected_version: int | None,
    themes: Iterable | None = None,
    states: Iterable | None = None,
    **fields: Any,
) -> Project:
    """Change a project's fields, themes or States (``None``: left as they are).

    ``expected_version`` is the version the editor loaded (see ``update_contribution``)."""
    _check_fields(fields, PROJECT_FIELDS, "project")
    policy.enforce(acting_user, policy.CHANGE, project)
    current = core.lock(project, expected_version=expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    m2m = {"themes": None if themes is None else list(themes), "states": None if states is None else list(states)}
    core.save(current, acting_user=acting_user, before=before, m2m=m2m, event=FundingEvent.PROJECT_UPDATED,
              details={"fields": sorted([*fields, *(k for k, v in m2m.items() if v is not None)])})  # fmt: skip
    return current


@transaction.atomic
def charge_activity(
    *,
    acting_user: Any,
    project: Project,
    activity,
    amount_usd: Decimal,
    charged_on: datetime.date | None = None,
    is_demo: bool = False,
) -> ActivityCharge:
    """Charge an activity to a project (or change the amount charged if it already is)."""
    _refuse_unless_may(acting_user, policy.ADD, ActivityCharge)
    policy.enforce(acting_user, policy.VIEW, project)
    charge = ActivityCharge.objects.filter(project=project, activity=activity).first()
    before = audit.snapshot(charge) if charge else None
    if charge is None:
        charge = ActivityCharge(project=project, activity=activity, is_demo=is_demo)
    charge.amount_usd = amount_usd
    charge.charged_on = charged_on or timezone.localdate()
    core.save(charge, acting_user=acting_user, before=before, event=FundingEvent.ACTIVITY_CHARGED,
              details={"project": project.pk, "activity": activity.pk, "amount_usd": amount_usd})  # fmt: skip
    return charge


@transaction.atomic
def remove_charge(*, acting_user: Any, charge: ActivityCharge) -> None:
    core.delete(charge, acting_user=acting_user, event=FundingEvent.CHARGE_REMOVED,
                details={"project": charge.project_id, "activity": charge.activity_id})  # fmt: skip
