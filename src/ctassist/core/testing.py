"""Test helpers every app reuses: one user per role, and the generic policy suite.

An app declares what each role may do with each of its models in
``<app>/tests/policy_cases.py``::

    CASES = [
        PolicyCase(Instrument, make=lambda a: Instrument.objects.first(),
                   allowed={VIEW: EVERYONE, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}),
    ]

and ``core/tests/test_policy_suite.py`` walks every case × action × role, and
fails when a model with a policy has no case.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models

from ctassist.core.policy import policy_for

ROLES = ("anonymous", "admin", "officer", "focal_point", "other_focal_point", "partner", "donor")
EVERYONE = frozenset(ROLES)
OFFICIALS = EVERYONE - {"anonymous"}
UNODC = frozenset({"admin", "officer"})
ADMIN_ONLY = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()


@dataclass
class Actors:
    """A State and another State, and one user for each role (the focal points are of those States)."""

    state: Any
    other_state: Any
    users: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, role: str) -> Any:
        users = self.__dict__.get("users", {})
        if role in users:
            return users[role]
        raise AttributeError(role)

    def user(self, role: str) -> Any:
        return AnonymousUser() if role == "anonymous" else self.users[role]


def make_actors(state_iso3: str = "KEN", other_iso3: str = "PER") -> Actors:
    from ctassist.accounts import services
    from ctassist.accounts.choices import OrganisationKind, Role
    from ctassist.geo.models import State

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
    return actors


@dataclass
class PolicyCase:
    """What each role may do with one object of ``model`` made by ``make(actors)``.

    Objects that belong to a State should be made for ``actors.state``, so the
    focal point is the owner and the other focal point a stranger.
    """

    model: type[models.Model]
    make: Callable[[Actors], models.Model]
    allowed: dict[str, frozenset[str]]
    label: str = ""

    @property
    def id(self) -> str:
        return self.label or self.model._meta.label


def check_policy_case(case: PolicyCase, actors: Actors) -> None:
    obj = case.make(actors)
    policy = policy_for(case.model)
    undeclared = set(policy.actions) - set(case.allowed)
    assert not undeclared, f"{case.id}: no expectation declared for actions {sorted(undeclared)}"
    failures = []
    for action in policy.actions:
        for role in ROLES:
            reached = case.model._default_manager.restrict(actors.user(role), action).filter(pk=obj.pk).exists()
            expected = role in case.allowed[action]
            if reached != expected:
                failures.append(
                    f"{case.id}: {role} {'can' if reached else 'cannot'} {action}, "
                    f"expected {'allowed' if expected else 'refused'}"
                )
    assert not failures, "\n".join(failures)


def all_policy_cases() -> list[PolicyCase]:
    """Every app's ``tests/policy_cases.py`` rows, in app order."""
    cases: list[PolicyCase] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("ctassist."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.policy_cases")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.policy_cases" and exc.name != f"{config.name}.tests":
                raise
            continue
        cases.extend(module.CASES)
    return cases
