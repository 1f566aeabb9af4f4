"""The public sees that a State designated an authority of a type, never who or how to reach it."""

import pytest
from django.urls import reverse

from ctassist.directory.choices import EntryStatus
from ctassist.directory.tests.conftest import SECRET_EMAIL, make_entry


@pytest.mark.django_db
def test_coverage_counts_published_entries_only(actors, client_for):
    make_entry(actors.state)
    make_entry(actors.state, kind="fiu", name="FIU (test)")
    make_entry(actors.other_state, status=EntryStatus.DRAFT, name="Draft (test)")
    client = client_for("anonymous")
    data = client.get("/api/directory/coverage/").json()
    assert data == [
        {"state": "KEN", "state_name": "Kenya", "authority_type": "fiu", "count": 1, "is_demo": False},
        {"state": "KEN", "state_name": "Kenya", "authority_type": "mla", "count": 1, "is_demo": False},
    ]
    page = client.get(reverse("directory:coverage"))
    body = page.content.decode()
    assert page.status_code == 200 and "Kenya" in body and "Peru" not in body
    assert "FIU (test)" not in body and SECRET_EMAIL not in body
    assert page.context["coverage"].states == 1 and page.context["coverage"].authorities == 2


@pytest.mark.django_db
def test_nav_entry_only_for_officials(actors, client_for):
    assert 'href="/directory/"' not in client_for("anonymous").get("/").content.decode()
    assert 'href="/directory/"' in client_for("donor").get("/").content.decode()


@pytest.mark.django_db
def test_demo_generator_uses_reserved_contacts_only(actors):
    import re

    from ctassist.directory.demo import generate_directory
    from ctassist.directory.models import ContactPerson, DirectoryEntry

    count = generate_directory(seed=3)
    assert count > 300
    assert DirectoryEntry.objects.filter(is_demo=False).count() == 0
    assert DirectoryEntry.objects.values("state").distinct().count() > 150
    for entry in DirectoryEntry.objects.all():
        assert all(e.endswith("@example.org") for e in entry.email_list)
        assert all(re.fullmatch(r"\+1 613 555 01\d\d", t) for t in entry.telephone_list)
        assert ".example.org/" in entry.website and "demonstration" in entry.name
    for person in ContactPerson.objects.all():
        assert person.email.endswith("@example.org") and re.fullmatch(r"\+1 613 555 01\d\d", person.telephone)
        assert person.name.startswith("Demo Contact ")
    assert DirectoryEntry.objects.filter(revision_of__isnull=False).count() == 1
