"""The audit records: UNODC staff read them; nobody edits them. Notifications: each user their own."""

from django.db.models import Q

from ctassist.core import roles
from ctassist.core.models import ChangeLogEntry, ColumnMapping, DomainEvent, Job, Notification, SystemFlag
from ctassist.core.policy import ADD, ALL, CHANGE, NONE, VIEW, Policy, register


class AuditPolicy(Policy):
    actions = (VIEW,)

    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE


@register(ChangeLogEntry)
class ChangeLogPolicy(AuditPolicy):
    pass


@register(DomainEvent)
class DomainEventPolicy(AuditPolicy):
    pass


@register(SystemFlag)
class SystemFlagPolicy(Policy):
    actions = (VIEW, "change")

    def scope(self, user, action):
        return ALL if roles.role_of(user) == roles.ADMIN else NONE


@register(ColumnMapping)
class ColumnMappingPolicy(Policy):
    """Saved column mappings of imports: UNODC staff, who import, use and save them."""

    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE


@register(Notification)
class NotificationPolicy(Policy):
    """A user sees, and marks read, only their own notifications; nobody else's, whatever the role."""

    actions = (VIEW, CHANGE)

    def scope(self, user, action):
        if roles.role_of(user) is None:
            return NONE
        return Q(recipient_id=user.pk)


@register(Job)
class JobPolicy(Policy):
    """A job and its result are its owner's: nobody else learns what was exported, nor gets the file."""

    actions = (VIEW, ADD)

    def scope(self, user, action):
        if not getattr(user, "is_authenticated", False):
            return NONE
        return Q(owner_id=user.pk) if action == VIEW else ALL
