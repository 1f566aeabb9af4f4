"""Needs through their life, each source, each bad input: clear errors and nothing half-written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ctassist.assistance.models import AssistanceRequest
from ctassist.assistance.tests.factories import make_activity, make_request
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.services import EditConflict, TransitionRefused
from ctassist.needs import services
from ctassist.needs.choices import NeedSource, NeedStatus
from ctassist.needs.models import FollowUp, Need, SharingDecision
from ctassist.needs.tests.factories import LAST_YEAR, make_need, source_fields

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.mark.parametrize("source", NeedSource.values)
def test_a_need_is_recorded_from_each_source(actors, source):
    need = make_need(actors, source, acting_user=actors.officer, lead_institution="Financial Intelligence Unit")
    assert need.status == NeedStatus.OPEN and need.source == source
    assert need.is_confidential == source.startswith("cted_")
    assert DomainEvent.objects.filter(type="needs.need_recorded", object_id=str(need.pk)).exists()
    assert ChangeLogEntry.objects.filter(object_id=str(need.pk), action="create").exists()
    assert [t.code for t in need.themes.all()] == ["terrorism-financing"]


@pytest.mark.parametrize(
    ("source", "fields", "field"),
    [
        (NeedSource.CTED_ASSESSMENT, {}, "source_reference"),
        (NeedSource.CTED_VISIT, {"source_reference": "V-1"}, "source_date"),
        (NeedSource.EVALUATION, {"source_date": LAST_YEAR}, "source_reference"),
        (NeedSource.OTHER_MECHANISM, {"source_reference": "MER", "source_date": LAST_YEAR}, "mechanism"),
        (NeedSource.STATE_REQUEST, {}, "source_request"),
        (NeedSource.LEGISLATIVE_REVIEW, {}, "review"),
        (NeedSource.CTED_ASSESSMENT, {"source_reference": "A", "source_date": LAST_YEAR, "mechanism": "FATF"},
         "mechanism"),
        (NeedSource.CTED_ASSESSMENT, {"source_reference": "A", "source_date": TODAY + datetime.timedelta(days=3)},
         "source_date"),
        (NeedSource.CTED_ASSESSMENT, {"source_reference": "A", "source_date": LAST_YEAR,
                                      "target_date": LAST_YEAR - datetime.timedelta(days=1)}, "target_date"),
    ],
)  # fmt: skip
def test_a_need_without_what_its_source_requires_is_refused_and_nothing_is_written(actors, source, fields, field):
    before = Need.objects.count(), ChangeLogEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.record_need(acting_user=actors.officer, state=actors.state, title="X", source=source, **fields)
    assert field in caught.value.message_dict
    assert (Need.objects.count(), ChangeLogEntry.objects.count()) == before


def test_a_source_of_another_state_is_refused(actors):
    other_request = make_request(actors, actors.other_state)
    with pytest.raises(ValidationError) as caught:
        services.record_need(acting_user=actors.officer, state=actors.state, title="X",
                             source=NeedSource.STATE_REQUEST, source_request=other_request)  # fmt: skip
    assert "source_request" in caught.value.message_dict
    review = source_fields(actors, NeedSource.LEGISLATIVE_REVIEW, actors.other_state)["review"]
    with pytest.raises(ValidationError) as caught:
        services.record_need(acting_user=actors.officer, state=actors.state, title="X",
                             source=NeedSource.LEGISLATIVE_REVIEW, review=review)  # fmt: skip
    assert "review" in caught.value.message_dict


def test_unknown_source_and_blank_title_are_refused(actors):
    with pytest.raises(ValidationError) as caught:
        services.record_need(acting_user=actors.officer, state=actors.state, title="", source="rumour")
    assert {"title", "source"} <= set(caught.value.message_dict)


def test_focal_point_records_for_its_own_state_only(actors):
    mine = make_need(actors, acting_user=actors.focal_point)
    assert mine.state == actors.state
    with pytest.raises(PermissionDenied):
        make_need(actors, state=actors.other_state, acting_user=actors.focal_point)
    assert not Need.objects.filter(state=actors.other_state).exists()
    for role in ("partner", "donor"):
        with pytest.raises(PermissionDenied):
            make_need(actors, acting_user=actors.user(role))


def test_the_life_of_a_need_from_open_to_closed(actors):
    need = make_need(actors, acting_user=actors.officer)
    need = services.change_status(acting_user=actors.focal_point, need=need, to=NeedStatus.IN_PROGRESS)
    services.add_follow_up(acting_user=actors.focal_point, need=need, done_on=TODAY, action="Draft law sent to parliament",
                           done_by="Ministry of Justice", evidence="Bill No. 12 of 2026")  # fmt: skip
    need = services.change_status(acting_user=actors.officer, need=need, to=NeedStatus.ADDRESSED)
    with pytest.raises(ValidationError) as caught:
        services.change_status(acting_user=actors.officer, need=need, to=NeedStatus.CLOSED)
    assert "reason" in caught.value.message_dict
    need = services.change_status(acting_user=actors.officer, need=need, to=NeedStatus.CLOSED, reason="Law adopted.")
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED and need.status_reason == "Law adopted."
    assert list(DomainEvent.objects.filter(type="needs.status_changed", object_id=str(need.pk))
                .order_by("id").values_list("data__to", flat=True)) == ["in_progress", "addressed", "closed"]  # fmt: skip
    assert FollowUp.objects.get(need=need).done_by == "Ministry of Justice"


def test_a_step_the_status_does_not_allow_is_refused(actors):
    need = make_need(actors)
    with pytest.raises(ValidationError) as caught:
        services.change_status(acting_user=actors.officer, need=need, to=NeedStatus.DISCARDED, reason="x")
    assert "to" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.change_status(acting_user=actors.officer, need=need, to="done")
    with pytest.raises(TransitionRefused):
        services.change_status(acting_user=actors.other_focal_point, need=need, to=NeedStatus.IN_PROGRESS)
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_a_stale_edit_is_refused(actors):
    need = make_need(actors)
    loaded = need.version
    services.update_need(acting_user=actors.officer, need=need, expected_version=loaded, lead_institution="FIU")
    with pytest.raises(EditConflict):
        services.update_need(acting_user=actors.focal_point, need=need, expected_version=loaded, target_date=TODAY)
    need.refresh_from_db()
    assert need.lead_institution == "FIU" and need.target_date is None and need.version == loaded + 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"done_on": TODAY + datetime.timedelta(days=1)}, "done_on"), ({"action": "  "}, "action"),
     ({"done_by": ""}, "done_by")],
)  # fmt: skip
def test_bad_follow_up_is_refused(actors, fields, field):
    need = make_need(actors)
    data = {"done_on": TODAY, "action": "Workshop held", "done_by": "UNODC", **fields}
    with pytest.raises(ValidationError) as caught:
        services.add_follow_up(acting_user=actors.officer, need=need, **data)
    assert field in caught.value.message_dict
    assert not FollowUp.objects.exists()


def test_only_those_who_may_change_the_need_follow_it_up(actors):
    need = make_need(actors)
    for role in ("other_focal_point", "partner", "donor"):
        with pytest.raises(PermissionDenied):
            services.add_follow_up(acting_user=actors.user(role), need=need, done_on=TODAY, action="x", done_by="y")
    assert not FollowUp.objects.exists()


def test_requests_and_activities_answer_a_need_of_their_state(actors):
    need = make_need(actors)
    mine, theirs = make_request(actors), make_request(actors, actors.other_state)
    activity = make_activity(actors)
    foreign_activity = make_activity(actors, states=[actors.other_state])
    services.link_request(acting_user=actors.officer, need=need, assistance_request=mine)
    services.link_activity(acting_user=actors.officer, need=need, activity=activity)
    with pytest.raises(ValidationError) as caught:
        services.link_request(acting_user=actors.officer, need=need, assistance_request=theirs)
    assert "requests" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.link_activity(acting_user=actors.officer, need=need, activity=foreign_activity)
    assert "activities" in caught.value.message_dict
    assert list(need.requests.all()) == [mine] and list(need.activities.all()) == [activity]


@pytest.mark.parametrize("role", ["officer", "focal_point"])
def test_a_request_is_created_from_a_need_in_one_step(actors, role):
    need = make_need(actors, NeedSource.OTHER_MECHANISM, lead_institution="Financial Intelligence Unit",
                     description="No offence of financing travel.", priority="high")  # fmt: skip
    created = services.create_request_from_need(acting_user=actors.user(role), need=need)
    assert created.state == actors.state and created.status == "draft"
    assert created.title == need.title and created.priority == "high"
    assert "No offence of financing travel." in created.needs and need.reference in created.needs
    assert created.beneficiary_institutions == "Financial Intelligence Unit"
    assert [t.code for t in created.themes.all()] == ["terrorism-financing"]
    assert list(need.requests.all()) == [created]


def test_a_request_from_a_closed_need_or_by_a_stranger_is_refused(actors):
    need = make_need(actors)
    with pytest.raises(PermissionDenied):
        services.create_request_from_need(acting_user=actors.other_focal_point, need=need)
    services.change_status(acting_user=actors.officer, need=need, to=NeedStatus.CLOSED, reason="Duplicate.")
    need.refresh_from_db()
    with pytest.raises(ValidationError):
        services.create_request_from_need(acting_user=actors.officer, need=need)
    assert not AssistanceRequest.objects.exists()


def test_the_states_focal_point_shares_a_need_and_the_log_records_it(actors):
    need = make_need(actors)
    partner = actors.organisations["partner"]
    services.share_need(acting_user=actors.focal_point, need=need, organisation=partner, note="For the workshop.")
    assert Need.objects.restrict(actors.partner).filter(pk=need.pk).exists()
    assert not Need.objects.restrict(actors.donor).filter(pk=need.pk).exists()
    with pytest.raises(ValidationError):
        services.share_need(acting_user=actors.focal_point, need=need, organisation=partner)
    services.withdraw_sharing(acting_user=actors.focal_point, need=need, organisation=partner)
    assert not Need.objects.restrict(actors.partner).filter(pk=need.pk).exists()
    assert list(SharingDecision.objects.filter(need=need).order_by("id").values_list("action", "note")) == [
        ("shared", "For the workshop."),
        ("withdrawn", ""),
    ]


def test_only_the_states_focal_point_shares_and_only_with_partners_or_donors(actors):
    need = make_need(actors)
    for role in ("officer", "admin", "other_focal_point", "partner", "donor"):
        with pytest.raises(PermissionDenied):
            services.share_need(acting_user=actors.user(role), need=need, organisation=actors.organisations["donor"])
    with pytest.raises(ValidationError) as caught:
        services.share_need(acting_user=actors.focal_point, need=need, organisation=actors.organisations["other"])
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.withdraw_sharing(acting_user=actors.focal_point, need=need, organisation=actors.organisations["donor"])
    assert not SharingDecision.objects.exists() and not need.shared_with.exists()


def test_a_partner_sees_a_non_cted_need_its_activity_answers_but_never_a_cted_one(actors):
    cted = make_need(actors, NeedSource.CTED_VISIT)
    fatf = make_need(actors, NeedSource.OTHER_MECHANISM)
    activity = make_activity(actors)  # the actors' partner co-organises it
    for need in (cted, fatf):
        services.link_activity(acting_user=actors.officer, need=need, activity=activity)
    seen = set(Need.objects.restrict(actors.partner).values_list("pk", flat=True))
    assert seen == {fatf.pk}
