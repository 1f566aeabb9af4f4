from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityType(models.TextChoices):
    MLA = "mla", _("Central authority for mutual legal assistance")
    EXTRADITION = "extradition", _("Central authority for extradition")
    CT_COORDINATION = "ct-coordination", _("Counter-terrorism coordination")
    FIU = "fiu", _("Financial intelligence unit")
    E_EVIDENCE = "e-evidence", _("24/7 point of contact for electronic evidence")
    INTERPOL_NCB = "interpol-ncb", _("INTERPOL National Central Bureau")
    PIU = "piu", _("Passenger information unit")
    PROSECUTION = "prosecution", _("Prosecution service")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    DIRECT = "direct", _("Direct transmission")
    DIPLOMATIC = "diplomatic", _("Diplomatic channels")
    INTERPOL = "interpol", _("INTERPOL")
    EMAIL = "email", _("E-mail")
    SECURE_PLATFORM = "secure-platform", _("Secure platform")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Language(models.TextChoices):
    """Languages in which requests are accepted (ISO 639-1 codes)."""

    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    EN = "en", _("English")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ES = "es", _("Spanish")
    PT = "pt", _("Portuguese")
    DE = "de", _("German")
    IT = "it", _("Italian")
    NL = "nl", _("Dutch")
    TR = "tr", _("Turkish")
    FA = "fa", _("Persian")
    UR = "ur", _("Urdu")
    HI = "hi", _("Hindi")
    BN = "bn", _("Bengali")
    ID = "id", _("Indonesian")
    MS = "ms", _("Malay")
    TH = "th", _("Thai")
    VI = "vi", _("Vietnamese")
    JA = "ja", _("Japanese")
    KO = "ko", _("Korean")
    SW = "sw", _("Swahili")
    AM = "am", _("Amharic")
    HA = "ha", _("Hausa")
    UK = "uk", _("Ukrainian")
    PL = "pl", _("Polish")
    OTHER = "other", _("Other language")


# Column headings where space is short (coverage matrix).
SHORT_TYPE_LABELS: dict[str, Any] = {
    AuthorityType.MLA: _("MLA"),
    AuthorityType.EXTRADITION: _("Extradition"),
    AuthorityType.CT_COORDINATION: _("CT coordination"),
    AuthorityType.FIU: _("FIU"),
    AuthorityType.E_EVIDENCE: _("24/7 e-evidence"),
    AuthorityType.INTERPOL_NCB: _("INTERPOL NCB"),
    AuthorityType.PIU: _("PIU"),
    AuthorityType.PROSECUTION: _("Prosecution"),
    AuthorityType.OTHER: _("Other"),
}
