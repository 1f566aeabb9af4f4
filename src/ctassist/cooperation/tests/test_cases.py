"""Case tracking: statuses with their dates and grounds, who records which step, reminders, statistics."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ctassist.cooperation import queries, services
from ctassist.cooperation.tests.conftest import draft_mla
from ctassist.core.models import DomainEvent

D = datetime.date


def sent(actors, **overrides):
    request = draft_mla(actors, **overrides)
    request = services.finalise(acting_user=actors.focal_point, request=request, expected_version=request.version)
    return services.move(acting_user=actors.focal_point, request=request, to="sent", date=D(2025, 1, 10))


def test_a_case_moves_through_its_statuses_with_dates(both_in_bombings):
    a = both_in_bombings
    request = sent(a)
    assert request.sent_on == D(2025, 1, 10)
    request = services.move(acting_user=a.other_focal_point, request=request, to="acknowledged", date=D(2025, 1, 20))
    request = services.move(acting_user=a.other_focal_point, request=request, to="executed-in-part", date=D(2025, 3, 1),
                            note="Subscriber data sent; preservation done.")  # fmt: skip
    request = services.move(acting_user=a.focal_point, request=request, to="executed", date=D(2025, 4, 2))
    assert (request.acknowledged_on, request.closed_on, request.status) == (D(2025, 1, 20), D(2025, 4, 2), "executed")
    assert [s.status for s in request.steps.all()] == ["sent", "acknowledged", "executed-in-part", "executed"]
    assert DomainEvent.objects.filter(type="cooperation.status_changed", object_id=str(request.pk)).count() == 4
    with pytest.raises(ValidationError):  # a closed case takes no further step
        services.move(acting_user=a.focal_point, request=request, to="withdrawn")


def test_a_refusal_needs_its_grounds_and_only_the_requesting_state_withdraws(both_in_bombings):
    a = both_in_bombings
    request = sent(a)
    with pytest.raises(ValidationError) as refused:
        services.move(acting_user=a.other_focal_point, request=request, to="refused")
    assert "note" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.move(acting_user=a.other_focal_point, request=request, to="withdrawn")
    request = services.move(acting_user=a.other_focal_point, request=request, to="refused",
                            note="Dual criminality not met (test).")  # fmt: skip
    assert request.refusal_grounds == "Dual criminality not met (test)." and request.closed_on


def test_a_draft_cannot_be_sent_unfinished_nor_dated_in_the_future(both_in_bombings):
    a = both_in_bombings
    request = draft_mla(a, facts="")
    with pytest.raises(ValidationError) as refused:
        services.move(acting_user=a.focal_point, request=request, to="sent")
    assert "facts" in refused.value.message_dict
    request = services.update_request(acting_user=a.focal_point, request=request, fields={"facts": "Test facts."},
                                      expected_version=request.version)  # fmt: skip
    request = services.finalise(acting_user=a.focal_point, request=request, expected_version=request.version)
    with pytest.raises(ValidationError) as refused:
        services.move(acting_user=a.focal_point, request=request, to="sent",
                      date=timezone.localdate() + datetime.timedelta(days=3))  # fmt: skip
    assert "date" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == "drafted" and not request.steps.exists()


def test_strangers_cannot_record_steps(both_in_bombings):
    a = both_in_bombings
    request = sent(a)
    for role in ("officer", "admin", "partner", "donor"):
        with pytest.raises(PermissionDenied):
            services.move(acting_user=a.user(role), request=request, to="acknowledged")


def test_reminders_list_overdue_cases_and_record_an_event(both_in_bombings):
    a = both_in_bombings
    late = sent(a)  # sent 2025-01-10, no reply date: due 30 days later
    asked = sent(a, reply_by=D(2025, 6, 30))
    out = io.StringIO()
    call_command("cooperation_reminders", "--date", "2025-03-01", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{late.reference}\tmla\tKEN->PER\tsent\tdue 2025-02-09\t20 days late")
    assert asked.reference not in out.getvalue()
    assert lines[-1] == "1 overdue case(s) as of 2025-03-01."
    assert DomainEvent.objects.filter(type="cooperation.reminder_due", object_id=str(late.pk)).count() == 1
    # Nothing personal in the listing: no facts, no person, no authority name.
    assert "explosive" not in out.getvalue() and "Central Authority" not in out.getvalue()
    out = io.StringIO()
    call_command("cooperation_reminders", "--date", "2025-07-15", "--dry-run", stdout=out)
    assert asked.reference in out.getvalue() and late.reference in out.getvalue()
    assert DomainEvent.objects.filter(type="cooperation.reminder_due").count() == 1  # dry run recorded nothing
    services.move(acting_user=a.other_focal_point, request=late, to="executed", date=D(2025, 2, 1))
    assert [r.pk for r, _due in services.overdue(D(2025, 7, 15))] == [asked.pk]
    with pytest.raises(CommandError):
        call_command("cooperation_reminders", "--date", "15/07/2025")


def test_statistics_count_by_state_pair_and_offence_without_personal_data(both_in_bombings, client):
    a = both_in_bombings
    sent(a)
    sent(a)
    draft_mla(a)  # drafts are not counted
    rows = queries.statistics()
    assert rows == [{"requesting_state__iso3": "KEN", "requested_state__iso3": "PER", "kind": "mla",
                     "offence": "bombing", "status": "sent", "count": 2}]  # fmt: skip
    client.force_login(a.officer)
    response = client.get(reverse("cooperation:statistics") + "?export=csv")
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "KEN" in body and "PER" in body
    for secret in ("explosive", "MLA-KEN", "Central Authority", "example-handle", "Prosecutions"):
        assert secret not in body
    api = client.get("/api/cooperation/statistics/").json()
    assert api == [{"requesting": "KEN", "requested": "PER", "kind": "mla", "offence": "bombing", "status": "sent",
                    "count": 2}]  # fmt: skip
    for role in ("focal_point", "partner", "donor"):  # reporting figures are UNODC's
        client.force_login(a.user(role))
        assert client.get("/api/cooperation/statistics/").status_code == 403
        assert client.get(reverse("cooperation:statistics")).status_code == 403
    client.logout()
    assert client.get("/api/cooperation/statistics/").status_code in (401, 403)
    assert client.get(reverse("cooperation:statistics")).status_code == 302
