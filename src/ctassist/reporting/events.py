from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class ReportingEvent(EventType):
    REPORT_REQUESTED = "reporting.report_requested", _("Report requested")
    REPORT_BUILT = "reporting.report_built", _("Report drafted")
    REPORT_FAILED = "reporting.report_failed", _("Report drafting failed")
    REPORT_DELETED = "reporting.report_deleted", _("Report deleted")
    PRIMARY_SECTION_SET = "reporting.primary_section_set", _("Primary report section set")
    PRIMARY_SECTION_REMOVED = "reporting.primary_section_removed", _("Primary report section override removed")
    NARRATIVE_SAVED = "reporting.narrative_saved", _("Report narrative saved")
    NARRATIVE_SUBMITTED = "reporting.narrative_submitted", _("Report narrative submitted for clearance")
    NARRATIVE_CLEARED = "reporting.narrative_cleared", _("Report narrative cleared")
    NARRATIVE_RETURNED = "reporting.narrative_returned", _("Report narrative returned with comments")
