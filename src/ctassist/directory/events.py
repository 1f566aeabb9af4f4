from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class DirectoryEvent(EventType):
    ENTRY_CREATED = "directory.entry_created", _("Directory entry created")
    ENTRY_PROPOSED = "directory.entry_proposed", _("Directory entry proposed")
    ENTRY_CHANGED = "directory.entry_changed", _("Directory entry changed")
    REVISION_PROPOSED = "directory.revision_proposed", _("Directory entry revision proposed")
    REVISION_APPLIED = "directory.revision_applied", _("Directory entry revision applied and removed")
    ENTRY_PUBLISHED = "directory.entry_published", _("Directory entry published")
    ENTRY_ARCHIVED = "directory.entry_archived", _("Directory entry archived")
    ENTRY_VERIFIED = "directory.entry_verified", _("Directory entry verified")
    ENTRY_DELETED = "directory.entry_deleted", _("Directory entry deleted")
    CONTACT_REMOVED = "directory.contact_removed", _("Contact person removed")
    CONTACT_VIEWED = "directory.contact_viewed", _("Contact details viewed")
    STALE_REMINDER_SENT = "directory.stale_reminder_sent", _("Reminder sent about entries not verified")
    IMPORTED = "directory.imported", _("Directory entries imported")
    ACCESS_GRANTED = "directory.access_granted", _("Directory access granted")
    ACCESS_REVOKED = "directory.access_revoked", _("Directory access revoked")
