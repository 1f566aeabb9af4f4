"""Enumerations of the funding area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DonorType(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    OTHER = "other", _("Other donor (organisation, foundation, fund)")


class ContributionStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    COMMITTED = "committed", _("Committed")
    RECEIVED = "received", _("Received")
    PARTLY_RECEIVED = "partly", _("Partly received")
    CANCELLED = "cancelled", _("Cancelled")


# The order of the statuses: a contribution only moves forward. A cancelled one stops where it was.
STATUS_ORDER = (
    ContributionStatus.PLEDGED,
    ContributionStatus.COMMITTED,
    ContributionStatus.PARTLY_RECEIVED,
    ContributionStatus.RECEIVED,
)
# Statuses whose money has (at least partly) arrived: their receipts are the received figures.
RECEIVING = (ContributionStatus.PARTLY_RECEIVED, ContributionStatus.RECEIVED)


class ContributionKind(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    IN_KIND = "in_kind", _("In kind")


class Earmarking(models.TextChoices):
    PROJECT = "project", _("Earmarked to a project")
    THEME = "theme", _("Earmarked to a theme")
    REGION = "region", _("Earmarked to a regional group")
    UNEARMARKED = "unearmarked", _("Unearmarked")
