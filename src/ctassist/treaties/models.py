"""Instruments and each State's participation in them."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import BaseModel, demo_flag, optional_link
from ctassist.core.policy import RestrictedQuerySet
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind, Family, InstrumentKind, Status
from ctassist.treaties.titles import Title, instrument_title


def instruments_field(verbose_name: Any, *, related_name: str = "+", blank: bool = True, **options: Any):
    """The instruments a record of another area concerns: many-to-many to :class:`Instrument`, optional
    unless ``blank`` is False, with no reverse accessor unless ``related_name`` names one."""
    return models.ManyToManyField(
        "treaties.Instrument", verbose_name=verbose_name, related_name=related_name, blank=blank, **options
    )


class Instrument(BaseModel):
    """A convention or protocol, with its facts and the sources they come from."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=InstrumentKind.choices)
    family = models.CharField(_("family"), max_length=30, choices=Family.choices, db_index=True)
    short_name = models.CharField(_("short name"), max_length=100)
    official_title = models.CharField(_("official title"), max_length=400)
    concluded_date = models.DateField(_("adopted on"))
    place = models.CharField(_("place of adoption"), max_length=120, blank=True)
    adopted_under = models.CharField(_("adopted under"), max_length=120, blank=True)
    adopting_resolution = models.CharField(_("adopting resolution"), max_length=40, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    depositary = models.CharField(_("depositary"), max_length=300)
    untc_ref = models.CharField(_("UN Treaty Collection reference"), max_length=20, blank=True)
    amends = optional_link("self", _("amends or supplements"), related_name="amended_by")
    parties_reported = models.CharField(
        _("parties reported by the source"),
        max_length=60,
        blank=True,
        help_text=_("As the source words it, e.g. “157 States + Euratom”."),
    )
    parties_as_of = models.CharField(_("parties reported as of"), max_length=120, blank=True)
    parties_source = models.CharField(_("source of the parties count"), max_length=400, blank=True)
    dates_source = models.CharField(_("source of dates"), max_length=600, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "concluded_date"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_name

    @property
    def title_shown(self) -> Title:
        """The official title in the active language where recorded, else the English (``treaties.titles``)."""
        return instrument_title(self.code, self.official_title)

    @property
    def parties_reported_number(self) -> int | None:
        """The leading figure of ``parties_reported`` (a point-in-time count, not current)."""
        digits = "".join(itertools.takewhile(str.isdigit, self.parties_reported.strip()))
        return int(digits) if digits else None


class ParticipationQuerySet(RestrictedQuerySet):
    def parties_on(self, day: datetime.date) -> ParticipationQuerySet:
        return self.filter(consent_date__lte=day).exclude(denunciation_effective_date__lte=day)


class Participation(BaseModel):
    """A State's standing with one instrument, derived from its recorded actions."""

    state = models.ForeignKey(
        "geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="participations"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="participations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NONE, db_index=True)
    signature_date = models.DateField(_("signature"), null=True, blank=True)
    consent_kind = models.CharField(
        _("consent to be bound"), max_length=30, blank=True, choices=[(k.value, k.label) for k in CONSENT_KINDS]
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    denunciation_date = models.DateField(_("denunciation"), null=True, blank=True)
    denunciation_effective_date = models.DateField(_("denunciation takes effect"), null=True, blank=True)
    is_demo = demo_flag(db_index=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    notes = models.TextField(
        _("depositary's notes"), blank=True,
        help_text=_("The notes the depositary prints for this State: footnotes, territorial application, "
                    "declarations and objections."),
    )  # fmt: skip

    objects = models.Manager.from_queryset(ParticipationQuerySet)()  # keeps restrict()

    class Meta:
        ordering = ["state__name", "instrument__position"]
        constraints = [models.UniqueConstraint(fields=["state", "instrument"], name="one_participation_per_pair")]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")

    def __str__(self) -> str:
        return f"{self.state} – {self.instrument}"

    def is_party_on(self, day: datetime.date) -> bool:
        if not self.consent_date or self.consent_date > day:
            return False
        return not (self.denunciation_effective_date and self.denunciation_effective_date <= day)

    @property
    def consent_marker(self) -> str:
        from ctassist.treaties.choices import KIND_MARKERS

        return KIND_MARKERS.get(self.consent_kind, "") if self.consent_kind else ""


class ParticipationAction(BaseModel):
    """One act: a signature, consent to be bound, a reservation, an objection, a denunciation."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("action"), max_length=30, choices=ActionKind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    effective_date = models.DateField(
        _("takes effect"), null=True, blank=True, help_text=_("For a denunciation: when it takes effect.")
    )
    text = models.TextField(_("text"), blank=True, help_text=_("Text of a reservation, declaration or objection."))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("participation action")
        verbose_name_plural = _("participation actions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date or ''}".strip()

    def clean(self) -> None:
        dated = {ActionKind.SIGNATURE, ActionKind.DENUNCIATION, *CONSENT_KINDS}
        if self.kind in dated and not self.date:
            raise ValidationError({"date": _("A %(kind)s needs a date.") % {"kind": self.get_kind_display()}})
        if self.kind in {ActionKind.RESERVATION, ActionKind.DECLARATION, ActionKind.OBJECTION} and not self.text:
            raise ValidationError({"text": _("Give the text of the %(kind)s.") % {"kind": self.get_kind_display()}})
        if self.effective_date and self.date and self.effective_date < self.date:
            raise ValidationError({"effective_date": _("It cannot take effect before it was made.")})
        if self.date and self.date > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"date": _("The date is in the future.")})


class Depositary(models.TextChoices):
    UNTC = "untc", _("UN Treaty Collection")
    ICAO = "icao", _("ICAO")
    IMO = "imo", _("IMO")
    IAEA = "iaea", _("IAEA")
    OTHER = "other", _("Other depositary")


class StatusImport(BaseModel):
    """One depositary status table applied to an instrument: where the status shown comes from."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="status_imports"
    )
    depositary = models.CharField(_("depositary"), max_length=10, choices=Depositary.choices, default=Depositary.UNTC)
    as_at = models.DateField(_("status as at"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported on"), default=timezone.now)
    imported_by = models.CharField(_("imported by"), max_length=150, blank=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    entry_into_force = models.CharField(_("entry into force (as printed)"), max_length=400, blank=True)
    registration = models.CharField(_("registration (as printed)"), max_length=400, blank=True)
    # A depositary counts States: a few hundred at most.
    declared_signatories = models.PositiveIntegerField(
        _("signatories declared"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    declared_parties = models.PositiveIntegerField(
        _("parties declared"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    parties_read = models.PositiveIntegerField(_("parties read"), default=0)
    signatories_read = models.PositiveIntegerField(_("signatories read"), default=0)

    class Meta:
        ordering = ["-imported_at", "-id"]
        get_latest_by = "imported_at"
        verbose_name = _("status import")
        verbose_name_plural = _("status imports")

    def __str__(self) -> str:
        return f"{self.instrument} – {self.get_depositary_display()} {self.as_at or ''}".strip()
