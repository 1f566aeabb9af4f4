from django.utils.translation import gettext_lazy as _

from ctassist.core.events import EventType


class AccountEvent(EventType):
    USER_CREATED = "accounts.user_created", _("User created")
    USER_CHANGED = "accounts.user_changed", _("User changed")
    USER_DEACTIVATED = "accounts.user_deactivated", _("Account deactivated")
    USER_REACTIVATED = "accounts.user_reactivated", _("Account reactivated")
    ORGANISATION_CREATED = "accounts.organisation_created", _("Organisation created")
    TOKEN_ISSUED = "accounts.token_issued", _("API token issued")
    TOKEN_REVOKED = "accounts.token_revoked", _("API token revoked")
    PASSWORD_SET = "accounts.password_set", _("Password set")
    PASSWORD_CHANGED = "accounts.password_changed", _("Password changed")
    PASSWORD_RESET = "accounts.password_reset", _("Password reset")
    PASSWORD_RESET_REQUESTED = "accounts.password_reset_requested", _("Password reset requested")
    PASSWORD_RESET_LIMITED = "accounts.password_reset_limited", _("Password reset refused (too many requests)")
    TWO_FACTOR_ENABLED = "accounts.two_factor_enabled", _("Two-factor authentication enabled")
    TWO_FACTOR_DISABLED = "accounts.two_factor_disabled", _("Two-factor authentication removed")
    TWO_FACTOR_FAILED = "accounts.two_factor_failed", _("Two-factor code refused")
    RECOVERY_CODE_USED = "accounts.recovery_code_used", _("Recovery code used")
    SECURITY_KEY_ADDED = "accounts.security_key_added", _("Security key added")
    SECURITY_KEY_REMOVED = "accounts.security_key_removed", _("Security key removed")
    RECOVERY_CODES_ISSUED = "accounts.recovery_codes_issued", _("Recovery codes issued")
