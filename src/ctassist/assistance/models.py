"""Requests from States, the activities that answer them, who took part and what came of it."""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import (
    ActivityStatus,
    ActivityType,
    AgencyType,
    Channel,
    Language,
    Modality,
    PartnerRole,
    Priority,
    Rating,
    RequestStatus,
    Scope,
    Sex,
)
from ctassist.core import roles
from ctassist.core.models import MAX_PEOPLE, UN_YEARS, BaseModel, VersionedModel, acting_user, demo_flag
from ctassist.core.taxonomy import THEME_CODES
from ctassist.treaties.models import instruments_field

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = {".pdf", ".docx", ".doc", ".odt", ".xlsx", ".csv", ".txt", ".jpg", ".jpeg", ".png"}


class Theme(BaseModel):
    """One theme of the shared taxonomy (``core.taxonomy.THEMES``), as a table so filters and counts join."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return gettext(self.label)  # the taxonomy's labels are in the catalogues (core.taxonomy)

    def clean(self) -> None:
        if self.code not in THEME_CODES:
            raise ValidationError({"code": _("Not a theme of the shared taxonomy.")})


def _validate_attachment(upload) -> None:
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Files of type %(ext)s are not accepted; use one of %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(sorted(ATTACHMENT_EXTENSIONS))}
        )
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))


class AssistanceRequest(VersionedModel):
    """A State's request for technical assistance, from submission to evaluation.

    Named for what it is, so that ``request`` in code always means the HTTP request.
    Versioned: two people editing at once cannot overwrite each other (pages carry the
    version in a hidden field, the API as the ``ETag``).
    """

    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="requests")
    year_bounds = {"letter_date": UN_YEARS, "period_start": UN_YEARS, "period_end": UN_YEARS}
    date_order = (("period_start", "period_end", _("The period ends before it starts.")),)

    title = models.CharField(_("title"), max_length=200)
    channel = models.CharField(_("received through"), max_length=20, choices=Channel.choices, default=Channel.PORTAL)
    letter_reference = models.CharField(_("reference of the letter or note verbale"), max_length=120, blank=True)
    letter_date = models.DateField(_("date of the letter or note verbale"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="requests", blank=True)
    instruments = instruments_field(_("instruments concerned"), related_name="assistance_requests")
    beneficiary_institutions = models.TextField(_("beneficiary institutions"), blank=True)
    needs = models.TextField(_("description of needs"), blank=True)
    priority = models.CharField(
        _("the State's priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    languages = models.JSONField(_("preferred languages"), default=list, blank=True)
    period_start = models.DateField(_("preferred period from"), null=True, blank=True)
    period_end = models.DateField(_("preferred period to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    review_started_at = models.DateTimeField(_("review started"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_by = acting_user(_("entered by"))
    assigned_officer = acting_user(
        _("assigned officer"),
        related_name="assigned_requests",
        help_text=_("The UNODC officer who handles the request."),
    )
    # Extension point for the mandates area: the operative paragraphs that cover the
    # request, as references (e.g. "A/RES/74/175 op 12"), until a relation can be added.
    mandate_refs = models.CharField(_("mandate references"), max_length=300, blank=True)
    is_demo = demo_flag(db_index=True)

    # The change log names the languages, not their codes (core.readable).
    audit_choices = {"languages": Language.choices}

    class Meta:
        ordering = ["-submitted_at", "-id"]
        # Named as they were created for the former model name ``Request``, so the rename leaves them be.
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="assistance__status_01b55b_idx"),
            models.Index(fields=["state", "status"], name="assistance__state_i_26b7e9_idx"),
        ]
        verbose_name = _("request")
        verbose_name_plural = _("requests")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"TA-{self.pk or 0:05d}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:request_detail", args=[self.pk])

    def get_languages_display(self) -> str:
        """The preferred languages by name, as a person reads them."""
        names = dict(Language.choices)
        return ", ".join(str(names.get(code, code)) for code in self.languages or [])

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        if self.channel != Channel.PORTAL and not self.letter_reference:
            errors["letter_reference"] = _("Give the reference of the letter or note verbale.")
        unknown = [code for code in self.languages or [] if code not in Language.values]
        if not isinstance(self.languages, list) or unknown:
            errors["languages"] = _("Unknown language code(s): %(codes)s") % {"codes": ", ".join(map(str, unknown))}
        if self.status == RequestStatus.DECLINED and not self.decline_reason.strip():
            errors["decline_reason"] = _("A declined request needs a reason.")
        if self.assigned_officer_id and not roles.is_unodc(self.assigned_officer):
            errors["assigned_officer"] = _("Assign the request to an active member of UNODC staff.")
        return errors


class RequestAttachment(BaseModel):
    """A document that came with a request (the note verbale, a draft law, a needs assessment)."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="assistance/requests/%Y/", validators=[_validate_attachment])
    uploaded_by = acting_user()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Activity(VersionedModel):
    """Something UNODC delivers (with partners) that answers one or more requests.

    Versioned like a request: officers edit the same activity while it is prepared.
    """

    year_bounds = {"start_date": UN_YEARS, "end_date": UN_YEARS}
    date_order = (("start_date", "end_date", _("The activity ends before it starts.")),)

    title = models.CharField(_("title"), max_length=250)
    type = models.CharField(_("type"), max_length=30, choices=ActivityType.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED, db_index=True
    )
    start_date = models.DateField(_("starts"), db_index=True)
    end_date = models.DateField(_("ends"))
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices, default=Modality.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.NATIONAL)
    states = models.ManyToManyField(
        "geo.State", verbose_name=_("States concerned"), related_name="assistance_activities", blank=True
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="activities", blank=True)
    requests = models.ManyToManyField(
        AssistanceRequest, verbose_name=_("requests answered"), related_name="activities", blank=True
    )
    description = models.TextField(_("description"), blank=True)
    outputs = models.TextField(
        _("outputs"), blank=True, help_text=_("For example: draft law submitted to parliament; 25 officials trained.")
    )
    # Which project pays for the activity is funding's knowledge (its ``ActivityCharge``, the
    # link on the funding side, since funding depends on assistance); this keeps the free text
    # typed before that choice existed, when it named no project (docs/decisions).
    funding_project_ref = models.CharField(
        _("funding note"),
        max_length=100,
        blank=True,
        help_text=_("Former free-text funding reference that matched no project."),
    )
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistance:activity_detail", args=[self.pk])

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        if self.modality != Modality.ONLINE and not self.place.strip():
            errors["place"] = _("Say where it takes place, or mark it online.")
        return errors


class ActivityPartner(BaseModel):
    """A partner entity (Compact entity, regional organisation) taking part in an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("partner entity"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.CO_ORGANISER)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["activity", "organisation"], name="one_role_per_partner")]
        verbose_name = _("activity partner")
        verbose_name_plural = _("activity partners")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        from ctassist.accounts.choices import OrganisationKind

        if self.organisation_id and self.organisation.kind != OrganisationKind.PARTNER:
            raise ValidationError({"organisation": _("Choose a partner entity.")})


class ParticipantCount(BaseModel):
    """How many officials of one State, of one sex and one agency type took part in an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participant_counts")
    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    sex = models.CharField(_("sex"), max_length=15, choices=Sex.choices)
    agency = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices)
    count = models.PositiveIntegerField(
        _("participants"), validators=[MinValueValidator(0), MaxValueValidator(MAX_PEOPLE)]
    )
    is_demo = demo_flag()

    class Meta:
        ordering = ["activity", "state__name", "sex", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "state", "sex", "agency"], name="one_count_per_cell")
        ]
        verbose_name = _("participant count")
        verbose_name_plural = _("participant counts")

    def __str__(self) -> str:
        return f"{self.count} {self.get_sex_display()}, {self.get_agency_display()} ({self.state})"


class Participant(BaseModel):
    """A named participant, kept for certificates when they consented. Visible to UNODC only."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=15, choices=Sex.choices, default=Sex.NOT_RECORDED)
    agency = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices, default=AgencyType.OTHER)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent = models.BooleanField(_("consented to be recorded by name"), default=False)
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    is_demo = demo_flag()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("named participant")
        verbose_name_plural = _("named participants")

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        if not self.consent:
            raise ValidationError({"consent": _("A participant is recorded by name only with their consent.")})


class Indicator(BaseModel):
    """A result of an activity: baseline, target and actual (a knowledge test, laws adopted)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = demo_flag()

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Evaluation(BaseModel):
    """The evaluation of a completed request: how well the assistance met the State's needs."""

    request = models.OneToOneField(AssistanceRequest, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.CharField(_("rating"), max_length=25, choices=Rating.choices)
    summary = models.TextField(_("findings"))
    lessons = models.TextField(_("lessons learned"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"))
    is_demo = demo_flag()

    class Meta:
        ordering = ["-evaluated_on"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.get_rating_display()}"

    def clean(self) -> None:
        if self.request_id and self.request.status not in (RequestStatus.COMPLETED, RequestStatus.EVALUATED):
            raise ValidationError(_("Only a completed request is evaluated."))
