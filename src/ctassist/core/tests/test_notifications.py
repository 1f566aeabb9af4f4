"""In-app notifications: written where the e-mail is sent, each user their own, the bell, the list that marks read;
and the audit log as labels."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ctassist.assistance import services as assistance_services
from ctassist.assistance.models import AssistanceRequest
from ctassist.assistance.tests import factories
from ctassist.core import readable
from ctassist.core.models import Notification
from ctassist.core.services import mark_read, notify


def _submit(actors, django_capture_on_commit_callbacks):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        return assistance_services.transition(acting_user=actors.focal_point, assistance_request=req, to="submit")


def test_the_events_that_send_mail_also_notify_in_the_app(actors, django_capture_on_commit_callbacks):
    req = _submit(actors, django_capture_on_commit_callbacks)
    note = Notification.objects.get(recipient=actors.officer)
    assert req.reference in note.text and note.link == req.get_absolute_url() and note.read_at is None
    assert "officer@example.org" in mail.outbox[-1].to
    assert note.text == mail.outbox[-1].subject  # the bell and the mailbox say the same


def test_a_refused_change_tells_nobody(actors):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    with pytest.raises(Exception):  # noqa: B017,PT011 - whichever refusal; the point is what is left behind
        assistance_services.transition(acting_user=actors.other_focal_point, assistance_request=req, to="submit")
    assert not Notification.objects.exists()


def test_a_user_without_an_address_is_still_told_in_the_app(actors):
    actors.officer.email = ""
    actors.officer.save(update_fields=["email"])
    notify([actors.officer], lambda: ("Subject", "Body"), link="/x/")
    assert Notification.objects.filter(recipient=actors.officer, text="Subject").exists()


def test_the_bell_counts_unread_and_the_list_marks_them_read(client, actors, django_capture_on_commit_callbacks):
    req = _submit(actors, django_capture_on_commit_callbacks)
    client.force_login(actors.officer)
    home = client.get("/").content.decode()
    assert 'class="bell has-unread"' in home and "1 unread notification" in home
    page = client.get(reverse("core:notifications"))
    text = page.content.decode()
    assert page.status_code == 200 and req.reference in text and 'class="badge new"' in text
    assert not Notification.objects.filter(recipient=actors.officer, read_at__isnull=True).exists()
    assert 'class="bell has-unread"' not in client.get("/").content.decode()


@pytest.mark.parametrize("role", ["admin", "other_focal_point", "partner", "donor", "focal_point"])
def test_a_user_sees_only_their_own_notifications(client, actors, role):
    (note,) = notify([actors.officer], lambda: ("For the officer only", ""), link="/")
    client.force_login(actors.user(role))
    assert "For the officer only" not in client.get(reverse("core:notifications")).content.decode()
    assert mark_read(acting_user=actors.user(role), notifications=[note]) == 0
    note.refresh_from_db()
    assert note.read_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("core:notifications"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_notification_links_only_inside_the_site(actors):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        notify([actors.officer], lambda: ("x", ""), link="https://elsewhere.example.com/")


# -- the audit log as a person reads it ----------------------------------------------------------------


def test_event_details_read_as_labels():
    data = {"from": "under_review", "to": "accepted", "reason": "", "fields": ["assigned_officer_id", "languages"]}
    text = readable.describe(AssistanceRequest, data)
    assert text == "from: Under review; to: Accepted; comment: —; fields changed: assigned officer, preferred languages"
    assert readable.describe(AssistanceRequest, {}) == "—"
    assert readable.value_label(AssistanceRequest, "languages", ["fr", "ar"]) == "French, Arabic"
    assert readable.value_label(None, "themes", ["terrorism-financing"]) != "terrorism-financing"
    assert readable.value_label(None, "consent", True) == "yes"


def test_the_event_log_page_shows_no_python(client, actors, django_capture_on_commit_callbacks):
    _submit(actors, django_capture_on_commit_callbacks)
    client.force_login(actors.officer)
    # The submission's event (the log holds the accounts' own events too, which may fill the first page).
    text = client.get(reverse("audit:events"), {"type": "assistance.request_submitted"}).content.decode()
    assert "{}" not in text and "[&#x27;" not in text and "{&#x27;" not in text
    assert "from: Draft; to: Submitted" in text
