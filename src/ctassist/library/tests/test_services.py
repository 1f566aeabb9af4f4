"""Library services write through core.services: a change of many-to-many fields alone is
logged with before and after, and every delete writes its event."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.search import search
from ctassist.library import services
from ctassist.library.choices import Incorporation
from ctassist.library.events import LibraryEvent
from ctassist.library.extraction import ProvisionDraft
from ctassist.library.models import CaseLaw, Legislation, Provision, Publication, ReviewItem
from ctassist.library.tests.factories import law
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db


def _entries(obj):
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).order_by("id")


def _events(obj, event):
    return DomainEvent.objects.filter(type=event.value, object_id=str(obj.pk))


def _codes(*codes):
    return list(Instrument.objects.filter(code__in=codes).order_by("code"))


def _ids(instruments):
    return sorted(i.pk for i in instruments)


def _case(actors, **fields):
    return services.save_case(
        acting_user=actors.officer,
        state=actors.state,
        title="Prosecutor v. Demonstration",
        court="High Court",
        decided_on=datetime.date(2020, 5, 4),
        summary="Conviction for financing of terrorism.",
        instruments=_codes("financing-1999"),
        **fields,
    )


def _publication(actors):
    return services.save_publication(
        acting_user=actors.officer,
        title="Handbook on criminal justice responses to terrorism",
        kind="handbook",
        year=2019,
        languages=["en"],
        instruments=_codes("financing-1999"),
    )


def _only_m2m_update(obj, field, before_ids, after_ids):
    entry = _entries(obj).last()
    assert entry.action == "update"
    assert entry.before[field] == before_ids and entry.after[field] == after_ids
    assert [name for name in entry.changed_fields() if name != "version"] == [field]
    if "version" in entry.after:  # a versioned record counts the change too
        assert entry.after["version"] == entry.before["version"] + 1


def test_changing_only_the_instruments_of_a_law_is_logged(actors):
    legislation = law(actors.state, acting_user=actors.officer)
    first = _ids(legislation.instruments.all())
    wanted = _codes("financing-1999", "hague-1970")
    services.update_legislation(acting_user=actors.officer, legislation=legislation, instruments=wanted)
    assert [e.action for e in _entries(legislation)] == ["create", "update"]
    _only_m2m_update(legislation, "instruments", first, _ids(wanted))
    # and the index follows: the law's provisions are now found under the new instrument
    assert search("", {"instrument": "hague-1970"}, user=actors.officer).total == legislation.provisions.count()


def test_changing_only_the_instruments_or_related_laws_of_a_case_is_logged(actors):
    case = _case(actors)
    first = _ids(case.instruments.all())
    wanted = _codes("financing-1999", "hague-1970")
    services.save_case(acting_user=actors.officer, case=case, instruments=wanted)
    _only_m2m_update(case, "instruments", first, _ids(wanted))
    legislation = law(actors.state, acting_user=actors.officer)
    services.save_case(acting_user=actors.officer, case=case, related_legislation=[legislation])
    _only_m2m_update(case, "related_legislation", [], [legislation.pk])
    assert [e.action for e in _entries(case)] == ["create", "update", "update"]


def test_changing_only_the_instruments_of_a_publication_is_logged(actors):
    publication = _publication(actors)
    first = _ids(publication.instruments.all())
    services.save_publication(acting_user=actors.officer, publication=publication, instruments=[])
    _only_m2m_update(publication, "instruments", first, [])


def test_changing_only_the_cited_provisions_of_a_review_item_is_logged(actors):
    legislation = law(actors.state, acting_user=actors.officer)
    review = services.start_review(acting_user=actors.officer, state=actors.state, instruments=_codes("financing-1999"))
    assert _entries(review).get().after["instruments"] == _ids(_codes("financing-1999"))
    item = review.items.first()
    first, second = list(legislation.provisions.all()[:2])
    day = datetime.date(2024, 1, 10)
    services.assess_item(
        acting_user=actors.officer, item=item, status=Incorporation.PARTLY, provisions=[first], assessed_on=day
    )
    item = ReviewItem.objects.get(pk=item.pk)
    services.assess_item(
        acting_user=actors.officer, item=item, status=Incorporation.PARTLY, provisions=[second], assessed_on=day
    )
    _only_m2m_update(item, "provisions", [first.pk], [second.pk])
    assert _events(item, LibraryEvent.REVIEW_ITEM_ASSESSED).count() == 2


def test_an_unchanged_save_writes_nothing(actors):
    case = _case(actors)
    services.save_case(acting_user=actors.officer, case=case, instruments=list(case.instruments.all()))
    assert [e.action for e in _entries(case)] == ["create"]


def test_deleting_a_case_or_a_publication_writes_an_event(actors):
    case = _case(actors)
    publication = _publication(actors)
    case_pk, publication_pk = case.pk, publication.pk
    services.delete_case(acting_user=actors.officer, case=case)
    services.delete_publication(acting_user=actors.officer, publication=publication)
    assert not CaseLaw.objects.filter(pk=case_pk).exists()
    assert not Publication.objects.filter(pk=publication_pk).exists()
    assert DomainEvent.objects.filter(type=LibraryEvent.CASE_DELETED.value, object_id=str(case_pk)).count() == 1
    assert (
        DomainEvent.objects.filter(type=LibraryEvent.PUBLICATION_DELETED.value, object_id=str(publication_pk)).count()
        == 1
    )
    for model, pk in ((CaseLaw, case_pk), (Publication, publication_pk)):
        entry = ChangeLogEntry.objects.get(
            content_type=ContentType.objects.get_for_model(model), object_id=str(pk), action="delete"
        )
        assert entry.before["title"]
    assert search("", {"type": ["case", "publication"]}, user=actors.officer).total == 0


def test_deleting_a_law_writes_an_event_and_replacing_its_text_one_per_provision(actors):
    legislation = law(actors.state, acting_user=actors.officer)
    old = list(legislation.provisions.values_list("pk", flat=True))
    services.update_legislation(
        acting_user=actors.officer,
        legislation=legislation,
        provisions=[ProvisionDraft("Article 1", "", "A new text of the law.")],
    )
    removed = DomainEvent.objects.filter(type=LibraryEvent.PROVISION_REMOVED.value)
    assert sorted(int(e.object_id) for e in removed) == sorted(old)
    assert not Provision.objects.filter(pk__in=old).exists()
    pk = legislation.pk
    services.delete_legislation(acting_user=actors.officer, legislation=legislation)
    assert not Legislation.objects.filter(pk=pk).exists()
    assert DomainEvent.objects.filter(type=LibraryEvent.LEGISLATION_WITHDRAWN.value, object_id=str(pk)).count() == 1


def test_a_refused_delete_writes_nothing(actors):
    case = _case(actors)
    with pytest.raises(PermissionDenied):
        services.delete_case(acting_user=actors.focal_point, case=case)
    assert CaseLaw.objects.filter(pk=case.pk).exists()
    assert not DomainEvent.objects.filter(type=LibraryEvent.CASE_DELETED.value).exists()
