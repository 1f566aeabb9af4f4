"""Lost updates (issue 19): every edit of a versioned record carries the version it was loaded at; a missing
one is refused (428 in the API, a message on the page), a stale one is a conflict that shows what changed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from ctassist.core import audit
from ctassist.core.services import is_versioned
from ctassist.core.views import ServiceFormView


def _views():
    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), getattr(p.callback, "view_class", None)

    return [(path, view) for path, view in walk(get_resolver().url_patterns)
            if view is not None and issubclass(view, ServiceFormView) and is_versioned(view.model)
            and "<int:pk>" in path]  # fmt: skip


def test_every_edit_page_of_a_versioned_record_carries_the_version():
    views = _views()
    assert len(views) >= 8  # requests, activities, directory entries, cooperation steps, contributions, ...
    missing = [f"{path} ({view.__name__})" for path, view in views if "version" not in view.form_class.base_fields]
    assert missing == []


@pytest.mark.django_db
def test_changes_since_reads_what_others_changed_from_the_change_log(actors):
    from ctassist.assistance import services
    from ctassist.assistance.tests.factories import make_request

    assistance_request = make_request(actors, title="First title")
    loaded = assistance_request.version
    services.update_request(acting_user=actors.officer, assistance_request=assistance_request,
                            expected_version=loaded, title="Second title")  # fmt: skip
    assistance_request.refresh_from_db()
    services.update_request(acting_user=actors.officer, assistance_request=assistance_request,
                            expected_version=assistance_request.version, needs="Judges too.")  # fmt: skip
    assistance_request.refresh_from_db()
    changes = audit.changes_since(assistance_request, loaded)
    assert ("title", "First title", "Second title") in changes
    assert any(now == "Judges too." for _label, _then, now in changes)
    assert audit.changes_since(assistance_request, assistance_request.version) == []
    assert audit.changes_since(assistance_request, None) == []


@pytest.mark.django_db
def test_a_stale_activity_edit_shows_what_changed_since_it_was_opened(actors):
    from ctassist.assistance.tests.factories import make_activity
    from ctassist.assistance.tests.test_pages import _activity_form

    activity = make_activity(actors)
    client = Client()
    client.force_login(actors.officer)
    mine = _activity_form(activity, title="Mine")
    from ctassist.assistance import services

    services.update_activity(acting_user=actors.admin, activity=activity, expected_version=activity.version,
                             place="Mombasa")  # fmt: skip
    response = client.post(reverse("assistance:activity_edit", args=[activity.pk]), mine)
    assert response.status_code == 409
    assert ("place", "Nairobi", "Mombasa") in response.context["changed_since"]
    content = response.content.decode()
    assert "What others changed since you opened the record" in content and "Mombasa" in content


@pytest.mark.django_db
def test_the_activity_api_needs_if_match(actors):
    from rest_framework.test import APIClient

    from ctassist.assistance.tests.factories import make_activity

    activity = make_activity(actors)
    api = APIClient()
    api.force_authenticate(actors.officer)
    url = f"/api/activities/{activity.pk}/"
    assert api.patch(url, {"title": "No precondition"}, format="json").status_code == 428
    etag = api.get(url)["ETag"]
    assert api.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert api.patch(url, {"title": "Stale"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
