from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentKind(models.TextChoices):
    UNIVERSAL = "universal", _("Universal instrument against terrorism")
    RELATED = "related", _("Related instrument (organized crime)")


class Family(models.TextChoices):
    CIVIL_AVIATION = "civil-aviation", _("Civil aviation")
    PROTECTED_PERSONS = "protected-persons", _("Internationally protected persons")
    HOSTAGE_TAKING = "hostage-taking", _("Hostage-taking")
    NUCLEAR_MATERIAL = "nuclear-material", _("Nuclear material")
    MARITIME = "maritime", _("Maritime navigation")
    FIXED_PLATFORMS = "fixed-platforms", _("Fixed platforms")
    EXPLOSIVES = "explosives", _("Plastic explosives")
    TERRORIST_BOMBINGS = "terrorist-bombings", _("Terrorist bombings")
    TERRORIST_FINANCING = "terrorist-financing", _("Terrorist financing")
    ORGANIZED_CRIME = "organized-crime", _("Transnational organized crime")


class ActionKind(models.TextChoices):
    SIGNATURE = "signature", _("Signature")
    RATIFICATION = "ratification", _("Ratification")
    ACCEPTANCE = "acceptance", _("Acceptance (A)")
    APPROVAL = "approval", _("Approval (AA)")
    ACCESSION = "accession", _("Accession (a)")
    SUCCESSION = "succession", _("Succession (d)")
    DEFINITIVE_SIGNATURE = "definitive-signature", _("Definitive signature (s)")
    RESERVATION = "reservation", _("Reservation")
    DECLARATION = "declaration", _("Declaration")
    OBJECTION = "objection", _("Objection")
    WITHDRAWAL_OF_RESERVATION = "reservation-withdrawn", _("Withdrawal of reservation")
    DENUNCIATION = "denunciation", _("Denunciation")


CONSENT_KINDS = (
    ActionKind.RATIFICATION,
    ActionKind.ACCEPTANCE,
    ActionKind.APPROVAL,
    ActionKind.ACCESSION,
    ActionKind.SUCCESSION,
    ActionKind.DEFINITIVE_SIGNATURE,
)

# The letters the UN Treaty Collection prints after a date.
MARKER_KINDS = {
    "": ActionKind.RATIFICATION,
    "A": ActionKind.ACCEPTANCE,
    "AA": ActionKind.APPROVAL,
    "a": ActionKind.ACCESSION,
    "d": ActionKind.SUCCESSION,
    "s": ActionKind.DEFINITIVE_SIGNATURE,
}
KIND_MARKERS = {kind: marker for marker, kind in MARKER_KINDS.items()}


class Status(models.TextChoices):
    PARTY = "party", _("Party")
    SIGNATORY = "signatory", _("Signatory")
    DENOUNCED = "denounced", _("Denounced")
    NONE = "none", _("Not party")
