"""Every change in the funding area: donors, contributions (and their status), projects, activity charges.

Keyword-only, atomic, ``acting_user`` first; each change is in the change log and is a domain event.
Refusals: a user outside the policy → ``PermissionDenied``; bad data → ``ValidationError``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core.models import ChangeAction
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


def _save(obj, *, acting_user, before=None, m2m: dict[str, Iterable | None] | None = None) -> str:
    """full_clean, save, set many-to-many fields, then log the change with them included."""
    creating = obj._state.adding
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        if values is not None:
            getattr(obj, name).set(values)
    if creating:
        audit.log_change(acting_user=acting_user, obj=obj, action=ChangeAction.CREATE)
        return ChangeAction.CREATE
    if before is not None and before == audit.snapshot(obj):
        return ""
    audit.log_change(acting_user=acting_user, obj=obj, action=ChangeAction.UPDATE, before=before)
    return ChangeAction.UPDATE


def _refuse_unless_may(acting_user, action, model) -> None:
    """Refuse before touching anything when the user may not act on this kind of row at all."""
    if acting_user is not None and not policy.may(acting_user, action, model):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(
            _("Not allowed to %(action)s a %(what)s.") % {"action": action, "what": model._meta.verbose_name}
        )


# -- donors ----------------------------------------------------------------------------------------


@transaction.atomic
def create_donor(*, acting_user: Any, organisation, type: str, state=None, is_demo: bool = False) -> Donor:
    _refuse_unless_may(acting_user, policy.ADD, Donor)
    donor = Donor(organisation=organisation, type=type, state=state, is_demo=is_demo)
    _save(donor, acting_user=acting_user)
    policy.enforce(acting_user, policy.ADD, donor)
    audit.emit(FundingEvent.DONOR_CREATED, acting_user=acting_user, obj=donor)
    return donor


@transaction.atomic
def update_donor(*, acting_user: Any, donor: Donor, **fields: Any) -> Donor:
    _check_fields(fields, ("type", "state"), "donor")
    policy.enforce(acting_user, policy.CHANGE, donor)
    before = audit.snapshot(donor)
    for name, value in fields.items():
        setattr(donor, name, value)
    if _save(donor, acting_user=acting_user, before=before):
        audit.emit(FundingEvent.DONOR_UPDATED, acting_user=acting_user, obj=donor, fields=sorted(fields))
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
    if fields.get("kind", ContributionKind.FINANCIAL) == ContributionKind.FINANCIAL:
        if fields.get("currency") == "USD" and fields.get("usd_rate") is None:
            fields["usd_rate"] = Decimal(1)
        if fields.get("currency") and not fields.get("rate_date"):
            fields["rate_date"] = timezone.localdate()
    contribution = Contribution(
        donor=donor, status=status, committed_on=committed_on, received_on=received_on, is_demo=is_demo, **fields
    )
    _save(contribution, acting_user=acting_user)
    policy.enforce(acting_user, policy.ADD, contribution)
    audit.emit(
        FundingEvent.CONTRIBUTION_RECORDED,
        acting_user=acting_user,
        obj=contribution,
        status=contribution.status,
        usd_amount=contribution.usd_amount,
        earmarking=contribution.earmarking,
    )
    return contribution


@transaction.atomic
def update_contribution(*, acting_user: Any, contribution: Contribution, **fields: Any) -> Contribution:
    """Correct the details of a contribution (not its status: use ``advance_contribution``)."""
    _check_fields(fields, CONTRIBUTION_FIELDS, "contribution")
    policy.enforce(acting_user, policy.CHANGE, contribution)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    before = audit.snapshot(contribution)
    for name, value in fields.items():
        setattr(contribution, name, value)
    if _save(contribution, acting_user=acting_user, before=before):
        audit.emit(FundingEvent.CONTRIBUTION_UPDATED, acting_user=acting_user, obj=contribution, fields=sorted(fields))
    return contribution


@transaction.atomic
def advance_contribution(
    *, acting_user: Any, contribution: Contribution, to: str, on: datetime.date | None = None
) -> Contribution:
    """Move a contribution forward (pledged → committed → received), dated ``on`` (today by default).

    Skipping a step (pledged → received) dates the skipped step on the same day. Going back or
    staying put is refused with a ``ValidationError``.
    """
    policy.enforce(acting_user, policy.CHANGE, contribution)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if to not in ContributionStatus.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": to}})
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
    _save(contribution, acting_user=acting_user, before=before)
    policy.enforce(acting_user, policy.CHANGE, contribution)
    audit.emit(
        FundingEvent.CONTRIBUTION_STATUS_CHANGED,
        acting_user=acting_user,
        obj=contribution,
        from_status=from_status,
        to_status=to,
        on=on,
    )
    return contribution


# -- projects ----------------------------------------------------------------------------------------


@transaction.atomic
def create_project(
    *, acting_user: Any, themes: Iterable = (), states: Iterable = (), is_demo: bool = False, **fields: Any
) -> Project:
    _check_fields(fields, PROJECT_FIELDS, "project")
    _refuse_unless_may(acting_user, policy.ADD, Project)
    project = Project(is_demo=is_demo, **fields)
    _save(project, acting_user=acting_user, m2m={"themes": list(themes), "states": list(states)})
    policy.enforce(acting_user, policy.ADD, project)
    audit.emit(FundingEvent.PROJECT_CREATED, acting_user=acting_user, obj=project, budget_usd=project.budget_usd)
    return project


@transaction.atomic
def update_project(
    *,
    acting_user: Any,
    project: Project,
    themes: Iterable | None = None,
    states: Iterable | None = None,
    **fields: Any,
) -> Project:
    _check_fields(fields, PROJECT_FIELDS, "project")
    policy.enforce(acting_user, policy.CHANGE, project)
    before = audit.snapshot(project)
    for name, value in fields.items():
        setattr(project, name, value)
    m2m = {"themes": None if themes is None else list(themes), "states": None if states is None else list(states)}
    if _save(project, acting_user=acting_user, before=before, m2m=m2m):
        audit.emit(FundingEvent.PROJECT_UPDATED, acting_user=acting_user, obj=project)
    return project


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
    _save(charge, acting_user=acting_user, before=before)
    policy.enforce(acting_user, policy.ADD if before is None else policy.CHANGE, charge)
    audit.emit(
        FundingEvent.ACTIVITY_CHARGED,
        acting_user=acting_user,
        obj=charge,
        project=project.pk,
        activity=activity.pk,
        amount_usd=charge.amount_usd,
    )
    return charge


@transaction.atomic
def remove_charge(*, acting_user: Any, charge: ActivityCharge) -> None:
    policy.enforce(acting_user, policy.DELETE, charge)
    before = audit.snapshot(charge)
    audit.log_change(acting_user=acting_user, obj=charge, action=ChangeAction.DELETE, before=before)
    audit.emit(
        FundingEvent.CHARGE_REMOVED,
        acting_user=acting_user,
        obj=charge,
        project=charge.project_id,
        activity=charge.activity_id,
    )
    charge.delete()
