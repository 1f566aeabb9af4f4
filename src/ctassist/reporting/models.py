"""The Secretary-General's report on a resolution, drafted from the records for a period."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import BaseModel, VersionedModel, acting_user
from ctassist.reporting.choices import NarrativeStatus, ReportSection, ReportStatus


class Report(BaseModel):
    """One drafting of the report: which resolution, which period, how far the build got, and its result.

    ``content`` is the computed report (sections, paragraphs, figures with the ids of the records
    behind each figure, annex tables, footnotes) as JSON; the HTML preview and the DOCX are both
    rendered from it, so they always agree.
    """

    date_order = (("period_start", "period_end", _("The period ends before it starts.")),)

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
    requested_by = acting_user(_("requested by"))

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

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        if self.progress is not None and self.progress > 100:
            errors["progress"] = _("Progress is a percentage.")
        return errors


class PrimarySection(BaseModel):
    """An officer's choice of the one section of chapter II an activity is counted in.

    Without one, the rule in ``builder.pillars`` decides. The override belongs to the reporting
    side (the assistance area knows nothing of reports); it applies to every report drafted
    afterwards, and each change is in the change log.
    """

    activity = models.OneToOneField(
        "assistance.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.CharField(_("primary report section"), max_length=20, choices=ReportSection.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["activity_id"]
        verbose_name = _("primary report section")
        verbose_name_plural = _("primary report sections")

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.get_section_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:primary_section_list")


class Narrative(VersionedModel):
    """The narrative officers write for one report, and where it stands in clearance.

    The text itself is in its versions (``NarrativeVersion``): every save keeps a new one, so
    versions can be compared. Only UNODC staff draft and clear; nobody else sees a narrative.
    """

    report = models.OneToOneField(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="narrative")
    status = models.CharField(
        _("clearance"), max_length=10, choices=NarrativeStatus.choices, default=NarrativeStatus.DRAFT, db_index=True
    )
    comments = models.TextField(_("comments of the clearing officer"), blank=True)
    submitted_by = acting_user(_("submitted by"))
    cleared_by = acting_user(_("cleared by"))
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    latest_number = models.PositiveIntegerField(_("latest version"), default=0)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("report narrative")
        verbose_name_plural = _("report narratives")

    def __str__(self) -> str:
        return f"{self.report} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:narrative_detail", args=[self.pk])

    @property
    def is_cleared(self) -> bool:
        return self.status == NarrativeStatus.CLEARED

    @property
    def is_editable(self) -> bool:
        return self.status != NarrativeStatus.SUBMITTED


class NarrativeVersion(BaseModel):
    """One saved state of a narrative: the text of each part of the report, by part key.

    A text is paragraphs separated by blank lines; ``{{ figure:key }}`` inserts the live value of a
    computed figure (linked to its records in the preview), ``{{ note:n }}`` a footnote mark.
    """

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    author = acting_user(_("author"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        ordering = ["narrative", "-number"]
        constraints = [models.UniqueConstraint(fields=["narrative", "number"], name="one_narrative_version_number")]
        verbose_name = _("narrative version")
        verbose_name_plural = _("narrative versions")

    def __str__(self) -> str:
        return f"{self.narrative.report} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:narrative_detail", args=[self.narrative_id])

    def clean(self) -> None:
        if not isinstance(self.texts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in (self.texts or {}).items()
        ):
            raise ValidationError({"texts": _("The texts are a mapping of report part to text.")})
