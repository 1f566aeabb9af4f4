"""Library pages and endpoints run a fixed number of queries whatever the library's size."""

import pytest
from django.urls import reverse

from ctassist.library.demo import run_library_demo
from ctassist.library.tests.factories import law

pytestmark = pytest.mark.django_db

PAGES = [
    ("library:search", {"q": "terrorist"}),
    ("library:legislation_list", {}),
    ("library:case_list", {}),
    ("library:publication_list", {}),
    ("library:review_list", {}),
]
ENDPOINTS = ["/api/library/search/?q=terrorist"]


@pytest.mark.parametrize("size", ["one law", "demonstration library"])
def test_fixed_number_of_queries(client, actors, django_assert_max_num_queries, size):
    if size == "one law":
        law(actors.state, acting_user=actors.officer)
    else:
        run_library_demo(scale=1, seed=3)
    client.force_login(actors.officer)
    for name, params in PAGES:
        with django_assert_max_num_queries(20):
            assert client.get(reverse(name), params).status_code == 200, name
    for url in ENDPOINTS:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, url
