"""Enumerations of the reporting area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being drafted")
    DONE = "done", _("Drafted")
    FAILED = "failed", _("Failed")


class ReportSection(models.TextChoices):
    """The sections of chapter II an activity may be counted in (``builder.pillars.SECTIONS``)."""

    RATIFICATION = "ratification", _("Ratification and legislative incorporation")
    CAPACITY = "capacity", _("Capacity-building of criminal justice officials")
    COOPERATION = "cooperation", _("International cooperation in criminal matters")
    FINANCING = "financing", _("Countering the financing of terrorism")
    FIGHTERS = "fighters", _("Foreign terrorist fighters")
    CBRN = "cbrn", _("Chemical, biological, radiological and nuclear terrorism")
    VICTIMS = "victims", _("Victims of terrorism")
    CHILDREN = "children", _("Children")
    GENDER = "gender", _("Gender perspectives")
    RIGHTS = "rights", _("Human rights and the rule of law")
    PRISONS = "prisons", _("Prisons and radicalization to violence")
    BORDERS = "borders", _("Border management")
    ICT = "ict", _("Information and communications technology")


class NarrativeStatus(models.TextChoices):
    """Clearance of the narrative officers write: draft → submitted → cleared, or returned with comments."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for clearance")
    CLEARED = "cleared", _("Cleared")
    RETURNED = "returned", _("Returned with comments")
