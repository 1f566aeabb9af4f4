"""The request workflow through the services: every transition, every refusal, the conflict."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ctassist.assistance import services, workflow
from ctassist.assistance.choices import ActivityStatus, Channel, RequestStatus
from ctassist.assistance.tests import factories
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.services import EditConflict


@pytest.fixture
def draft(actors):
    return services.create_request(
        acting_user=actors.focal_point,
        state=actors.state,
        title="Legislative review of counter-terrorism law",
        themes=factories.themes("ratification", "terrorism-financing"),
        needs="Review of the draft law against the 1999 Financing Convention.",
        languages=["en"],
    )


def go(user, req, to, reason=""):
    return services.transition(acting_user=user, assistance_request=req, to=to, reason=reason)


def test_full_life_from_submission_to_evaluation(actors, draft, django_capture_on_commit_callbacks):
    officer, fp = actors.officer, actors.focal_point
    with django_capture_on_commit_callbacks(execute=True):
        req = go(fp, draft, "submit")
    assert req.status == RequestStatus.SUBMITTED and req.submitted_at
    assert "officer@example.org" in mail.outbox[-1].to
    with django_capture_on_commit_callbacks(execute=True):
        req = go(officer, req, "start_review")
    assert mail.outbox[-1].to == ["focal_point@example.org"]
    req = go(officer, req, "accept", reason="We can start in March.")
    # From here the request follows its activity: nobody marks it planned, in delivery or completed.
    activity = factories.make_activity(actors, [req])
    req.refresh_from_db()
    assert req.status == RequestStatus.PLANNED
    factories.set_status(activity, ActivityStatus.IN_DELIVERY, officer)
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_DELIVERY
    services.set_participant_count(
        acting_user=officer, activity=activity, state=actors.state, sex="women", agency="prosecution", count=12
    )
    services.save_indicator(
        acting_user=officer, activity=activity, name="Test score", baseline=40, target=75, actual=78
    )
    factories.set_status(activity, ActivityStatus.COMPLETED, officer)
    req.refresh_from_db()
    assert req.status == RequestStatus.COMPLETED and req.closed_at
    services.record_evaluation(
        acting_user=officer, assistance_request=req, rating="satisfactory", summary="Law adopted."
    )
    req = go(officer, req, "evaluated")  # by target state name
    assert req.status == RequestStatus.EVALUATED
    types = list(
        DomainEvent.objects.filter(object_id=str(req.pk), type__startswith="assistance.").values_list(
            "type", flat=True
        )
    )
    for expected in ("request_submitted", "request_accepted", "request_planned", "delivery_started",
                     "request_completed", "request_evaluated"):  # fmt: skip
        assert f"assistance.{expected}" in types
    accepted = DomainEvent.objects.get(object_id=str(req.pk), type="assistance.request_accepted")
    assert accepted.data["reason"] == "We can start in March."
    assert ChangeLogEntry.objects.filter(object_id=str(req.pk), action="update").count() >= 7
    assert req.version == 8  # one per step, taken or following from the activity


@pytest.mark.parametrize("name", ["plan", "start_delivery", "complete"])
def test_delivery_steps_are_not_taken_by_hand(actors, draft, name):
    req = factories.walk_to(draft, "accepted", actors)
    with pytest.raises(ValidationError, match="activities"):
        go(actors.officer, req, name)
    assert name not in [t.name for t in workflow.available(actors.officer, req)]


def test_delivery_state_follows_the_activities(actors, draft):
    req = factories.walk_to(draft, "accepted", actors)
    first = factories.make_activity(actors, [req], title="First")
    second = factories.make_activity(actors, [req], title="Second")
    req.refresh_from_db()
    assert req.status == RequestStatus.PLANNED
    factories.set_status(first, ActivityStatus.COMPLETED)
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_DELIVERY  # one done, one still to come
    factories.set_status(second, ActivityStatus.CANCELLED)
    req.refresh_from_db()
    assert req.status == RequestStatus.COMPLETED  # every live activity is done
    factories.set_status(first, ActivityStatus.CANCELLED)
    req.refresh_from_db()
    assert req.status == RequestStatus.ACCEPTED and req.closed_at is None  # nothing left to deliver


@pytest.mark.parametrize(
    ("current", "activities", "expected"),
    [
        ("accepted", [], "accepted"),
        ("accepted", ["planned"], "planned"),
        ("planned", ["planned", "in_delivery"], "in_delivery"),
        ("in_delivery", ["completed", "completed"], "completed"),
        ("completed", ["completed", "planned"], "in_delivery"),
        ("planned", ["cancelled"], "accepted"),
        ("under_review", ["planned"], "under_review"),
        ("evaluated", ["planned"], "evaluated"),
        ("withdrawn", ["in_delivery"], "withdrawn"),
    ],
)
def test_delivery_status_rule(current, activities, expected):
    assert workflow.delivery_status(current, activities) == expected


@pytest.mark.parametrize("name", ["start_review", "accept", "decline", "evaluate"])
def test_focal_point_may_not_take_unodc_transitions(actors, draft, name):
    req = factories.walk_to(draft, "submitted", actors)
    with pytest.raises(PermissionDenied):
        go(actors.focal_point, req, name, reason="x")


@pytest.mark.parametrize("role", ["partner", "donor", "other_focal_point"])
def test_strangers_may_not_act(actors, draft, role):
    with pytest.raises(PermissionDenied):
        go(actors.user(role), draft, "submit")


def test_wrong_state_is_refused(actors, draft):
    with pytest.raises(ValidationError, match="cannot be"):
        go(actors.officer, draft, "accept")


def test_unknown_transition(actors, draft):
    with pytest.raises(ValidationError):
        go(actors.officer, draft, "teleport")


def test_submission_needs_themes_and_needs(actors):
    req = services.create_request(acting_user=actors.focal_point, state=actors.state, title="Empty")
    with pytest.raises(ValidationError) as exc:
        go(actors.focal_point, req, "submit")
    assert "theme" in str(exc.value) and "needs" in str(exc.value)


def test_officer_enters_from_note_verbale(actors):
    with pytest.raises(ValidationError):
        services.create_request(acting_user=actors.officer, state=actors.state, title="x", channel=Channel.NOTE_VERBALE)
    req = services.create_request(
        acting_user=actors.officer, state=actors.state, title="From a note verbale", channel=Channel.NOTE_VERBALE,
        letter_reference="NV/2025/114", themes=factories.themes("training"), needs="Training.",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="date"):
        go(actors.officer, req, "submit")
    req = services.update_request(
        acting_user=actors.officer,
        assistance_request=req,
        expected_version=req.version,
        letter_date=datetime.date(2025, 3, 1),
    )
    assert go(actors.officer, req, "submit").status == RequestStatus.SUBMITTED


def test_focal_point_cannot_create_for_another_state(actors):
    with pytest.raises(PermissionDenied):
        services.create_request(acting_user=actors.focal_point, state=actors.other_state, title="x")


def test_decline_needs_a_reason(actors, draft):
    req = factories.walk_to(draft, "under_review", actors)
    with pytest.raises(ValidationError, match="reason"):
        go(actors.officer, req, "decline")
    req = go(actors.officer, req, "decline", reason="Outside the mandate.")
    assert req.status == RequestStatus.DECLINED and req.decline_reason == "Outside the mandate."


def test_evaluated_needs_an_evaluation(actors, draft):
    req = factories.walk_to(draft, "completed", actors)
    with pytest.raises(ValidationError, match="evaluation"):
        go(actors.officer, req, "evaluate")


def test_evaluation_only_once_completed(actors, draft):
    with pytest.raises(ValidationError):
        services.record_evaluation(
            acting_user=actors.officer, assistance_request=draft, rating="satisfactory", summary="x"
        )


@pytest.mark.parametrize("stage", ["draft", "submitted", "under_review", "accepted", "planned", "in_delivery"])
def test_state_withdraws_before_completion(actors, draft, stage):
    req = draft if stage == "draft" else factories.walk_to(draft, stage, actors)
    req = go(actors.focal_point, req, "withdraw")
    assert req.status == RequestStatus.WITHDRAWN


def test_withdraw_refused_after_completion_and_unodc_needs_reason(actors, draft):
    req = factories.walk_to(draft, "submitted", actors)
    with pytest.raises(ValidationError, match="reason"):
        go(actors.officer, req, "withdraw")
    done = factories.walk_to(factories.make_request(actors), "completed", actors)
    with pytest.raises(ValidationError):
        go(actors.focal_point, done, "withdraw")


def test_available_transitions_by_role(actors, draft):
    assert [t.name for t in workflow.available(actors.focal_point, draft)] == ["submit", "withdraw"]
    req = factories.walk_to(draft, "under_review", actors)
    assert [t.name for t in workflow.available(actors.officer, req)] == ["accept", "decline", "withdraw"]
    assert [t.name for t in workflow.available(actors.focal_point, req)] == ["withdraw"]
    assert workflow.available(actors.other_focal_point, req) == []


def test_second_save_is_refused(actors, draft):
    loaded = draft.version
    services.update_request(
        acting_user=actors.officer, assistance_request=draft, expected_version=loaded, title="First editor"
    )
    with pytest.raises(EditConflict):
        services.update_request(
            acting_user=actors.focal_point, assistance_request=draft, expected_version=loaded, title="Second"
        )
    draft.refresh_from_db()
    assert draft.title == "First editor"


def test_focal_point_cannot_edit_once_under_review(actors, draft):
    req = factories.walk_to(draft, "under_review", actors)
    with pytest.raises(PermissionDenied):
        services.update_request(
            acting_user=actors.focal_point, assistance_request=req, expected_version=req.version, title="x"
        )


def test_only_drafts_are_deleted(actors, draft):
    req = factories.walk_to(draft, "submitted", actors)
    with pytest.raises(PermissionDenied):
        services.delete_request(acting_user=actors.officer, assistance_request=req)
    other = factories.make_request(actors, acting_user=actors.focal_point)
    services.delete_request(acting_user=actors.focal_point, assistance_request=other)


@pytest.mark.parametrize("role", ["other_focal_point", "partner", "donor"])
def test_strangers_may_not_delete_a_draft(actors, role):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    with pytest.raises(PermissionDenied):
        services.delete_request(acting_user=actors.user(role), assistance_request=req)


def test_a_focal_point_deletes_only_the_drafts_it_wrote(actors):
    colleague = factories.make_request(actors)  # entered by someone else for the same State
    with pytest.raises(PermissionDenied):
        services.delete_request(acting_user=actors.focal_point, assistance_request=colleague)


def test_activity_concerns_the_states_of_its_requests(actors):
    req = factories.make_request(actors, actors.other_state)
    activity = factories.make_activity(actors, [req], states=[actors.state])
    assert set(activity.states.values_list("iso3", flat=True)) == {"KEN", "PER"}


def test_partner_must_be_a_partner_entity(actors):
    activity = factories.make_activity(actors, partner=False)
    with pytest.raises(ValidationError):
        services.set_partner(
            acting_user=None, activity=activity, organisation=actors.organisations["donor"], role="host"
        )


def test_named_participant_needs_consent(actors):
    activity = factories.make_activity(actors)
    with pytest.raises(ValidationError):
        services.add_participant(
            acting_user=actors.officer, activity=activity, state=actors.state, full_name="A", consent=False
        )
