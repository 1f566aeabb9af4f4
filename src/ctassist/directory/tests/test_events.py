"""Every read of contact details leaves a "contact viewed" event; UNODC reads the log."""

import pytest
from django.urls import reverse

from ctassist.core.models import DomainEvent
from ctassist.directory.events import DirectoryEvent


def _views():
    return DomainEvent.objects.filter(type=DirectoryEvent.CONTACT_VIEWED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "how,url",
    [
        ("page", "directory:entry_detail"),
        ("vcard", "directory:entry_vcard"),
        ("api", "/api/directory/entries/{pk}/"),
        ("api-list", "/api/directory/entries/"),
        ("export-csv", "directory:entry_list?export=csv"),
        ("export-xlsx", "directory:entry_list?export=xlsx"),
        ("export-pdf", "directory:entry_list?export=pdf"),
        ("export-docx", "directory:entry_list?export=docx"),
    ],
)
def test_each_read_of_contact_details_is_an_event(how, url, actors, entry, client_for):
    if url.startswith("/"):
        target = url.format(pk=entry.pk)
    else:
        name, _, query = url.partition("?")
        target = reverse(name, args=[entry.pk] if "entry_" in name and "list" not in name else [])
        target += f"?{query}" if query else ""
    response = client_for("other_focal_point").get(target)
    assert response.status_code == 200
    event = _views().get()
    assert event.user == actors.other_focal_point
    assert event.data["via"] == how
    assert event.data["entries"] == [entry.pk]
    assert event.data["states"] == [actors.state.iso3]


@pytest.mark.django_db
def test_list_page_without_contacts_writes_no_event(actors, entry, client_for):
    response = client_for("officer").get(reverse("directory:entry_list"))
    assert response.status_code == 200 and entry.name in response.content.decode()
    assert not _views().exists()


@pytest.mark.django_db
def test_access_log_is_for_unodc_and_filters(actors, entry, other_entry, client_for):
    client_for("focal_point").get(reverse("directory:entry_detail", args=[other_entry.pk]))
    client_for("other_focal_point").get(reverse("directory:entry_detail", args=[entry.pk]))
    log = reverse("directory:access_log")
    for role in ("focal_point", "partner", "donor"):
        assert client_for(role).get(log).status_code == 403
    assert client_for("anonymous").get(log).status_code == 302
    officer = client_for("officer")
    body = officer.get(log).content.decode()
    assert "test-focal_point" in body and "test-other_focal_point" in body
    body = officer.get(log, {"state": actors.state.iso3}).content.decode()
    assert "test-other_focal_point" in body and "test-focal_point<" not in body
    body = officer.get(log, {"user_repr": "other_focal"}).content.decode()
    assert "test-other_focal_point" in body
    assert officer.get(log, {"since": "2999-01-01"}).context["table"].paginator.count == 0
