"""The list page and the list endpoint take the same number of queries whatever the number of rows."""

import pytest
from django.test import TestCase
from django.urls import reverse

from ctassist.core.models import Job, JobStatus
from ctassist.directory.tests.conftest import make_entry


def _fill(actors, n):
    for i in range(n):
        make_entry(actors.state if i % 2 else actors.other_state, name=f"Authority {i:03d}", kind="other")


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 30])
def test_list_page_queries_constant(size, actors, client_for, django_assert_max_num_queries):
    _fill(actors, size)
    client = client_for("focal_point")
    client.get(reverse("directory:entry_list"))  # warm the session and caches
    with django_assert_max_num_queries(14):
        response = client.get(reverse("directory:entry_list"))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 30])
def test_list_endpoint_queries_constant(size, actors, client_for, django_assert_max_num_queries):
    _fill(actors, size)
    client = client_for("partner")
    from ctassist.directory import services

    services.grant_access(acting_user=None, organisation=actors.organisations["partner"])
    client.get("/api/directory/entries/")
    with django_assert_max_num_queries(12):
        response = client.get("/api/directory/entries/")
    assert response.json()["count"] == size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 30])
def test_exports_queries_constant(size, actors, client_for, django_assert_max_num_queries):
    _fill(actors, size)
    client = client_for("officer")
    # The printout is a job: the worker's run (the page replayed as the user, the file stored) is what
    # must not grow with the entries.
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        assert client.get(reverse("directory:entry_list"), {"export": "pdf"}).status_code == 302
    with django_assert_max_num_queries(25):
        for run in queued:
            run()
    assert Job.objects.get().status == JobStatus.DONE
