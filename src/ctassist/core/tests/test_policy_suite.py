"""The generic permission suite: every model with a policy × every role × every action."""

import pytest
from django.apps import apps

from ctassist.core.policy import registered_models
from ctassist.core.testing import all_policy_cases, check_policy_case, check_policy_urls

CASES = all_policy_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_policy(case, actors):
    check_policy_case(case, actors)


URL_CASES = [c for c in CASES if c.urls is not None]


@pytest.mark.parametrize("case", URL_CASES, ids=[c.id for c in URL_CASES])
def test_policy_pages_and_endpoints(case, actors, client):
    """The same table proves the page and the endpoints: each role gets exactly what the policy allows."""
    check_policy_urls(case, actors, client)


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


def test_the_url_suite_catches_a_page_that_shows_more_than_the_policy_allows(actors, client):
    """A bad example: declaring that the owner may not view its draft makes the suite fail on the page."""
    import dataclasses

    case = next(c for c in URL_CASES if c.id == "assistance.AssistanceRequest (draft)")
    wrong = dataclasses.replace(case, allowed={**case.allowed, "view": case.allowed["view"] - {"focal_point"}})
    with pytest.raises(AssertionError, match=r"focal_point GET /assistance/requests/\d+/ answered 200, expected 404"):
        check_policy_urls(wrong, actors, client)
