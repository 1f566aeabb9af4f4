"""Lost-update protection: an entry edited from a stale or missing version is refused, on the page and in the API."""

import pytest
from django.urls import reverse

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.services import EditConflict, VersionRequired
from ctassist.directory import services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.tests.conftest import make_entry

pytestmark = pytest.mark.django_db


def _form(entry, **overrides):
    data = {
        "authority_type": entry.authority_type,
        "name": entry.name,
        "emails": entry.emails,
        "telephones": entry.telephones,
        "address": entry.address,
        "languages_accepted": entry.languages,
        "channels_accepted": entry.channels,
        "accepts_un_conventions": "unknown",
        "urgent_by_email": "unknown",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Demo Contact 0001",
        "contacts-0-title": "Legal officer",
        "contacts-0-email": "hidden.person@example.org",
        "contacts-0-languages": ["en"],
        "version": entry.version,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_edit_page_carries_the_version(actors, client_for):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    page = client_for("officer").get(reverse("directory:entry_edit", args=[draft.pk]))
    assert page.status_code == 200
    assert f'name="version" value="{draft.version}"' in page.content.decode()


def test_a_stale_edit_is_refused_with_the_current_entry(actors, client_for):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    loaded = draft.version
    services.update_entry(acting_user=actors.focal_point, entry=draft, fields={"name": "Renamed by the focal point"},
                          expected_version=loaded)  # fmt: skip
    client = client_for("officer")
    url = reverse("directory:entry_edit", args=[draft.pk])
    response = client.post(url, _form(draft, name="Renamed by UNODC", version=loaded))
    assert response.status_code == 409
    body = response.content.decode()
    assert "someone else changed this entry" in body and "Renamed by the focal point" in body
    assert response.context["conflict"].version == loaded + 1
    assert f'name="version" value="{loaded + 1}"' in body, "saving again is made from the version now shown"
    draft.refresh_from_db()
    assert draft.name == "Renamed by the focal point" and draft.version == loaded + 1
    # Having seen the current entry, the editor saves again from its version.
    again = client.post(url, _form(draft, name="Renamed by UNODC", version=draft.version))
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "Renamed by UNODC" and draft.version == loaded + 2


@pytest.mark.parametrize("mode", ["edit", "propose"])
def test_an_edit_without_a_version_is_refused_with_a_message(mode, actors, client_for):
    entry = make_entry(actors.state, status=EntryStatus.DRAFT if mode == "edit" else EntryStatus.PUBLISHED)
    role = "officer" if mode == "edit" else "focal_point"
    response = client_for(role).post(
        reverse("directory:entry_edit", args=[entry.pk]), _form(entry, name="No version", version=None)
    )
    assert response.status_code == 409
    assert "does not say which version" in response.content.decode()
    entry.refresh_from_db()
    assert entry.name != "No version" and not entry.revisions.exists()


def test_the_service_needs_the_version_and_compares_it(actors, entry):
    with pytest.raises(VersionRequired):
        services.update_entry(acting_user=actors.officer, entry=entry, fields={"name": "x"})
    with pytest.raises(EditConflict) as caught:
        services.update_entry(acting_user=actors.officer, entry=entry, fields={"name": "x"},
                              expected_version=entry.version + 5)  # fmt: skip
    assert caught.value.current.pk == entry.pk
    entry.refresh_from_db()
    assert entry.name == "Central Authority (test)"


def test_an_unchanged_save_writes_nothing_and_keeps_the_version(actors, client_for):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    logged, events = ChangeLogEntry.objects.count(), DomainEvent.objects.count()
    services.update_entry(acting_user=actors.officer, entry=draft, expected_version=draft.version,
                          fields={"name": draft.name}, contacts=services.contacts_of(draft))  # fmt: skip
    assert (ChangeLogEntry.objects.count(), DomainEvent.objects.count()) == (logged, events)
    version = draft.version
    draft.refresh_from_db()
    assert draft.version == version


def test_changing_only_the_contact_persons_is_a_new_version(actors):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    version = draft.version
    people = [{"name": "Demo Contact 0001", "title": "Head of unit"}, {"name": "Demo Contact 0002"}]
    updated = services.update_entry(acting_user=actors.officer, entry=draft, fields={}, contacts=people,
                                    expected_version=version)  # fmt: skip
    assert updated.version == version + 1
    assert [c.title for c in updated.contacts.all()] == ["Head of unit", ""]
    assert DomainEvent.objects.filter(type=DirectoryEvent.ENTRY_CHANGED, object_id=str(draft.pk)).exists()
    with pytest.raises(EditConflict):
        services.update_entry(acting_user=actors.officer, entry=draft, fields={"name": "y"}, expected_version=version)


# The API: ETag and If-Match ---------------------------------------------------------------------


def _patch(client, url, data, etag=None):
    headers = {"If-Match": etag} if etag else {}
    return client.patch(url, data, content_type="application/json", headers=headers)


def test_api_edits_need_the_current_etag(actors, entry, client_for):
    client = client_for("officer")
    url = f"/api/directory/entries/{entry.pk}/"
    etag = client.get(url)["ETag"]
    assert etag == f'"{entry.version}"'
    assert _patch(client, url, {"name": "No If-Match"}).status_code == 428
    assert _patch(client, url, {"name": "Stale"}, etag=f'"{entry.version + 3}"').status_code == 412
    assert _patch(client, url, {"name": "Bad tag"}, etag='"abc"').status_code == 412
    entry.refresh_from_db()
    assert entry.name == "Central Authority (test)"
    done = _patch(client, url, {"name": "Renamed through the API"}, etag=etag)
    assert done.status_code == 200, done.content
    assert done.json()["name"] == "Renamed through the API" and done["ETag"] == f'"{entry.version + 1}"'
    # The old tag is stale now.
    assert _patch(client, url, {"name": "Again"}, etag=etag).status_code == 412
    put = client.put(url, {"authority_type": "mla", "name": "Put"}, content_type="application/json")
    assert put.status_code == 428


def test_api_steps_take_an_optional_if_match(actors, client_for):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    client = client_for("officer")
    stale = client.post(f"/api/directory/entries/{draft.pk}/publish/", headers={"If-Match": '"99"'})
    assert stale.status_code == 412
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    done = client.post(f"/api/directory/entries/{draft.pk}/publish/", headers={"If-Match": f'"{draft.version}"'})
    assert done.status_code == 200 and done.json()["status"] == "published"


def test_a_step_from_a_stale_page_is_refused(actors, client_for):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    client = client_for("officer")
    url = reverse("directory:entry_transition", args=[draft.pk, "publish"])
    response = client.post(url, {"version": draft.version + 1}, follow=True)
    assert "Someone else changed this record" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    assert client.post(url, {"version": draft.version}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == EntryStatus.PUBLISHED
