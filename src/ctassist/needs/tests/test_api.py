"""The needs API: record, read with an ETag, edit with If-Match, steps, answers, sharing, follow-up."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ctassist.assistance.models import AssistanceRequest
from ctassist.assistance.tests.factories import make_activity, make_request
from ctassist.needs.choices import NeedStatus
from ctassist.needs.models import FollowUp, Need, SharingDecision
from ctassist.needs.tests.factories import LAST_YEAR, make_need

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


CTED = {"state": "KEN", "title": "Screening at land borders", "source": "cted_assessment",
        "source_reference": "CTED/2025/KEN", "source_date": LAST_YEAR.isoformat(), "themes": ["border-management"],
        "instruments": ["financing-1999"], "priority": "high"}  # fmt: skip


def test_record_read_and_edit_a_need(actors):
    client = api(actors.officer)
    created = client.post("/api/needs/", CTED, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["is_confidential"] and body["status"] == "open" and body["themes"] == ["border-management"]
    url = f"/api/needs/{body['id']}/"
    got = client.get(url)
    etag = got["ETag"]
    assert client.patch(url, {"lead_institution": "Border Police"}, format="json").status_code == 428
    assert (
        client.patch(url, {"lead_institution": "Border Police"}, format="json", HTTP_IF_MATCH='"99"').status_code == 412
    )
    changed = client.patch(url, {"lead_institution": "Border Police"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["lead_institution"] == "Border Police"
    assert changed["ETag"] != etag
    assert client.patch(url, {"state": "PER"}, format="json", HTTP_IF_MATCH=changed["ETag"]).status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [({"source_reference": ""}, "source_reference"), ({"source": "gossip"}, "source"), ({"state": "XXX"}, "state"),
     ({"themes": ["nope"]}, "themes"), ({"source_date": "2025-13-01"}, "source_date"), ({"title": ""}, "title")],
)  # fmt: skip
def test_bad_input_answers_400_naming_the_field(actors, change, field):
    response = api(actors.officer).post("/api/needs/", {**CTED, **change}, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Need.objects.exists()


def test_a_focal_point_may_not_record_for_another_state(actors):
    response = api(actors.focal_point).post("/api/needs/", {**CTED, "state": "PER"}, format="json")
    assert response.status_code in (400, 403) and not Need.objects.exists()


def test_status_answers_and_request_from_a_need(actors):
    need = make_need(actors)
    client = api(actors.officer)
    base = f"/api/needs/{need.pk}/"
    assert client.post(base + "status/", {"to": "closed"}, format="json").status_code == 400
    moved = client.post(base + "status/", {"to": "in_progress"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "in_progress"
    request, activity = make_request(actors), make_activity(actors)
    answered = client.post(base + "answers/", {"requests": [request.pk], "activities": [activity.pk]}, format="json")
    assert answered.status_code == 200
    assert answered.json()["requests"] == [request.pk] and answered.json()["activities"] == [activity.pk]
    foreign = make_request(actors, actors.other_state)
    assert client.post(base + "answers/", {"requests": [foreign.pk]}, format="json").status_code == 400
    created = client.post(base + "create-request/")
    assert created.status_code == 201
    assert AssistanceRequest.objects.get(pk=created.json()["id"]).state == actors.state
    assert set(need.requests.values_list("pk", flat=True)) == {request.pk, created.json()["id"]}


def test_sharing_through_the_api(actors):
    need = make_need(actors)
    partner = actors.organisations["partner"]
    assert api(actors.partner).get(f"/api/needs/{need.pk}/").status_code == 404
    assert api(actors.officer).post(f"/api/needs/{need.pk}/share/", {"organisation": partner.pk}).status_code == 403
    shared = api(actors.focal_point).post(f"/api/needs/{need.pk}/share/", {"organisation": partner.pk, "note": "ok"})
    assert shared.status_code == 200 and shared.json()["action"] == "shared"
    assert api(actors.partner).get(f"/api/needs/{need.pk}/").status_code == 200
    log = api(actors.focal_point).get("/api/need-sharing-decisions/", {"need": need.pk}).json()
    assert [row["organisation"] for row in log["results"]] == [partner.pk]
    assert api(actors.partner).get("/api/need-sharing-decisions/").json()["results"] == []
    api(actors.focal_point).post(f"/api/needs/{need.pk}/share/", {"organisation": partner.pk, "withdraw": True})
    assert api(actors.partner).get(f"/api/needs/{need.pk}/").status_code == 404
    assert SharingDecision.objects.filter(need=need).count() == 2


def test_follow_up_through_the_api(actors):
    need = make_need(actors)
    entry = {"need": need.pk, "done_on": LAST_YEAR.isoformat(), "action": "Law drafted", "done_by": "Parliament"}
    assert api(actors.other_focal_point).post("/api/need-follow-ups/", entry).status_code == 400  # not a need it sees
    assert api(actors.focal_point).post("/api/need-follow-ups/", {**entry, "done_by": ""}).status_code == 400
    created = api(actors.focal_point).post("/api/need-follow-ups/", entry)
    assert created.status_code == 201
    assert FollowUp.objects.get().recorded_by == actors.focal_point
    rows = api(actors.officer).get("/api/need-follow-ups/", {"need": need.pk}).json()["results"]
    assert [r["action"] for r in rows] == ["Law drafted"]


def test_proposals_are_decided_by_unodc_through_the_api(actors):
    need = make_need(actors, "legislative_review", status=NeedStatus.PROPOSED)
    assert api(actors.focal_point).post(f"/api/needs/{need.pk}/status/", {"to": "open"}).status_code == 403
    assert api(actors.officer).post(f"/api/needs/{need.pk}/status/", {"to": "open"}).status_code == 200
