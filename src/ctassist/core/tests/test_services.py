"""The one way to save: core.services.save and delete."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from ctassist.core import audit, services
from ctassist.core.events import CoreEvent
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.policy import registered_models
from ctassist.library.models import Publication
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db


def _entries(obj):
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).order_by("id")


def _publication(**fields):
    publication = Publication(title="Handbook on the universal instruments", kind="handbook", year=2020, **fields)
    return publication


def test_create_logs_checks_and_emits(actors):
    publication = _publication()
    change = services.save(publication, acting_user=actors.officer, event=CoreEvent.REFERENCE_DATA_LOADED,
                           details={"why": "test"}, m2m={"instruments": Instrument.objects.all()[:2]})  # fmt: skip
    assert change == "create"
    entry = _entries(publication).get()
    assert entry.action == "create" and entry.before is None
    assert len(entry.after["instruments"]) == 2, "the log entry is written after the many-to-many fields are set"
    event = DomainEvent.objects.filter(
        object_id=str(publication.pk), content_type=ContentType.objects.get_for_model(Publication)
    ).get()
    assert event.type == CoreEvent.REFERENCE_DATA_LOADED and event.data == {"why": "test"}


def test_changing_only_many_to_many_fields_is_logged_with_before_and_after(actors):
    publication = _publication()
    services.save(publication, acting_user=actors.officer)
    first, second = Instrument.objects.order_by("pk")[:2]
    before = audit.snapshot(publication)
    assert services.save(publication, acting_user=actors.officer, before=before, m2m={"instruments": [first, second]})
    entry = _entries(publication).last()
    assert entry.action == "update"
    assert entry.before["instruments"] == [] and entry.after["instruments"] == sorted([first.pk, second.pk])
    assert entry.changed_fields() == ["instruments"]


def test_an_update_that_changes_nothing_writes_nothing(actors):
    publication = _publication()
    services.save(publication, acting_user=actors.officer, m2m={"instruments": Instrument.objects.all()[:1]})
    logged, events = ChangeLogEntry.objects.count(), DomainEvent.objects.count()
    same = list(publication.instruments.all())
    change = services.save(publication, acting_user=actors.officer, m2m={"instruments": same},
                           event=CoreEvent.REFERENCE_DATA_LOADED)  # fmt: skip
    assert change == ""
    assert (ChangeLogEntry.objects.count(), DomainEvent.objects.count()) == (logged, events)


def test_before_is_read_from_the_database_when_not_given(actors):
    publication = _publication()
    services.save(publication, acting_user=actors.officer)
    publication.year = 2021
    assert services.save(publication, acting_user=actors.officer) == "update"
    entry = _entries(publication).last()
    assert entry.before["year"] == 2020 and entry.after["year"] == 2021


def test_invalid_objects_are_not_saved(actors):
    publication = _publication()
    publication.year = 1500
    with pytest.raises(ValidationError):
        services.save(publication, acting_user=actors.officer)
    assert not Publication.objects.filter(title=publication.title).exists()


def test_the_policy_is_checked_after_the_save_and_rolls_it_back(actors):
    publication = _publication()
    with pytest.raises(PermissionDenied):
        services.save(publication, acting_user=actors.focal_point)
    assert not Publication.objects.filter(title=publication.title).exists()
    assert not ChangeLogEntry.objects.filter(object_repr=publication.title).exists()


def test_delete_checks_logs_and_emits(actors):
    publication = _publication()
    services.save(publication, acting_user=actors.officer)
    pk = publication.pk
    with pytest.raises(PermissionDenied):
        services.delete(publication, acting_user=actors.donor, event=CoreEvent.REFERENCE_DATA_LOADED)
    assert Publication.objects.filter(pk=pk).exists()
    services.delete(publication, acting_user=actors.officer, event=CoreEvent.REFERENCE_DATA_LOADED)
    assert not Publication.objects.filter(pk=pk).exists()
    kind = ContentType.objects.get_for_model(Publication)
    entry = ChangeLogEntry.objects.filter(content_type=kind, object_id=str(pk), action="delete").get()
    assert entry.before["title"] == "Handbook on the universal instruments" and entry.after is None
    assert DomainEvent.objects.filter(content_type=kind, object_id=str(pk), type=CoreEvent.REFERENCE_DATA_LOADED).exists()


def _versioned_models():
    return [m for m in registered_models() if services.is_versioned(m)]


def test_lock_refuses_stale_and_missing_versions(actors):
    from ctassist.assistance.tests.factories import make_request

    record = make_request(actors)
    with pytest.raises(services.VersionRequired):
        services.lock(record, expected_version=None)
    with pytest.raises(services.EditConflict) as caught:
        services.lock(record, expected_version=record.version + 1)
    assert caught.value.current.pk == record.pk
    assert services.lock(record, expected_version=record.version).pk == record.pk


def _m2m_cases():
    """Every model with many-to-many fields, with the policy case that makes one of it."""
    from ctassist.core.testing import all_policy_cases

    seen = {}
    for case in all_policy_cases():
        if case.model._meta.many_to_many and case.model not in seen:
            seen[case.model] = case
    return list(seen.values())


def _another(field: models.ManyToManyField):
    return field.related_model._default_manager.order_by("pk").first()


@pytest.mark.parametrize("case", _m2m_cases(), ids=lambda c: c.id)
def test_every_many_to_many_change_is_logged(case, actors):
    """For each model with many-to-many fields: changing one of them alone is a logged update."""
    obj = case.make(actors)
    for field in obj._meta.many_to_many:
        related = _another(field)
        if related is None:
            continue
        before = audit.snapshot(obj)
        current = sorted(before[field.name])
        wanted = [] if current else [related.pk]
        assert services.save(obj, acting_user=None, before=before, m2m={field.name: wanted}) == "update"
        entry = _entries(obj).last()
        assert entry.before[field.name] == current and entry.after[field.name] == wanted, field.name
