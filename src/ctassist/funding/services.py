"""Every change in the funding area: donors, contributions (and their status), projects, activity charges.

Keyword-only, atomic, ``acting_user`` first. Every write goes through ``core.services``
(validated, logged with before and after, many-to-many included, checked against the policy
after the write, announced as a domain event); every delete is logged and is an event.
Contributions and projects are versioned: an edit names the version its editor loaded
(``expected_version``) and is refused with ``EditConflict`` when someone saved in between.
Refusals: a user outside the policy → ``PermissionDenied``; bad data → ``ValidationError``;
deleting what money or activities depend on → ``DeletionRefused`` naming what depends on it.

A contribution keeps its history as ``ContributionStep`` rows: the pledge, the commitment, each
receipt (an instalment, with the exchange rate of its day) and a cancellation (with its reason).
A cancelled pledge is never deleted; a contribution is deleted only when it was recorded by
mistake and nothing of it has been received.
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
from django.utils.translation import ngettext

from ctassist.core import audit, policy
from ctassist.core import services as core
from ctassist.funding.choices import RECEIVING, STATUS_ORDER, ContributionKind, ContributionStatus
from ctassist.funding.events import FundingEvent
from ctassist.funding.models import ActivityCharge, Contribution, ContributionStep, Donor, Project

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


def _n(n: int, text: str) -> str:
    return text % {"count": n}


def _refuse_deletion(what: str, dependants: list[str]) -> None:
    if dependants:
        raise core.DeletionRefused(
            _("This %(what)s cannot be deleted: %(dependants)s.") % {"what": what, "dependants": "; ".join(dependants)}
        )


@transaction.atomic
def delete_donor(*, acting_user: Any, donor: Donor) -> None:
    """Delete a donor profile recorded by mistake; refused while contributions name the donor."""
    policy.enforce(acting_user, policy.DELETE, donor)
    n = Contribution.objects.filter(donor=donor).count()
    _refuse_deletion(
        str(Donor._meta.verbose_name),
        [_n(n, ngettext("%(count)s contribution is recorded for it", "%(count)s contributions are recorded for it", n))]
        if n
        else [],
    )
    core.delete(donor, acting_user=acting_user, event=FundingEvent.DONOR_DELETED,
                details={"organisation": donor.organisation_id})  # fmt: skip


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
    if status not in (ContributionStatus.PLEDGED, ContributionStatus.COMMITTED, ContributionStatus.RECEIVED):
        raise ValidationError(
            {"status": _("Record the contribution as pledged, committed or received, then record each "
                         "instalment or the cancellation on it.")}
        )  # fmt: skip
    _default_rate(fields)
    contribution = Contribution(
        donor=donor, status=status, committed_on=committed_on, received_on=received_on, is_demo=is_demo, **fields
    )
    contribution.usd_amount = contribution.compute_usd()  # for the event; clean() computes it again
    core.save(contribution, acting_user=acting_user, event=FundingEvent.CONTRIBUTION_RECORDED,
              details={"status": contribution.status, "usd_amount": contribution.usd_amount,
                       "earmarking": contribution.earmarking})  # fmt: skip
    _step(contribution, acting_user, ContributionStatus.PLEDGED, contribution.pledged_on, amount=contribution.amount)
    if contribution.committed_on:
        _step(contribution, acting_user, ContributionStatus.COMMITTED, contribution.committed_on,
              amount=contribution.amount)  # fmt: skip
    if status == ContributionStatus.RECEIVED:
        _receipt_of_the_rest(contribution, acting_user, contribution.received_on, contribution.usd_rate)
    return contribution


def _step(contribution: Contribution, acting_user: Any, status: str, on, *, amount=None, usd_rate=None,
          reason: str = "") -> ContributionStep:  # fmt: skip
    step = ContributionStep(contribution=contribution, status=status, on=on, amount=amount, usd_rate=usd_rate,
                            reason=reason, is_demo=contribution.is_demo)  # fmt: skip
    core.save(step, acting_user=acting_user)
    return step


def received_amount(contribution: Contribution) -> Decimal:
    """What has arrived of a contribution, in its currency: the sum of its receipts."""
    total = sum(
        (s.amount for s in ContributionStep.objects.filter(contribution=contribution, status__in=RECEIVING)
         if s.amount is not None),
        Decimal(0),
    )  # fmt: skip
    return Decimal(total)


def outstanding_amount(contribution: Contribution) -> Decimal:
    """What remains to arrive of a financial contribution, in its currency."""
    if contribution.amount is None:
        return Decimal(0)
    return Decimal(contribution.amount) - received_amount(contribution)


def _receipt_of_the_rest(contribution: Contribution, acting_user: Any, on, usd_rate) -> None:
    if contribution.kind == ContributionKind.FINANCIAL:
        rest = outstanding_amount(contribution)
        _step(contribution, acting_user, ContributionStatus.RECEIVED, on, amount=rest, usd_rate=usd_rate)
    else:
        _step(contribution, acting_user, ContributionStatus.RECEIVED, on)


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
    received = received_amount(current)
    if received:
        if current.currency != before.get("currency"):
            raise ValidationError({"currency": _("Instalments were received in %(currency)s; the currency stays.")
                                   % {"currency": before.get("currency")}})  # fmt: skip
        if current.amount is not None and current.amount < received:
            raise ValidationError({"amount": _("%(received)s has already been received; the amount cannot be less.")
                                   % {"received": f"{current.currency} {received:,.2f}"}})  # fmt: skip
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
    usd_rate: Decimal | None = None,
) -> Contribution:
    """Move a contribution forward (pledged → committed → received), dated ``on`` (today by default).

    Skipping a step (pledged → received) dates the skipped step on the same day. Going back or
    staying put is refused with a ``ValidationError``. ``expected_version`` is optional (a step
    names no field values); when given and stale, ``EditConflict`` is raised.
    Becoming received records the receipt of what remains outstanding, at ``usd_rate`` (the rate
    of the day of receipt; the rate the contribution was entered with when not given). To record
    part of it, use ``record_receipt``; to cancel, ``cancel_contribution``.
    """
    policy.enforce(acting_user, policy.CHANGE, contribution)
    if to not in (ContributionStatus.COMMITTED, ContributionStatus.RECEIVED):
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": to}})
    contribution = core.lock(contribution, expected_version=expected_version, required=False)
    if contribution.status == ContributionStatus.CANCELLED:
        raise ValidationError({"status": _("A cancelled contribution does not move on.")})
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
    newly_committed = not contribution.committed_on
    if newly_committed:
        contribution.committed_on = on
    if to == ContributionStatus.RECEIVED:
        contribution.received_on = on
    contribution.status = to
    core.save(contribution, acting_user=acting_user, before=before, event=FundingEvent.CONTRIBUTION_STATUS_CHANGED,
              details={"from_status": from_status, "to_status": to, "on": on})  # fmt: skip
    if newly_committed:
        _step(contribution, acting_user, ContributionStatus.COMMITTED, on, amount=contribution.amount)
    if to == ContributionStatus.RECEIVED:
        _receipt_of_the_rest(contribution, acting_user, on, usd_rate if usd_rate is not None else contribution.usd_rate)
    return contribution


@transaction.atomic
def record_receipt(
    *,
    acting_user: Any,
    contribution: Contribution,
    amount: Decimal,
    on: datetime.date | None = None,
    usd_rate: Decimal | None = None,
    expected_version: int | None = None,
) -> ContributionStep:
    """Record an instalment of a financial contribution: ``amount`` in its currency, received ``on``
    at ``usd_rate`` (US dollars for one unit, the rate of that day; 1 for US dollars).

    A pledge becomes committed the same day. The contribution becomes partly received, or received
    when the instalments reach its amount; more than remains outstanding is refused.
    """
    policy.enforce(acting_user, policy.CHANGE, contribution)
    contribution = core.lock(contribution, expected_version=expected_version, required=False)
    if contribution.kind != ContributionKind.FINANCIAL:
        raise ValidationError({"amount": _("Support in kind is received as a whole; change its status instead.")})
    if contribution.status in (ContributionStatus.RECEIVED, ContributionStatus.CANCELLED):
        raise ValidationError(
            {"status": _("A %(status)s contribution takes no more instalments.")
             % {"status": contribution.get_status_display()}}
        )  # fmt: skip
    on = on or timezone.localdate()
    if usd_rate is None and contribution.currency == "USD":
        usd_rate = Decimal(1)
    if usd_rate is None:
        raise ValidationError({"usd_rate": _("Give the exchange rate of the day of receipt.")})
    outstanding = outstanding_amount(contribution)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if amount > outstanding:
        raise ValidationError(
            {"amount": _("Only %(outstanding)s remains to be received.")
             % {"outstanding": f"{contribution.currency} {outstanding:,.2f}"}}
        )  # fmt: skip
    if contribution.committed_on and on < contribution.committed_on:
        raise ValidationError({"on": _("The receipt is dated before the commitment.")})
    if on < contribution.pledged_on:
        raise ValidationError({"on": _("The receipt is dated before the pledge.")})
    before = audit.snapshot(contribution)
    from_status = contribution.status
    newly_committed = not contribution.committed_on
    if newly_committed:
        contribution.committed_on = on
    full = amount == outstanding
    contribution.status = ContributionStatus.RECEIVED if full else ContributionStatus.PARTLY_RECEIVED
    if full:
        contribution.received_on = on
    core.save(contribution, acting_user=acting_user, before=before, event=FundingEvent.CONTRIBUTION_RECEIPT_RECORDED,
              details={"from_status": from_status, "to_status": contribution.status, "on": on, "amount": amount,
                       "usd_rate": usd_rate})  # fmt: skip
    if newly_committed:
        _step(contribution, acting_user, ContributionStatus.COMMITTED, on, amount=contribution.amount)
    return _step(contribution, acting_user, contribution.status, on, amount=amount, usd_rate=usd_rate)


@transaction.atomic
def cancel_contribution(
    *,
    acting_user: Any,
    contribution: Contribution,
    reason: str,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Contribution:
    """Cancel a pledge or commitment (or what remains of a partly received one), with its reason.

    The record stays, with its history; what was received stays received. A received contribution
    cannot be cancelled (correct it instead).
    """
    policy.enforce(acting_user, policy.CHANGE, contribution)
    contribution = core.lock(contribution, expected_version=expected_version, required=False)
    if contribution.status in (ContributionStatus.RECEIVED, ContributionStatus.CANCELLED):
        raise ValidationError(
            {
                "status": _("A %(status)s contribution cannot be cancelled.")
                % {"status": contribution.get_status_display()}
            }
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    on = on or timezone.localdate()
    before = audit.snapshot(contribution)
    from_status = contribution.status
    contribution.status = ContributionStatus.CANCELLED
    contribution.cancelled_on = on
    contribution.cancellation_reason = reason
    core.save(contribution, acting_user=acting_user, before=before, event=FundingEvent.CONTRIBUTION_CANCELLED,
              details={"from_status": from_status, "on": on, "reason": reason})  # fmt: skip
    outstanding = outstanding_amount(contribution) if contribution.kind == ContributionKind.FINANCIAL else None
    _step(contribution, acting_user, ContributionStatus.CANCELLED, on, amount=outstanding or None, reason=reason)
    return contribution


@transaction.atomic
def delete_contribution(*, acting_user: Any, contribution: Contribution) -> None:
    """Delete a contribution recorded by mistake. Refused once anything of it has been received:
    money received is corrected, never deleted (a pledge that will not come is cancelled)."""
    policy.enforce(acting_user, policy.DELETE, contribution)
    receipts = ContributionStep.objects.filter(contribution=contribution, status__in=RECEIVING).count()
    dependants = []
    if receipts:
        dependants.append(_n(receipts, ngettext("%(count)s receipt of money is recorded on it",
                                                "%(count)s receipts of money are recorded on it", receipts)))  # fmt: skip
    if contribution.status == ContributionStatus.CANCELLED:
        dependants.append(_("it was cancelled, and the cancellation with its reason stays on record"))
    _refuse_deletion(str(Contribution._meta.verbose_name), dependants)
    for step in ContributionStep.objects.filter(contribution=contribution):
        core.delete(step, acting_user=acting_user, event=FundingEvent.CONTRIBUTION_DELETED,
                    details={"contribution": contribution.pk}, check=False)  # fmt: skip
    core.delete(contribution, acting_user=acting_user, event=FundingEvent.CONTRIBUTION_DELETED,
                details={"donor": contribution.donor_id, "status": contribution.status,
                         "usd_amount": contribution.usd_amount})  # fmt: skip


# -- projects ----------------------------------------------------------------------------------------


@transaction.atomic
def create_project(
    *, acting_user: Any, themes: Iterable = (), states: Iterable = (), is_demo: bool = False, **fields: Any
) -> Project:
    _check_fields(fields, PROJECT_FIELDS, "project")
    _refuse_unless_may(acting_user, policy.ADD, Project)
    project = Project(is_demo=is_demo, **fields)
    project.original_budget_usd = project.budget_usd
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
def delete_project(*, acting_user: Any, project: Project, expected_version: int | None = None) -> None:
    """Delete a project recorded by mistake; refused while contributions are earmarked to it or
    activities are charged to it (the message says how many of each)."""
    policy.enforce(acting_user, policy.DELETE, project)
    project = core.lock(project, expected_version=expected_version, required=False)
    contributions = Contribution.objects.filter(project=project).count()
    charges = ActivityCharge.objects.filter(project=project).count()
    dependants = []
    if contributions:
        dependants.append(_n(contributions, ngettext("%(count)s contribution is earmarked to it",
                                                     "%(count)s contributions are earmarked to it", contributions)))  # fmt: skip
    if charges:
        dependants.append(_n(charges, ngettext("%(count)s activity is charged to it",
                                               "%(count)s activities are charged to it", charges)))  # fmt: skip
    _refuse_deletion(str(Project._meta.verbose_name), dependants)
    core.delete(project, acting_user=acting_user, event=FundingEvent.PROJECT_DELETED,
                details={"code": project.code, "budget_usd": project.budget_usd})  # fmt: skip


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
def link_activity(*, acting_user: Any, project: Project, activity) -> ActivityCharge:
    """Record that ``project`` pays for ``activity`` (chosen on the activity's form).

    The activity joins the project's charges; the amount stays empty ("not costed yet") until
    it is charged. An activity already charged to the project keeps its charge as it is.
    """
    _refuse_unless_may(acting_user, policy.ADD, ActivityCharge)
    policy.enforce(acting_user, policy.VIEW, project)
    charge = ActivityCharge.objects.filter(project=project, activity=activity).first()
    if charge is not None:
        return charge
    charge = ActivityCharge(
        project=project, activity=activity, amount_usd=None, charged_on=activity.start_date, is_demo=activity.is_demo
    )
    core.save(charge, acting_user=acting_user, event=FundingEvent.ACTIVITY_CHARGED,
              details={"project": project.pk, "activity": activity.pk, "amount_usd": None})  # fmt: skip
    return charge


def link_activity_by_id(*, acting_user: Any, activity, project_id: int) -> ActivityCharge:
    """:func:`link_activity` for the project chosen by id on the activity form (one the user may see)."""
    projects = Project.objects.all() if acting_user is None else Project.objects.restrict(acting_user, policy.VIEW)
    project = projects.filter(pk=project_id).first()
    if project is None:
        raise ValidationError({"funding_project": _("Choose one of the projects offered.")})
    return link_activity(acting_user=acting_user, project=project, activity=activity)


@transaction.atomic
def update_charge(
    *, acting_user: Any, charge: ActivityCharge, amount_usd: Decimal | None = None,
    charged_on: datetime.date | None = None,
) -> ActivityCharge:  # fmt: skip
    """Correct the amount or the date of an activity charge (``None``: left as it is)."""
    policy.enforce(acting_user, policy.CHANGE, charge)
    current = core.lock(charge, expected_version=None, required=False)
    before = audit.snapshot(current)
    if amount_usd is not None:
        current.amount_usd = amount_usd
    if charged_on is not None:
        current.charged_on = charged_on
    core.save(current, acting_user=acting_user, before=before, event=FundingEvent.CHARGE_UPDATED,
              details={"project": current.project_id, "activity": current.activity_id,
                       "amount_usd": current.amount_usd})  # fmt: skip
    return current


@transaction.atomic
def remove_charge(*, acting_user: Any, charge: ActivityCharge) -> None:
    core.delete(charge, acting_user=acting_user, event=FundingEvent.CHARGE_REMOVED,
                details={"project": charge.project_id, "activity": charge.activity_id})  # fmt: skip
