"""Entries not verified for more than twelve months are flagged, and their State's focal points reminded."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ctassist.core.models import DomainEvent
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import DirectoryEntry
from ctassist.directory.tests.conftest import make_entry


def _age(entry, days):
    DirectoryEntry.objects.filter(pk=entry.pk).update(
        last_verified_on=timezone.localdate() - datetime.timedelta(days=days)
    )
    entry.refresh_from_db()
    return entry


@pytest.mark.django_db
def test_stale_after_twelve_months(actors, entry):
    assert not _age(entry, 365).is_stale
    assert _age(entry, 366).is_stale


@pytest.mark.django_db
def test_stale_entries_are_flagged_on_list_and_entry_pages(actors, entry, other_entry, client_for):
    _age(entry, 400)
    client = client_for("officer")
    listing = client.get(reverse("directory:entry_list")).content.decode()
    assert listing.count(">stale</span>") == 1
    assert "1 published entry has not been verified for more than 12 months" in listing
    only_stale = client.get(reverse("directory:entry_list"), {"stale": "true"})
    assert [e.pk for e in only_stale.context["table"].data] == [entry.pk]
    page = client.get(reverse("directory:entry_detail", args=[entry.pk])).content.decode()
    assert "not verified for more than 12 months" in page


@pytest.mark.django_db
def test_reminder_mails_each_states_focal_points_once(actors, entry, other_entry):
    _age(entry, 400)
    fresh = make_entry(actors.state, name="Fresh authority", kind="fiu")
    call_command("remind_stale_entries", "--dry-run", stdout=StringIO())
    assert mail.outbox == []
    call_command("remind_stale_entries", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [actors.focal_point.email]
    assert actors.state.name in message.subject
    assert entry.name in message.body and fresh.name not in message.body
    assert f"/directory/{entry.pk}/" in message.body
    event = DomainEvent.objects.get(type=DirectoryEvent.STALE_REMINDER_SENT)
    assert event.data["entries"] == [entry.pk] and event.object_repr == actors.state.name
    # Not again within 30 days, unless forced.
    call_command("remind_stale_entries", stdout=StringIO())
    assert len(mail.outbox) == 1
    call_command("remind_stale_entries", "--force", stdout=StringIO())
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_state_without_focal_point_is_reported_not_mailed(actors, other_entry):

    _age(other_entry, 500)
    actors.other_focal_point.email = ""
    actors.other_focal_point.save()
    out = StringIO()
    call_command("remind_stale_entries", stdout=out)
    assert mail.outbox == []
    assert "no focal point with an e-mail address" in out.getvalue()
