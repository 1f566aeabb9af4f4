"""Every API operation, fuzzed from the project's own OpenAPI schema: no server error, no contradiction.

Runs as an anonymous visitor, as a focal point and as a UNODC officer (tokens), so that the refusal
paths, the State-restricted paths and the real handlers all see generated input. Each answer must
be below 500 and agree with the schema: a documented status code, the documented content type and
headers, and a body that validates against the documented schema (a field documented as a string
that comes back null is a contradiction). ``FUZZ_EXAMPLES`` bounds the examples per operation and
role (default 6, which keeps the three runs within a few minutes).
"""

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ctassist.config.wsgi import application

SCHEMA_FILE = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.yaml"
schema = schemathesis.openapi.from_path(str(SCHEMA_FILE))
schema.app = application

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


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


@pytest.fixture(params=["anonymous", "focal_point", "officer"])
def headers(request, actors):
    if request.param == "anonymous":
        return {}
    from ctassist.accounts import services

    user = getattr(actors, request.param)
    return {"Authorization": f"Token {services.issue_token(acting_user=user, user=user).key}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_below_500_and_agrees_with_the_schema(case, headers):
    response = case.call(app=application, headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)
