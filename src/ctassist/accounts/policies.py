"""Who may see and manage users and organisations."""

from django.db.models import Q

from ctassist.accounts.models import ApiToken, Organisation, RecoveryCode, TwoFactorDevice, User
from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, DELETE, NONE, VIEW, Policy, register


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


def _own(user):
    return Q(user_id=user.pk)


@register(ApiToken)
class ApiTokenPolicy(Policy):
    """A token is its owner's: they list, issue and revoke their own. Administrators see and revoke any."""

    actions = (VIEW, ADD, CHANGE)

    def scope(self, user, action):
        if roles.role_of(user) == roles.ADMIN and action in (VIEW, CHANGE):
            return ALL
        if roles.is_official(user):
            return _own(user)
        return NONE


@register(TwoFactorDevice)
class TwoFactorDevicePolicy(Policy):
    """One's own authenticator; administrators see who has one and reset it (delete) for a lost device."""

    def scope(self, user, action):
        if roles.role_of(user) == roles.ADMIN and action in (VIEW, DELETE):
            return ALL
        if roles.is_official(user):
            return _own(user)
        return NONE


@register(RecoveryCode)
class RecoveryCodePolicy(Policy):
    actions = (VIEW, ADD, CHANGE, DELETE)

    def scope(self, user, action):
        if roles.role_of(user) == roles.ADMIN and action == DELETE:
            return ALL
        if roles.is_official(user):
            return _own(user)
        return NONE
