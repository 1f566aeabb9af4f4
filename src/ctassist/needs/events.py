from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class NeedEvent(EventType):
    NEED_RECORDED = "needs.need_recorded", _("Need recorded")
    NEED_UPDATED = "needs.need_updated", _("Need updated")
    NEED_PROPOSED = "needs.need_proposed", _("Need proposed from a legislative review")
    NEED_STATUS_CHANGED = "needs.status_changed", _("Need status changed")
    NEED_LINKED = "needs.linked", _("Requests or activities answering a need changed")
    FOLLOW_UP_RECORDED = "needs.follow_up_recorded", _("Follow-up recorded")
    NEED_SHARED = "needs.shared", _("Need shared with a partner or donor")
    SHARING_WITHDRAWN = "needs.sharing_withdrawn", _("Sharing of a need withdrawn")
    REQUEST_FROM_NEED = "needs.request_created", _("Request created from a need")
    ASSESSMENT_STARTED = "needs.assessment_started", _("Self-assessment started")
    ASSESSMENT_ANSWERED = "needs.assessment_answered", _("Self-assessment item answered")
    ASSESSMENT_SUBMITTED = "needs.assessment_submitted", _("Self-assessment submitted")
    ASSESSMENT_RETURNED = "needs.assessment_returned", _("Self-assessment returned with comments")
    ASSESSMENT_VALIDATED = "needs.assessment_validated", _("Self-assessment validated")
