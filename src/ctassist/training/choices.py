"""Enumerations of the training area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    ACCEPTED = "accepted", _("Accepted (enrolled)")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The statuses a decision may lead to, and those that hold a place.
DECISIONS = (NominationStatus.ACCEPTED, NominationStatus.DECLINED)
EDITABLE = (NominationStatus.NOMINATED, NominationStatus.WAITLISTED)


class TrainerKind(models.TextChoices):
    UNODC_STAFF = "unodc_staff", _("UNODC staff")
    CONSULTANT = "consultant", _("Consultant")
    PARTNER_EXPERT = "partner_expert", _("Expert of a partner entity")


class TrainerRole(models.TextChoices):
    LEAD = "lead", _("Lead trainer")
    CO_TRAINER = "co_trainer", _("Co-trainer")
    RESOURCE = "resource", _("Resource person")
