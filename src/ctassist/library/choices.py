"""Enumerations of the library and of legislative reviews."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegislationKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    CRIMINAL_CODE = "criminal-code", _("Criminal code")
    CRIMINAL_PROCEDURE = "criminal-procedure", _("Code of criminal procedure")
    COUNTER_TERRORISM = "counter-terrorism", _("Counter-terrorism law")
    TERRORIST_FINANCING = "terrorist-financing", _("Terrorist-financing or anti-money-laundering law")
    MLA = "mla", _("Mutual legal assistance law")
    EXTRADITION = "extradition", _("Extradition law")
    AVIATION_MARITIME = "transport", _("Aviation or maritime security law")
    NUCLEAR = "nuclear", _("Nuclear security law")
    REGULATION = "regulation", _("Regulation")
    OTHER = "other", _("Other")


class LegislationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed (awaiting UNODC)")
    PUBLISHED = "published", _("Published")


class Language(models.TextChoices):
    """The official languages of the United Nations, and other."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    RU = "ru", _("Russian")
    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    OTHER = "other", _("Other")


class PublicationKind(models.TextChoices):
    HANDBOOK = "handbook", _("Handbook")
    MANUAL = "manual", _("Manual")
    GUIDE = "guide", _("Guide")
    MODEL_LAW = "model-law", _("Model law")
    ELEARNING = "e-learning", _("E-learning module")
    CURRICULUM = "curriculum", _("Training curriculum")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    LEGISLATORS = "legislators", _("Legislators and drafters")
    PROSECUTORS = "prosecutors", _("Prosecutors")
    JUDGES = "judges", _("Judges")
    LAW_ENFORCEMENT = "law-enforcement", _("Law enforcement")
    CENTRAL_AUTHORITIES = "central-authorities", _("Central authorities")
    GENERAL = "general", _("General")


class Outcome(models.TextChoices):
    CONVICTION = "conviction", _("Conviction")
    ACQUITTAL = "acquittal", _("Acquittal")
    PARTIAL = "partial", _("Partly convicted")
    EXTRADITION_GRANTED = "extradition-granted", _("Extradition granted")
    EXTRADITION_REFUSED = "extradition-refused", _("Extradition refused")
    PENDING = "pending", _("Pending or on appeal")
    OTHER = "other", _("Other")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Incorporation(models.TextChoices):
    FULLY = "fully", _("Fully incorporated")
    PARTLY = "partly", _("Partly incorporated")
    NOT = "not", _("Not incorporated")
    NOT_APPLICABLE = "n/a", _("Not applicable")
    UNASSESSED = "", _("Not yet assessed")


class ItemCategory(models.TextChoices):
    OFFENCE = "offence", _("Offence to establish")
    PENALTIES = "penalties", _("Penalties")
    JURISDICTION = "jurisdiction", _("Jurisdiction")
    AUT_DEDERE = "aut-dedere", _("Extradite or prosecute")
    LEGAL_PERSONS = "legal-persons", _("Liability of legal persons")
    EXTRADITION = "extradition", _("Extradition")
    MLA = "mla", _("Mutual legal assistance")
    SAFEGUARDS = "safeguards", _("Safeguards (fair treatment, non-discrimination, refugee and humanitarian law)")
    OTHER = "other", _("Other measures")
