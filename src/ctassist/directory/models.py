"""The directory of competent national authorities: entries, their contact persons, and who may read them."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.core.models import BaseModel, VersionedModel, acting_user, demo_flag
from ctassist.directory import validation
from ctassist.directory.choices import AuthorityType, Channel, EntryStatus, Language

STALE_AFTER_DAYS = 365

# The fields of an entry that people edit (pages, API, import, export), in the order they are shown;
# status, provenance and links are set by the services.
EDITABLE_FIELDS = (
    "authority_type",
    "name",
    "name_local",
    "address",
    "telephones",
    "emails",
    "website",
    "office_hours",
    "time_zone",
    "languages_accepted",
    "channels_accepted",
    "accepts_un_conventions",
    "urgent_by_email",
    "requirements",
    "legislation",
)
# The fields of a contact person that people edit.
CONTACT_FIELDS = ("name", "title", "email", "telephone", "languages")


def stale_cutoff(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)


def stale_q(today: datetime.date | None = None) -> Q:
    """Entries not verified for more than twelve months (or never verified)."""
    return Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=stale_cutoff(today))


def codes_q(field: str, code: str) -> Q:
    """Rows whose comma-separated ``field`` holds ``code`` (portable across SQLite and PostgreSQL)."""
    return (
        Q(**{field: code})
        | Q(**{f"{field}__startswith": f"{code},"})
        | Q(**{f"{field}__endswith": f",{code}"})
        | Q(**{f"{field}__contains": f",{code},"})
    )


def join_codes(values) -> str:
    seen: list[str] = []
    for value in values:
        value = str(value).strip()
        if value and value not in seen:
            seen.append(value)
    return ",".join(seen)


def split_codes(text: str) -> list[str]:
    return [v for v in (text or "").split(",") if v]


class DirectoryEntry(VersionedModel):
    """One designated authority of one State, with what a practitioner needs to send it a request.

    Versioned: a focal point and UNODC may edit the same entry at once (``core.services.lock``).
    """

    state = models.ForeignKey(
        "geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="directory_entries"
    )
    authority_type = models.CharField(_("type of authority"), max_length=20, choices=AuthorityType.choices)
    name = models.CharField(_("name (English)"), max_length=300)
    name_local = models.CharField(_("name in the State's language"), max_length=300, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    telephones = models.TextField(
        _("telephones"),
        blank=True,
        validators=[validation.validate_phones],
        help_text=_("One per line, international format: +254 20 555 0100."),
    )
    emails = models.TextField(
        _("e-mail addresses"), blank=True, validators=[validation.validate_emails], help_text=_("One per line.")
    )
    website = models.URLField(_("website"), blank=True, max_length=400, validators=[validation.validate_url])
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=60,
        blank=True,
        validators=[validation.validate_time_zone],
        help_text=_("IANA name, e.g. Africa/Nairobi."),
    )
    languages_accepted = models.CharField(_("languages accepted"), max_length=200, blank=True)
    channels_accepted = models.CharField(_("channels accepted"), max_length=200, blank=True)
    accepts_un_conventions = models.BooleanField(_("accepts the UN conventions as legal basis"), null=True, blank=True)
    urgent_by_email = models.BooleanField(_("urgent requests may be sent by e-mail in advance"), null=True, blank=True)
    requirements = models.TextField(_("requirements and procedures"), blank=True)
    legislation = models.TextField(
        _("legislation"), blank=True, help_text=_("Titles or links of the laws behind it, one per line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT, db_index=True
    )
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("proposed revision of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    submitted_by = acting_user(_("submitted by"))
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True, db_index=True)
    last_verified_by = acting_user(_("last verified by"))
    last_reminded_on = models.DateField(_("last reminder sent on"), null=True, blank=True)
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["state__name", "authority_type", "name"]
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def __str__(self) -> str:
        return f"{self.state} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("directory:entry_detail", args=[self.pk])

    def record_errors(self) -> dict[str, Any]:
        errors = {}
        try:
            validation.validate_codes(self.languages, Language, "language")
        except ValidationError as exc:
            errors["languages_accepted"] = exc.messages
        try:
            validation.validate_codes(self.channels, Channel, "channel")
        except ValidationError as exc:
            errors["channels_accepted"] = exc.messages
        if self.revision_of_id:
            if self.status != EntryStatus.DRAFT:
                errors["status"] = [_("A proposed revision stays a draft until it is published.")]
            elif self.revision_of.state_id != self.state_id:
                errors["state"] = [_("A revision belongs to the same State as the entry it revises.")]
        if self.last_verified_on and self.last_verified_on > timezone.localdate():
            errors["last_verified_on"] = [_("The date is in the future.")]
        return errors

    @property
    def languages(self) -> list[str]:
        return split_codes(self.languages_accepted)

    @property
    def channels(self) -> list[str]:
        return split_codes(self.channels_accepted)

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(c, c)) for c in self.languages]

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(c, c)) for c in self.channels]

    @property
    def telephone_list(self) -> list[str]:
        return validation.split_values(self.telephones)

    @property
    def email_list(self) -> list[str]:
        return validation.split_values(self.emails)

    @property
    def legislation_list(self) -> list[str]:
        return [line.strip() for line in self.legislation.splitlines() if line.strip()]

    @property
    def is_stale(self) -> bool:
        """A published entry not verified for more than twelve months (drafts await publication instead)."""
        if self.status != EntryStatus.PUBLISHED:
            return False
        return self.last_verified_on is None or self.last_verified_on < stale_cutoff()


class ContactPerson(BaseModel):
    """A named person at an authority, with title and the languages they work in."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telephone = models.CharField(_("telephone"), max_length=40, blank=True, validators=[validation.validate_phone])
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("Codes, e.g. en,fr."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name

    def clean(self) -> None:
        try:
            validation.validate_codes(split_codes(self.languages), Language, "language")
        except ValidationError as exc:
            raise ValidationError({"languages": exc.messages}) from None

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(c, c)) for c in split_codes(self.languages)]


class DirectoryAccess(BaseModel):
    """UNODC's grant to a partner (or donor) organisation to read the restricted directory."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="directory_access",
    )
    granted_by = acting_user(_("granted by"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("directory access")
        verbose_name_plural = _("directory access grants")

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind not in {OrganisationKind.PARTNER, OrganisationKind.DONOR}:
            raise ValidationError(
                {"organisation": _("Access is granted to partner or donor organisations; the others have it by role.")}
            )
