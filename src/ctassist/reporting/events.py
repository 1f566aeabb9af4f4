from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class ReportingEvent(EventType):
    REPORT_REQUESTED = "reporting.report_requested", _("Report requested")
    REPORT_BUILT = "reporting.report_built", _("Report drafted")
    REPORT_FAILED = "reporting.report_failed", _("Report drafting failed")
    REPORT_DELETED = "reporting.report_deleted", _("Report deleted")
