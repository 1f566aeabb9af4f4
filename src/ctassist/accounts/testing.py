"""Test helpers that need accounts: one user per role, of a State and of another State.

They live here rather than in ``core.testing`` because core depends on no app.
"""

from __future__ import annotations

from ctassist.accounts import services
from ctassist.accounts.choices import OrganisationKind, Role
from ctassist.core.testing import Actors
from ctassist.geo.models import State


def make_actors(state_iso3: str = "KEN", other_iso3: str = "PER") -> Actors:
    state = State.objects.get(iso3=state_iso3)
    other = State.objects.get(iso3=other_iso3)
    orgs = {
        "unodc": services.create_organisation(acting_user=None, kind=OrganisationKind.UNODC, name="UNODC (test)"),
        "state": services.create_organisation(
            acting_user=None, kind=OrganisationKind.STATE, name=f"{state.name} office (test)", state=state
        ),
        "other": services.create_organisation(
            acting_user=None, kind=OrganisationKind.STATE, name=f"{other.name} office (test)", state=other
        ),
        "partner": services.create_organisation(
            acting_user=None, kind=OrganisationKind.PARTNER, name="Partner entity (test)"
        ),
        "donor": services.create_organisation(acting_user=None, kind=OrganisationKind.DONOR, name="Donor (test)"),
    }
    spec = {
        "admin": (Role.ADMIN, "unodc"),
        "officer": (Role.OFFICER, "unodc"),
        "focal_point": (Role.FOCAL_POINT, "state"),
        "other_focal_point": (Role.FOCAL_POINT, "other"),
        "partner": (Role.PARTNER, "partner"),
        "donor": (Role.DONOR, "donor"),
    }
    actors = Actors(state=state, other_state=other)
    actors.organisations = orgs  # type: ignore[attr-defined]
    for role, (role_value, org_key) in spec.items():
        actors.users[role] = services.create_user(
            acting_user=None,
            username=f"test-{role}",
            role=role_value,
            organisation=orgs[org_key],
            password="a-long-test-password-1",
            email=f"{role}@example.org",
        )
    # Administrators must use two-factor authentication (accounts.twofactor): the test one has an authenticator.
    admin = actors.users["admin"]
    services.provision_two_factor(acting_user=None, user=admin)
    return actors
