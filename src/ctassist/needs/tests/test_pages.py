"""The needs pages: lists, exports, a need's page and its forms, the overviews and the funding gap."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ctassist.assistance.models import AssistanceRequest
from ctassist.assistance.tests.factories import make_activity, make_request, walk_to
from ctassist.needs import services
from ctassist.needs.choices import NeedSource, NeedStatus
from ctassist.needs.models import FollowUp, Need
from ctassist.needs.tests.factories import LAST_YEAR, finalised_review, make_need

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_list_filters_and_exports(client, actors):
    make_need(actors, title="Train prosecutors")
    make_need(actors, NeedSource.OTHER_MECHANISM, title="Supervise money transfer services", state=actors.other_state)
    client.force_login(actors.officer)
    page = client.get("/needs/", {"state": "PER"}).content.decode()
    assert "Supervise money transfer services" in page and "Train prosecutors" not in page
    csv = client.get("/needs/", {"export": "csv"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Train prosecutors" in text and "Supervise money transfer services" in text
    assert client.get("/needs/", {"export": "xlsx"}).status_code == 200


def test_a_focal_point_lists_its_own_states_needs_only(client, actors):
    make_need(actors, title="Kenya's need")
    make_need(actors, title="Peru's need", state=actors.other_state)
    client.force_login(actors.focal_point)
    page = client.get("/needs/").content.decode()
    assert "Kenya&#x27;s need" in page and "Peru" not in page


def test_unanswered_lists_only_needs_nothing_answers(client, actors):
    answered = make_need(actors, title="Answered need")
    make_need(actors, title="Waiting need")
    services.link_request(acting_user=None, need=answered, assistance_request=make_request(actors))
    client.force_login(actors.officer)
    page = client.get("/needs/unanswered/").content.decode()
    assert "Waiting need" in page and "Answered need" not in page
    assert "Answered need" in client.get("/needs/", {"answered": "true"}).content.decode()


def test_record_a_need_through_the_page(client, actors):
    client.force_login(actors.focal_point)
    assert client.get("/needs/new/").status_code == 200
    bad = client.post("/needs/new/", {"state": actors.state.pk, "title": "Border screening", "source": "cted_visit",
                                      "priority": "high"})  # fmt: skip
    assert bad.status_code == 400
    assert "Give the reference of the source document." in bad.content.decode()
    assert not Need.objects.exists()
    good = client.post("/needs/new/", {"state": actors.state.pk, "title": "Border screening", "source": "cted_visit",
                                       "source_reference": "CTED visit 2025", "source_date": LAST_YEAR.isoformat(),
                                       "priority": "high", "lead_institution": "Immigration Department"})  # fmt: skip
    need = Need.objects.get()
    assert good.status_code == 302 and good["Location"] == f"/needs/{need.pk}/"
    assert need.created_by == actors.focal_point and need.is_confidential


def test_a_focal_point_cannot_record_for_another_state_through_the_page(client, actors):
    client.force_login(actors.focal_point)
    response = client.post("/needs/new/", {"state": actors.other_state.pk, "title": "X", "source": "cted_visit",
                                           "source_reference": "R", "source_date": LAST_YEAR.isoformat(),
                                           "priority": "high"})  # fmt: skip
    assert response.status_code == 400 and not Need.objects.exists()


def test_edit_from_a_stale_version_answers_409(client, actors):
    need = make_need(actors)
    client.force_login(actors.officer)
    form = {"title": "Changed", "source": need.source, "source_reference": need.source_reference,
            "source_date": need.source_date.isoformat(), "priority": "low", "version": need.version}  # fmt: skip
    services.update_need(acting_user=actors.officer, need=need, expected_version=need.version, lead_institution="FIU")
    response = client.post(f"/needs/{need.pk}/edit/", form)
    assert response.status_code == 409
    need.refresh_from_db()
    assert need.title != "Changed"
    form["version"] = need.version
    assert client.post(f"/needs/{need.pk}/edit/", form).status_code == 302
    need.refresh_from_db()
    assert need.title == "Changed"


def test_detail_page_follow_up_link_status_and_request(client, actors):
    need = make_need(actors, title="Financial investigations course")
    activity = make_activity(actors)
    client.force_login(actors.officer)
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "Financial investigations course" in page and "Create a request from this need" in page
    client.post(f"/needs/{need.pk}/follow-up/", {"done_on": TODAY.isoformat(), "action": "Met the FIU",
                                                  "done_by": "UNODC"})  # fmt: skip
    assert FollowUp.objects.get(need=need).action == "Met the FIU"
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(f"/needs/{need.pk}/follow-up/", {"done_on": tomorrow, "action": "x", "done_by": "y"},
                           follow=True)  # fmt: skip
    assert "cannot be dated in the future" in response.content.decode() and FollowUp.objects.count() == 1
    client.post(f"/needs/{need.pk}/answers/", {"activity": activity.pk})
    assert list(need.activities.all()) == [activity]
    need.refresh_from_db()
    client.post(f"/needs/{need.pk}/status/", {"to": "in_progress", "version": need.version})
    need.refresh_from_db()
    assert need.status == NeedStatus.IN_PROGRESS
    response = client.post(f"/needs/{need.pk}/request/")
    created = AssistanceRequest.objects.get()
    assert response["Location"] == f"/assistance/requests/{created.pk}/edit/"
    assert created.title == "Financial investigations course" and list(need.requests.all()) == [created]


def test_closing_without_a_reason_is_refused_on_the_page(client, actors):
    need = make_need(actors)
    client.force_login(actors.officer)
    response = client.post(f"/needs/{need.pk}/status/", {"to": "closed", "reason": ""}, follow=True)
    assert "Give a reason." in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_a_stranger_is_refused_the_forms(client, actors):
    need = make_need(actors)
    client.force_login(actors.other_focal_point)
    assert client.post(f"/needs/{need.pk}/status/", {"to": "in_progress"}).status_code == 404
    assert client.post(f"/needs/{need.pk}/sharing/", {"organisation": actors.organisations["partner"].pk}
                       ).status_code == 404  # fmt: skip
    client.force_login(actors.officer)
    assert client.post(f"/needs/{need.pk}/sharing/", {"organisation": actors.organisations["partner"].pk}
                       ).status_code == 403  # fmt: skip
    assert not need.shared_with.exists()


def test_the_states_focal_point_shares_through_the_page(client, actors):
    need = make_need(actors)
    client.force_login(actors.focal_point)
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "Withdraw sharing" in page
    client.post(f"/needs/{need.pk}/sharing/", {"organisation": actors.organisations["donor"].pk, "note": "For funding"})
    assert list(need.shared_with.all()) == [actors.organisations["donor"]]
    client.force_login(actors.donor)
    assert client.get(f"/needs/{need.pk}/").status_code == 200
    client.force_login(actors.focal_point)
    client.post(f"/needs/{need.pk}/sharing/", {"organisation": actors.organisations["donor"].pk, "withdraw": "1"})
    client.force_login(actors.donor)
    assert client.get(f"/needs/{need.pk}/").status_code == 404


def test_proposed_needs_are_confirmed_from_their_page(client, actors):
    review = finalised_review(actors, gaps=1, partly=0)
    need = Need.objects.get(review=review)
    client.force_login(actors.focal_point)
    assert client.get("/needs/proposed/").status_code == 403
    client.force_login(actors.officer)
    assert need.title in client.get("/needs/proposed/").content.decode()
    client.post(f"/needs/{need.pk}/status/", {"to": "open"})
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_state_page_shows_status_and_what_answers(client, actors):
    need = make_need(actors, title="Victims support")
    request = make_request(actors, title="Assistance for victims")
    services.link_request(acting_user=None, need=need, assistance_request=request)
    make_need(actors, title="Nothing yet")
    client.force_login(actors.focal_point)
    page = client.get("/needs/states/KEN/").content.decode()
    assert "Victims support" in page and request.reference in page and "no assistance yet" in page
    client.force_login(actors.partner)
    assert "Victims support" not in client.get("/needs/states/KEN/").content.decode()


def test_overview_counts_by_theme_and_region(client, actors):
    make_need(actors)
    make_need(actors, state=actors.other_state)
    client.force_login(actors.officer)
    page = client.get("/needs/overview/").content.decode()
    assert "African Group" in page and "Countering the financing of terrorism, risk assessments" in page
    assert '<td class="num">2</td>' in page  # one need in each of two groups, two in all
    client.force_login(actors.focal_point)
    page = client.get("/needs/overview/").content.decode()
    assert '<td class="num">2</td>' not in page  # Peru's need is not counted for Kenya's focal point


def test_funding_gap_shows_counts_never_needs(client, actors):
    for index in range(3):
        make_need(actors, title=f"Confidential need {index}")
    make_need(actors, state=actors.other_state, title="Lonely need")
    client.get("/needs/funding-gap/")
    assert client.get("/needs/funding-gap/").status_code == 302  # the public signs in first
    client.force_login(actors.donor)
    page = client.get("/needs/funding-gap/").content.decode()
    assert "Confidential need" not in page and "Lonely need" not in page and "Kenya" not in page
    assert "<strong>4</strong>" in page  # four open needs, none funded
    assert "fewer than 3" in page  # Peru's single need is not shown as 1


def test_a_need_answered_by_a_funded_activity_leaves_the_funding_gap(client, actors):
    from decimal import Decimal

    from ctassist.funding import services as funding_services

    needs = [make_need(actors, title=f"Need {i}") for i in range(4)]
    activity = make_activity(actors)
    project = funding_services.create_project(acting_user=None, code="GLO-X", title="Global project",
                                              start_date=LAST_YEAR, end_date=TODAY, budget_usd=Decimal("1000"))  # fmt: skip
    funding_services.charge_activity(acting_user=None, project=project, activity=activity, amount_usd=Decimal("10"))
    services.link_activity(acting_user=None, need=needs[0], activity=activity)
    accepted = make_request(actors)
    walk_to(accepted, "accepted", actors)
    client.force_login(actors.donor)
    page = client.get("/needs/funding-gap/").content.decode()
    assert "<strong>3</strong>" in page  # the need answered by a funded activity is no longer waiting
    assert page.count("fewer than 3") >= 2  # the single accepted request shows only as a small count


def test_the_country_profile_shows_the_states_needs_to_those_allowed(client, actors):
    make_need(actors, title="CTED need")
    make_need(actors, NeedSource.OTHER_MECHANISM, title="FATF need")
    client.force_login(actors.focal_point)
    page = client.get("/reports/countries/KEN/").content.decode()
    assert "Identified needs" in page and 'href="/needs/states/KEN/">2</a>' in page
    client.force_login(actors.partner)
    page = client.get("/reports/countries/KEN/").content.decode()
    assert "No need of this State that you may see." in page
    client.logout()
    assert "Identified needs" not in client.get("/reports/countries/KEN/").content.decode()


def test_a_completed_activity_prompts_an_update_of_the_need(client, actors):
    from ctassist.assistance.tests.factories import set_status

    need = make_need(actors)
    activity = make_activity(actors)
    services.link_activity(acting_user=None, need=need, activity=activity)
    client.force_login(actors.officer)
    prompt = "An activity answering this need is completed"
    assert prompt not in client.get(f"/needs/{need.pk}/").content.decode()
    set_status(activity, "in_delivery")
    set_status(activity, "completed")
    assert prompt in client.get(f"/needs/{need.pk}/").content.decode()
    services.change_status(acting_user=actors.officer, need=need, to=NeedStatus.ADDRESSED)
    assert prompt not in client.get(f"/needs/{need.pk}/").content.decode()
