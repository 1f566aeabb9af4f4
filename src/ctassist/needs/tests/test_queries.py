"""The list pages and endpoints run a fixed number of SQL queries whatever the number of needs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctassist.assistance.tests.factories import make_activity, make_request
from ctassist.needs import services
from ctassist.needs.choices import NeedSource
from ctassist.needs.tests.factories import make_need

pytestmark = pytest.mark.django_db

URLS = [
    "/needs/",
    "/needs/?status=open&theme=terrorism-financing",
    "/needs/unanswered/",
    "/needs/overview/",
    "/needs/states/KEN/",
    "/needs/funding-gap/",
    "/api/needs/",
    "/api/need-follow-ups/",
]


def _grow(actors, count):
    activity = make_activity(actors)
    for index in range(count):
        need = make_need(actors, NeedSource.OTHER_MECHANISM if index % 2 else NeedSource.CTED_ASSESSMENT,
                         title=f"Need {index}")  # fmt: skip
        services.link_request(acting_user=None, need=need, assistance_request=make_request(actors))
        services.link_activity(acting_user=None, need=need, activity=activity)
        services.add_follow_up(acting_user=None, need=need, done_on=need.source_date, action="Met", done_by="FIU")


def _counts(client):
    counts = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["officer", "focal_point", "partner"])
def test_list_pages_and_endpoints_keep_a_fixed_number_of_queries(client, actors, role, django_assert_max_num_queries):
    client.force_login(actors.user(role))
    _grow(actors, 2)
    _counts(client)  # the first request also fills the installation's caches
    small = _counts(client)
    _grow(actors, 10)
    large = _counts(client)
    assert large == small
    for url in URLS:
        with django_assert_max_num_queries(20):
            client.get(url)
