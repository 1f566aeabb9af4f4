"""Donors, their contributions, the projects they fund and the activities those projects pay for.

Money rules:

- ``Contribution.usd_amount`` is computed (``amount × usd_rate``, rounded to the cent) and stored,
  at the rate of the day it was entered (``rate_date``); it is never re-valued.
- A pledge is shown but never counted as received: every total states which statuses it counts
  (see ``queries.py``).
- In-kind support is described and, where known, valued in USD (``in_kind_value_usd``); it is
  never added to financial totals.
- Money arrives in instalments (``ContributionStep`` of status partly received or received), each
  at the exchange rate of its own day: the received figures are the sums of the receipts.
- A cancelled pledge or commitment keeps its record, with the date and the reason.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import UN_YEARS, BaseModel, VersionedModel, demo_flag, optional_link
from ctassist.funding.choices import (
    RECEIVING,
    STATUS_ORDER,
    ContributionKind,
    ContributionStatus,
    DonorType,
    Earmarking,
)
from ctassist.funding.currencies import ISO_4217
from ctassist.geo.choices import RegionalGroup

CENT = Decimal("0.01")
MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}

EARMARK_REGIONS = [(value, label) for value, label in RegionalGroup.choices if value != RegionalGroup.NONE]


def validate_currency(value: str) -> None:
    if value not in ISO_4217:
        raise ValidationError(_("%(code)s is not an ISO 4217 currency code.") % {"code": value})


class Donor(BaseModel):
    """A donor: an ``accounts.Organisation`` of kind donor, with what the funding area needs to know of it.

    A Member State that donates has a donor organisation of its own (its focal points act for
    another organisation, of kind State) and names its State here.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="donor_profile",
    )
    type = models.CharField(_("type"), max_length=20, choices=DonorType.choices, default=DonorType.MEMBER_STATE)
    state = optional_link(
        "geo.State", _("State"), related_name="donor_profiles", help_text=_("The State, for a Member State donor.")
    )
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.organisation.name if self.organisation_id else "?"

    def record_errors(self) -> dict[str, Any]:
        from ctassist.accounts.choices import OrganisationKind

        errors = {}
        if self.organisation_id and self.organisation.kind != OrganisationKind.DONOR:
            errors["organisation"] = _("Choose an organisation of kind donor.")
        if self.type == DonorType.MEMBER_STATE and not self.state_id:
            errors["state"] = _("A Member State donor names its State.")
        if self.type != DonorType.MEMBER_STATE and self.state_id:
            errors["state"] = _("Only a Member State donor names a State.")
        return errors


class Project(VersionedModel):
    """A project: a budget over a period, for themes and States, paying for activities."""

    year_bounds = {"start_date": UN_YEARS, "end_date": UN_YEARS}
    date_order = (("start_date", "end_date", _("The project ends before it starts.")),)

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    budget_usd = models.DecimalField(_("budget (USD)"), validators=[MinValueValidator(0)], **MONEY)
    original_budget_usd = models.DecimalField(
        _("original budget (USD)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The budget as first approved; the budget field holds the revised one."),
        **MONEY,
    )
    themes = models.ManyToManyField(
        "assistance.Theme", verbose_name=_("themes"), related_name="funding_projects", blank=True
    )
    states = models.ManyToManyField("geo.State", verbose_name=_("States"), related_name="funding_projects", blank=True)
    activities = models.ManyToManyField(
        "assistance.Activity",
        verbose_name=_("activities paid for"),
        through="ActivityCharge",
        related_name="funding_projects",
        blank=True,
    )
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["-start_date", "code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("funding:project_detail", args=[self.pk])

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        if self.budget_usd is not None and self.budget_usd <= 0:
            errors["budget_usd"] = _("The budget must be more than zero.")
        return errors


class ActivityCharge(BaseModel):
    """What a project pays for one activity (USD): the link between funding and assistance."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="charges")
    activity = models.ForeignKey(
        "assistance.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="funding_charges"
    )
    amount_usd = models.DecimalField(
        _("amount charged (USD)"),
        null=True,
        blank=True,
        help_text=_("Empty while the activity is not costed yet: it is paid by the project, for an amount to come."),
        **MONEY,
    )
    charged_on = models.DateField(_("charged on"))
    is_demo = demo_flag()

    class Meta:
        ordering = ["project", "-charged_on", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "activity"], name="one_charge_per_project_activity")]
        verbose_name = _("activity charge")
        verbose_name_plural = _("activity charges")

    def __str__(self) -> str:
        amount = f"USD {self.amount_usd}" if self.amount_usd is not None else gettext("not costed yet")
        return f"{self.project.code}: {self.activity} ({amount})"

    def clean(self) -> None:
        if self.amount_usd is not None and self.amount_usd <= 0:
            raise ValidationError({"amount_usd": _("The amount charged must be more than zero.")})


class Contribution(VersionedModel):
    """A donor's voluntary contribution, financial or in kind, from pledge to receipt.

    Financial: ``currency`` (ISO 4217), ``amount`` and ``usd_rate`` (USD for one unit of the
    currency on ``rate_date``, the day it was entered) give the stored ``usd_amount``.
    In kind: ``in_kind_description`` and, where known, ``in_kind_value_usd``.
    Earmarking is exactly one of: a project, a theme, a regional group, or none.
    """

    date_order = (
        ("pledged_on", "committed_on", _("The commitment is dated before the pledge.")),
        ("committed_on", "received_on", _("The receipt is dated before the commitment.")),
        ("pledged_on", "cancelled_on", _("The cancellation is dated before the pledge.")),
    )
    donor = models.ForeignKey(Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="contributions")
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices, default="financial")
    status = models.CharField(
        _("status"), max_length=10, choices=ContributionStatus.choices, default="pledged", db_index=True
    )
    pledged_on = models.DateField(_("pledged on"))
    committed_on = models.DateField(_("committed on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True, db_index=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    usd_rate = models.DecimalField(
        _("exchange rate to USD"),
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
        help_text=_("US dollars for one unit of the currency, at the rate of the day entered."),
    )
    rate_date = models.DateField(_("rate of the day"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for the cancellation"), blank=True)
    usd_amount = models.DecimalField(_("USD equivalent"), null=True, blank=True, editable=False, **MONEY)
    earmarking = models.CharField(_("earmarking"), max_length=12, choices=Earmarking.choices, default="unearmarked")
    project = optional_link(Project, _("project"), related_name="contributions")
    theme = optional_link("assistance.Theme", _("theme"), related_name="contributions")
    region = models.CharField(_("regional group"), max_length=20, choices=EARMARK_REGIONS, blank=True)
    in_kind_description = models.TextField(_("in-kind support"), blank=True)
    in_kind_value_usd = models.DecimalField(
        _("estimated value of in-kind support (USD)"), null=True, blank=True, **MONEY
    )
    notes = models.TextField(_("notes"), blank=True)
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["-pledged_on", "-id"]
        indexes = [models.Index(fields=["status", "received_on"])]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        if self.kind == ContributionKind.IN_KIND:
            what = _("in kind")
        else:
            what = f"{self.currency} {self.amount}"
        return f"{self.donor}: {what} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("funding:contribution_detail", args=[self.pk])

    @property
    def status_date(self):
        return {"pledged": self.pledged_on, "committed": self.committed_on, "received": self.received_on}.get(
            self.status
        )

    def compute_usd(self) -> Decimal | None:
        if self.amount is None or self.usd_rate is None:
            return None
        return (Decimal(self.amount) * Decimal(self.usd_rate)).quantize(CENT, rounding=ROUND_HALF_UP)

    def record_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        self._clean_money(errors)
        self._clean_dates(errors)
        self._clean_earmarking(errors)
        return errors

    def clean(self) -> None:
        super().clean()
        self.usd_amount = self.compute_usd()

    def _clean_money(self, errors) -> None:
        if self.kind == ContributionKind.FINANCIAL:
            if not self.currency:
                errors["currency"] = _("Give the currency.")
            if self.amount is None or self.amount <= 0:
                errors["amount"] = _("The amount must be more than zero.")
            if self.usd_rate is None or self.usd_rate <= 0:
                errors["usd_rate"] = _("The exchange rate must be more than zero.")
            elif self.currency == "USD" and self.usd_rate != 1:
                errors["usd_rate"] = _("A contribution in US dollars has a rate of 1.")
            if not self.rate_date:
                errors["rate_date"] = _("Give the day of the exchange rate.")
        else:
            if not self.in_kind_description.strip():
                errors["in_kind_description"] = _("Describe the in-kind support.")
            for name in ("currency", "amount", "usd_rate"):
                if getattr(self, name) not in (None, ""):
                    errors[name] = _("In-kind support has no cash amount; give its estimated value in USD.")
        if self.in_kind_value_usd is not None and self.in_kind_value_usd <= 0:
            errors["in_kind_value_usd"] = _("The estimated value must be more than zero.")
        if self.in_kind_value_usd is not None and self.kind != ContributionKind.IN_KIND:
            errors["in_kind_value_usd"] = _("Only in-kind support has an estimated value.")

    def _clean_dates(self, errors) -> None:
        if self.status == ContributionStatus.CANCELLED:
            if not self.cancelled_on:
                errors["cancelled_on"] = _("Give the date of the cancellation.")
            if not self.cancellation_reason.strip():
                errors["cancellation_reason"] = _("Give the reason for the cancellation.")
            if self.received_on:
                errors["received_on"] = _("Only a received contribution has a date of receipt.")
        else:
            self._clean_progress(errors)

    def _clean_progress(self, errors) -> None:
        reached = STATUS_ORDER.index(self.status) if self.status in STATUS_ORDER else 0
        received = STATUS_ORDER.index(ContributionStatus.RECEIVED)
        if reached >= 1 and not self.committed_on:
            errors["committed_on"] = _("Give the date of the commitment.")
        if reached >= received and not self.received_on:
            errors["received_on"] = _("Give the date of receipt.")
        if reached < received and self.received_on:
            errors["received_on"] = _("Only a received contribution has a date of receipt.")
        if reached < 1 and self.committed_on:
            errors["committed_on"] = _("Only a committed contribution has a date of commitment.")
        if self.cancelled_on or self.cancellation_reason:
            errors["cancellation_reason"] = _("Only a cancelled contribution has a cancellation.")

    def _clean_earmarking(self, errors) -> None:
        targets = {
            Earmarking.PROJECT: bool(self.project_id),
            Earmarking.THEME: bool(self.theme_id),
            Earmarking.REGION: bool(self.region),
        }
        for kind, present in targets.items():
            field = {"project": "project", "theme": "theme", "region": "region"}[kind.value]
            if self.earmarking == kind and not present:
                errors[field] = _("Choose what the contribution is earmarked to.")
            if self.earmarking != kind and present:
                errors[field] = _("A contribution is earmarked to exactly one thing (or none).")


class ContributionStep(BaseModel):
    """One step in the life of a contribution: its pledge, commitment, each receipt, or its cancellation.

    ``amount`` is in the contribution's currency. A receipt (status partly received or received) is
    one instalment: it records the exchange rate of its own day (``usd_rate``, US dollars for one
    unit) and its USD equivalent; the contribution's received figures are the sums of its receipts.
    """

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=10, choices=ContributionStatus.choices)
    on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    usd_rate = models.DecimalField(_("exchange rate to USD"), max_digits=18, decimal_places=8, null=True, blank=True)
    usd_amount = models.DecimalField(_("USD equivalent"), null=True, blank=True, editable=False, **MONEY)
    reason = models.TextField(_("reason"), blank=True)
    is_demo = demo_flag()

    class Meta:
        ordering = ["contribution", "on", "id"]
        indexes = [models.Index(fields=["status", "on"])]
        verbose_name = _("contribution step")
        verbose_name_plural = _("contribution steps")

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.get_status_display()} {self.on}"

    @property
    def is_receipt(self) -> bool:
        return self.status in RECEIVING

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("The amount must be more than zero.")
        if self.is_receipt and self.amount is not None:
            if self.usd_rate is None or self.usd_rate <= 0:
                errors["usd_rate"] = _("The exchange rate must be more than zero.")
            elif self.contribution_id and self.contribution.currency == "USD" and self.usd_rate != 1:
                errors["usd_rate"] = _("A contribution in US dollars has a rate of 1.")
        elif self.usd_rate is not None:
            errors["usd_rate"] = _("Only a receipt records an exchange rate.")
        if errors:
            raise ValidationError(errors)
        self.usd_amount = (
            (Decimal(self.amount) * Decimal(self.usd_rate)).quantize(CENT, rounding=ROUND_HALF_UP)
            if self.is_receipt and self.amount is not None and self.usd_rate is not None
            else None
        )
