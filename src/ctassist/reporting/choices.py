"""Enumerations of the reporting area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being drafted")
    DONE = "done", _("Drafted")
    FAILED = "failed", _("Failed")
