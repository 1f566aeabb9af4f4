"""Every API operation, fuzzed from the project's own OpenAPI schema: no input may cause a server error.

Runs as an anonymous visitor and as a UNODC officer (token), so that both the
refusal paths and the real handlers see generated input.
"""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from ctassist.config.wsgi import application

SCHEMA_FILE = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.yaml"
schema = schemathesis.openapi.from_path(str(SCHEMA_FILE))
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI application fires request_finished, whose handler closes a connection
    that is inside a transaction; Django's test client disconnects it, and so must we."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def officer_token(actors):
    from ctassist.accounts import services

    return services.issue_token(acting_user=actors.officer, user=actors.officer).key


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_for_anonymous(case):
    response = case.call(app=application)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} → {response.status_code}"


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_for_an_officer(case, officer_token):
    response = case.call(app=application, headers={"Authorization": f"Token {officer_token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} → {response.status_code}"
