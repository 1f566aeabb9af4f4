"""Stale-entry reminders are written in each focal point's language."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from ctassist.accounts import services as accounts
from ctassist.accounts.choices import Role
from ctassist.directory import services
from ctassist.directory.models import DirectoryEntry

pytestmark = pytest.mark.django_db


def test_each_focal_point_reads_the_reminder_in_their_language(actors, entry):
    DirectoryEntry.objects.filter(pk=entry.pk).update(
        last_verified_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    second = accounts.create_user(
        acting_user=actors.admin,
        username="second-fp",
        role=Role.FOCAL_POINT,
        organisation=actors.focal_point.organisation,
        password=None,
        email="second-fp@example.org",
    )
    accounts.set_language(user=actors.focal_point, language="fr")
    accounts.set_language(user=second, language="ru")
    (reminder,) = services.send_stale_reminders()
    assert reminder.sent
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {(actors.focal_point.email,), ("second-fp@example.org",)}
    french = by_recipient[(actors.focal_point.email,)]
    assert french.subject.startswith("Répertoire des autorités nationales compétentes")
    russian = by_recipient[("second-fp@example.org",)]
    assert "В справочнике компетентных национальных органов" in russian.body
    assert entry.name in french.body and entry.name in russian.body
