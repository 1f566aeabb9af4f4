"""The database unavailable for a moment: the product answers 503 with its own page, then recovers."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def _down(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_a_page_answers_503_with_its_own_page_while_the_database_is_down_then_recovers():
    client = Client()
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", _down):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 503
        assert response["Retry-After"].isdigit()
        assert response["Cache-Control"] == "no-store"
        body = response.content.decode()
        assert "ctassist" in body
        assert 'lang="fr"' in body
        assert "Traceback" not in body
    # Back up: the same client is served normally.
    assert client.get("/").status_code == 200


def test_the_api_answers_503_in_json_while_the_database_is_down():
    client = Client()
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", _down):
        response = client.get("/api/states/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert client.get("/api/states/").status_code == 200


def test_a_connection_lost_during_the_view_answers_503():
    client = Client()
    lost = mock.Mock()
    lost.cursor.side_effect = OperationalError("server closed the connection unexpectedly")
    with mock.patch("ctassist.core.views_pages.connection", lost):
        response = client.get("/healthz")
    assert response.status_code == 503
    interface = mock.Mock()
    interface.cursor.side_effect = InterfaceError("connection already closed")
    with mock.patch("ctassist.core.views_pages.connection", interface):
        assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200


def test_a_faulty_query_is_still_a_server_error_not_hidden_as_unavailable():
    client = Client(raise_request_exception=False)
    faulty = mock.Mock()
    faulty.cursor.side_effect = OperationalError("no such column: nonsense")
    with mock.patch("ctassist.core.views_pages.connection", faulty):
        assert client.get("/healthz").status_code == 500
