"""The officer's work: the queue on what needs action, assignment, notifications, comments, drafts, the
activity form's preselected State and funding project, and the derived delivery state of existing rows."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ctassist.assistance import services
from ctassist.assistance.choices import ActivityStatus, RequestStatus
from ctassist.assistance.models import AssistanceRequest
from ctassist.assistance.tests import factories
from ctassist.core.models import ChangeLogEntry, DomainEvent, Notification
from ctassist.core.ui import nav_for


def _submitted(actors, title, days_ago, officer=None):
    req = factories.walk_to(factories.make_request(actors, title=title), "submitted", actors)
    AssistanceRequest.objects.filter(pk=req.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=days_ago))
    req.refresh_from_db()
    if officer is not None:
        req = services.assign_officer(acting_user=None, assistance_request=req, officer=officer)
    return req


def _queue_titles(client, **params):
    response = client.get(reverse("assistance:work_queue"), params)
    assert response.status_code == 200
    return [row.record.title for row in response.context["table"].page.object_list], response


# -- the queue --------------------------------------------------------------------------------------


def test_queue_opens_on_new_work_then_mine_then_the_rest_each_oldest_first(client, actors):
    officer, admin = actors.officer, actors.admin
    accepted = factories.walk_to(factories.make_request(actors, title="Accepted, nobody's"), "accepted", actors)
    planned = factories.walk_to(factories.make_request(actors, title="Planned, the admin's"), "planned", actors)
    services.assign_officer(acting_user=None, assistance_request=planned, officer=admin)
    _submitted(actors, "Mine, old", 40, officer)
    _submitted(actors, "New, recent", 1)
    _submitted(actors, "New, older", 9)
    under_review = factories.walk_to(factories.make_request(actors, title="Mine in review"), "under_review", actors)
    services.assign_officer(acting_user=None, assistance_request=under_review, officer=officer)
    client.force_login(officer)
    titles, response = _queue_titles(client)
    assert titles[:2] == ["New, older", "New, recent"]  # submitted and nobody's, oldest first
    assert set(titles[2:4]) == {"Mine, old", "Mine in review"}  # then what is mine
    assert titles.index("Mine, old") < titles.index("Mine in review")  # the older submission first
    assert set(titles[4:]) == {accepted.title, planned.title}  # then what waits for nobody here
    html = response.content.decode()
    assert html.count('class="badge new"') == 2  # the "new" mark, on the two nobody has taken
    counts = {status: n for status, _label, n in response.context["status_counts"]}
    assert counts == {"submitted": 3, "under_review": 1, "accepted": 1, "planned": 1}


def test_assigned_to_me_filter(client, actors):
    _submitted(actors, "Mine", 3, actors.officer)
    _submitted(actors, "The admin's", 3, actors.admin)
    _submitted(actors, "Nobody's", 3)
    client.force_login(actors.officer)
    assert _queue_titles(client, assigned="me")[0] == ["Mine"]
    assert _queue_titles(client, assigned="nobody")[0] == ["Nobody's"]


def test_the_assistance_menu_leads_officers_to_the_queue(actors):
    def entry(user):
        return next(item for item in nav_for(user) if item.key == "assistance")

    assert entry(actors.officer).url_name == "assistance:work_queue"
    assert entry(actors.admin).url_name == "assistance:work_queue"
    assert entry(actors.focal_point).url_name == "assistance:activity_list"


def test_focal_points_have_no_officer_filter(client, actors):
    client.force_login(actors.focal_point)
    response = client.get(reverse("assistance:request_list"))
    assert "assigned" not in response.context["filter"].form.fields


# -- assignment -------------------------------------------------------------------------------------


def test_assigning_is_logged_and_tells_the_officer(actors):
    req = _submitted(actors, "To assign", 2)
    req = services.assign_officer(
        acting_user=actors.admin, assistance_request=req, officer=actors.officer, comment="Yours: you know Kenya."
    )
    assert req.assigned_officer == actors.officer
    entry = ChangeLogEntry.objects.filter(object_id=str(req.pk), action="update").first()
    assert entry.before["assigned_officer_id"] is None and entry.after["assigned_officer_id"] == actors.officer.pk
    event = DomainEvent.objects.get(object_id=str(req.pk), type="assistance.request_assigned")
    assert event.data["reason"] == "Yours: you know Kenya." and event.user == actors.admin
    note = Notification.objects.get(recipient=actors.officer, text__contains="assigned to you")
    assert note.link == req.get_absolute_url()


def test_once_assigned_only_that_officer_is_told_of_the_state_s_steps(actors):
    req = _submitted(actors, "Assigned", 2, actors.admin)
    before = Notification.objects.filter(recipient=actors.officer).count()
    services.transition(acting_user=actors.focal_point, assistance_request=req, to="withdraw")
    assert Notification.objects.filter(recipient=actors.officer).count() == before
    assert Notification.objects.filter(recipient=actors.admin, text__contains="Withdrawn").exists()


def test_only_unodc_staff_are_assigned(actors):
    req = _submitted(actors, "x", 1)
    with pytest.raises(ValidationError, match="UNODC"):
        services.assign_officer(acting_user=actors.officer, assistance_request=req, officer=actors.focal_point)


@pytest.mark.parametrize("role", ["focal_point", "other_focal_point", "partner", "donor"])
def test_others_may_not_assign(actors, role):
    req = _submitted(actors, "x", 1)
    with pytest.raises(PermissionDenied):
        services.assign_officer(acting_user=actors.user(role), assistance_request=req, officer=actors.officer)
    req.refresh_from_db()
    assert req.assigned_officer is None


@pytest.mark.parametrize(
    ("role", "code"),
    # Refused before the request is looked up: nobody outside UNODC learns whether it exists.
    [("anonymous", 302), ("focal_point", 403), ("other_focal_point", 403), ("partner", 403), ("donor", 403)],
)
def test_assign_page_refuses_others(client, actors, role, code):
    req = _submitted(actors, "x", 1)
    if role != "anonymous":
        client.force_login(actors.user(role))
    response = client.post(reverse("assistance:request_assign", args=[req.pk]), {"officer": actors.officer.pk})
    assert response.status_code == code
    req.refresh_from_db()
    assert req.assigned_officer is None


def test_assign_to_me_from_the_request_page(client, actors):
    req = _submitted(actors, "x", 1)
    client.force_login(actors.officer)
    page = client.get(req.get_absolute_url()).content.decode()
    assert "Assign to me" in page
    response = client.post(
        reverse("assistance:request_assign", args=[req.pk]), {"officer": actors.officer.pk, "version": req.version}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.assigned_officer == actors.officer


# -- workflow comments, what happens next, drafts ----------------------------------------------------


def test_an_accept_tells_the_state_something(client, actors):
    req = factories.walk_to(factories.make_request(actors), "under_review", actors)
    client.force_login(actors.officer)
    client.post(
        reverse("assistance:request_transition", args=[req.pk]),
        {"to": "accept", "reason": "We can start after the rainy season.", "version": req.version},
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.ACCEPTED
    client.force_login(actors.focal_point)
    page = client.get(req.get_absolute_url()).content.decode()
    assert "We can start after the rainy season." in page  # on the State's timeline


def test_every_step_has_its_own_comment_box_and_the_reason_is_marked_required(client, actors):
    req = factories.walk_to(factories.make_request(actors), "under_review", actors)
    client.force_login(actors.officer)
    page = client.get(req.get_absolute_url()).content.decode()
    for step in ("accept", "decline", "withdraw"):
        assert f'id="comment-{step}"' in page
    assert page.count("Reason (required)") == 2  # declining and withdrawing as UNODC


def test_after_submitting_the_page_says_what_happens_next(client, actors):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    client.force_login(actors.focal_point)
    response = client.post(
        reverse("assistance:request_transition", args=[req.pk]), {"to": "submit", "version": req.version}, follow=True
    )
    text = response.content.decode()
    assert "The request is now submitted." in text
    assert "An officer takes the request into review, normally within 14 days" in text


def test_the_author_deletes_a_draft_from_its_page(client, actors):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    client.force_login(actors.focal_point)
    assert "Delete draft" in client.get(req.get_absolute_url()).content.decode()
    response = client.post(reverse("assistance:request_delete", args=[req.pk]))
    assert response.status_code == 302 and response.url == reverse("assistance:request_list")
    assert not AssistanceRequest.objects.filter(pk=req.pk).exists()


@pytest.mark.parametrize(
    ("role", "code"), [("anonymous", 302), ("other_focal_point", 404), ("partner", 403), ("donor", 403)]
)
def test_others_may_not_delete_a_draft(client, actors, role, code):
    req = factories.make_request(actors, acting_user=actors.focal_point)
    if role != "anonymous":
        client.force_login(actors.user(role))
    assert client.post(reverse("assistance:request_delete", args=[req.pk])).status_code == code
    assert AssistanceRequest.objects.filter(pk=req.pk).exists()


def test_a_submitted_request_is_not_deleted_and_shows_no_delete_button(client, actors):
    req = factories.walk_to(factories.make_request(actors, acting_user=actors.focal_point), "submitted", actors)
    client.force_login(actors.focal_point)
    assert "Delete draft" not in client.get(req.get_absolute_url()).content.decode()
    assert client.post(reverse("assistance:request_delete", args=[req.pk])).status_code == 403


def test_required_fields_are_marked(client, actors):
    client.force_login(actors.focal_point)
    page = client.get(reverse("assistance:request_create")).content.decode()
    assert 'class="required"' in page and "Needed to submit the request" in page


# -- one planning control, the preselected State, the funding project --------------------------------


def test_one_planning_control_on_the_request_page(client, actors):
    req = factories.walk_to(factories.make_request(actors), "accepted", actors)
    client.force_login(actors.officer)
    page = client.get(req.get_absolute_url()).content.decode()
    assert page.count("Plan an activity") == 1 and "Mark planned" not in page


def test_new_activity_form_shows_the_preselected_state(client, actors):
    req = factories.walk_to(factories.make_request(actors), "accepted", actors)
    client.force_login(actors.officer)
    page = client.get(reverse("assistance:activity_create"), {"request": req.pk}).content.decode()
    assert f"Preselected from the request: {actors.state.name}." in page


def test_the_funding_project_is_chosen_from_the_projects_and_joins_its_charges(client, actors):
    from ctassist.funding.models import ActivityCharge
    from ctassist.funding.tests import factories as funding_factories

    project = funding_factories.make_project(actors, code="P-CT-7")
    req = factories.walk_to(factories.make_request(actors), "accepted", actors)
    client.force_login(actors.officer)
    form = client.get(reverse("assistance:activity_create"), {"request": req.pk}).context["form"]
    assert (project.pk, f"P-CT-7 {project.title}") in form.fields["funding_project"].choices
    start = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        reverse("assistance:activity_create"),
        {"title": "Workshop", "type": "workshop", "status": "planned", "start_date": start.isoformat(),
         "end_date": start.isoformat(), "modality": "in_person", "place": "Nairobi", "scope": "national",
         "states": [actors.state.pk], "requests": [req.pk], "funding_project": project.pk},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    charge = ActivityCharge.objects.get(project=project)
    assert charge.amount_usd is None  # not costed yet, but on the project's charges
    req.refresh_from_db()
    assert req.status == RequestStatus.PLANNED  # and the request follows its activity
    client.force_login(actors.officer)
    assert "not costed yet" in client.get(project.get_absolute_url()).content.decode()


def test_a_project_the_user_may_not_see_is_refused_by_field(actors):
    from ctassist.funding.tests import factories as funding_factories

    project = funding_factories.make_project(actors, code="P-X")
    activity = factories.make_activity(actors)
    with pytest.raises(PermissionDenied):
        services.update_activity(
            acting_user=actors.focal_point, activity=activity, expected_version=activity.version,
            funding_project=project.pk,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="projects offered"):
        services.update_activity(
            acting_user=actors.officer, activity=activity, expected_version=activity.version, funding_project=999999
        )


# -- the migrations keep existing rows consistent -----------------------------------------------------


def test_existing_requests_take_the_delivery_state_of_their_activities(actors):
    behind = factories.walk_to(factories.make_request(actors, title="Behind"), "planned", actors)
    activity = behind.activities.get()
    # As before: the activity started, the request still said planned.
    type(activity).objects.filter(pk=activity.pk).update(status=ActivityStatus.IN_DELIVERY)
    ahead = factories.walk_to(factories.make_request(actors, title="Ahead"), "accepted", actors)
    AssistanceRequest.objects.filter(pk=ahead.pk).update(status=RequestStatus.IN_DELIVERY)  # nothing to deliver
    migration = importlib.import_module("ctassist.assistance.migrations.0004_assigned_officer_derived_delivery")
    migration.derive_delivery_state(django_apps, None)
    behind.refresh_from_db()
    ahead.refresh_from_db()
    assert behind.status == RequestStatus.IN_DELIVERY and ahead.status == RequestStatus.ACCEPTED


def test_free_text_funding_references_become_charges_or_stay_as_a_note(actors):
    from ctassist.funding.models import ActivityCharge
    from ctassist.funding.tests import factories as funding_factories

    project = funding_factories.make_project(actors, code="P-OLD-1", title="Legal assistance (old)")
    by_code = factories.make_activity(actors, title="By code", funding_project_ref=" p-old-1 ")
    by_title = factories.make_activity(actors, title="By title", funding_project_ref="legal assistance (OLD)")
    unknown = factories.make_activity(actors, title="Unknown", funding_project_ref="Trust fund 12")
    migration = importlib.import_module("ctassist.funding.migrations.0005_charge_without_amount_and_free_text_projects")
    migration.link_free_text_projects(django_apps, None)
    for activity in (by_code, by_title):
        activity.refresh_from_db()
        assert activity.funding_project_ref == ""
        assert ActivityCharge.objects.get(activity=activity).project == project
    unknown.refresh_from_db()
    assert unknown.funding_project_ref == "Trust fund 12" and not ActivityCharge.objects.filter(activity=unknown)
