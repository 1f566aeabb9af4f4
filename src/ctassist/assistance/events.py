from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class AssistanceEvent(EventType):
    REQUEST_CREATED = "assistance.request_created", _("Request created")
    REQUEST_UPDATED = "assistance.request_updated", _("Request updated")
    REQUEST_DELETED = "assistance.request_deleted", _("Draft request deleted")
    REQUEST_SUBMITTED = "assistance.request_submitted", _("Request submitted")
    REVIEW_STARTED = "assistance.review_started", _("Review started")
    REQUEST_ACCEPTED = "assistance.request_accepted", _("Request accepted")
    REQUEST_DECLINED = "assistance.request_declined", _("Request declined")
    REQUEST_PLANNED = "assistance.request_planned", _("Activities planned")
    DELIVERY_STARTED = "assistance.delivery_started", _("Delivery started")
    REQUEST_COMPLETED = "assistance.request_completed", _("Request completed")
    REQUEST_EVALUATED = "assistance.request_evaluated", _("Request evaluated")
    REQUEST_ASSIGNED = "assistance.request_assigned", _("Officer assigned")
    REQUEST_WITHDRAWN = "assistance.request_withdrawn", _("Request withdrawn by the State")
    EDIT_CONFLICT = "assistance.edit_conflict", _("Edit refused: changed by someone else")
    ATTACHMENT_ADDED = "assistance.attachment_added", _("Attachment added")
    ACTIVITY_CREATED = "assistance.activity_created", _("Activity created")
    ACTIVITY_UPDATED = "assistance.activity_updated", _("Activity updated")
    PARTNER_SET = "assistance.partner_set", _("Partner added or its role changed")
    PARTNER_REMOVED = "assistance.partner_removed", _("Partner removed from an activity")
    PARTICIPANTS_RECORDED = "assistance.participants_recorded", _("Participants recorded")
    PARTICIPANT_COUNT_REMOVED = "assistance.participant_count_removed", _("Participant count removed")
    PARTICIPANTS_IMPORTED = "assistance.participants_imported", _("Participant list imported")
    EVALUATION_RECORDED = "assistance.evaluation_recorded", _("Evaluation recorded")
