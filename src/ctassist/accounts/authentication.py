"""API token authentication: tokens that expire, can be revoked, and are stored as digests only."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ctassist.accounts import services, twofactor
from ctassist.accounts.models import ApiToken


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` with one of the user's usable tokens (see the account page)."""

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.select_related("user", "user__organisation")
            .filter(key_digest=services.token_digest(key))
            .first()
        )
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired: issue a new one."))
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if twofactor.missing_for(user):
            raise exceptions.AuthenticationFailed(
                _("This account must set up two-factor authentication before it can use the API.")
            )
        services.record_token_use(token)
        return (user, token)
