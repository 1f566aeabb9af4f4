from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class AccountEvent(EventType):
    USER_CREATED = "accounts.user_created", _("User created")
    USER_CHANGED = "accounts.user_changed", _("User changed")
    ORGANISATION_CREATED = "accounts.organisation_created", _("Organisation created")
    TOKEN_ISSUED = "accounts.token_issued", _("API token issued")
