from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class CooperationEvent(EventType):
    REQUEST_CREATED = "cooperation.request_created", _("Cooperation request created")
    REQUEST_CHANGED = "cooperation.request_changed", _("Cooperation request changed")
    REQUEST_DELETED = "cooperation.request_deleted", _("Cooperation request deleted")
    REQUEST_FINALISED = "cooperation.request_finalised", _("Cooperation request finalised")
    STATUS_CHANGED = "cooperation.status_changed", _("Cooperation request status changed")
    REQUEST_SHARED = "cooperation.request_shared", _("Cooperation request shared with UNODC")
    REQUEST_UNSHARED = "cooperation.request_unshared", _("Cooperation request no longer shared")
    REQUEST_VIEWED = "cooperation.request_viewed", _("Cooperation request viewed")
    REMINDER_DUE = "cooperation.reminder_due", _("Cooperation request overdue")
