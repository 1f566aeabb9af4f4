"""A focal point proposes; UNODC publishes; anyone allowed marks verified; validation of contact details."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.directory import services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import DirectoryEntry
from ctassist.directory.tests.conftest import make_entry


def _form(**overrides):
    data = {
        "authority_type": "fiu",
        "name": "Financial Intelligence Unit (test)",
        "emails": "fiu@example.org",
        "telephones": "+254 20 555 0100",
        "website": "https://fiu.example.org",
        "languages_accepted": ["en", "sw"],
        "channels_accepted": ["secure-platform"],
        "accepts_un_conventions": "true",
        "urgent_by_email": "unknown",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Demo Contact 0009",
        "contacts-0-email": "c9@example.org",
        "contacts-0-telephone": "+254 20 555 0101",
        "contacts-0-languages": ["en"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_focal_point_proposes_a_draft_and_unodc_publishes_it(actors, client_for):
    focal = client_for("focal_point")
    response = focal.post(reverse("directory:entry_create"), _form())
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(name="Financial Intelligence Unit (test)")
    assert entry.state == actors.state and entry.status == EntryStatus.DRAFT
    assert entry.submitted_by == actors.focal_point
    assert entry.channels == ["secure-platform"] and entry.contacts.get().telephone == "+254 20 555 0101"
    # The focal point cannot publish its own draft.
    assert focal.post(reverse("directory:entry_transition", args=[entry.pk, "publish"])).status_code == 403
    # Other States' officials do not see the draft.
    assert client_for("other_focal_point").get(reverse("directory:entry_detail", args=[entry.pk])).status_code == 404
    response = client_for("officer").post(reverse("directory:entry_transition", args=[entry.pk, "publish"]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and entry.last_verified_on is not None
    assert DomainEvent.objects.filter(type=DirectoryEvent.ENTRY_PUBLISHED, object_id=str(entry.pk)).exists()
    assert ChangeLogEntry.objects.filter(object_id=str(entry.pk)).count() >= 2


@pytest.mark.django_db
def test_revision_of_a_published_entry_is_applied_by_unodc(actors, entry, client_for):
    focal = client_for("focal_point")
    edit = reverse("directory:entry_edit", args=[entry.pk])
    page = focal.get(edit)
    assert page.status_code == 200 and "Propose changes" in page.content.decode()
    response = focal.post(edit, _form(authority_type="mla", name="Central Authority (renamed)", version=entry.version))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Central Authority (test)"  # unchanged until published
    revision = entry.revisions.get()
    assert revision.status == EntryStatus.DRAFT and revision.name == "Central Authority (renamed)"
    detail = client_for("officer").get(reverse("directory:entry_detail", args=[revision.pk])).content.decode()
    assert "Central Authority (renamed)" in detail and "Publish these changes" in detail
    # A second proposal updates the open revision instead of adding one.
    focal.post(edit, _form(authority_type="mla", name="Central Authority (renamed again)", version=entry.version))
    assert entry.revisions.count() == 1
    services.publish(acting_user=actors.officer, entry=entry.revisions.get())
    entry.refresh_from_db()
    assert entry.name == "Central Authority (renamed again)" and entry.status == EntryStatus.PUBLISHED
    assert entry.contacts.get().name == "Demo Contact 0009"
    assert not entry.revisions.exists()


@pytest.mark.django_db
def test_focal_point_edits_own_draft_in_place(actors, client_for):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    response = client_for("focal_point").post(
        reverse("directory:entry_edit", args=[draft.pk]), _form(name="Draft renamed", version=draft.version)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "Draft renamed" and draft.status == EntryStatus.DRAFT


@pytest.mark.django_db
def test_mark_verified_by_own_focal_point_and_unodc(actors, entry, other_entry, client_for):
    DirectoryEntry.objects.filter(pk=entry.pk).update(last_verified_on=datetime.date(2020, 1, 1))
    response = client_for("focal_point").post(reverse("directory:entry_transition", args=[entry.pk, "verify"]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.last_verified_by == actors.focal_point and not entry.is_stale
    assert (
        client_for("officer").post(reverse("directory:entry_transition", args=[other_entry.pk, "verify"])).status_code
        == 302
    )


@pytest.mark.django_db
def test_archive_is_unodc_only(actors, entry, client_for):
    assert (
        client_for("focal_point").post(reverse("directory:entry_transition", args=[entry.pk, "archive"])).status_code
        == 403
    )
    services.archive(acting_user=actors.officer, entry=entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ARCHIVED
    # Archived entries are out of other States' sight.
    assert client_for("other_focal_point").get(reverse("directory:entry_detail", args=[entry.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value",
    [
        ("telephones", "020 555 0100"),
        ("telephones", "+254-20-555-0100"),
        ("telephones", "+12"),
        ("emails", "not-an-address"),
        ("website", "ftp://example.org"),
        ("time_zone", "Mars/Olympus"),
        ("languages_accepted", "xx"),
        ("channels_accepted", "pigeon"),
    ],
)
def test_bad_contact_details_are_refused(field, value, actors):
    with pytest.raises(ValidationError) as info:
        services.create_entry(
            acting_user=actors.officer, state=actors.state, fields={"authority_type": "mla", "name": "x", field: value}
        )
    assert field in info.value.message_dict
    assert not DirectoryEntry.objects.filter(name="x").exists()


@pytest.mark.django_db
def test_page_form_reports_bad_telephone(actors, client_for):
    response = client_for("officer").post(
        reverse("directory:entry_create"), _form(state=actors.state.pk, telephones="0720 555 0100")
    )
    assert response.status_code == 400
    assert "international telephone number" in response.content.decode()


@pytest.mark.django_db
def test_api_create_publish_and_propose(actors, client_for):
    officer = client_for("officer")
    response = officer.post(
        "/api/directory/entries/",
        {
            "state": "KEN",
            "authority_type": "extradition",
            "name": "Extradition Desk (test)",
            "telephones": ["+254 20 555 0177"],
            "emails": ["ext@example.org"],
            "channels_accepted": ["diplomatic"],
            "contacts": [{"name": "Demo Contact 0100", "languages": ["en"]}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert officer.post(f"/api/directory/entries/{pk}/publish/").json()["status"] == "published"
    proposal = client_for("focal_point").post(
        f"/api/directory/entries/{pk}/propose/", {"office_hours": "Mon–Fri 9–5"}, content_type="application/json"
    )
    assert proposal.status_code == 201, proposal.content
    assert proposal.json()["revision_of"] == pk and proposal.json()["office_hours"] == "Mon–Fri 9–5"
    bad = officer.post(
        "/api/directory/entries/",
        {"state": "KEN", "authority_type": "mla", "name": "Bad", "telephones": ["0720 555"]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "telephones" in bad.json()


@pytest.mark.django_db
def test_focal_point_cannot_publish_through_the_service(actors):
    draft = make_entry(actors.state, status=EntryStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.publish(acting_user=actors.focal_point, entry=draft)
