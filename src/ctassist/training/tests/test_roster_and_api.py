"""The trainers' roster (restricted contact details, sessions delivered, ratings, the search to staff a session)
and the API writes beyond nominating and deciding: courses, sessions, attendance, test scores, trainers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ctassist.assistance import services as assistance_services
from ctassist.core.services import EditConflict
from ctassist.training import services
from ctassist.training.models import Attendance, Course, Session, SessionTrainer, Trainer
from ctassist.training.tests.factories import (
    START,
    enrolled,
    make_course,
    make_session,
    make_trainer,
    partner_expert,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


# -- roster: services -------------------------------------------------------------------------


def test_a_trainer_needs_a_name_a_language_and_for_an_expert_the_partner(actors):
    with pytest.raises(ValidationError) as caught:
        services.save_trainer(acting_user=actors.officer, full_name=" ", kind="consultant", expertise="x",
                              languages=[])  # fmt: skip
    assert {"full_name", "languages"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError) as caught:
        services.save_trainer(acting_user=actors.officer, full_name="A", kind="partner_expert", expertise="x",
                              languages=["en"])  # fmt: skip
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.save_trainer(acting_user=actors.officer, full_name="A", kind="partner_expert", expertise="x",
                              languages=["en"], organisation=actors.organisations["donor"])  # fmt: skip
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.save_trainer(acting_user=actors.officer, full_name="A", kind="consultant", expertise="x",
                              languages=["xx"])  # fmt: skip
    assert "languages" in caught.value.message_dict
    assert not Trainer.objects.exists()


@pytest.mark.parametrize("who", ["focal_point", "partner", "donor"])
def test_only_unodc_keeps_the_roster(actors, who):
    with pytest.raises(PermissionDenied):
        services.save_trainer(acting_user=actors.user(who), full_name="A", kind="consultant", expertise="x",
                              languages=["en"])  # fmt: skip
    trainer = make_trainer(actors)
    with pytest.raises(PermissionDenied):
        services.save_trainer(acting_user=actors.user(who), trainer=trainer, expected_version=trainer.version,
                              availability="Always")  # fmt: skip
    assert not Trainer.objects.filter(availability="Always").exists()


def test_a_stale_trainer_edit_is_refused(actors):
    trainer = make_trainer(actors)
    services.save_trainer(acting_user=actors.officer, trainer=trainer, expected_version=1, availability="May")
    with pytest.raises(EditConflict):
        services.save_trainer(acting_user=actors.officer, trainer=trainer, expected_version=1, availability="June")
    trainer.refresh_from_db()
    assert trainer.availability == "May"


def test_assigning_records_role_and_rating_and_the_roster_counts_them(actors):
    trainer = make_trainer(actors)
    first, second = make_session(actors), make_session(actors, place="Lima")
    services.assign_trainer(acting_user=actors.officer, session=first, trainer=trainer, role="lead", rating="4.0")
    services.assign_trainer(acting_user=actors.officer, session=second, trainer=trainer, role="co_trainer")
    again = services.assign_trainer(acting_user=actors.officer, session=second, trainer=trainer, role="co_trainer",
                                    rating=5)  # fmt: skip
    assert SessionTrainer.objects.filter(trainer=trainer).count() == 2 and again.rating == Decimal(5)
    from ctassist.training.queries import trainer_list_queryset

    row = trainer_list_queryset().get(pk=trainer.pk)
    assert (row.sessions_delivered, row.average_rating) == (2, Decimal("4.5"))
    with pytest.raises(ValidationError) as caught:
        services.assign_trainer(acting_user=actors.officer, session=first, trainer=trainer, rating="6")
    assert "rating" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.assign_trainer(acting_user=actors.focal_point, session=first, trainer=trainer)
    retired = make_trainer(actors, full_name="Retired Trainer", active=False)
    with pytest.raises(ValidationError) as caught:
        services.assign_trainer(acting_user=actors.officer, session=first, trainer=retired)
    assert "trainer" in caught.value.message_dict


# -- roster: pages ----------------------------------------------------------------------------


def test_contact_details_reach_unodc_and_the_experts_own_partner_only(client, actors):
    consultant = make_trainer(actors)
    expert = partner_expert(actors)
    for who, sees_consultant, sees_expert in [("officer", True, True), ("partner", False, True),
                                              ("focal_point", False, False), ("donor", False, False)]:  # fmt: skip
        client.force_login(actors.user(who))
        for trainer, sees in ((consultant, sees_consultant), (expert, sees_expert)):
            page = client.get(trainer.get_absolute_url()).content.decode()
            assert (trainer.email in page) is sees, (who, trainer)
            answer = client.get(reverse("trainer-detail", args=[trainer.pk])).json()
            assert (answer["email"] == trainer.email) is sees, (who, trainer)
            listed = {row["id"]: row for row in client.get(reverse("trainer-list")).json()["results"]}
            assert (listed[trainer.pk]["phone"] == trainer.phone) is sees
        listing = client.get(reverse("training:trainer_list")).content.decode()
        assert consultant.email not in listing  # the list and its export never carry contact details
    client.logout()
    assert client.get(reverse("training:trainer_list")).status_code == 302


def test_the_search_finds_who_teaches_a_theme_in_a_language(client, actors):
    make_trainer(actors, full_name="French Speaker", languages=["fr"], expertise="Mutual legal assistance")
    make_trainer(actors, full_name="Arabic Speaker", languages=["ar", "en"], expertise="Foreign terrorist fighters")
    client.force_login(actors.focal_point)
    page = client.get(reverse("training:trainer_list"), {"language": "fr"}).content.decode()
    assert "French Speaker" in page and "Arabic Speaker" not in page
    page = client.get(reverse("training:trainer_list"), {"q": "fighters"}).content.decode()
    assert "Arabic Speaker" in page and "French Speaker" not in page


def test_the_officer_adds_a_trainer_and_staffs_a_session_through_the_pages(client, actors):
    session = make_session(actors)
    client.force_login(actors.officer)
    response = client.post(reverse("training:trainer_create"), {
        "full_name": "Page Trainer", "kind": "unodc_staff", "expertise": "Aviation security offences",
        "languages": ["en", "es"], "email": "page.trainer@example.org", "active": "on"})  # fmt: skip
    trainer = Trainer.objects.get(full_name="Page Trainer")
    assert response.status_code == 302
    bad = client.post(reverse("training:trainer_create"), {"full_name": "No Language", "kind": "consultant",
                                                           "expertise": "x"})  # fmt: skip
    assert bad.status_code == 400 and not Trainer.objects.filter(full_name="No Language").exists()
    client.post(reverse("training:trainer_assign", args=[session.pk]),
                {"trainer": trainer.pk, "role": "lead", "rating": "4.2"})  # fmt: skip
    assert SessionTrainer.objects.get(session=session).rating == Decimal("4.2")
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Page Trainer" in page
    detail = client.get(trainer.get_absolute_url()).content.decode()
    assert str(session) in detail
    client.force_login(actors.focal_point)
    assert client.post(reverse("training:trainer_assign", args=[session.pk]),
                       {"trainer": trainer.pk, "role": "lead"}).status_code == 403  # fmt: skip


def test_the_roster_keeps_a_fixed_number_of_queries(client, actors, django_assert_max_num_queries):
    client.force_login(actors.officer)
    make_trainer(actors)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("training:trainer_list"))
        client.get(reverse("trainer-list"))
    session = make_session(actors)
    for n in range(6):
        trainer = make_trainer(actors, full_name=f"Trainer {n}")
        services.assign_trainer(acting_user=None, session=session, trainer=trainer, rating=4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("training:trainer_list"))
        client.get(reverse("trainer-list"))


# -- API writes -------------------------------------------------------------------------------


def test_courses_through_the_api_with_etags(client, actors):
    client.force_login(actors.officer)
    body = {"code": "api-course", "title": "API course", "objectives": "One\nTwo", "languages": ["en"],
            "delivery_mode": "online", "duration_hours": "6.0", "status": "published", "themes": ["terrorism-financing"]}
    created = client.post(reverse("course-list"), body, content_type=JSON)
    assert created.status_code == 201, created.content
    url = reverse("course-detail", args=[created.json()["id"]])
    assert client.patch(url, {"title": "Renamed"}, content_type=JSON).status_code == 428
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"title": "Renamed"}, content_type=JSON, headers={"If-Match": etag}).status_code == 200
    assert client.patch(url, {"title": "Stale"}, content_type=JSON, headers={"If-Match": etag}).status_code == 412
    bad = client.post(reverse("course-list"), {**body, "code": "bad", "languages": ["xx"]}, content_type=JSON)
    assert bad.status_code == 400 and "languages" in bad.json()
    assert Course.objects.get(code="api-course").title == "Renamed" and not Course.objects.filter(code="bad").exists()
    client.force_login(actors.focal_point)
    assert client.post(reverse("course-list"), {**body, "code": "fp"}, content_type=JSON).status_code == 403


def test_sessions_attendance_and_scores_through_the_api(client, actors):
    course = make_course()
    activity = assistance_services.create_activity(acting_user=None, title="API session", type="training",
                                                   start_date=START, end_date=START, place="Vienna")  # fmt: skip
    client.force_login(actors.officer)
    opened = client.post(reverse("trainingsession-list"), {"course": course.pk, "activity": activity.pk,
                         "language": "en", "seats": {actors.state.iso3: 3}}, content_type=JSON)  # fmt: skip
    assert opened.status_code == 201, opened.content
    session = Session.objects.get(pk=opened.json()["id"])
    assert session.seats.get().seats == 3
    again = client.post(reverse("trainingsession-list"), {"course": course.pk, "activity": activity.pk,
                        "language": "en"}, content_type=JSON)  # fmt: skip
    assert again.status_code == 400 and "activity" in again.json()
    unknown = client.post(reverse("trainingsession-list"), {"course": course.pk, "activity": activity.pk,
                          "language": "en", "seats": {"XXX": 1}}, content_type=JSON)  # fmt: skip
    assert unknown.status_code == 400 and "seats" in unknown.json()
    url = reverse("trainingsession-detail", args=[session.pk])
    etag = client.get(url)["ETag"]
    edited = client.patch(url, {"satisfaction_notes": "Very useful", "nominations_open": False}, content_type=JSON,
                          headers={"If-Match": etag})  # fmt: skip
    assert edited.status_code == 200 and edited.json()["satisfaction_notes"] == "Very useful"
    assert client.patch(url, {"language": "ar"}, content_type=JSON,
                        headers={"If-Match": edited["ETag"]}).status_code == 400  # fmt: skip

    nomination = enrolled(actors, session)
    marks = client.post(reverse("trainingsession-attendance", args=[session.pk]),
                        {"present": {str(nomination.pk): [str(START)]}}, content_type=JSON)  # fmt: skip
    assert marks.status_code == 200 and Attendance.objects.get(nomination=nomination).present
    outside = client.post(reverse("trainingsession-attendance", args=[session.pk]),
                          {"present": {str(nomination.pk): ["2001-01-01"]}}, content_type=JSON)  # fmt: skip
    assert outside.status_code == 400
    scores = client.post(reverse("nomination-results", args=[nomination.pk]), {"pre_score": "40", "post_score": "85"},
                         content_type=JSON)  # fmt: skip
    assert scores.status_code == 200 and scores.json()["post_score"] == "85.00"
    satisfied = client.post(reverse("nomination-results", args=[nomination.pk]), {"satisfaction": 5},
                            content_type=JSON)  # fmt: skip
    assert satisfied.json()["pre_score"] == "40.00" and satisfied.json()["satisfaction"] == 5
    assert client.post(reverse("nomination-results", args=[nomination.pk]), {"post_score": "120"},
                       content_type=JSON).status_code == 400  # fmt: skip
    client.force_login(actors.focal_point)
    assert client.post(reverse("nomination-results", args=[nomination.pk]), {"post_score": "99"},
                       content_type=JSON).status_code == 403  # fmt: skip
    assert client.post(reverse("trainingsession-attendance", args=[session.pk]), {"present": {}},
                       content_type=JSON).status_code == 403  # fmt: skip
    nomination.refresh_from_db()
    assert nomination.post_score == Decimal(85)


def test_trainers_and_their_sessions_through_the_api(client, actors):
    session = make_session(actors)
    client.force_login(actors.officer)
    created = client.post(reverse("trainer-list"), {"full_name": "API Trainer", "kind": "consultant",
                          "expertise": "Maritime offences", "languages": ["en"], "themes": ["terrorism-financing"],
                          "email": "api.trainer@example.org"}, content_type=JSON)  # fmt: skip
    assert created.status_code == 201, created.content
    trainer_id = created.json()["id"]
    part = client.post(reverse("sessiontrainer-list"), {"session": session.pk, "trainer": trainer_id, "role": "lead",
                       "rating": "4.8"}, content_type=JSON)  # fmt: skip
    assert part.status_code == 201, part.content
    assert client.get(reverse("trainer-detail", args=[trainer_id])).json()["sessions_delivered"] == 1
    bad = client.post(reverse("sessiontrainer-list"), {"session": session.pk, "trainer": trainer_id, "rating": "9"},
                      content_type=JSON)  # fmt: skip
    assert bad.status_code == 400
    url = reverse("trainer-detail", args=[trainer_id])
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"active": False}, content_type=JSON, headers={"If-Match": etag}).status_code == 200
    assert client.delete(reverse("sessiontrainer-detail", args=[part.json()["id"]])).status_code == 204
    client.force_login(actors.focal_point)
    assert client.post(reverse("trainer-list"), {"full_name": "Mine", "kind": "consultant", "expertise": "x",
                       "languages": ["en"]}, content_type=JSON).status_code == 403  # fmt: skip
