"""The fixed vocabularies of international cooperation requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing (we request)")
    INCOMING = "incoming", _("Incoming (we are requested)")


class Offence(models.TextChoices):
    """Offences the universal instruments define, as a practitioner names them."""

    AIRCRAFT_ON_BOARD = "on-board-aircraft", _("Offence committed on board an aircraft")
    AIRCRAFT_SEIZURE = "aircraft-seizure", _("Unlawful seizure of an aircraft")
    AVIATION_SAFETY = "aviation-safety", _("Unlawful act against the safety of civil aviation")
    AIRPORT_VIOLENCE = "airport-violence", _("Violence at an airport serving international civil aviation")
    PROTECTED_PERSONS = "protected-persons", _("Attack on an internationally protected person")
    HOSTAGE_TAKING = "hostage-taking", _("Hostage-taking")
    NUCLEAR_MATERIAL = "nuclear-material", _("Offence involving nuclear material")
    MARITIME = "maritime", _("Unlawful act against the safety of maritime navigation")
    FIXED_PLATFORM = "fixed-platform", _("Unlawful act against a fixed platform")
    BOMBING = "bombing", _("Terrorist bombing")
    FINANCING = "financing", _("Financing of terrorism")
    NUCLEAR_TERRORISM = "nuclear-terrorism", _("Act of nuclear terrorism")


class ArticleKind(models.TextChoices):
    OFFENCE = "offence", _("Offence defined")
    AUT_DEDERE = "aut-dedere", _("Extradite or prosecute")
    EXTRADITION = "extradition", _("Extradition")
    MLA = "mla", _("Mutual legal assistance")


class Assistance(models.TextChoices):
    """What a mutual legal assistance request asks the requested State to do."""

    EVIDENCE = "evidence", _("Taking evidence or statements")
    DOCUMENTS = "documents", _("Documents and records")
    SEARCH = "search", _("Search and seizure")
    FREEZING = "freezing", _("Freezing or confiscation of assets")
    SERVICE = "service", _("Service of judicial documents")
    VIDEO = "video", _("Hearing by video conference")
    PRESERVATION = "preservation", _("Preservation of electronic data")
    SUBSCRIBER = "subscriber", _("Subscriber information")
    CONTENT = "content", _("Content data")


ELECTRONIC = (Assistance.PRESERVATION, Assistance.SUBSCRIBER, Assistance.CONTENT)


class CaseStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    EXECUTED_IN_PART = "executed-in-part", _("Executed in part")
    EXECUTED = "executed", _("Executed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CLOSED = (CaseStatus.EXECUTED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN)
OPEN = (CaseStatus.SENT, CaseStatus.ACKNOWLEDGED, CaseStatus.EXECUTED_IN_PART)

# Which statuses each status may move to (the drafting State sends; either State records the rest).
NEXT: dict[str, tuple[str, ...]] = {
    CaseStatus.DRAFTED: (CaseStatus.SENT,),
    CaseStatus.SENT: (
        CaseStatus.ACKNOWLEDGED,
        CaseStatus.EXECUTED_IN_PART,
        CaseStatus.EXECUTED,
        CaseStatus.REFUSED,
        CaseStatus.WITHDRAWN,
    ),
    CaseStatus.ACKNOWLEDGED: (
        CaseStatus.EXECUTED_IN_PART,
        CaseStatus.EXECUTED,
        CaseStatus.REFUSED,
        CaseStatus.WITHDRAWN,
    ),
    CaseStatus.EXECUTED_IN_PART: (CaseStatus.EXECUTED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN),
    CaseStatus.EXECUTED: (),
    CaseStatus.REFUSED: (),
    CaseStatus.WITHDRAWN: (),
}

# Days after the last step without news before a case is overdue (when no reply date was asked for).
REMIND_AFTER_DAYS: dict[str, int] = {
    CaseStatus.SENT: 30,
    CaseStatus.ACKNOWLEDGED: 90,
    CaseStatus.EXECUTED_IN_PART: 60,
}

# Languages the request documents are written in: the six languages of the United Nations, by the
# ISO 639-1 codes the directory records accepted languages in (their fixed text is in documents.TEXTS,
# translated in the catalogues).
DOCUMENT_LANGUAGES = (
    ("ar", _("Arabic")), ("zh", _("Chinese")), ("en", _("English")), ("fr", _("French")),
    ("ru", _("Russian")), ("es", _("Spanish")),
)  # fmt: skip
