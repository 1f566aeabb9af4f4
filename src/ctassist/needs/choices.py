"""Enumerations of the needs area."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NeedSource(models.TextChoices):
    CTED_ASSESSMENT = "cted_assessment", _("CTED country assessment")
    CTED_VISIT = "cted_visit", _("CTED country visit")
    LEGISLATIVE_REVIEW = "legislative_review", _("Gap found by a legislative review")
    STATE_REQUEST = "state_request", _("The State's own request")
    EVALUATION = "evaluation", _("Finding of an evaluation")
    OTHER_MECHANISM = "other_mechanism", _("Other mechanism (for example a FATF or FSRB mutual evaluation)")


# CTED shares its assessments only with the State concerned: needs from them are confidential.
CONFIDENTIAL_SOURCES = frozenset({NeedSource.CTED_ASSESSMENT, NeedSource.CTED_VISIT})
# Sources that are a document of their own, named by a reference and a date.
DOCUMENTED_SOURCES = frozenset(
    {NeedSource.CTED_ASSESSMENT, NeedSource.CTED_VISIT, NeedSource.EVALUATION, NeedSource.OTHER_MECHANISM}
)


class NeedStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, to be confirmed")
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    ADDRESSED = "addressed", _("Addressed")
    CLOSED = "closed", pgettext_lazy("status of a need", "Closed")
    DISCARDED = "discarded", _("Discarded")


# Where each status may go. Closing and discarding need a reason.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    NeedStatus.PROPOSED: (NeedStatus.OPEN, NeedStatus.DISCARDED),
    NeedStatus.OPEN: (NeedStatus.IN_PROGRESS, NeedStatus.ADDRESSED, NeedStatus.CLOSED),
    NeedStatus.IN_PROGRESS: (NeedStatus.OPEN, NeedStatus.ADDRESSED, NeedStatus.CLOSED),
    NeedStatus.ADDRESSED: (NeedStatus.IN_PROGRESS, NeedStatus.CLOSED),
    NeedStatus.CLOSED: (NeedStatus.OPEN,),
    NeedStatus.DISCARDED: (),
}
NEEDS_REASON = frozenset({NeedStatus.CLOSED, NeedStatus.DISCARDED})
# Needs still waiting for assistance.
ACTIVE_STATUSES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


class SharingAction(models.TextChoices):
    SHARED = "shared", _("Shared")
    WITHDRAWN = "withdrawn", _("Sharing withdrawn")


class AssessmentStatus(models.TextChoices):
    """A State's self-assessment: the focal point drafts and submits it, UNODC validates or returns it."""

    DRAFT = "draft", pgettext_lazy("status of a self-assessment", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("status of a self-assessment", "Submitted")
    RETURNED = "returned", _("Returned with comments")
    VALIDATED = "validated", _("Validated")


# Self-assessments the State's focal point may still change.
ASSESSMENT_EDITABLE = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
# A State has at most one self-assessment under way per instrument.
ASSESSMENT_OPEN = (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED)
