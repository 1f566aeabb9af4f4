from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class DirectoryEvent(EventType):
    ENTRY_PROPOSED = "directory.entry_proposed", _("Directory entry proposed")
    REVISION_PROPOSED = "directory.revision_proposed", _("Directory entry revision proposed")
    ENTRY_PUBLISHED = "directory.entry_published", _("Directory entry published")
    ENTRY_ARCHIVED = "directory.entry_archived", _("Directory entry archived")
    ENTRY_VERIFIED = "directory.entry_verified", _("Directory entry verified")
    CONTACT_VIEWED = "directory.contact_viewed", _("Contact details viewed")
    STALE_REMINDER_SENT = "directory.stale_reminder_sent", _("Reminder sent about entries not verified")
    IMPORTED = "directory.imported", _("Directory entries imported")
    ACCESS_GRANTED = "directory.access_granted", _("Directory access granted")
    ACCESS_REVOKED = "directory.access_revoked", _("Directory access revoked")
