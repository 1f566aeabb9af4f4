"""Who may see and manage users and organisations."""

from django.db.models import Q

from ctassist.accounts.models import Organisation, User
from ctassist.core import roles
from ctassist.core.policy import ALL, NONE, VIEW, Policy, register


@register(Organisation)
class OrganisationPolicy(Policy):
    def scope(self, user, action):
        if roles.role_of(user) == roles.ADMIN:
            return ALL
        if action == VIEW and roles.is_official(user):
            return ALL  # officials see who the partners, donors and States' offices are
        return NONE


@register(User)
class UserPolicy(Policy):
    def scope(self, user, action):
        if roles.role_of(user) == roles.ADMIN:
            return ALL
        if action == VIEW and roles.is_unodc(user):
            return ALL
        if action == VIEW and roles.is_official(user):
            return Q(pk=user.pk)
        return NONE
