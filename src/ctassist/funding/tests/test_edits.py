"""Corrections of contributions and projects: versioned, logged with many-to-many fields, refused when stale."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ctassist.assistance.models import Theme
from ctassist.assistance.tests import factories as af
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.services import EditConflict, VersionRequired
from ctassist.funding import services
from ctassist.funding.events import FundingEvent
from ctassist.funding.models import Contribution, Project
from ctassist.funding.tests import factories

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def project(actors):
    return factories.make_project(actors)


@pytest.fixture
def contribution(actors, project):
    return factories.contribute(factories.donor_of(actors), project=project, status="pledged", amount="1000")


def _stale(obj, **change):
    """Someone else saves ``obj`` first; returns the version the first editor loaded."""
    loaded = obj.version
    if isinstance(obj, Contribution):
        services.update_contribution(acting_user=None, contribution=obj, expected_version=loaded, **change)
    else:
        services.update_project(acting_user=None, project=obj, expected_version=loaded, **change)
    return loaded


# -- services ------------------------------------------------------------------------------------


def test_every_change_bumps_the_version(actors, contribution):
    assert contribution.version == 1
    updated = services.update_contribution(
        acting_user=actors.officer, contribution=contribution, expected_version=1, notes="checked"
    )
    assert updated.version == 2
    advanced = services.advance_contribution(acting_user=actors.officer, contribution=updated, to="committed",
                                             on=datetime.date(2024, 3, 1))  # fmt: skip
    assert advanced.version == 3


def test_a_stale_or_missing_version_is_refused_and_nothing_changes(actors, contribution, project):
    loaded = _stale(contribution, notes="first")
    with pytest.raises(EditConflict):
        services.update_contribution(acting_user=actors.officer, contribution=contribution, expected_version=loaded,
                                     notes="second")  # fmt: skip
    with pytest.raises(VersionRequired):
        services.update_contribution(acting_user=actors.officer, contribution=contribution, expected_version=None,
                                     notes="second")  # fmt: skip
    with pytest.raises(EditConflict):
        services.advance_contribution(acting_user=actors.officer, contribution=contribution, to="committed",
                                      expected_version=loaded)  # fmt: skip
    contribution.refresh_from_db()
    assert (contribution.notes, contribution.status) == ("first", "pledged")
    loaded = _stale(project, title="First title")
    with pytest.raises(EditConflict):
        services.update_project(acting_user=actors.officer, project=project, expected_version=loaded, title="Other")
    project.refresh_from_db()
    assert project.title == "First title"


def test_changing_only_the_themes_of_a_project_is_logged_with_before_and_after(actors, project):
    theme = Theme.objects.get(code="training")
    updated = services.update_project(acting_user=actors.officer, project=project, expected_version=project.version,
                                      themes=[theme])  # fmt: skip
    entry = ChangeLogEntry.objects.get(object_id=str(project.pk), action="update", user=actors.officer)
    assert entry.before["themes"] == [] and entry.after["themes"] == [theme.pk]
    assert entry.changed_fields() == ["themes", "version"]
    assert updated.version == 2
    event = DomainEvent.objects.get(type=FundingEvent.PROJECT_UPDATED, object_id=str(project.pk))
    assert event.data["fields"] == ["themes"]
    # The same themes again change nothing: no entry, no event, no new version.
    again = services.update_project(acting_user=actors.officer, project=updated, expected_version=2, themes=[theme])
    assert again.version == 2
    assert ChangeLogEntry.objects.filter(object_id=str(project.pk), action="update").count() == 1


def test_removing_a_charge_is_logged_and_an_event(actors, project):
    activity = af.make_activity(actors)
    charge = services.charge_activity(acting_user=actors.officer, project=project, activity=activity, amount_usd=D(9))
    pk = charge.pk
    services.remove_charge(acting_user=actors.officer, charge=charge)
    assert ChangeLogEntry.objects.filter(object_id=str(pk), action="delete", user=actors.officer).exists()
    event = DomainEvent.objects.get(type=FundingEvent.CHARGE_REMOVED, object_id=str(pk))
    assert event.data == {"project": project.pk, "activity": activity.pk}


def test_demo_donors_are_created_through_the_service(actors):
    from ctassist.funding.demo import _donors

    donors = _donors()
    assert donors and all(d.is_demo for d in donors)
    assert ChangeLogEntry.objects.filter(object_id=str(donors[-1].pk), action="create").exists()
    assert DomainEvent.objects.filter(type=FundingEvent.DONOR_CREATED, object_id=str(donors[-1].pk)).exists()


# -- pages ---------------------------------------------------------------------------------------


def _contribution_form(contribution, version, **change):
    data = {
        "reference": contribution.reference, "kind": contribution.kind, "pledged_on": contribution.pledged_on,
        "currency": contribution.currency, "amount": contribution.amount, "usd_rate": contribution.usd_rate,
        "rate_date": contribution.rate_date, "earmarking": contribution.earmarking,
        "project": contribution.project_id or "", "notes": contribution.notes, "version": version,
    }  # fmt: skip
    data.update(change)
    return data


def test_edit_page_saves_and_a_stale_save_answers_409(client, actors, contribution):
    url = reverse("funding:contribution_edit", args=[contribution.pk])
    client.force_login(actors.officer)
    page = client.get(url)
    assert page.status_code == 200 and 'name="version"' in page.content.decode()
    saved = client.post(url, _contribution_form(contribution, 1, notes="corrected"))
    assert saved.status_code == 302 and saved["Location"] == contribution.get_absolute_url()
    contribution.refresh_from_db()
    assert (contribution.notes, contribution.version) == ("corrected", 2)
    stale = client.post(url, _contribution_form(contribution, 1, notes="overwritten"))
    assert stale.status_code == 409 and "Someone else changed this record" in stale.content.decode()
    assert "version 2" in stale.content.decode() and stale.context["form"].data["version"] == 2
    contribution.refresh_from_db()
    assert contribution.notes == "corrected"
    bad = client.post(url, _contribution_form(contribution, 2, amount="-3"))
    assert bad.status_code == 400


@pytest.mark.parametrize("role", ["donor", "focal_point", "partner"])
def test_only_unodc_opens_the_edit_pages(client, actors, contribution, project, role):
    client.force_login(actors.user(role))
    for url in (reverse("funding:contribution_edit", args=[contribution.pk]),
                reverse("funding:project_edit", args=[project.pk])):  # fmt: skip
        assert client.get(url).status_code in (403, 404)


def test_project_edit_page_conflict(client, actors, project):
    url = reverse("funding:project_edit", args=[project.pk])
    client.force_login(actors.officer)
    form = {"code": project.code, "title": "Renamed", "start_date": project.start_date,
            "end_date": project.end_date, "budget_usd": project.budget_usd, "states": [actors.state.pk],
            "version": 1}  # fmt: skip
    _stale(project, description="someone else")
    assert client.post(url, form).status_code == 409
    form["version"] = 2
    assert client.post(url, form).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.version) == ("Renamed", 3)


# -- API -----------------------------------------------------------------------------------------


@pytest.fixture
def api(actors):
    client = APIClient()
    client.force_authenticate(actors.officer)
    return client


@pytest.mark.parametrize("kind", ["contribution", "project"])
def test_api_edits_need_the_current_etag(api, contribution, project, kind):
    obj = contribution if kind == "contribution" else project
    url = f"/api/{kind}s/{obj.pk}/"
    response = api.get(url)
    assert response["ETag"] == '"1"' and response.json()["version"] == 1
    change = {"notes": "via API"} if kind == "contribution" else {"title": "Via API"}
    assert api.patch(url, change, format="json").status_code == 428
    answer = api.patch(url, change, format="json", HTTP_IF_MATCH='"1"')
    assert answer.status_code == 200, answer.json()
    assert answer["ETag"] == '"2"'
    assert api.patch(url, change | {next(iter(change)): "again"}, format="json", HTTP_IF_MATCH='"1"').status_code == 412
    assert type(obj).objects.get(pk=obj.pk).version == 2


def test_api_contribution_edit_keeps_donor_and_status(api, actors, contribution):
    url = f"/api/contributions/{contribution.pk}/"
    answer = api.patch(url, {"status": "received"}, format="json", HTTP_IF_MATCH='"1"')
    assert answer.status_code == 400 and "status" in answer.json()
    answer = api.patch(url, {"donor": factories.other_donor().pk}, format="json", HTTP_IF_MATCH='"1"')
    assert answer.status_code == 400 and "donor" in answer.json()


def test_api_advance_with_a_stale_if_match_is_412(api, contribution):
    _stale(contribution, notes="moved on")
    url = f"/api/contributions/{contribution.pk}/advance/"
    assert api.post(url, {"to": "committed"}, format="json", HTTP_IF_MATCH='"1"').status_code == 412
    answer = api.post(url, {"to": "committed"}, format="json", HTTP_IF_MATCH='"2"')
    assert answer.status_code == 200 and answer["ETag"] == '"3"'


def test_api_project_themes_change_alone(api, project):
    answer = api.patch(f"/api/projects/{project.pk}/", {"themes": ["training"]}, format="json", HTTP_IF_MATCH='"1"')
    assert answer.status_code == 200 and answer.json()["themes"] == ["training"]
    assert Project.objects.get(pk=project.pk).version == 2


def test_others_cannot_edit_through_the_api(actors, contribution, project):
    client = APIClient()
    client.force_authenticate(actors.donor)
    assert client.patch(f"/api/contributions/{contribution.pk}/", {"notes": "x"}, format="json",
                        HTTP_IF_MATCH='"1"').status_code == 403  # fmt: skip
    assert client.patch(f"/api/projects/{project.pk}/", {"title": "x"}, format="json",
                        HTTP_IF_MATCH='"1"').status_code == 403  # fmt: skip
