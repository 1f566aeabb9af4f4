"""The services on the one way: many-to-many changes logged, every delete an event, versions checked."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from ctassist.assistance import services
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.models import Activity, ActivityPartner, AssistanceRequest, ParticipantCount, Theme
from ctassist.assistance.tests import factories
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.services import EditConflict, VersionRequired
from ctassist.treaties.models import Instrument


def _log(obj, action="update"):
    kind = ContentType.objects.get_for_model(type(obj))
    return ChangeLogEntry.objects.filter(content_type=kind, object_id=str(obj.pk), action=action).order_by("id")


def _events(obj, event):
    kind = ContentType.objects.get_for_model(type(obj))
    return DomainEvent.objects.filter(content_type=kind, object_id=str(obj.pk), type=event)


# -- many-to-many changes alone are changes --------------------------------------------------------


@pytest.mark.parametrize("field", ["themes", "instruments"])
def test_changing_only_a_requests_many_to_many_field_is_logged(actors, field):
    req = factories.make_request(actors)
    before = sorted(getattr(req, field).values_list("pk", flat=True))
    chosen = list(Theme.objects.filter(code="gender")) if field == "themes" else list(Instrument.objects.all()[:2])
    updated = services.update_request(
        acting_user=actors.officer, assistance_request=req, expected_version=req.version, **{field: chosen}
    )
    entry = _log(req).get()
    assert entry.before[field] == before and entry.after[field] == sorted(o.pk for o in chosen)
    assert updated.version == req.version + 1
    assert _events(req, AssistanceEvent.REQUEST_UPDATED).get().data["fields"] == [field]


@pytest.mark.parametrize("field", ["states", "themes", "requests"])
def test_changing_only_an_activitys_many_to_many_field_is_logged(actors, field):
    activity = factories.make_activity(actors)
    before = sorted(getattr(activity, field).values_list("pk", flat=True))
    chosen = {
        "states": [actors.state, actors.other_state],
        "themes": list(Theme.objects.filter(code="gender")),
        "requests": [factories.make_request(actors)],
    }[field]
    updated = services.update_activity(
        acting_user=actors.officer, activity=activity, expected_version=activity.version, **{field: chosen}
    )
    entry = _log(activity).get()
    assert entry.before[field] == before and entry.after[field] == sorted(o.pk for o in chosen)
    assert updated.version == activity.version + 1


def test_an_edit_that_changes_nothing_writes_nothing(actors):
    req = factories.make_request(actors)
    same = services.update_request(
        acting_user=actors.officer, assistance_request=req, expected_version=req.version, title=req.title,
        themes=list(req.themes.all()),
    )  # fmt: skip
    assert same.version == req.version
    assert not _log(req).exists() and not _events(req, AssistanceEvent.REQUEST_UPDATED).exists()


def test_counting_a_new_state_adds_it_to_the_activity_as_a_logged_change(actors):
    activity = factories.make_activity(actors)
    loaded = activity.version
    services.set_participant_count(
        acting_user=actors.officer, activity=activity, state=actors.other_state, sex="men", agency="police", count=3
    )
    current = Activity.objects.get(pk=activity.pk)
    assert set(current.states.values_list("iso3", flat=True)) == {"KEN", "PER"}
    assert current.version == loaded + 1
    assert actors.other_state.pk in _log(activity).get().after["states"]
    # An editor who loaded the States before cannot take the new one away unawares.
    with pytest.raises(EditConflict):
        services.update_activity(
            acting_user=actors.officer, activity=activity, expected_version=loaded, states=[actors.state]
        )


# -- every delete writes an event -----------------------------------------------------------------


def test_deleting_a_draft_writes_its_event_and_last_state(actors):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    pk = req.pk
    services.delete_request(acting_user=actors.focal_point, assistance_request=req)
    assert not AssistanceRequest.objects.filter(pk=pk).exists()
    req.pk = pk
    event = _events(req, AssistanceEvent.REQUEST_DELETED).get()
    assert event.data == {"reference": f"TA-{pk:05d}", "state": "KEN"} and event.user == actors.focal_point
    assert _log(req, "delete").get().before["title"] == "Training of prosecutors"


def test_a_refused_delete_writes_nothing(actors):
    req = factories.walk_to(factories.make_request(actors), "submitted", actors)
    with pytest.raises(PermissionDenied):
        services.delete_request(acting_user=actors.officer, assistance_request=req)
    assert not _events(req, AssistanceEvent.REQUEST_DELETED).exists() and not _log(req, "delete").exists()


def test_removing_a_partner_writes_an_event(actors):
    activity = factories.make_activity(actors)
    link = activity.partners.get()
    pk = link.pk
    services.remove_partner(acting_user=actors.officer, link=link)
    assert not ActivityPartner.objects.filter(pk=pk).exists()
    link.pk = pk
    event = _events(link, AssistanceEvent.PARTNER_REMOVED).get()
    assert event.data == {"activity": activity.pk, "organisation": "Partner entity (test)"}
    assert _log(link, "delete").exists()


def test_a_partner_may_not_remove_a_partner(actors):
    activity = factories.make_activity(actors)
    with pytest.raises(PermissionDenied):
        services.remove_partner(acting_user=actors.partner, link=activity.partners.get())
    assert activity.partners.exists()


def test_setting_a_count_to_zero_removes_it_with_an_event(actors):
    activity = factories.make_activity(actors)
    cell = {"state": actors.state, "sex": "women", "agency": "police"}
    row = services.set_participant_count(acting_user=actors.officer, activity=activity, count=4, **cell)
    assert _events(row, AssistanceEvent.PARTICIPANTS_RECORDED).get().data["count"] == 4
    assert services.set_participant_count(acting_user=actors.officer, activity=activity, count=0, **cell) is None
    assert not ParticipantCount.objects.filter(pk=row.pk).exists()
    event = _events(row, AssistanceEvent.PARTICIPANT_COUNT_REMOVED).get()
    assert event.data == {"state": "KEN", "sex": "women", "agency": "police", "count": 0}
    assert _log(row, "delete").get().before["count"] == 4


# -- versions ---------------------------------------------------------------------------------------


def test_an_activity_edit_needs_the_version_it_was_loaded_at(actors):
    activity = factories.make_activity(actors)
    with pytest.raises(VersionRequired):
        services.update_activity(acting_user=actors.officer, activity=activity, expected_version=None, title="x")
    first = services.update_activity(
        acting_user=actors.officer, activity=activity, expected_version=activity.version, title="First"
    )
    assert first.version == activity.version + 1
    with pytest.raises(EditConflict) as refused:
        services.update_activity(
            acting_user=actors.officer, activity=activity, expected_version=activity.version, title="Second"
        )
    assert refused.value.current.title == "First"
    assert Activity.objects.get(pk=activity.pk).title == "First"


def test_a_request_edit_without_a_version_is_refused(actors):
    req = factories.make_request(actors)
    with pytest.raises(VersionRequired):
        services.update_request(acting_user=actors.officer, assistance_request=req, expected_version=None, title="x")
    assert AssistanceRequest.objects.get(pk=req.pk).title == "Training of prosecutors"


def test_a_transition_from_a_stale_version_is_refused(actors):
    req = factories.make_request(actors)
    services.update_request(acting_user=actors.officer, assistance_request=req, expected_version=1, title="Changed")
    with pytest.raises(EditConflict):
        services.transition(acting_user=actors.focal_point, assistance_request=req, to="submit", expected_version=1)
    assert AssistanceRequest.objects.get(pk=req.pk).status == "draft"
