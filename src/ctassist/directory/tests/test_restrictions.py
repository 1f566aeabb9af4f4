"""Nobody without the right reads a contact detail, through pages, exports or the API;
a focal point never changes another State's entries."""

import pytest
from django.urls import reverse

from ctassist.core.models import DomainEvent
from ctassist.directory import services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import DirectoryEntry
from ctassist.directory.tests.conftest import PERSON_EMAIL, SECRET_EMAIL, SECRET_PHONE

OUTSIDERS = ["anonymous", "donor", "partner"]
READERS = ["admin", "officer", "focal_point", "other_focal_point"]


def _urls(entry):
    detail = reverse("directory:entry_detail", args=[entry.pk])
    listing = reverse("directory:entry_list")
    return [
        detail,
        reverse("directory:entry_vcard", args=[entry.pk]),
        listing,
        *[f"{listing}?export={fmt}" for fmt in ("csv", "xlsx", "pdf", "docx")],
        reverse("directory:coverage"),
        f"{reverse('directory:coverage')}?export=csv",
        "/api/directory/entries/",
        f"/api/directory/entries/{entry.pk}/",
        "/api/directory/coverage/",
        reverse("core:home"),
        reverse("directory:access_log"),
    ]


def _leaks(body: bytes) -> list[str]:
    text = body.decode("utf-8", errors="replace")
    return [s for s in (SECRET_EMAIL, SECRET_PHONE, PERSON_EMAIL, "Central Authority (test)") if s in text]


@pytest.mark.django_db
@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_never_read_contact_details(role, actors, entry, client_for):
    client = client_for(role)
    for url in _urls(entry):
        response = client.get(url)
        assert response.status_code in {200, 302, 403, 404}, url
        assert not _leaks(response.content), (role, url)
    assert not DomainEvent.objects.filter(type=DirectoryEvent.CONTACT_VIEWED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_refused_not_an_empty_page(role, actors, entry, client_for):
    client = client_for(role)
    detail = client.get(reverse("directory:entry_detail", args=[entry.pk]))
    api = client.get(f"/api/directory/entries/{entry.pk}/")
    api_list = client.get("/api/directory/entries/")
    if role == "anonymous":
        assert detail.status_code == 302 and "/accounts/sign-in/" in detail["Location"]
        assert api.status_code in {401, 403, 404}
    else:
        # Signed in without access: sent to the public summary.
        assert detail.status_code == 302 and detail["Location"] == reverse("directory:coverage")
        assert api.status_code == 404
    assert api_list.status_code in {200, 401, 403}
    if api_list.status_code == 200:
        assert api_list.json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", READERS)
def test_officials_read_published_contact_details(role, actors, other_entry, client_for):
    client = client_for(role)
    response = client.get(reverse("directory:entry_detail", args=[other_entry.pk]))
    assert response.status_code == 200
    assert SECRET_EMAIL in response.content.decode() and PERSON_EMAIL in response.content.decode()
    api = client.get(f"/api/directory/entries/{other_entry.pk}/")
    assert api.json()["emails"] == [SECRET_EMAIL]


@pytest.mark.django_db
def test_partner_reads_once_granted_and_not_after_revocation(actors, entry, client_for):
    client = client_for("partner")
    url = reverse("directory:entry_detail", args=[entry.pk])
    assert client.get(url).status_code == 302
    grant = services.grant_access(acting_user=actors.officer, organisation=actors.organisations["partner"])
    assert SECRET_EMAIL in client.get(url).content.decode()
    assert client.get("/api/directory/entries/").json()["count"] == 1
    services.revoke_access(acting_user=actors.officer, grant=grant)
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_partner_with_access_sees_no_drafts(actors, client_for):
    from ctassist.directory.tests.conftest import make_entry

    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    services.grant_access(acting_user=None, organisation=actors.organisations["partner"])
    assert client_for("partner").get(reverse("directory:entry_detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_donor_cannot_be_granted_by_a_focal_point(actors, client_for):
    response = client_for("focal_point").post(
        reverse("directory:access_list"), {"organisation": actors.organisations["donor"].pk}
    )
    assert response.status_code == 403
    assert not actors.organisations["donor"].__class__.objects.filter(directory_access__isnull=False).exists()


@pytest.mark.django_db
def test_other_states_draft_is_invisible_to_a_focal_point(actors, client_for):
    from ctassist.directory.tests.conftest import make_entry

    draft = make_entry(actors.other_state, status=EntryStatus.DRAFT)
    client = client_for("focal_point")
    assert client.get(reverse("directory:entry_detail", args=[draft.pk])).status_code == 404
    assert client.get(f"/api/directory/entries/{draft.pk}/").status_code == 404


# A focal point cannot change another State's entries ---------------------------------------------


def _snapshot(entry):
    entry.refresh_from_db()
    return (entry.name, entry.status, entry.emails, entry.last_verified_on, entry.revisions.count())


@pytest.mark.django_db
def test_focal_point_cannot_change_another_states_entry_through_pages(actors, other_entry, client_for):
    client = client_for("focal_point")
    before = _snapshot(other_entry)
    edit = reverse("directory:entry_edit", args=[other_entry.pk])
    assert client.get(edit).status_code == 403
    form = {
        "authority_type": "mla",
        "name": "Hijacked",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
    }
    assert client.post(edit, form).status_code == 403
    for transition in ("publish", "archive", "verify", "delete"):
        url = reverse("directory:entry_transition", args=[other_entry.pk, transition])
        assert client.post(url).status_code == 403, transition
    assert _snapshot(other_entry) == before


@pytest.mark.django_db
def test_focal_point_cannot_change_another_states_entry_through_the_api(actors, other_entry, client_for):
    client = client_for("focal_point")
    before = _snapshot(other_entry)
    url = f"/api/directory/entries/{other_entry.pk}/"
    etag = client.get(url)["ETag"]
    put = {"authority_type": "mla", "name": "Hijacked"}
    assert client.put(url, put, content_type="application/json", headers={"If-Match": etag}).status_code == 403
    patch = {"name": "Hijacked"}
    assert client.patch(url, patch, content_type="application/json", headers={"If-Match": etag}).status_code == 403
    # Without If-Match the permission still answers first: the precondition never overrides a refusal.
    assert client.patch(url, patch, content_type="application/json").status_code == 403
    assert client.delete(url).status_code == 403
    for action in ("publish", "archive", "verify", "propose"):
        response = client.post(f"{url}{action}/", {"name": "Hijacked"}, content_type="application/json")
        assert response.status_code == 403, action
    assert _snapshot(other_entry) == before


@pytest.mark.django_db
def test_focal_point_cannot_create_an_entry_for_another_state(actors, client_for):
    client = client_for("focal_point")
    response = client.post(
        "/api/directory/entries/",
        {"state": actors.other_state.iso3, "authority_type": "fiu", "name": "Planted"},
        content_type="application/json",
    )
    # Refused as the requests API refuses it (403), never quietly created for the focal point's own State.
    assert response.status_code == 403
    assert not DirectoryEntry.objects.filter(name="Planted").exists()
    # Naming its own State, or none, makes a draft of its own State.
    for state in (actors.state.iso3, None):
        body = {"authority_type": "fiu", "name": f"Own {state}", **({"state": state} if state else {})}
        response = client.post("/api/directory/entries/", body, content_type="application/json")
        assert response.status_code == 201, response.content
        created = DirectoryEntry.objects.get(name=f"Own {state}")
        assert created.state == actors.state and created.status == EntryStatus.DRAFT


@pytest.mark.django_db
def test_service_refuses_a_write_on_another_state(actors, other_entry):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.update_entry(acting_user=actors.focal_point, entry=other_entry, fields={"name": "x"})
    with pytest.raises(PermissionDenied):
        services.propose_revision(acting_user=actors.focal_point, entry=other_entry, fields={"name": "x"})
    with pytest.raises(PermissionDenied):
        services.create_entry(
            acting_user=actors.other_focal_point, state=actors.state, fields={"authority_type": "mla", "name": "x"}
        )
    assert not DirectoryEntry.objects.filter(name="x").exists()
