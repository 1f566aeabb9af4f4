"""Helpers that read a user's role, safe for anonymous visitors."""

from typing import Any

ADMIN = "admin"
OFFICER = "officer"
FOCAL_POINT = "focal_point"
PARTNER = "partner"
DONOR = "donor"


def role_of(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return getattr(user, "role", None)


def is_unodc(user: Any) -> bool:
    """UNODC staff: administrators and programme officers."""
    return role_of(user) in {ADMIN, OFFICER}


def is_official(user: Any) -> bool:
    """Any signed-in official of UNODC, a State, a partner or a donor."""
    return role_of(user) is not None


def state_id_of(user: Any) -> int | None:
    """The State a focal point acts for, or None."""
    if role_of(user) != FOCAL_POINT:
        return None
    organisation = getattr(user, "organisation", None)
    return getattr(organisation, "state_id", None)


def organisation_id_of(user: Any) -> int | None:
    if role_of(user) is None:
        return None
    return getattr(user, "organisation_id", None)
