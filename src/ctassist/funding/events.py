from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class FundingEvent(EventType):
    DONOR_CREATED = "funding.donor_created", _("Donor recorded")
    DONOR_UPDATED = "funding.donor_updated", _("Donor updated")
    DONOR_DELETED = "funding.donor_deleted", _("Donor deleted")
    CONTRIBUTION_RECORDED = "funding.contribution_recorded", _("Contribution recorded")
    CONTRIBUTION_UPDATED = "funding.contribution_updated", _("Contribution updated")
    CONTRIBUTION_STATUS_CHANGED = "funding.contribution_status_changed", _("Contribution status changed")
    CONTRIBUTION_RECEIPT_RECORDED = "funding.contribution_receipt", _("Contribution instalment received")
    CONTRIBUTION_CANCELLED = "funding.contribution_cancelled", _("Contribution cancelled")
    CONTRIBUTION_DELETED = "funding.contribution_deleted", _("Contribution deleted")
    PROJECT_CREATED = "funding.project_created", _("Project created")
    PROJECT_UPDATED = "funding.project_updated", _("Project updated")
    PROJECT_DELETED = "funding.project_deleted", _("Project deleted")
    ACTIVITY_CHARGED = "funding.activity_charged", _("Activity charged to a project")
    CHARGE_UPDATED = "funding.charge_updated", _("Activity charge corrected")
    CHARGE_REMOVED = "funding.charge_removed", _("Activity charge removed")
