"""Enumerations of the assistance area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    PLANNED = "planned", _("Planned")
    IN_DELIVERY = "in_delivery", _("In delivery")
    COMPLETED = "completed", _("Completed")
    EVALUATED = "evaluated", _("Evaluated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.UNDER_REVIEW,
    RequestStatus.ACCEPTED,
    RequestStatus.PLANNED,
    RequestStatus.IN_DELIVERY,
)


class Channel(models.TextChoices):
    PORTAL = "portal", _("Entered by the State's focal point")
    NOTE_VERBALE = "note_verbale", _("Note verbale")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail from a State authority")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")


class ActivityType(models.TextChoices):
    LEGISLATIVE_DRAFTING = "legislative_drafting", _("Legislative drafting support")
    LEGISLATIVE_REVIEW = "legislative_review", _("Legislative review")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training course")
    MENTORING = "mentoring", _("Mentoring")
    STUDY_VISIT = "study_visit", _("Study visit")
    ELEARNING = "elearning", _("E-learning")
    NEEDS_ASSESSMENT = "needs_assessment", _("Needs assessment")
    PUBLICATION = "publication", _("Publication")
    CONFERENCE = "conference", _("Conference")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_DELIVERY = "in_delivery", _("In delivery")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class PartnerRole(models.TextChoices):
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    RESOURCE_PERSON = "resource_person", _("Provides experts")
    HOST = "host", _("Host")
    OBSERVER = "observer", _("Observer")


class Sex(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    NOT_RECORDED = "not_recorded", _("Not recorded")


class AgencyType(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution")
    JUDICIARY = "judiciary", _("Judiciary")
    POLICE = "police", _("Police")
    FIU = "fiu", _("Financial intelligence")
    CUSTOMS_BORDER = "customs_border", _("Customs and border")
    PRISONS = "prisons", _("Prisons")
    MINISTRY = "ministry", _("Ministry")
    PARLIAMENT = "parliament", _("Parliament")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class Rating(models.TextChoices):
    HIGHLY_SATISFACTORY = "highly_satisfactory", _("Highly satisfactory")
    SATISFACTORY = "satisfactory", _("Satisfactory")
    PARTLY = "partly", _("Partly satisfactory")
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory")
