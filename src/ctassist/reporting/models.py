"""The Secretary-General's report on a resolution, drafted from the records for a period."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import BaseModel
from ctassist.reporting.choices import ReportStatus


class Report(BaseModel):
    """One drafting of the report: which resolution, which period, how far the build got, and its result.

    ``content`` is the computed report (sections, paragraphs, figures with the ids of the records
    behind each figure, annex tables, footnotes) as JSON; the HTML preview and the DOCX are both
    rendered from it, so they always agree.
    """

    # The computed content is recorded in the change log by size and digest, not copied.
    audit_exclude = ("content",)

    resolution = models.ForeignKey(
        "mandates.Resolution", verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="reports"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    message = models.CharField(_("progress message"), max_length=300, blank=True)
    # How many times a worker started the build; a build whose worker died is queued again (core.jobs).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    built_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    content = models.JSONField(_("content"), default=dict, blank=True)
    docx = models.FileField(_("DOCX"), upload_to="reporting/reports/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return (
            f"{self.resolution_id and self.resolution.symbol} {self.period_start:%d %b %Y}–{self.period_end:%d %b %Y}"
        )

    def get_absolute_url(self) -> str:
        return reverse("reporting:report_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.progress is not None and self.progress > 100:
            errors["progress"] = _("Progress is a percentage.")
        if errors:
            raise ValidationError(errors)
