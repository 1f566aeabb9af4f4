"""Courses, their sessions, the people nominated and enrolled, what they attended, learned and earned.

A training session is an assistance :class:`~ctassist.assistance.models.Activity` of a course:
the activity keeps dates, place, partners and the participant table; the session adds seats per
State, nominations and results. When a session has enrolments, the activity's participant table
is derived from them (``services.sync_counts``) and refused to hand entry.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import AgencyType, Language, Sex
from ctassist.core.models import BaseModel, VersionedModel, acting_user, demo_flag, optional_link
from ctassist.training.choices import CourseStatus, DeliveryMode, NominationStatus, TrainerKind, TrainerRole
from ctassist.treaties.models import instruments_field

SCORE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
# Unambiguous characters for verification codes (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_identifier(value: str) -> str:
    """The stable identifier as compared: trimmed, lower case, inner spaces removed."""
    return "".join((value or "").split()).lower()


def _validate_languages(value) -> None:
    if not isinstance(value, list) or any(code not in Language.values for code in value):
        raise ValidationError(_("Unknown language code(s): %(codes)s") % {"codes": ", ".join(map(str, value or []))})


class Course(VersionedModel):
    """A course of the catalogue: what it teaches, to whom, how, and with which materials."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("learning objectives"), help_text=_("One objective per line."))
    instruments = instruments_field(_("instruments covered"), related_name="courses")
    themes = models.ManyToManyField("assistance.Theme", verbose_name=_("themes"), related_name="courses", blank=True)
    materials = models.ManyToManyField(
        "library.Publication", verbose_name=_("materials"), related_name="courses", blank=True
    )
    languages = models.JSONField(_("languages"), default=list, validators=[_validate_languages])
    delivery_mode = models.CharField(_("delivery mode"), max_length=15, choices=DeliveryMode.choices)
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    status = models.CharField(_("status"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.DRAFT)
    # The completion rule: the share of the days attended, and the post-test score, if any.
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed for completion (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    min_post_score = models.DecimalField(
        _("post-test score needed for completion"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=SCORE,
    )  # fmt: skip
    is_demo = demo_flag()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course_detail", args=[self.pk])

    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class CourseModule(BaseModel):
    """One module of a course (for example one module of a counter-terrorism legal curriculum)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=250)
    objectives = models.TextField(_("learning objectives"), blank=True)
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=6, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )  # fmt: skip

    class Meta:
        ordering = ["course", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "position"], name="one_module_per_position")]
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("training:course_detail", args=[self.course_id])


class Session(VersionedModel):
    """A delivery of a course: one assistance activity, with seats per State and nominations."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions")
    activity = models.OneToOneField(
        "assistance.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="training_session"
    )
    language = models.CharField(_("language of delivery"), max_length=5, choices=Language.choices)
    nominations_open = models.BooleanField(_("open for nominations"), default=True)
    nomination_deadline = models.DateField(_("nominations close on"), null=True, blank=True)
    satisfaction_notes = models.TextField(_("participants' reaction (summary)"), blank=True)
    follow_up_notes = models.TextField(_("application on the job (follow-up survey results)"), blank=True)
    is_demo = demo_flag()

    class Meta:
        ordering = ["-activity__start_date", "-id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.course} — {self.activity.start_date:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.pk])

    def days(self) -> list[datetime.date]:
        start, end = self.activity.start_date, self.activity.end_date
        return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


class SeatAllocation(BaseModel):
    """How many participants a State may have enrolled in a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seats")
    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)])

    class Meta:
        ordering = ["session", "state__name"]
        constraints = [models.UniqueConstraint(fields=["session", "state"], name="one_allocation_per_state")]
        verbose_name = _("seat allocation")
        verbose_name_plural = _("seat allocations")

    def __str__(self) -> str:
        return f"{self.state}: {self.seats}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.session_id])


class Person(BaseModel):
    """An official trained by UNODC, recorded once across sessions (their transcript hangs here).

    ``identifier`` is the stable key nominations are matched on (an official e-mail address or a
    staff number), normalised. Personal data: UNODC and the focal points of ``state`` only.
    ``merged_into`` points to the record a duplicate was merged into (the review step).
    """

    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    identifier = models.CharField(
        _("stable identifier"), max_length=200, unique=True,
        help_text=_("An official e-mail address or staff number that stays the same from one training to the next."),
    )  # fmt: skip
    full_name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    agency = models.CharField(_("agency type"), max_length=20, choices=AgencyType.choices)
    agency_name = models.CharField(_("agency"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=15, choices=Sex.choices, default=Sex.NOT_RECORDED)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=5, choices=Language.choices)
    consent = models.BooleanField(_("consented to the processing of their data"), default=False)
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    is_demo = demo_flag()

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("trained person")
        verbose_name_plural = _("trained people")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("training:person_detail", args=[self.pk])

    def clean(self) -> None:
        self.identifier = normalise_identifier(self.identifier)
        if not self.identifier:
            raise ValidationError({"identifier": _("Give a stable identifier.")})
        if not self.consent and self.erased_at is None:
            raise ValidationError({"consent": _("A person is recorded only with their consent.")})


class Nomination(VersionedModel):
    """A State's nomination of one person to one session, and UNODC's decision on it.

    Accepted nominations are the enrolments: they hold the attendance, the test scores, the
    participant's reaction and, when the course's rule is met, the certificate.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="nominations")
    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.NOMINATED,
        db_index=True,
    )  # fmt: skip
    reason = models.TextField(_("reason"), blank=True)
    nominated_by = acting_user()
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    pre_score = models.DecimalField(
        _("pre-test score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE
    )
    post_score = models.DecimalField(
        _("post-test score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1-5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["session", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_nomination_per_person")]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.session_id])

    @property
    def enrolled(self) -> bool:
        return self.status == NominationStatus.ACCEPTED

    @property
    def gain(self) -> Decimal | None:
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score

    def clean(self) -> None:
        if self.status == NominationStatus.DECLINED and not self.reason.strip():
            raise ValidationError({"reason": _("A declined nomination needs a reason.")})
        if self.person_id and self.state_id and self.person.state_id != self.state_id:
            raise ValidationError({"person": _("A State nominates only its own officials.")})


class Attendance(BaseModel):
    """Whether an enrolled person attended one day of the session."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["nomination", "day"]
        constraints = [models.UniqueConstraint(fields=["nomination", "day"], name="one_attendance_per_day")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.nomination.person} {self.day}: {self.present}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.nomination.session_id])

    def clean(self) -> None:
        activity = self.nomination.session.activity
        if self.day and not (activity.start_date <= self.day <= activity.end_date):
            raise ValidationError({"day": _("The day is not a day of the session.")})
        if not self.nomination.enrolled:
            raise ValidationError(_("Only enrolled participants have attendance."))


class Certificate(BaseModel):
    """A completion certificate: the verification code anyone may check, and its revocation."""

    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_verification_code)
    issued_on = models.DateField(_("issued on"))
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("training:certificate_detail", args=[self.pk])

    @property
    def valid(self) -> bool:
        return self.revoked_at is None

    def clean(self) -> None:
        if self.revoked_at and not self.revocation_reason.strip():
            raise ValidationError({"revocation_reason": _("A revoked certificate needs a reason.")})


class Trainer(VersionedModel):
    """A person who delivers training: UNODC staff, a consultant or a partner entity's expert.

    The roster (name, expertise, languages, availability, sessions delivered and their ratings) is
    read by officials; the contact details (``email``, ``phone``) only by UNODC and, for its own
    experts, the partner entity (policy action ``contact``).
    """

    full_name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=TrainerKind.choices)
    organisation = optional_link(
        "accounts.Organisation",
        _("organisation"),
        related_name="trainers",
        help_text=_("For an expert of a partner entity: the entity."),
    )
    expertise = models.TextField(_("expertise"), help_text=_("What the person teaches, in a few lines."))
    themes = models.ManyToManyField("assistance.Theme", verbose_name=_("themes"), related_name="trainers", blank=True)
    instruments = instruments_field(_("instruments"), related_name="trainers")
    languages = models.JSONField(_("languages"), default=list, validators=[_validate_languages])
    availability = models.CharField(
        _("availability"), max_length=250, blank=True, help_text=_("For example: from March 2026, two weeks a quarter.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    active = models.BooleanField(_("on the roster"), default=True)
    is_demo = demo_flag()

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers and experts")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("training:trainer_detail", args=[self.pk])

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        if not (self.full_name or "").strip():
            errors["full_name"] = _("Give the trainer's name.")
        if not self.languages:
            errors["languages"] = _("Give at least one language the trainer teaches in.")
        if self.kind == TrainerKind.PARTNER_EXPERT and not self.organisation_id:
            errors["organisation"] = _("Name the partner entity the expert comes from.")
        return errors


class SessionTrainer(BaseModel):
    """A trainer's part in one session, and the participants' rating of it (1-5, their average)."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="trainers")
    trainer = models.ForeignKey(Trainer, verbose_name=_("trainer"), on_delete=models.PROTECT, related_name="sessions")
    role = models.CharField(_("role"), max_length=12, choices=TrainerRole.choices, default=TrainerRole.LEAD)
    rating = models.DecimalField(
        _("participants' rating (1-5)"), max_digits=3, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(5))],
    )  # fmt: skip

    class Meta:
        ordering = ["session", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "trainer"], name="one_part_per_trainer")]
        verbose_name = _("trainer of a session")
        verbose_name_plural = _("trainers of sessions")

    def __str__(self) -> str:
        return f"{self.trainer} — {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("training:trainer_detail", args=[self.trainer_id])
