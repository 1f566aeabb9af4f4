"""Pages: each role, the whole life of a request, the conflict message, query counts."""

import datetime
import io

import pytest
from django.urls import reverse

from ctassist.assistance import services
from ctassist.assistance.choices import ActivityStatus, RequestStatus
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.models import Activity, AssistanceRequest, Participant, ParticipantCount, Theme
from ctassist.assistance.tests import factories
from ctassist.core.models import DomainEvent


def client_for(client, actors, role):
    if role != "anonymous":
        client.force_login(actors.user(role))
    return client


PAGES = ["assistance:request_list", "assistance:activity_list", "assistance:calendar", "assistance:work_queue"]
EXPECTED = {
    "anonymous": dict.fromkeys(PAGES, 302),
    "admin": dict.fromkeys(PAGES, 200),
    "officer": dict.fromkeys(PAGES, 200),
    "focal_point": {**dict.fromkeys(PAGES, 200), "assistance:work_queue": 403},
    "other_focal_point": {**dict.fromkeys(PAGES, 200), "assistance:work_queue": 403},
    "partner": {**dict.fromkeys(PAGES, 200), "assistance:request_list": 403, "assistance:work_queue": 403},
    # Donors reach the activities their projects pay for (funding), never requests.
    "donor": {**dict.fromkeys(PAGES, 403), "assistance:activity_list": 200, "assistance:calendar": 200},
}


@pytest.mark.parametrize("role", EXPECTED)
def test_list_pages_per_role(client, actors, role):
    client_for(client, actors, role)
    for page, code in EXPECTED[role].items():
        assert client.get(reverse(page)).status_code == code, (role, page)


@pytest.mark.parametrize(
    "role,request_code,activity_code",
    [
        ("anonymous", 302, 302),
        ("officer", 200, 200),
        ("focal_point", 200, 200),
        ("other_focal_point", 404, 404),
        ("partner", 302, 200),  # 302: sent away from requests (may reach none) -> 403; see below
        ("donor", 403, 404),  # 404: an activity no project of the donor pays for
    ],
)
def test_object_pages_per_role(client, actors, role, request_code, activity_code):
    req = factories.make_request(actors)
    activity = factories.make_activity(actors, [req])
    client_for(client, actors, role)
    got_request = client.get(reverse("assistance:request_detail", args=[req.pk])).status_code
    if role == "partner":
        assert got_request == 403  # partners may reach no request at all
    else:
        assert got_request == request_code
    assert client.get(reverse("assistance:activity_detail", args=[activity.pk])).status_code == activity_code


def test_named_participants_only_shown_to_unodc(client, actors):
    activity = factories.make_activity(actors)
    services.add_participant(
        acting_user=None, activity=activity, state=actors.state, full_name="Ada Testperson", consent=True
    )
    url = reverse("assistance:activity_detail", args=[activity.pk])
    client.force_login(actors.officer)
    assert "Ada Testperson" in client.get(url).content.decode()
    for role in ("focal_point", "partner"):
        client.force_login(actors.user(role))
        body = client.get(url).content.decode()
        assert "Ada Testperson" not in body and "Named participants" not in body


def _post_transition(client, req, to, **extra):
    req.refresh_from_db()
    return client.post(
        reverse("assistance:request_transition", args=[req.pk]), {"to": to, "version": req.version, **extra}
    )


def test_full_life_through_pages(client, actors):
    training = Theme.objects.get(code="training")
    client.force_login(actors.focal_point)
    response = client.post(
        reverse("assistance:request_create"),
        {
            "title": "Training for judges",
            "themes": [training.pk],
            "needs": "Judges need training.",
            "priority": "high",
            "languages": ["en", "fr"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    req = AssistanceRequest.objects.get(title="Training for judges")
    assert req.state == actors.state and req.languages == ["en", "fr"]
    assert _post_transition(client, req, "submit").status_code == 302
    client.force_login(actors.officer)
    assert _post_transition(client, req, "start_review").status_code == 302
    # the request page shows possible duplicates before acceptance
    page = client.get(reverse("assistance:request_detail", args=[req.pk])).content.decode()
    assert "Possible duplicates" in page
    _post_transition(client, req, "accept")
    response = client.post(
        reverse("assistance:activity_create"),
        {
            "title": "Judicial training", "type": "training", "status": "planned",
            "start_date": "2026-03-02", "end_date": "2026-03-04", "modality": "in_person", "place": "Mombasa",
            "scope": "national", "states": [actors.state.pk], "themes": [training.pk], "requests": [req.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title="Judicial training")
    _post_transition(client, req, "plan")
    client.post(
        reverse("assistance:partner_add", args=[activity.pk]),
        {"organisation": factories.partner_org(actors).pk, "role": "resource_person"},
    )
    client.post(
        reverse("assistance:count_set", args=[activity.pk]),
        {"state": actors.state.pk, "sex": "women", "agency": "judiciary", "count": 9},
    )
    client.post(
        reverse("assistance:indicator_add", args=[activity.pk]),
        {"name": "Knowledge test", "unit": "%", "baseline": "45", "target": "75", "actual": "81"},
    )
    factories.set_status(activity, ActivityStatus.IN_DELIVERY, actors.officer)
    _post_transition(client, req, "start_delivery")
    factories.set_status(activity, ActivityStatus.COMPLETED, actors.officer)
    _post_transition(client, req, "complete")
    client.post(
        reverse("assistance:evaluation", args=[req.pk]),
        {"rating": "satisfactory", "summary": "Judges trained.", "evaluated_on": "2026-05-01"},
    )
    _post_transition(client, req, "evaluate")
    req.refresh_from_db()
    assert req.status == RequestStatus.EVALUATED
    page = client.get(reverse("assistance:activity_detail", args=[activity.pk])).content.decode()
    assert "Knowledge test" in page and "Partner entity (test)" in page and "Training for judges" in page
    assert ParticipantCount.objects.get(activity=activity).count == 9
    timeline = client.get(reverse("assistance:request_detail", args=[req.pk])).content.decode()
    assert "Request evaluated" in timeline and "Request submitted" in timeline


def test_refusals_show_messages(client, actors):
    req = factories.walk_to(factories.make_request(actors), "under_review", actors)
    client.force_login(actors.officer)
    response = _post_transition(client, req, "decline")
    assert response.status_code == 302
    page = client.get(reverse("assistance:request_detail", args=[req.pk])).content.decode()
    assert "Give a reason." in page
    client.force_login(actors.focal_point)
    _post_transition(client, req, "accept")
    req.refresh_from_db()
    assert req.status == RequestStatus.UNDER_REVIEW
    client.force_login(actors.other_focal_point)
    assert _post_transition(client, req, "withdraw").status_code == 404


def test_edit_conflict_on_the_page(client, actors):
    req = factories.make_request(actors)
    training = Theme.objects.get(code="training")
    client.force_login(actors.focal_point)
    form = {"title": "Mine", "themes": [training.pk], "needs": "x", "priority": "low", "version": req.version}
    services.update_request(
        acting_user=actors.officer, assistance_request=req, expected_version=req.version, title="Officer's"
    )
    response = client.post(reverse("assistance:request_edit", args=[req.pk]), form)
    assert response.status_code == 409
    assert "Not saved: someone else changed this request" in response.content.decode()
    req.refresh_from_db()
    assert req.title == "Officer's"
    form["version"] = req.version
    assert client.post(reverse("assistance:request_edit", args=[req.pk]), form).status_code == 302


def _activity_form(activity, **changes):
    """The activity's edit form as its page sends it back."""
    data = {
        "title": activity.title, "type": activity.type, "status": activity.status,
        "start_date": activity.start_date.isoformat(), "end_date": activity.end_date.isoformat(),
        "modality": activity.modality, "place": activity.place, "scope": activity.scope,
        "states": [s.pk for s in activity.states.all()], "themes": [t.pk for t in activity.themes.all()],
        "version": activity.version,
    }  # fmt: skip
    return {**data, **changes}


def test_activity_page_refuses_stale_and_missing_versions(client, actors):
    activity = factories.make_activity(actors)
    client.force_login(actors.officer)
    url = reverse("assistance:activity_edit", args=[activity.pk])
    assert f'name="version" value="{activity.version}"' in client.get(url).content.decode()
    mine = _activity_form(activity, title="Mine")
    factories.set_status(activity, ActivityStatus.IN_DELIVERY)  # someone else saves meanwhile
    response = client.post(url, mine)
    assert response.status_code == 409
    assert "Not saved: someone else changed this activity" in response.content.decode()
    assert ("Status", "In delivery") in response.context["current_values"]  # the record as it stands
    assert response.context["form"]["version"].value() == activity.version + 1
    assert Activity.objects.get(pk=activity.pk).title == "National workshop"
    response = client.post(url, {k: v for k, v in mine.items() if k != "version"})
    assert response.status_code == 409
    assert "does not say which version" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title == "National workshop"
    # Having compared, the editor saves again from the page, which now carries the current version.
    assert client.post(url, {**mine, "version": activity.version + 1}).status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Mine"


def test_a_stale_transition_on_the_page_is_refused_with_a_message(client, actors):
    req = factories.make_request(actors)
    loaded = req.version
    services.update_request(acting_user=actors.officer, assistance_request=req, expected_version=loaded, title="New")
    client.force_login(actors.focal_point)
    url = reverse("assistance:request_transition", args=[req.pk])
    response = client.post(url, {"to": "submit", "version": loaded}, follow=True)
    assert "Someone else changed this record while you were reading it" in response.content.decode()
    assert AssistanceRequest.objects.get(pk=req.pk).status == RequestStatus.DRAFT


def test_removing_a_partner_from_the_page(client, actors):
    activity = factories.make_activity(actors)
    link = activity.partners.get()
    client.force_login(actors.officer)
    url = reverse("assistance:partner_remove", args=[activity.pk, link.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("#partners")
    assert not activity.partners.exists()
    assert DomainEvent.objects.filter(type=AssistanceEvent.PARTNER_REMOVED, object_id=str(link.pk)).exists()
    assert client.post(url).status_code == 404


def test_a_small_form_names_the_field_it_refuses(client, actors):
    activity = factories.make_activity(actors)
    client.force_login(actors.officer)
    url = reverse("assistance:count_set", args=[activity.pk])
    data = {"state": actors.state.pk, "sex": "women", "agency": "police", "count": -3}
    body = client.post(url, data, follow=True).content.decode()
    assert "Participants: Ensure this value is greater than or equal to 0." in body
    assert not ParticipantCount.objects.filter(activity=activity).exists()


def test_work_queue_flags_overdue(client, actors, settings):
    settings.CTASSIST_REVIEW_DAYS = 10
    late = factories.walk_to(factories.make_request(actors, title="Late one"), "submitted", actors)
    AssistanceRequest.objects.filter(pk=late.pk).update(submitted_at=late.submitted_at - datetime.timedelta(days=11))
    factories.walk_to(factories.make_request(actors, title="Fresh one"), "submitted", actors)
    client.force_login(actors.officer)
    body = client.get(reverse("assistance:work_queue") + "?overdue=true").content.decode()
    assert "Late one" in body and "Fresh one" not in body and "overdue" in body
    body = client.get(reverse("assistance:work_queue") + "?regional_group=african&theme=training").content.decode()
    assert "Late one" in body and "Fresh one" in body


def test_calendar_shows_activities(client, actors):
    activity = factories.make_activity(
        actors, start_date=datetime.date(2026, 2, 10), end_date=datetime.date(2026, 2, 12)
    )
    client.force_login(actors.partner)
    body = client.get(reverse("assistance:calendar") + "?year=2026&month=2").content.decode()
    assert activity.title in body and "March 2026" in body and "January 2026" in body


def test_participant_import_preview_then_apply(client, actors):
    activity = factories.make_activity(actors)
    client.force_login(actors.officer)
    url = reverse("assistance:participant_import", args=[activity.pk])
    bad = io.BytesIO(b"name,state,sex,agency,consent\nA Person,KEN,women,police,yes\nB Person,XXX,men,police,no\n")
    bad.name = "list.csv"
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "row 3, column state" in response.content.decode()
    assert not ParticipantCount.objects.filter(activity=activity).exists()

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "state", "sex", "agency", "institution", "email", "consent"])
    sheet.append(["Demo Person One", "KEN", "F", "police", "National Police", "one@example.org", "yes"])
    sheet.append(["Demo Person Two", "Kenya", "M", "Judiciary", "", "", "no"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "list.xlsx"
    response = client.post(url, {"file": buffer})
    assert response.status_code == 200
    table = response.context["confirm_form"].initial["table"]
    assert not ParticipantCount.objects.filter(activity=activity).exists()  # preview writes nothing
    response = client.post(url, {"confirm": "1", "table": table})
    assert response.status_code == 302
    assert sum(ParticipantCount.objects.filter(activity=activity).values_list("count", flat=True)) == 2
    assert list(Participant.objects.filter(activity=activity).values_list("full_name", flat=True)) == [
        "Demo Person One"
    ]


def test_attachment_type_is_checked(client, actors):
    from django.core.files.uploadedfile import SimpleUploadedFile

    req = factories.make_request(actors)
    client.force_login(actors.focal_point)
    url = reverse("assistance:attachment_add", args=[req.pk])
    client.post(url, {"title": "Script", "file": SimpleUploadedFile("run.exe", b"MZ")})
    assert not req.attachments.exists()
    client.post(url, {"title": "Note verbale", "file": SimpleUploadedFile("nv.pdf", b"%PDF-1.4")})
    attachment = req.attachments.get()
    assert client.get(reverse("assistance:attachment_download", args=[attachment.pk])).status_code == 200
    client.force_login(actors.other_focal_point)
    assert client.get(reverse("assistance:attachment_download", args=[attachment.pk])).status_code == 404


def _populate(actors, n):
    for i in range(n):
        req = factories.make_request(actors, title=f"Request {i}", theme_codes=("training", "gender"))
        req = factories.walk_to(req, "submitted" if i % 2 else "planned", actors)
        activity = req.activities.first() or factories.make_activity(actors, [req], title=f"Activity {i}")
        services.set_participant_count(
            acting_user=None, activity=activity, state=actors.state, sex="men", agency="police", count=3
        )


@pytest.mark.parametrize("url_name", ["assistance:work_queue", "assistance:activity_list", "assistance:request_list"])
def test_lists_answer_in_fixed_queries(client, actors, django_assert_max_num_queries, url_name):
    client.force_login(actors.officer)
    _populate(actors, 2)
    with django_assert_max_num_queries(14) as small:
        assert client.get(reverse(url_name)).status_code == 200
    _populate(actors, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(url_name)).status_code == 200


def _grow_request(actors, req, n):
    from django.core.files.base import ContentFile

    _populate(actors, n)
    for i in range(n):
        factories.make_activity(actors, [req], title=f"More {i}")
        services.add_attachment(
            acting_user=None, assistance_request=req, title=f"Annex {i}", file=ContentFile(b"x", f"a{i}.pdf")
        )
        # a duplicate candidate: a partner activity for the same State and theme, not answering the request
        factories.make_activity(actors, title=f"Partner activity {i}")


def test_request_page_answers_in_fixed_queries(client, actors, django_assert_max_num_queries):
    client.force_login(actors.officer)
    req = factories.walk_to(factories.make_request(actors), "under_review", actors)
    _grow_request(actors, req, 1)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse("assistance:request_detail", args=[req.pk])).status_code == 200
    _grow_request(actors, req, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("assistance:request_detail", args=[req.pk])).status_code == 200


@pytest.mark.parametrize("url_name", ["assistance:request_list", "assistance:work_queue", "assistance:activity_list"])
def test_list_exports_go_through_the_one_export_path(client, actors, url_name):
    formula = '=HYPERLINK("http://example.invalid","x")'
    req = factories.walk_to(factories.make_request(actors, title=formula), "submitted", actors)
    factories.make_activity(actors, [req], title=formula)
    client.force_login(actors.officer)
    response = client.get(reverse(url_name) + "?export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and "[DEMO]" not in body
    assert f"'{formula}" in body.replace('""', '"') and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body
    assert "Title" in body.splitlines()[0]  # a human header, not a field name
