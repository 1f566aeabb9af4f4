"""Identified needs of States, where each comes from, how it is followed up and who may see it.

A need from a CTED assessment or visit is confidential to the State and UNODC: it reaches a
partner or donor only when the State's focal point shares it with that organisation by name
(``shared_with``, each decision kept in :class:`SharingDecision`). See ``policies.py``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import Priority
from ctassist.core.models import BaseModel, VersionedModel, acting_user, demo_flag, optional_link
from ctassist.library.choices import Incorporation, ItemCategory
from ctassist.needs.choices import (
    ASSESSMENT_EDITABLE,
    ASSESSMENT_OPEN,
    CONFIDENTIAL_SOURCES,
    DOCUMENTED_SOURCES,
    NEEDS_REASON,
    AssessmentStatus,
    NeedSource,
    NeedStatus,
    SharingAction,
)
from ctassist.treaties.models import instruments_field


class Need(VersionedModel):
    """A need or recommendation addressed to one State, from one source, followed up to its end.

    Versioned: UNODC and the State's focal points edit the same record.
    """

    date_order = (("source_date", "target_date", _("The target date is before the date of the source.")),)

    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="needs")
    title = models.CharField(_("what is needed"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        "assistance.Theme", verbose_name=_("themes"), related_name="identified_needs", blank=True
    )
    instruments = instruments_field(_("instruments concerned"), related_name="identified_needs")
    source = models.CharField(_("source"), max_length=30, choices=NeedSource.choices, db_index=True)
    source_reference = models.CharField(
        _("reference of the source"),
        max_length=200,
        blank=True,
        help_text=_("For example the assessment's or evaluation's reference, or the mutual evaluation report."),
    )
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    mechanism = models.CharField(
        _("mechanism"), max_length=120, blank=True, help_text=_("For another mechanism: its name (FATF, MONEYVAL…).")
    )
    review = optional_link("library.LegislativeReview", _("legislative review"))
    review_item = optional_link("library.ReviewItem", _("review item"))
    source_request = optional_link("assistance.AssistanceRequest", _("the State's request"))
    priority = models.CharField(
        _("the State's priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    lead_institution = models.CharField(_("lead national institution"), max_length=250, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN, db_index=True
    )
    status_reason = models.TextField(_("reason for closing or discarding"), blank=True)
    requests = models.ManyToManyField(
        "assistance.AssistanceRequest", verbose_name=_("requests answering it"), related_name="answered_needs",
        blank=True,
    )  # fmt: skip
    activities = models.ManyToManyField(
        "assistance.Activity", verbose_name=_("activities answering it"), related_name="answered_needs", blank=True
    )
    shared_with = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("shared with"), related_name="shared_needs", blank=True
    )
    created_by = acting_user(_("entered by"))
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "status"]), models.Index(fields=["status", "source"])]
        constraints = [
            models.UniqueConstraint(
                fields=["review_item"], condition=models.Q(review_item__isnull=False), name="one_need_per_review_item"
            )
        ]
        verbose_name = _("identified need")
        verbose_name_plural = _("identified needs")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"N-{self.pk or 0:05d}"

    @property
    def is_confidential(self) -> bool:
        return self.source in CONFIDENTIAL_SOURCES

    def get_absolute_url(self) -> str:
        return reverse("needs:need_detail", args=[self.pk])

    def record_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        self._clean_source(errors)
        if self.source_date and self.source_date > timezone.localdate():
            errors["source_date"] = _("The source is dated in the future.")
        if self.status in NEEDS_REASON and not self.status_reason.strip():
            errors["status_reason"] = _("Say why the need is closed or discarded.")
        return errors

    def _clean_source(self, errors: dict[str, object]) -> None:
        source = self.source
        if source in DOCUMENTED_SOURCES:
            if not self.source_reference.strip():
                errors["source_reference"] = _("Give the reference of the source document.")
            if not self.source_date:
                errors["source_date"] = _("Give the date of the source document.")
        if source == NeedSource.OTHER_MECHANISM and not self.mechanism.strip():
            errors["mechanism"] = _("Name the mechanism (for example FATF or an FSRB).")
        if source != NeedSource.OTHER_MECHANISM and self.mechanism:
            errors["mechanism"] = _("Only a need from another mechanism names a mechanism.")
        if source == NeedSource.LEGISLATIVE_REVIEW:
            if not self.review_id:
                errors["review"] = _("Choose the legislative review that found the gap.")
            elif self.state_id and self.review is not None and self.review.state_id != self.state_id:
                errors["review"] = _("The review is of another State.")
            if self.review_item is not None and self.review_item.review_id != self.review_id:
                errors["review_item"] = _("The item belongs to another review.")
        else:
            if self.review_id:
                errors["review"] = _("Only a need from a legislative review names a review.")
            if self.review_item_id:
                errors["review_item"] = _("Only a need from a legislative review names a review item.")
        if source == NeedSource.STATE_REQUEST:
            if not self.source_request_id:
                errors["source_request"] = _("Choose the State's request that states the need.")
            elif self.state_id and self.source_request is not None and self.source_request.state_id != self.state_id:
                errors["source_request"] = _("The request is from another State.")
        elif self.source_request_id:
            errors["source_request"] = _("Only a need from the State's own request names a request.")


class FollowUp(BaseModel):
    """One dated step in following up a need: what was done, by whom, with what evidence."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="follow_ups")
    done_on = models.DateField(_("date"))
    action = models.TextField(_("what was done"))
    done_by = models.CharField(_("by whom"), max_length=250)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("A document, a link, a law adopted: what shows it was done.")
    )
    recorded_by = acting_user(_("recorded by"))
    is_demo = demo_flag()

    class Meta:
        ordering = ["need", "-done_on", "-id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-up")

    def __str__(self) -> str:
        return f"{self.done_on}: {self.action[:60]}"

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = _("A follow-up records what was done: it cannot be dated in the future.")
        if not (self.action or "").strip():
            errors["action"] = _("Say what was done.")
        if not (self.done_by or "").strip():
            errors["done_by"] = _("Say who did it.")
        return errors


class SharingDecision(BaseModel):
    """The log of a State's decisions to share a need with a named partner or donor, or to stop."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="sharing_log")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("decision"), max_length=10, choices=SharingAction.choices)
    note = models.TextField(_("note"), blank=True)
    decided_by = acting_user(_("decided by"))

    class Meta:
        ordering = ["need", "-created_at", "-id"]
        verbose_name = _("sharing decision")
        verbose_name_plural = _("sharing decisions")

    def __str__(self) -> str:
        return f"{self.need.reference}: {self.get_action_display()} {self.organisation}"


class SelfAssessment(VersionedModel):
    """A State's own answers to the legislative checklist of one instrument (SHERLOC-style).

    The State's focal point answers each item (draft → submitted); UNODC validates it or returns it
    with comments. A validated self-assessment becomes a final legislative review of the State, whose
    gaps are proposed as needs for the officer to confirm (``services.validate_assessment``).
    """

    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(
        "treaties.Instrument", verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT, db_index=True
    )
    comments = models.TextField(_("UNODC's comments"), blank=True)
    started_by = acting_user(_("started by"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    validated_on = models.DateField(_("validated on"), null=True, blank=True)
    review = models.OneToOneField(
        "library.LegislativeReview", verbose_name=_("legislative review"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="self_assessment",
    )  # fmt: skip
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "instrument"], condition=models.Q(status__in=ASSESSMENT_OPEN),
                name="one_open_self_assessment_per_instrument",
            )
        ]  # fmt: skip
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return f"{self.state} — {self.instrument.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("needs:assessment_detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status in ASSESSMENT_EDITABLE

    def clean(self) -> None:
        if self.status == AssessmentStatus.RETURNED and not self.comments.strip():
            raise ValidationError({"comments": _("Say what the State should change.")})


class AssessmentAnswer(VersionedModel):
    """The State's answer to one checklist item: how far its law incorporates it, and which provisions."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    item_key = models.CharField(_("checklist item"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("category"), max_length=20, choices=ItemCategory.choices)
    article = models.CharField(_("article"), max_length=60)
    requirement = models.TextField(_("requirement"))
    status = models.CharField(_("answer"), max_length=10, choices=Incorporation.choices, blank=True, default="")
    provisions = models.ManyToManyField(
        "library.Provision", verbose_name=_("provisions that incorporate it"), related_name="+", blank=True
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["assessment", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item_key"], name="one_answer_per_item")]
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")

    def __str__(self) -> str:
        return f"{self.article}: {self.requirement[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("needs:assessment_detail", args=[self.assessment_id]) + f"#item-{self.pk}"
