"""Accounts whose role requires two-factor authentication set it up before anything else."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ctassist.accounts import twofactor

# What such a user may still reach: the set-up pages (an authenticator app or a security key), signing
# out, the language switcher.
ALLOWED = frozenset(
    {
        "accounts:two_factor_setup",
        "accounts:security_keys",
        "accounts:security_key_options",
        "accounts:logout",
        "set_language",
        "accounts:login",
    }
)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and twofactor.missing_for(user) and not self._allowed(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("This account must set up two-factor authentication before it can use the API.")},
                    status=403,
                )
            url = reverse("accounts:two_factor_setup")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _allowed(request) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 page reveals nothing
        return match.view_name in ALLOWED
