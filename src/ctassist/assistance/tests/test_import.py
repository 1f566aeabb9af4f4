"""The participant import on the one pipeline: every problem named by row and column, all or nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctassist.assistance import services
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.importing import ParticipantImporter
from ctassist.assistance.models import Participant, ParticipantCount
from ctassist.assistance.tests import factories
from ctassist.core.importing import ImportRejected, read_text
from ctassist.core.models import DomainEvent

GOOD = "name,state,sex,agency,consent\nAna Example,KEN,women,police,yes\nBo Example,Peru,M,Judiciary,no\n"


@pytest.fixture
def activity(actors):
    return factories.make_activity(actors)


def _url(activity):
    return reverse("assistance:participant_import", args=[activity.pk])


def _nothing_written(activity):
    assert not ParticipantCount.objects.filter(activity=activity).exists()
    assert not Participant.objects.filter(activity=activity).exists()
    assert not DomainEvent.objects.filter(type=AssistanceEvent.PARTICIPANTS_IMPORTED).exists()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(client, actors, activity):
    client.force_login(actors.officer)
    table = (
        "name,state,sex,agency,email,consent,shoe size\n"
        "Ana Example,KEN,women,police,ana@example.org,yes,38\n"
        ",XXX,men,police,,no,\n"
        "Cy Example,KEN,robot,astronaut,not-an-address,maybe,\n"
    )
    response = client.post(_url(activity), {"file": SimpleUploadedFile("list.csv", table.encode())})
    assert response.status_code == 400
    errors = [str(p) for p in response.context["plan"].problems]
    for expected in (
        "row 3, column name: empty",
        "row 3, column state: “XXX” is not a known State",
        "row 4, column sex: “robot” (use women, men or leave empty)",
        "row 4, column agency: “astronaut” is not an agency type",
        "row 4, column email: “not-an-address” is not an e-mail address",
        "row 4, column consent: “maybe” (use yes or no)",
    ):
        assert expected in errors
    assert response.context["plan"].ignored_columns == ["shoe size"]
    assert not response.context["plan"].can_apply
    _nothing_written(activity)


def test_missing_columns_are_named():
    plan = ParticipantImporter(None).plan(read_text("full name,country\nAna,KEN\n"))
    assert [str(p) for p in plan.problems] == [
        "column name: the column is missing.",
        "column state: the column is missing.",
    ]


def test_a_tampered_confirmation_is_refused_and_writes_nothing(client, actors, activity):
    client.force_login(actors.officer)
    preview = client.post(_url(activity), {"text": GOOD})
    assert preview.status_code == 200
    token = preview.context["confirm_form"].initial["table"]
    payload, signature = token.rsplit(":", 1)
    tampered = payload + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]
    response = client.post(_url(activity), {"confirm": "1", "table": tampered})
    assert response.status_code == 400
    assert "The preview has expired or was altered" in response.content.decode()
    _nothing_written(activity)
    # The genuine one still applies (Bo is from Peru: agreed to below): both counted, the consenting one by name.
    assert client.post(_url(activity), {"confirm": "1", "table": token, "agree": "on"}).status_code == 302
    assert sum(ParticipantCount.objects.filter(activity=activity).values_list("count", flat=True)) == 2
    assert list(Participant.objects.filter(activity=activity).values_list("full_name", flat=True)) == ["Ana Example"]
    event = DomainEvent.objects.get(type=AssistanceEvent.PARTICIPANTS_IMPORTED)
    assert event.data == {"rows": 2, "named": 1}


def test_a_participant_from_another_state_asks_before_widening_who_sees_the_activity(client, actors, activity):
    client.force_login(actors.officer)
    preview = client.post(_url(activity), {"text": GOOD})
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert len(plan.confirmations) == 1 and "Peru" in plan.confirmations[0]
    assert "their focal points will then see the activity" in preview.content.decode()
    token = preview.context["confirm_form"].initial["table"]
    # Applying without agreeing writes nothing and shows the question again, not the upload form alone.
    refused = client.post(_url(activity), {"confirm": "1", "table": token})
    assert refused.status_code == 400 and refused.context["plan"].confirmations == plan.confirmations
    assert "Tick the box to confirm" in refused.content.decode()
    _nothing_written(activity)
    assert list(activity.states.all()) == [actors.state]
    # Agreed: imported, and Peru's focal point now sees the activity.
    assert client.post(_url(activity), {"confirm": "1", "table": token, "agree": "on"}).status_code == 302
    assert set(activity.states.all()) == {actors.state, actors.other_state}
    from ctassist.assistance.models import Activity

    assert Activity.objects.restrict(actors.other_focal_point).filter(pk=activity.pk).exists()


def test_participants_of_the_states_already_concerned_need_no_question(actors, activity):
    table = read_text("name,state,consent\nAna Example,KEN,yes\n")
    assert ParticipantImporter(activity).preview(table).confirmations == []
    ParticipantImporter(activity).run(table, acting_user=actors.officer)
    assert Participant.objects.filter(activity=activity).count() == 1


def test_the_service_level_run_refuses_widening_unless_agreed(actors, activity):
    from ctassist.core.importing import ConfirmationNeeded

    with pytest.raises(ConfirmationNeeded):
        ParticipantImporter(activity).run(read_text(GOOD), acting_user=actors.officer)
    _nothing_written(activity)
    ParticipantImporter(activity).run(read_text(GOOD), acting_user=actors.officer, agreed=True)
    assert activity.states.filter(pk=actors.other_state.pk).exists()


def test_a_row_refused_while_applying_leaves_nothing_half_written(actors, activity, monkeypatch):
    real = services.add_participant
    calls = []

    def refuse_the_second(**kwargs):
        calls.append(kwargs["full_name"])
        if len(calls) == 2:
            raise ValidationError({"email": "refused"})
        return real(**kwargs)

    monkeypatch.setattr(services, "add_participant", refuse_the_second)
    table = read_text("name,state,consent\nAna Example,KEN,yes\nBo Example,KEN,yes\n")
    with pytest.raises(ValidationError):
        ParticipantImporter(activity).run(table, acting_user=actors.officer)
    assert calls == ["Ana Example", "Bo Example"]
    _nothing_written(activity)


def test_only_those_who_may_change_the_activity_import(client, actors, activity):
    with pytest.raises(PermissionDenied):
        ParticipantImporter(activity).run(read_text(GOOD), acting_user=actors.partner)
    _nothing_written(activity)
    client.force_login(actors.partner)
    assert client.get(_url(activity)).status_code == 403
    client.logout()
    assert client.get(_url(activity)).status_code == 302


def test_a_table_with_problems_cannot_be_applied_even_if_posted(actors, activity):
    table = read_text("name,state\nAna Example,Atlantis\n")
    with pytest.raises(ImportRejected) as rejected:
        ParticipantImporter(activity).run(table, acting_user=actors.officer)
    assert rejected.value.errors == ["row 2, column state: “Atlantis” is not a known State"]
    _nothing_written(activity)
