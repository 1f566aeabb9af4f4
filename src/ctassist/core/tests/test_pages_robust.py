"""Every page that takes no arguments survives junk query parameters: no server error, for any role."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

JUNK = {
    "page": "abc",
    "sort": "-nonsense",
    "q": '"unbalanced -* OR',
    "year": "0",
    "state": "<script>",
    "status": "nope",
    "theme": "x" * 300,
    "start": "2020-13-45",
    "end": "yesterday",
    "export": "exe",
    "regional_group": "%00",
    "month": "13",
    "instrument": "../../etc",
}
SKIP = {"accounts:logout", "set_language", "api-schema", "api-docs", "api-redoc", "core:health"}


def _pages(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if str(entry.pattern).startswith("api/"):
                continue  # the API is fuzzed from its schema
            yield from _pages(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            name = f"{namespace}{entry.name}"
            if name not in SKIP:
                yield name


PAGES = sorted(set(_pages()))


def test_the_walk_finds_every_area():
    areas = {name.split(":")[0] for name in PAGES}
    assert {"treaties", "mandates", "assistance", "directory", "library", "funding", "reporting", "audit"} <= areas


@pytest.mark.parametrize("role", ["anonymous", "officer", "focal_point", "donor"])
def test_no_page_fails_on_junk_parameters(client, actors, role):
    from django.urls import reverse

    if role != "anonymous":
        client.force_login(actors.user(role))
    failures = []
    for name in PAGES:
        url = reverse(name)
        response = client.get(url, JUNK)
        if response.status_code >= 500:
            failures.append(f"{url} → {response.status_code}")
    assert not failures, failures


def test_no_page_fails_with_demonstration_data_loaded(client, actors):
    """The same walk over a populated database, plain and with junk, as an officer."""
    from django.core.management import call_command
    from django.urls import reverse

    call_command("generate_demo", "--only", "participation,assistance,directory,library,funding", stdout=None)
    client.force_login(actors.officer)
    failures = []
    for name in PAGES:
        url = reverse(name)
        for params in ({}, JUNK):
            response = client.get(url, params)
            if response.status_code >= 500:
                failures.append(f"{url} {params and 'junk'} → {response.status_code}")
    assert not failures, failures



@pytest.mark.parametrize("per_page", ["0", "-3", "1000000000", "abc"])
def test_a_list_page_keeps_its_page_size_within_bounds(client, actors, per_page):
    from ctassist.geo.models import State

    client.force_login(actors.user("officer"))
    states = State.objects.count()
    assert states > 50  # the reference list: more rows than one default page
    response = client.get("/framework/states/", {"per_page": per_page})
    assert response.status_code == 200
    shown = len(response.context["table"].page.object_list)
    if per_page == "0":  # django-tables2 reads 0 as "not given": the table's own default page
        assert 1 <= shown <= 50
    else:
        assert shown == {"-3": 1, "1000000000": states, "abc": 50}[per_page]


def test_the_list_paginator_clamps_the_page_size():
    from ctassist.core.views import MAX_PER_PAGE, ListPaginator

    assert ListPaginator(range(10_000), 10**9).per_page == MAX_PER_PAGE
    assert ListPaginator(range(10_000), -1).per_page == 1
    assert ListPaginator(range(10_000), 25).num_pages == 400
