"""The change log and domain events written by services."""

import pytest
from django.contrib.contenttypes.models import ContentType

from ctassist.core import audit, context
from ctassist.core import services as core
from ctassist.core.events import CoreEvent
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.geo.models import State

pytestmark = pytest.mark.django_db


def test_update_records_before_and_after_with_request_id(actors):
    state = State.objects.get(iso3="KEN")
    before = audit.snapshot(state)
    state.regional_group_note = "changed for the test"
    token = context.set_request_id("req-0001-test")
    try:
        action = core.save(state, acting_user=actors.admin, before=before)
    finally:
        context.reset_request_id(token)
    entry = ChangeLogEntry.objects.filter(
        object_id=str(state.pk), content_type=ContentType.objects.get_for_model(State)
    ).first()
    assert action == "update"
    assert entry.user == actors.admin and entry.request_id == "req-0001-test"
    assert entry.before["regional_group_note"] == "" and entry.after["regional_group_note"] == "changed for the test"
    assert entry.changed_fields() == ["regional_group_note"]


def test_saving_without_change_logs_nothing(actors):
    state = State.objects.get(iso3="PER")
    count = ChangeLogEntry.objects.count()
    assert core.save(state, acting_user=actors.admin, before=audit.snapshot(state)) == ""
    assert ChangeLogEntry.objects.count() == count


def test_invalid_objects_are_not_saved(actors):
    from django.core.exceptions import ValidationError

    state = State.objects.get(iso3="PER")
    before = audit.snapshot(state)
    state.iso3 = "TOOLONG"
    with pytest.raises(ValidationError):
        core.save(state, acting_user=actors.admin, before=before)
    assert State.objects.filter(iso3="PER").exists()


def test_events_must_be_typed(actors):
    with pytest.raises(TypeError):
        audit.emit("accounts.signed_in", acting_user=None)  # type: ignore[arg-type]
    event = audit.emit(CoreEvent.SIGNED_IN, acting_user=actors.donor, obj=actors.donor, extra=1)
    assert DomainEvent.objects.get(pk=event.pk).label == "Signed in"


def test_sign_in_writes_an_event(client, actors):
    client.post("/accounts/sign-in/", {"username": "test-donor", "password": "wrong"})
    assert DomainEvent.objects.filter(type="accounts.sign_in_failed", data__username="test-donor").exists()
    client.post("/accounts/sign-in/", {"username": "test-donor", "password": "a-long-test-password-1"})
    assert DomainEvent.objects.filter(type="accounts.signed_in", user=actors.donor).exists()


def test_bulky_fields_are_logged_by_size_and_digest(actors, monkeypatch):
    state = State.objects.get(iso3="KEN")
    monkeypatch.setattr(State, "audit_exclude", ("official_name",), raising=False)
    picture = audit.snapshot(state)
    assert picture["official_name"]["size"] == len("Republic of Kenya")
    assert len(picture["official_name"]["digest"]) == 16
    state.official_name = "Changed"
    assert audit.snapshot(state)["official_name"] != picture["official_name"]
