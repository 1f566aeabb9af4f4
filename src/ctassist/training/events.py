from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class TrainingEvent(EventType):
    COURSE_SAVED = "training.course_saved", _("Course saved")
    MODULE_SAVED = "training.module_saved", _("Course module saved")
    MODULE_REMOVED = "training.module_removed", _("Course module removed")
    SESSION_OPENED = "training.session_opened", _("Training session opened")
    SEATS_SET = "training.seats_set", _("Seats allocated to a State")
    NOMINATED = "training.nominated", _("Participant nominated")
    NOMINATION_DECIDED = "training.nomination_decided", _("Nomination decided")
    NOMINATION_WITHDRAWN = "training.nomination_withdrawn", _("Nomination withdrawn")
    ATTENDANCE_RECORDED = "training.attendance_recorded", _("Attendance recorded")
    RESULTS_RECORDED = "training.results_recorded", _("Test results recorded")
    PEOPLE_MERGED = "training.people_merged", _("Duplicate person records merged")
    PERSON_ERASED = "training.person_erased", _("Personal data erased")
    CERTIFICATE_ISSUED = "training.certificate_issued", _("Certificate issued")
    CERTIFICATE_REVOKED = "training.certificate_revoked", _("Certificate revoked")
    SESSION_UPDATED = "training.session_updated", _("Training session updated")
    TRAINER_SAVED = "training.trainer_saved", _("Trainer saved")
    TRAINER_ASSIGNED = "training.trainer_assigned", _("Trainer's part in a session saved")
    TRAINER_UNASSIGNED = "training.trainer_unassigned", _("Trainer removed from a session")
