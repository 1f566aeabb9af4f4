import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ctassist.assistance.models import ParticipantCount
from ctassist.training.models import Certificate, Course, Nomination, Person, Session
from ctassist.training.tests import factories

pytestmark = pytest.mark.django_db


def test_the_whole_path_in_the_pages(client, actors):
    import datetime

    from ctassist.assistance import services as assistance_services

    # Publish a course.
    client.force_login(actors.officer)
    response = client.post(reverse("training:course_create"), {
        "code": "ctl-1", "title": "Counter-terrorism legal framework", "objectives": "Know the instruments",
        "languages": ["en", "fr"], "delivery_mode": "blended", "duration_hours": "14", "status": "published",
        "min_attendance_percent": "50",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    course = Course.objects.get(code="ctl-1")
    assert client.post(reverse("training:module_add", args=[course.pk]), {"position": 1, "title": "Offences"}).status_code == 302
    assert course.modules.count() == 1
    # Open a session on a training activity, with seats for Kenya.
    activity = assistance_services.create_activity(
        acting_user=None, title="Workshop", type="training", start_date=datetime.date(2025, 5, 5),
        end_date=datetime.date(2025, 5, 6), place="Nairobi",
    )  # fmt: skip
    response = client.post(reverse("training:session_create"),
                           {"course": course.pk, "activity": activity.pk, "language": "en"})  # fmt: skip
    assert response.status_code == 302
    session = Session.objects.get()
    client.post(reverse("training:seats", args=[session.pk]), {"state": actors.state.iso3, "seats": 1})
    assert session.seats.get().seats == 1
    # The focal point nominates.
    client.force_login(actors.focal_point)
    page = client.get(session.get_absolute_url())
    assert page.status_code == 200 and "Nominate a participant" in page.content.decode()
    fields = factories.person_fields(1)
    response = client.post(reverse("training:nominate", args=[session.pk]), {**fields, "consent": "on"})
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    # The focal point cannot decide; the officer accepts.
    assert client.post(reverse("training:decide", args=[nomination.pk]), {"decision": "accepted"}).status_code == 403
    client.force_login(actors.officer)
    client.post(reverse("training:decide", args=[nomination.pk]), {"decision": "accepted"})
    nomination.refresh_from_db()
    assert nomination.status == "accepted"
    assert ParticipantCount.objects.get(activity=activity).count == 1
    # Attendance and scores.
    client.post(reverse("training:attendance", args=[session.pk]),
                {"enrolled": [nomination.pk], "present": [f"{nomination.pk}:2025-05-05"]})  # fmt: skip
    assert nomination.attendance.filter(present=True).count() == 1
    client.post(reverse("training:results", args=[nomination.pk]), {"pre_score": "40", "post_score": "70"})
    nomination.refresh_from_db()
    assert nomination.gain == 30
    # Certificates, the PDF and anonymous verification.
    client.post(reverse("training:issue_certificates", args=[session.pk]))
    certificate = Certificate.objects.get()
    pdf = client.get(reverse("training:certificate_pdf", args=[certificate.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.logout()
    page = client.get(reverse("training:verify"), {"code": certificate.code}).content.decode()
    assert "Official Number1" in page and course.title in page
    for secret in (fields["email"], fields["phone"], fields["identifier"], "Prosecutor", "Office of the Prosecutor"):
        assert secret not in page
    assert client.get(reverse("training:verify"), {"code": "XXXX-YYYY-ZZZZ"}).status_code == 404


def test_manual_counts_are_refused_for_an_enrolled_session(client, actors):
    nomination = factories.enrolled(actors)
    activity = nomination.session.activity
    client.force_login(actors.officer)
    response = client.get(activity.get_absolute_url())
    assert response.status_code == 200
    before = list(ParticipantCount.objects.filter(activity=activity).values_list("count", flat=True))
    api = client.post(reverse("participantcount-list"), {
        "activity": activity.pk, "state": actors.state.iso3, "sex": "men", "agency": "police", "count": 4,
    }, content_type="application/json")  # fmt: skip
    assert api.status_code == 400
    assert list(ParticipantCount.objects.filter(activity=activity).values_list("count", flat=True)) == before


def test_a_focal_point_sees_only_its_own_states_nominees(client, actors):
    session = factories.make_session(actors, seats={actors.state: 2, actors.other_state: 2})
    mine = factories.nominate(actors, session, 1)
    theirs = factories.nominate(actors, session, 2, user="other_focal_point")
    client.force_login(actors.focal_point)
    page = client.get(session.get_absolute_url()).content.decode()
    assert mine.person.full_name in page and theirs.person.full_name not in page
    assert client.get(reverse("training:person_detail", args=[theirs.person.pk])).status_code == 404
    listed = client.get(reverse("nomination-list"), HTTP_ACCEPT="application/json").json()["results"]
    assert [row["id"] for row in listed] == [mine.pk]
    people = client.get(reverse("trainedperson-list")).json()["results"]
    assert [row["id"] for row in people] == [mine.person.pk]


def test_results_import_page_rejects_bad_rows(client, actors):
    nomination = factories.enrolled(actors)
    client.force_login(actors.officer)
    url = reverse("training:results_import", args=[nomination.session.pk])
    upload = SimpleUploadedFile("scores.csv", b"identifier,pre,post\nofficial1@justice.example,40,200\n")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "row 2, column post" in response.content.decode()
    client.force_login(actors.focal_point)
    assert client.get(url).status_code == 403


def test_export_and_erase_a_person(client, actors):
    nomination = factories.certified(actors)
    person = nomination.person
    client.force_login(actors.focal_point)
    export = client.get(reverse("training:person_export", args=[person.pk]))
    assert export.status_code == 200 and person.identifier in export.content.decode("utf-8-sig")
    assert client.post(reverse("training:erase", args=[person.pk])).status_code == 403
    client.force_login(actors.officer)
    client.post(reverse("training:erase", args=[person.pk]))
    person.refresh_from_db()
    assert person.erased_at is not None and person.email == ""


def test_duplicates_page_merges(client, actors):
    s1, s2 = factories.make_session(actors), factories.make_session(actors)
    a = factories.nominate(actors, s1, 1, full_name="Same Name")
    b = factories.nominate(actors, s2, 2, full_name="same name")
    client.force_login(actors.focal_point)
    assert client.get(reverse("training:duplicates")).status_code == 403
    client.force_login(actors.officer)
    assert "Same Name" in client.get(reverse("training:duplicates")).content.decode()
    client.post(reverse("training:duplicates"), {"keep": a.person.pk, "duplicate": b.person.pk})
    assert Person.objects.get(pk=b.person.pk).merged_into_id == a.person.pk


def test_api_nominate_and_decide_with_etag(client, actors):
    session = factories.make_session(actors)
    client.force_login(actors.focal_point)
    body = {"session": session.pk, **factories.person_fields(1)}
    created = client.post(reverse("nomination-list"), body, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.post(reverse("nomination-decide", args=[pk]), {"decision": "accepted"},
                       content_type="application/json").status_code == 403  # fmt: skip
    client.force_login(actors.officer)
    etag = client.get(reverse("nomination-detail", args=[pk]))["ETag"]
    stale = client.post(reverse("nomination-decide", args=[pk]), {"decision": "accepted"},
                        content_type="application/json", HTTP_IF_MATCH='"99"')  # fmt: skip
    assert stale.status_code == 412
    done = client.post(reverse("nomination-decide", args=[pk]), {"decision": "accepted"},
                       content_type="application/json", HTTP_IF_MATCH=etag)  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "accepted"


def test_session_page_queries_do_not_grow_with_enrolments(client, actors):
    session = factories.make_session(actors, seats={actors.state: 30})
    client.force_login(actors.officer)
    factories.enrolled(actors, session, 1)
    client.get(session.get_absolute_url())  # warm the per-process caches (catalogues, navigation)
    with CaptureQueriesContext(connection) as few:
        assert client.get(session.get_absolute_url()).status_code == 200
    for n in range(2, 8):
        factories.enrolled(actors, session, n)
    with CaptureQueriesContext(connection) as many:
        assert client.get(session.get_absolute_url()).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("name", ["training:course_list", "training:session_list", "training:person_list"])
def test_list_pages_answer(client, actors, name):
    factories.enrolled(actors)
    client.force_login(actors.officer)
    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name), {"export": "csv"}).status_code == 200


def test_xapi_import_page(client, actors):
    import json

    nomination = factories.enrolled(actors)
    client.force_login(actors.officer)
    url = reverse("training:xapi_import", args=[nomination.session.pk])
    body = json.dumps([{"actor": {"mbox": "mailto:official1@justice.example"}, "verb": {"id": "x/passed"},
                        "object": {"id": "course"}, "result": {"score": {"scaled": 0.75}}}]).encode()  # fmt: skip
    response = client.post(url, {"file": SimpleUploadedFile("statements.json", body)})
    assert response.status_code == 200, response.content.decode()[:3000]
    confirm = {"confirm": "1", "table": response.context["confirm_form"].initial["table"]}
    assert client.post(url, confirm).status_code == 302
    nomination.refresh_from_db()
    assert nomination.post_score == 75


def test_retention_command_erases_people_kept_too_long(actors):
    from io import StringIO

    from django.core.management import call_command

    factories.enrolled(actors)
    out = StringIO()
    call_command("training_erase_expired", days=1, stdout=out)
    assert "1 people erased" in out.getvalue()
    assert Person.objects.get().erased_at is not None


def test_course_edit_refuses_a_stale_version(client, actors):
    course = factories.make_course()
    client.force_login(actors.officer)
    url = reverse("training:course_edit", args=[course.pk])
    assert client.get(url).status_code == 200
    data = {"code": course.code, "title": "Renamed", "objectives": "One", "languages": ["en"],
            "delivery_mode": "online", "duration_hours": "3", "status": "published", "min_attendance_percent": "80"}  # fmt: skip
    assert client.post(url, {**data, "version": course.version}).status_code == 302
    course.refresh_from_db()
    assert (course.title, course.version) == ("Renamed", 2)
    stale = client.post(url, {**data, "title": "Again", "version": 1})
    assert stale.status_code == 409
    course.refresh_from_db()
    assert course.title == "Renamed"
    client.force_login(actors.focal_point)
    assert client.get(url).status_code == 403
