"""The generic permission suite: every model with a policy × every role × every action."""

import pytest
from django.apps import apps

from ctassist.core.policy import registered_models
from ctassist.core.testing import all_policy_cases, check_policy_case

CASES = all_policy_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_policy(case, actors):
    check_policy_case(case, actors)


def test_every_model_with_a_policy_has_a_case():
    covered = {case.model for case in CASES}
    missing = [m._meta.label for m in registered_models() if m not in covered]
    assert not missing, f"Declare PolicyCase entries for: {missing}"


def test_every_domain_model_has_a_policy():
    """A model users can reach without a declared policy would bypass the one mechanism."""
    registered = set(registered_models())
    exempt: set[str] = set()
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in {c.label for c in apps.get_app_configs() if c.name.startswith("ctassist.")}
        and m not in registered
        and m._meta.label not in exempt
        and not m._meta.auto_created
    ]
    assert not missing, f"Models without a permission policy: {missing}"
