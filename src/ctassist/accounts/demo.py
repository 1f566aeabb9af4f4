"""Demonstration accounts: one per role, with fresh random passwords each time."""

from __future__ import annotations

import secrets

from django.db import transaction

from ctassist.accounts import services, twofactor
from ctassist.accounts.choices import OrganisationKind, Role
from ctassist.accounts.models import Organisation, User
from ctassist.geo.models import State

DEMO_FOCAL_STATE = "KEN"
DEMO_OTHER_STATE = "PER"

DEMO_ACCOUNTS = [
    ("demo-admin", Role.ADMIN, "unodc", "Administrator (demonstration account)"),
    ("demo-officer", Role.OFFICER, "unodc", "UNODC programme officer (demonstration account)"),
    ("demo-focal-ken", Role.FOCAL_POINT, DEMO_FOCAL_STATE, "Focal point of Kenya (demonstration account)"),
    ("demo-focal-per", Role.FOCAL_POINT, DEMO_OTHER_STATE, "Focal point of Peru (demonstration account)"),
    ("demo-partner", Role.PARTNER, "partner", "Partner entity staff (demonstration account)"),
    ("demo-donor", Role.DONOR, "donor", "Donor representative (demonstration account)"),
]


def _organisation(key: str) -> Organisation:
    if key == "unodc":
        name, kind, state = "UNODC Terrorism Prevention Branch", OrganisationKind.UNODC, None
    elif key == "partner":
        name, kind, state = "Demonstration partner entity", OrganisationKind.PARTNER, None
    elif key == "donor":
        name, kind, state = "Demonstration donor", OrganisationKind.DONOR, None
    else:
        state = State.objects.get(iso3=key)
        name, kind = f"{state.name}: national focal point office (demonstration)", OrganisationKind.STATE
    org = Organisation.objects.filter(name=name).first()
    return org or services.create_organisation(acting_user=None, kind=kind, name=name, state=state, is_demo=True)


@transaction.atomic
def ensure_demo_accounts() -> list[tuple[str, str, str, str]]:
    """Create the demonstration accounts or reset their passwords; returns (username, password, label, key).

    Accounts whose role requires two-factor authentication (the administrator) get a fresh
    authenticator each run, as a real account would have: ``key`` is its TOTP key (empty for the
    others), to add to an authenticator app, or read the current code with ``ctassist demo_code``.
    """
    logins = []
    for username, role, org_key, label in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.create_user(
                acting_user=None,
                username=username,
                role=role,
                organisation=_organisation(org_key),
                password=password,
                email=f"{username}@example.org",
                is_demo=True,
            )
        else:
            services.set_password(acting_user=None, user=user, password=password)
        key = ""
        if role in twofactor.required_roles():
            device = services.provision_two_factor(acting_user=None, user=user)
            key = device.secret
        logins.append((username, password, label, key))
    return logins
