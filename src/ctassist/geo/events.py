from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class GeoEvent(EventType):
    ALIAS_ADDED = "geo.alias_added", _("State name variant added")
