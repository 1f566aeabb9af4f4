from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class MandateEvent(EventType):
    RESOLUTION_INGESTED = "mandates.resolution_ingested", _("Resolution ingested")
    RESOLUTION_UPDATED = "mandates.resolution_updated", _("Resolution updated")
    RESOLUTION_FETCHED = "mandates.resolution_fetched", _("Resolution downloaded from the UN documents system")
