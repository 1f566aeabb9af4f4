"""Who must, and who is asked to, use two-factor authentication; the pending second step of a sign-in.

Administrators always need it; UNODC staff and focal points (who see restricted data) are offered it
and reminded at sign-in; ``CTASSIST_TWO_FACTOR_REQUIRED_ROLES`` makes it mandatory for more roles.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import pyotp
import segno
from django.conf import settings
from django.utils import timezone

from ctassist.accounts import services
from ctassist.accounts.models import TwoFactorDevice, User
from ctassist.core import roles

ALWAYS_REQUIRED = frozenset({roles.ADMIN})
PROMPTED = frozenset({roles.ADMIN, roles.OFFICER, roles.FOCAL_POINT})
ISSUER = "ctassist"

# The session key holding a sign-in whose password was right and whose second step is still due.
PENDING = "_two_factor_pending"
PENDING_SECONDS = 300  # the second step must follow the password within five minutes


def required_roles() -> frozenset[str]:
    return ALWAYS_REQUIRED | frozenset(getattr(settings, "CTASSIST_TWO_FACTOR_REQUIRED_ROLES", ()))


def required_for(user: Any) -> bool:
    return roles.role_of(user) in required_roles()


def prompted_for(user: Any) -> bool:
    return roles.role_of(user) in PROMPTED


def enabled_for(user: Any) -> bool:
    """Whether ``user`` has a confirmed authenticator (kept on the request's user for the request)."""
    cached = getattr(user, "_two_factor_enabled", None)
    if cached is None:
        cached = services.two_factor_enabled(user)
        with contextlib.suppress(AttributeError):  # an object that takes no attributes
            user._two_factor_enabled = cached
    return cached


def missing_for(user: Any) -> bool:
    """The user's role needs two-factor authentication and they have not set it up yet."""
    return required_for(user) and not enabled_for(user)


def provisioning_uri(device: TwoFactorDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=ISSUER)


def qr_svg(device: TwoFactorDevice) -> str:
    """The set-up QR code as an inline SVG (made here, nothing fetched)."""
    return segno.make(provisioning_uri(device), error="m").svg_inline(scale=4, dark="#000", light="#fff")


def current_code(device: TwoFactorDevice) -> str:
    """The code the authenticator shows now (tests, and the demonstration accounts' helper command).

    When this period's code was already used, the next period's (accepted for clock drift).
    """
    totp = pyotp.TOTP(device.secret)
    step = max(totp.timecode(timezone.now()), device.last_step + 1)
    return totp.generate_otp(step)


# -- the sign-in's second step ---------------------------------------------------------------------


def begin(request: Any, user: User, *, next_url: str) -> None:
    request.session.cycle_key()  # a fresh session id once the password was right
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "at": int(time.time()),
        "next": next_url,
    }


def pending(request: Any) -> tuple[User, dict] | None:
    """The user who gave the right password and still owes the second step, if that was recent."""
    data = request.session.get(PENDING)
    if not data or int(time.time()) - int(data.get("at", 0)) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).select_related("organisation").first()
    return (user, data) if user is not None else None


def finish(request: Any) -> None:
    request.session.pop(PENDING, None)
