"""Requests for mutual legal assistance and extradition, and the steps of their case file."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.cooperation.choices import (
    CLOSED,
    DOCUMENT_LANGUAGES,
    REMIND_AFTER_DAYS,
    Assistance,
    CaseStatus,
    Direction,
    Offence,
    RequestKind,
)
from ctassist.core.models import BaseModel, VersionedModel, acting_user, demo_flag
from ctassist.directory.choices import Channel
from ctassist.treaties.models import instruments_field


def split_codes(text: str) -> list[str]:
    return [v for v in (text or "").split(",") if v]


class CooperationRequest(VersionedModel):
    """One request from a requesting State to a requested State, with what the document needs.

    ``drafting_state`` is the State whose central authority keeps the record: the requesting State
    for an outgoing request it drafts here, the requested State for an incoming one it records.
    Versioned: several officials of a central authority may edit a draft at once.
    """

    date_order = (("sent_on", "closed_on", [_("A case cannot close before the request was sent.")]),)

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    kind = models.CharField(_("kind of request"), max_length=20, choices=RequestKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING)
    drafting_state = models.ForeignKey(
        "geo.State", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    requesting_state = models.ForeignKey(
        "geo.State", verbose_name=_("requesting State"), on_delete=models.PROTECT, related_name="+"
    )
    requested_state = models.ForeignKey(
        "geo.State", verbose_name=_("requested State"), on_delete=models.PROTECT, related_name="+"
    )
    requesting_authority = models.CharField(_("requesting authority"), max_length=300, blank=True)
    requested_authority = models.ForeignKey(
        "directory.DirectoryEntry",
        verbose_name=_("central authority of the requested State"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("channel of transmission"), max_length=20, choices=Channel.choices, blank=True)
    language = models.CharField(_("language of the request"), max_length=5, choices=DOCUMENT_LANGUAGES, blank=True)
    basis_date = models.DateField(_("legal basis assessed on"), default=timezone.localdate)
    instruments = instruments_field(_("legal basis (instruments)"))
    other_basis = models.TextField(
        _("other legal basis"), blank=True, help_text=_("A bilateral treaty, domestic law, or reciprocity.")
    )
    offence = models.CharField(_("offence"), max_length=30, choices=Offence.choices, blank=True)
    offence_date = models.DateField(_("offence committed on"), null=True, blank=True)
    facts = models.TextField(_("summary of the facts"), blank=True)
    offence_description = models.TextField(
        _("legal qualification"),
        blank=True,
        help_text=_("The provisions of the law under which the acts are offences."),
    )
    penalties = models.TextField(_("penalties"), blank=True, help_text=_("The penalties those provisions provide."))
    assistance = models.CharField(_("assistance sought"), max_length=200, blank=True)
    assistance_details = models.TextField(_("details of the assistance sought"), blank=True)
    data_identifiers = models.TextField(
        _("data concerned"),
        blank=True,
        help_text=_("Accounts, addresses, numbers or other identifiers, the service provider and the period."),
    )
    person_sought = models.TextField(_("person sought"), blank=True, help_text=_("Identity, description, nationality."))
    person_location = models.TextField(_("where the person is believed to be"), blank=True)
    warrant_reference = models.CharField(
        _("warrant or judgment"),
        max_length=300,
        blank=True,
        help_text=_("Arrest warrant or judgment: court, date, number."),
    )
    confidential = models.BooleanField(_("to be kept confidential"), default=False)
    confidentiality_reasons = models.TextField(_("why confidentiality is needed"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    urgency_reasons = models.TextField(_("why it is urgent"), blank=True)
    reply_by = models.DateField(_("reply requested by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFTED, db_index=True
    )
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    last_step_on = models.DateField(_("last step on"), null=True, blank=True)
    refusal_grounds = models.TextField(_("grounds for refusal"), blank=True)
    shared_for_assistance = models.BooleanField(
        _("shared with UNODC for assistance"),
        default=False,
        help_text=_("Only the two States see a request unless the drafting State shares it."),
    )
    created_by = acting_user(_("created by"))
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("cooperation:request_detail", args=[self.pk])

    @property
    def assistance_codes(self) -> list[str]:
        return split_codes(self.assistance)

    def assistance_labels(self) -> list[str]:
        labels = dict(Assistance.choices)
        return [str(labels.get(c, c)) for c in self.assistance_codes]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    def due_on(self) -> datetime.date | None:
        """When news is expected: the reply date asked for, else some days after the last step."""
        if self.status not in REMIND_AFTER_DAYS:
            return None
        if self.reply_by:
            return self.reply_by
        last = self.last_step_on or self.sent_on
        return last + datetime.timedelta(days=REMIND_AFTER_DAYS[self.status]) if last else None

    def record_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if self.requesting_state_id and self.requesting_state_id == self.requested_state_id:
            errors["requested_state"] = [_("The requested State must differ from the requesting State.")]
        if self.drafting_state_id and self.drafting_state_id not in (self.requesting_state_id, self.requested_state_id):
            errors["drafting_state"] = [_("The request is recorded by the requesting or the requested State.")]
        unknown = [c for c in self.assistance_codes if c not in Assistance.values]
        if unknown:
            errors["assistance"] = [_("Unknown kind of assistance: %(codes)s.") % {"codes": ", ".join(unknown)}]
        entry = self.requested_authority if self.requested_authority_id else None
        if entry is not None and entry.state_id != self.requested_state_id:
            errors["requested_authority"] = [_("Choose an authority of the requested State.")]
        today = timezone.localdate()
        if self.offence_date and self.offence_date > today:
            errors["offence_date"] = [_("The date is in the future.")]
        for name in ("sent_on", "acknowledged_on", "closed_on"):
            value = getattr(self, name)
            if value and value > today:
                errors[name] = [_("The date is in the future.")]
        if self.status == CaseStatus.REFUSED and not self.refusal_grounds.strip():
            errors["refusal_grounds"] = [_("Give the grounds for refusal.")]
        return errors


class CaseStep(BaseModel):
    """One step in a request's case file: sent, acknowledged, executed, refused..., with its date."""

    request = models.ForeignKey(CooperationRequest, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = acting_user(_("recorded by"))

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return f"{self.request} – {self.get_status_display()} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:request_detail", args=[self.request_id]) + "#case-file"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("The date is in the future.")})
