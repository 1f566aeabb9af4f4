"""Member States and non-member observer States, with the names documents use for them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import BaseModel
from ctassist.core.policy import RestrictedManager
from ctassist.geo.choices import Membership, RegionalGroup
from ctassist.geo.translated import state_name


class State(BaseModel):
    """A State as the UN lists it: codes, M49 region, regional group and development flags."""

    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("Short name as in the M49 table."))
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    m49_region = models.CharField(_("M49 region"), max_length=40, db_index=True)
    m49_subregion = models.CharField(_("M49 sub-region"), max_length=60)
    m49_intermediate_region = models.CharField(_("M49 intermediate region"), max_length=60, blank=True)
    regional_group = models.CharField(
        _("UN regional group"), max_length=20, choices=RegionalGroup.choices, db_index=True
    )
    regional_group_note = models.CharField(_("regional group note"), max_length=200, blank=True)
    membership = models.CharField(_("membership"), max_length=10, choices=Membership.choices, default=Membership.MEMBER)
    ldc = models.BooleanField(_("least developed country"), default=False)
    lldc = models.BooleanField(_("landlocked developing country"), default=False)
    sids = models.BooleanField(_("small island developing State"), default=False)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["name"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The short name in the active language (see ``geo.translated`` for the sources)."""
        return state_name(self.name, self.iso2)


class StateAlias(models.Model):
    """Another name a document may use for a State; ``normalized`` is what look-ups match."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    normalized = models.CharField(max_length=200, unique=True)

    objects = RestrictedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("State name variant")
        verbose_name_plural = _("State name variants")

    def __str__(self) -> str:
        return self.name
