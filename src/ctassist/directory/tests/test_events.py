"""Every read of contact details leaves a "contact viewed" event; UNODC reads the log."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.testing import download
from ctassist.directory import services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import ContactPerson, DirectoryAccess, DirectoryEntry
from ctassist.directory.tests.conftest import make_entry


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
    response = download(client_for("other_focal_point"), target)
    assert response.status_code == 200
    event = _views().get()
    assert event.user == actors.other_focal_point
    assert event.data["via"] == how
    assert event.data["entries"] == [entry.pk]
    assert event.data["states"] == [actors.state.iso3]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "focal_point"])
def test_the_edit_form_shows_contact_details_and_writes_the_event(role, actors, entry, client_for):
    client = client_for(role)
    response = client.get(reverse("directory:entry_edit", args=[entry.pk]))
    assert response.status_code == 200 and b"secret.mla@example.org" in response.content
    event = _views().get()
    assert event.user == actors.user(role) and event.data["via"] == "edit-form"
    assert event.data["entries"] == [entry.pk]
    # A refused save shows the form again, contact details included: that is a read too.
    response = client.post(reverse("directory:entry_edit", args=[entry.pk]), {"name": ""})
    assert response.status_code == 400
    assert _views().count() == 2


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


# Every change and every delete is logged and announced ------------------------------------------


def _events(kind, **lookup):
    return DomainEvent.objects.filter(type=kind, **lookup)


def _logged_deletes(model):
    return ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), action="delete")


@pytest.mark.django_db
def test_deleting_an_entry_logs_and_announces_it_and_its_contacts(actors):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    person = draft.contacts.get()
    services.delete_entry(acting_user=actors.focal_point, entry=draft)
    assert not DirectoryEntry.objects.filter(pk=draft.pk).exists()
    event = _events(DirectoryEvent.ENTRY_DELETED, object_id=str(draft.pk)).get()
    assert event.user == actors.focal_point and event.data["state"] == actors.state.iso3
    assert _events(DirectoryEvent.CONTACT_REMOVED, object_id=str(person.pk)).get().data == {"entry": draft.pk}
    assert _logged_deletes(DirectoryEntry).filter(object_id=str(draft.pk)).get().before["name"] == draft.name
    assert _logged_deletes(ContactPerson).filter(object_id=str(person.pk)).exists()


@pytest.mark.django_db
def test_deleting_a_published_entry_removes_its_open_revision_with_an_event(actors, entry):
    revision = services.propose_revision(acting_user=actors.focal_point, entry=entry, fields={"office_hours": "9–5"})
    services.delete_entry(acting_user=actors.officer, entry=entry)
    assert _events(DirectoryEvent.ENTRY_DELETED, object_id=str(revision.pk)).get().data == {"revision_of": entry.pk}
    assert _events(DirectoryEvent.ENTRY_DELETED, object_id=str(entry.pk)).exists()


@pytest.mark.django_db
def test_a_contact_removed_in_an_edit_is_logged_and_announced(actors):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    person = draft.contacts.get()
    services.update_entry(acting_user=actors.officer, entry=draft, fields={}, contacts=[], expected_version=1)
    assert not draft.contacts.exists()
    assert _events(DirectoryEvent.CONTACT_REMOVED, object_id=str(person.pk)).exists()
    assert _logged_deletes(ContactPerson).filter(object_id=str(person.pk)).exists()


@pytest.mark.django_db
def test_publishing_a_revision_removes_it_with_an_event(actors, entry):
    revision = services.propose_revision(acting_user=actors.focal_point, entry=entry, fields={"office_hours": "9–5"})
    services.publish(acting_user=actors.officer, entry=revision)
    assert _events(DirectoryEvent.REVISION_APPLIED, object_id=str(revision.pk)).get().data == {"entry": entry.pk}
    assert _events(DirectoryEvent.ENTRY_PUBLISHED, object_id=str(entry.pk)).get().data == {"revision": revision.pk}


@pytest.mark.django_db
def test_revoking_access_is_logged_and_announced(actors, client_for):
    organisation = actors.organisations["partner"]
    grant = services.grant_access(acting_user=actors.officer, organisation=organisation, reason="Joint project")
    granted = _events(DirectoryEvent.ACCESS_GRANTED).get()
    assert granted.data == {"organisation": organisation.pk, "reason": "Joint project"}
    response = client_for("officer").post(reverse("directory:access_revoke", args=[grant.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("directory:access_list")
    assert not DirectoryAccess.objects.exists()
    assert _events(DirectoryEvent.ACCESS_REVOKED).get().data == {"organisation": organisation.pk}
    assert _logged_deletes(DirectoryAccess).filter(object_id=str(grant.pk)).exists()


@pytest.mark.django_db
def test_only_unodc_revokes_access(actors, client_for):
    grant = services.grant_access(acting_user=None, organisation=actors.organisations["partner"])
    for role in ("focal_point", "partner"):
        assert client_for(role).post(reverse("directory:access_revoke", args=[grant.pk])).status_code == 403
    assert not _events(DirectoryEvent.ACCESS_REVOKED).exists()


def test_no_directory_model_has_many_to_many_fields():
    """Changing only many-to-many fields must be logged (core.services.save); the directory has none to test."""
    assert [m for m in (DirectoryEntry, ContactPerson, DirectoryAccess) if m._meta.many_to_many] == []
