from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from ctassist.funding.models import Contribution
from ctassist.funding.tests import factories

D = Decimal


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def funding(actors):
    project, activity, charge = factories.funded_activity(actors, amount="30000")
    pledge = factories.contribute(factories.donor_of(actors), project=project, status="pledged", amount="777777")
    other = factories.contribute(factories.other_donor(), amount="4242", currency="NOK", rate="0.1")
    return {"project": project, "activity": activity, "charge": charge, "pledge": pledge, "other": other}


def _login(api, actors, role):
    if role != "anonymous":
        api.force_authenticate(actors.user(role))


@pytest.mark.parametrize(
    "role, donors, contributions, projects, charges",
    [
        ("officer", 2, 3, 1, 1),
        ("donor", 1, 2, 1, 1),
        ("focal_point", 0, 0, 1, 1),
        ("other_focal_point", 0, 0, 0, 0),
        ("partner", 0, 0, 0, 0),
        ("anonymous", 0, 0, 0, 0),
    ],
)
def test_what_each_role_reaches(api, actors, funding, role, donors, contributions, projects, charges):
    _login(api, actors, role)
    for url, expected in (
        ("/api/donors/", donors),
        ("/api/contributions/", contributions),
        ("/api/projects/", projects),
        ("/api/activity-charges/", charges),
    ):
        response = api.get(url)
        count = response.json()["count"] if response.status_code == 200 else 0
        assert count == expected, (url, response.status_code)


def test_record_and_advance(api, actors, funding):
    _login(api, actors, "officer")
    payload = {
        "donor": factories.donor_of(actors).pk, "kind": "financial", "status": "pledged", "pledged_on": "2025-01-05",
        "currency": "GBP", "amount": "1000.00", "usd_rate": "1.27", "earmarking": "project",
        "project": funding["project"].code,
    }  # fmt: skip
    response = api.post("/api/contributions/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["usd_amount"] == "1270.00" and body["rate_date"]
    url = f"/api/contributions/{body['id']}/advance/"
    assert api.post(url, {"to": "pledged"}, format="json").status_code == 400
    response = api.post(url, {"to": "received", "on": "2025-02-01"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "received"
    assert response.json()["committed_on"] == "2025-02-01"


@pytest.mark.parametrize(
    "change, field",
    [({"amount": "-1"}, "amount"), ({"usd_rate": "0"}, "usd_rate"), ({"currency": "XXQ"}, "currency"),
     ({"earmarking": "region"}, "region")],
)  # fmt: skip
def test_bad_input_is_400(api, actors, change, field):
    _login(api, actors, "officer")
    payload = {
        "donor": factories.donor_of(actors).pk, "kind": "financial", "status": "pledged", "pledged_on": "2025-01-05",
        "currency": "USD", "amount": "10", "usd_rate": "1", "earmarking": "unearmarked",
    }  # fmt: skip
    payload.update(change)
    response = api.post("/api/contributions/", payload, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Contribution.objects.exists()


def test_others_cannot_write(api, actors, funding):
    for role in ("donor", "focal_point", "partner"):
        api.force_authenticate(actors.user(role))
        assert api.post("/api/projects/", {"code": "X"}, format="json").status_code == 403
        assert api.post("/api/contributions/", {}, format="json").status_code == 403
    api.force_authenticate(actors.donor)
    response = api.post(f"/api/contributions/{funding['pledge'].pk}/advance/", {"to": "received"}, format="json")
    assert response.status_code == 403
    assert api.get(f"/api/contributions/{funding['other'].pk}/").status_code == 404


def test_projects_and_charges(api, actors, funding):
    _login(api, actors, "officer")
    response = api.post(
        "/api/projects/",
        {"code": "API-1", "title": "From the API", "start_date": "2025-01-01", "end_date": "2025-12-31",
         "budget_usd": "1000.00", "themes": ["training"], "states": ["KEN"]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    response = api.post(
        "/api/activity-charges/",
        {"project": "API-1", "activity": funding["activity"].pk, "amount_usd": "250.00"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    project = api.get("/api/projects/", {"q": "API-1"}).json()["results"][0]
    assert project["charged_usd"] == "250.00" and project["activity_count"] == 1
    assert api.delete(f"/api/activity-charges/{response.json()['id']}/").status_code == 204


@pytest.mark.parametrize("url", ["/api/donors/", "/api/contributions/", "/api/projects/", "/api/activity-charges/"])
def test_api_lists_fixed_queries(api, actors, funding, django_assert_max_num_queries, url):
    _login(api, actors, "officer")
    with django_assert_max_num_queries(10) as small:
        assert api.get(url).status_code == 200
    for i in range(5):
        project = factories.make_project(actors, code=f"Q-{i}")
        factories.contribute(factories.other_donor(f"Q donor {i}"), project=project)
        factories.funded_activity(actors, code=f"QA-{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert api.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/contributions/?year=0", "year"),
        ("/api/projects/?active_in=99999", "active_in"),
        ("/api/contributions/?year=2020.5", "year"),
    ],
)
def test_out_of_range_years_are_refused_with_the_field_named(client, actors, url, field):
    client.force_login(actors.officer)
    response = client.get(url)
    assert response.status_code == 400 and field in response.json()
