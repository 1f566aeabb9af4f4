"""Sessions slide their idle limit forward without a database write on every page view."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_reading_pages_does_not_rewrite_the_session_each_time(client, actors, settings):
    settings.SESSION_REFRESH_SECONDS = 300
    client.force_login(actors.officer)
    client.get(reverse("core:home"))
    first = _expiry(client)
    for _ in range(3):
        client.get(reverse("core:home"))
    assert _expiry(client) == first


def test_a_session_in_use_is_extended_once_the_interval_has_passed(client, actors, settings):
    client.force_login(actors.officer)
    settings.SESSION_REFRESH_SECONDS = 300
    client.get(reverse("core:home"))
    first = _expiry(client)
    settings.SESSION_REFRESH_SECONDS = 0  # every view is now past the interval
    client.get(reverse("core:home"))
    assert _expiry(client) > first


def test_sqlite_writers_take_the_lock_at_the_start_of_their_transaction(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the embedded database only")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
