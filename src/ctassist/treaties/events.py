from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class TreatyEvent(EventType):
    SIGNATURE_RECORDED = "treaties.signature_recorded", _("Signature recorded")
    CONSENT_RECORDED = "treaties.consent_recorded", _("Ratification or accession recorded")
    DENUNCIATION_RECORDED = "treaties.denunciation_recorded", _("Denunciation recorded")
    STATEMENT_RECORDED = "treaties.statement_recorded", _("Reservation, declaration or objection recorded")
    ACTION_REMOVED = "treaties.action_removed", _("Act of participation removed")
    PARTICIPATION_IMPORTED = "treaties.participation_imported", _("Participation table imported")
