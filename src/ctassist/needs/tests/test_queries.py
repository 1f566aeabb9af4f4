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



def _titles(response):
    return [row.record.title for row in response.context["table"].paginated_rows]


def _many_needs(actors, count=30):
    import datetime

    for index in range(count):
        need = make_need(actors, title=f"Need {index:02d}", state=actors.other_state if index % 3 else actors.state,
                         target_date=None if index % 4 else datetime.date(2030, 1, 1) + datetime.timedelta(days=index))  # fmt: skip
        if index % 6 == 0:  # one of the actors' State's needs in two
            services.link_request(acting_user=None, need=need, assistance_request=make_request(actors))


@pytest.mark.parametrize("sort", ["", "-request_count", "state", "-target_date", "title"])
def test_a_page_read_by_its_keys_holds_the_rows_of_the_plain_page_in_their_order(client, actors, sort):
    from ctassist.needs import queries
    from ctassist.needs.tables import NeedTable
    from ctassist.needs.views import NeedListView

    assert NeedListView.page_by_keys
    _many_needs(actors)
    client.force_login(actors.officer)
    seen = []
    for page in (1, 2):
        response = client.get("/needs/", {"sort": sort, "page": page} if sort else {"page": page})
        assert response.status_code == 200
        # The same table over the plain queryset, sorted as the table sorts it and then by key (newest first).
        plain = NeedTable(queries.need_list_queryset(), order_by=sort or None).data.data
        if sort:
            plain = plain.order_by(*plain.query.order_by, "-pk")
        expected = [need.title for need in plain[(page - 1) * 25 : page * 25]]
        assert len(expected) == (25 if page == 1 else 5)
        assert _titles(response) == expected
        seen += expected
    assert sorted(seen) == [f"Need {index:02d}" for index in range(30)]  # every need once, on one of the pages


def test_a_page_that_does_not_exist_is_404_and_last_is_the_last_page(client, actors):
    _many_needs(actors)
    client.force_login(actors.officer)
    for page in ("3", "0", "-1", "abc", "1.5"):
        assert client.get("/needs/", {"page": page}).status_code == 404, page
    last = client.get("/needs/", {"page": "last"})
    assert last.status_code == 200 and _titles(last) == _titles(client.get("/needs/", {"page": 2}))
    assert client.get("/needs/unanswered/", {"page": 1}).status_code == 200


def test_the_needs_list_counts_its_rows_once(client, actors):
    _many_needs(actors, 3)
    client.force_login(actors.officer)
    client.get("/needs/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/needs/").status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    assert sum('COUNT(*) AS "__count" FROM "needs_need"' in sql for sql in statements) == 1
    assert sum('FROM "core_notification"' in sql for sql in statements) == 1  # the header's count, once
