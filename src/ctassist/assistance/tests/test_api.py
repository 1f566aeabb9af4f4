"""The API: each role, the whole life of a request, ETag/If-Match (412/428), query counts."""

import pytest
from rest_framework.test import APIClient

from ctassist.assistance import services
from ctassist.assistance.choices import RequestStatus
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.models import Activity
from ctassist.assistance.tests import factories
from ctassist.core.models import DomainEvent


@pytest.fixture
def api():
    return APIClient()


def patch(api, url, data):
    """PATCH as a client should: with the ETag of the record it has just read."""
    return api.patch(url, data, format="json", HTTP_IF_MATCH=api.get(url)["ETag"])


def as_(api, actors, role):
    if role != "anonymous":
        api.force_authenticate(actors.user(role))
    return api


@pytest.mark.parametrize(
    "role,requests_seen,activities_seen,detail",
    [
        ("anonymous", 0, 0, 404),
        ("officer", 2, 2, 200),
        ("focal_point", 1, 1, 200),
        ("other_focal_point", 1, 1, 404),
        ("partner", 0, 1, 404),
        ("donor", 0, 0, 404),
    ],
)
def test_what_each_role_reaches(api, actors, role, requests_seen, activities_seen, detail):
    mine = factories.make_request(actors)
    factories.make_request(actors, actors.other_state)
    factories.make_activity(actors, [mine])
    factories.make_activity(actors, partner=False, states=[actors.other_state])
    as_(api, actors, role)
    assert api.get("/api/requests/").json()["count"] == requests_seen
    assert api.get("/api/activities/").json()["count"] == activities_seen
    assert api.get(f"/api/requests/{mine.pk}/").status_code == detail


def test_full_life_through_the_api(api, actors):
    as_(api, actors, "focal_point")
    created = api.post(
        "/api/requests/",
        {"title": "Border management training", "themes": ["border-management"], "needs": "Training of border police.",
         "preferred_languages": ["en"], "instruments": ["financing-1999"]},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["state"] == "KEN" and created.json()["status"] == "draft"
    assert api.post(f"/api/requests/{pk}/transition/", {"to": "submit"}, format="json").status_code == 200
    assert api.post(f"/api/requests/{pk}/transition/", {"to": "accept"}, format="json").status_code == 403
    as_(api, actors, "officer")
    for step in ("start_review", "accept"):
        assert api.post(f"/api/requests/{pk}/transition/", {"to": step}, format="json").status_code == 200
    response = api.post(f"/api/requests/{pk}/transition/", {"to": "plan"}, format="json")
    assert response.status_code == 400 and "activities" in str(response.json())  # it follows them
    activity = api.post(
        "/api/activities/",
        {"title": "Border course", "type": "training", "start_date": "2026-04-01", "end_date": "2026-04-03",
         "place": "Namanga", "states": ["KEN"], "themes": ["border-management"], "requests": [pk]},
        format="json",
    )  # fmt: skip
    assert activity.status_code == 201, activity.json()
    aid = activity.json()["id"]
    assert api.get(f"/api/requests/{pk}/").json()["status"] == "planned"
    assert patch(api, f"/api/activities/{aid}/", {"status": "in_delivery"}).status_code == 200
    assert api.get(f"/api/requests/{pk}/").json()["status"] == "in_delivery"
    counts = api.post(
        "/api/participant-counts/",
        {"activity": aid, "state": "KEN", "sex": "women", "agency": "customs_border", "count": 7},
        format="json",
    )
    assert counts.status_code == 201, counts.json()
    result = api.post(
        "/api/results/", {"activity": aid, "name": "Test score", "baseline": "40", "target": "70", "actual": "72"},
        format="json",
    )  # fmt: skip
    assert result.status_code == 201, result.json()
    assert patch(api, f"/api/activities/{aid}/", {"status": "completed"}).status_code == 200
    assert api.get(f"/api/requests/{pk}/").json()["status"] == "completed"
    assert api.post(f"/api/requests/{pk}/transition/", {"to": "evaluate"}, format="json").status_code == 400
    evaluation = api.post(
        "/api/evaluations/",
        {"request": pk, "rating": "satisfactory", "summary": "Done.", "evaluated_on": "2026-05-01"},
        format="json",
    )  # fmt: skip
    assert evaluation.status_code == 201, evaluation.json()
    final = api.post(f"/api/requests/{pk}/transition/", {"to": "evaluate"}, format="json")
    assert final.status_code == 200 and final.json()["status"] == "evaluated"
    as_(api, actors, "partner")
    assert api.get(f"/api/activities/{aid}/").status_code == 404  # not a partner of this one
    as_(api, actors, "focal_point")
    detail = api.get(f"/api/activities/{aid}/").json()
    assert detail["participant_total"] == 7
    assert api.get("/api/participant-counts/", {"activity": aid}).json()["count"] == 1


def test_etag_and_if_match(api, actors):
    req = factories.make_request(actors)
    as_(api, actors, "officer")
    got = api.get(f"/api/requests/{req.pk}/")
    etag = got["ETag"]
    assert etag == '"1"'
    assert api.patch(f"/api/requests/{req.pk}/", {"title": "No precondition"}, format="json").status_code == 428
    first = api.patch(f"/api/requests/{req.pk}/", {"title": "First"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] == '"2"'
    second = api.patch(f"/api/requests/{req.pk}/", {"title": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    req.refresh_from_db()
    assert req.title == "First"
    # a transition with a stale If-Match is refused too
    stale = api.post(f"/api/requests/{req.pk}/transition/", {"to": "submit"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_activity_etag_and_if_match(api, actors):
    activity = factories.make_activity(actors)
    as_(api, actors, "officer")
    url = f"/api/activities/{activity.pk}/"
    etag = api.get(url)["ETag"]
    assert etag == f'"{activity.version}"'
    assert api.patch(url, {"title": "No precondition"}, format="json").status_code == 428
    first = api.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] == f'"{activity.version + 1}"'
    assert api.patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert api.patch(url, {"title": "Junk"}, format="json", HTTP_IF_MATCH='"junk"').status_code == 412
    assert Activity.objects.get(pk=activity.pk).title == "First"


def test_validation_and_deletion_answers(api, actors):
    as_(api, actors, "officer")
    response = api.post(
        "/api/activities/",
        {"title": "Online course", "type": "training", "start_date": "2026-04-03", "end_date": "2026-04-01",
         "modality": "in_person", "states": ["KEN"]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()) == {"end_date", "place"}  # the service's errors, on the fields they name
    draft = factories.make_request(actors)
    assert api.delete(f"/api/requests/{draft.pk}/").status_code == 204
    assert DomainEvent.objects.filter(type=AssistanceEvent.REQUEST_DELETED, object_id=str(draft.pk)).exists()


def test_focal_point_cannot_create_for_another_state_or_write_activities(api, actors):
    as_(api, actors, "focal_point")
    response = api.post("/api/requests/", {"title": "x", "state": "PER"}, format="json")
    assert response.status_code == 403
    activity = factories.make_activity(actors)
    assert api.patch(f"/api/activities/{activity.pk}/", {"title": "x"}, format="json").status_code == 403
    assert api.post("/api/activities/", {"title": "x"}, format="json").status_code == 403


def test_partner_and_donor_cannot_act(api, actors):
    req = factories.make_request(actors)
    for role in ("partner", "donor"):
        as_(api, actors, role)
        assert api.post(f"/api/requests/{req.pk}/transition/", {"to": "submit"}, format="json").status_code in (
            403,
            404,
        )
        assert api.post("/api/requests/", {"title": "x", "state": "KEN"}, format="json").status_code == 403


def test_delete_only_drafts(api, actors):
    req = factories.walk_to(factories.make_request(actors), "submitted", actors)
    as_(api, actors, "officer")
    assert api.delete(f"/api/requests/{req.pk}/").status_code == 403
    draft = factories.make_request(actors)
    assert api.delete(f"/api/requests/{draft.pk}/").status_code == 204


def test_withdraw_by_target_name(api, actors):
    req = factories.walk_to(factories.make_request(actors), "accepted", actors)
    as_(api, actors, "focal_point")
    response = api.post(f"/api/requests/{req.pk}/transition/", {"to": "withdrawn"}, format="json")
    assert response.json()["status"] == RequestStatus.WITHDRAWN


@pytest.mark.parametrize("url", ["/api/requests/", "/api/activities/", "/api/participant-counts/"])
def test_api_lists_fixed_queries(api, actors, django_assert_max_num_queries, url):
    as_(api, actors, "officer")

    def grow(n):
        for i in range(n):
            req = factories.walk_to(factories.make_request(actors, title=f"R{i}"), "planned", actors)
            services.set_participant_count(
                acting_user=None, activity=req.activities.get(), state=actors.state, sex="men", agency="police", count=2
            )

    grow(2)
    with django_assert_max_num_queries(12) as small:
        assert api.get(url).status_code == 200
    grow(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert api.get(url).status_code == 200


def test_the_assigned_officer_is_set_through_the_api_by_unodc_staff_only(api, actors):
    req = factories.make_request(actors)
    url = f"/api/requests/{req.pk}/assign/"
    for role in ("anonymous", "partner", "donor", "other_focal_point", "focal_point"):
        client = as_(APIClient(), actors, role)
        answer = client.post(url, {"officer": actors.officer.username}, format="json").status_code
        assert answer == (401 if role == "anonymous" else 403), role
    req.refresh_from_db()
    assert req.assigned_officer is None

    as_(api, actors, "admin")
    etag = api.get(f"/api/requests/{req.pk}/")["ETag"]
    assigned = api.post(url, {"officer": actors.officer.username, "reason": "Yours, please."}, format="json",
                        HTTP_IF_MATCH=etag)  # fmt: skip
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["assigned_officer"] == actors.officer.username and assigned["ETag"] != etag
    req.refresh_from_db()
    assert req.assigned_officer == actors.officer
    assert DomainEvent.objects.filter(type=AssistanceEvent.REQUEST_ASSIGNED, object_id=str(req.pk)).exists()
    # The ETag read before the assignment is stale now; nobody (null) is a valid choice.
    assert api.post(url, {"officer": None}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert api.post(url, {"officer": None}, format="json").json()["assigned_officer"] is None
    # Only an active UNODC officer can be given the request.
    for bad in (actors.focal_point.username, "nobody-such"):
        refused = api.post(url, {"officer": bad}, format="json")
        assert refused.status_code == 400 and "officer" in refused.json()
