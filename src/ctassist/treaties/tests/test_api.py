"""REST API for States, instruments and participation."""

import datetime

import pytest
from django.urls import reverse

from ctassist.treaties import services
from ctassist.treaties.demo import generate as generate_participation
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db


def test_states_lists_195(client):
    data = client.get("/api/states/").json()
    assert data["count"] == 195
    members = client.get("/api/states/", {"membership": "member"}).json()["count"]
    observers = client.get("/api/states/", {"membership": "observer"}).json()
    assert members == 193 and {s["iso3"] for s in observers["results"]} == {"VAT", "PSE"}


def test_state_detail_filter_ordering_search(client):
    kenya = client.get("/api/states/KEN/").json()
    assert kenya["m49"] == "404" and kenya["regional_group"] == "african"
    african = client.get("/api/states/", {"regional_group": "african", "page_size": 100}).json()
    assert african["count"] == 54
    ordered = client.get("/api/states/", {"ordering": "-m49", "page_size": 3}).json()["results"]
    assert [s["m49"] for s in ordered] == sorted((s["m49"] for s in ordered), reverse=True)
    found = client.get("/api/states/", {"search": "Türkiye"}).json()
    assert [s["iso3"] for s in found["results"]] == ["TUR"]


def test_instruments_lists_23(client):
    data = client.get("/api/instruments/").json()
    assert data["count"] == 23
    universal = client.get("/api/instruments/", {"kind": "universal"}).json()["count"]
    assert universal == 19
    sua = client.get("/api/instruments/sua-protocol-2005/").json()
    assert sua["amends"] == "sua-1988"


def test_participation_filters(client):
    financing = Instrument.objects.get(code="financing-1999")
    from ctassist.geo.models import State

    services.record_action(
        acting_user=None,
        state=State.objects.get(iso3="KEN"),
        instrument=financing,
        kind="accession",
        date=datetime.date(2003, 6, 27),
    )
    data = client.get("/api/participation/", {"state": "ken"}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["instrument"] == "financing-1999" and row["consent_kind"] == "accession"
    assert row["actions"] == [
        {"kind": "accession", "date": "2003-06-27", "effective_date": None, "text": "", "source": ""}
    ]
    assert client.get("/api/participation/", {"status": "signatory"}).json()["count"] == 0
    assert client.get("/api/participation/", {"consent_after": "2004-01-01"}).json()["count"] == 0
    bad = client.get("/api/participation/", {"status": "nonsense"})
    assert bad.status_code == 400 and "status" in bad.json()


def test_writes_are_refused(client, actors):
    assert client.post("/api/states/", {"name": "x"}).status_code in {401, 403, 405}
    client.force_login(actors.focal_point)
    assert client.delete("/api/instruments/tokyo-1963/").status_code in {403, 405}
    assert client.patch("/api/states/KEN/", {"name": "x"}, content_type="application/json").status_code in {403, 405}


def test_token_authentication(client, actors):
    bad = client.post(reverse("api-token"), {"username": "test-officer", "password": "wrong"})
    assert bad.status_code == 400
    good = client.post(reverse("api-token"), {"username": "test-officer", "password": "a-long-test-password-1"})
    token = good.json()["token"]
    me = client.get("/api/participation/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert client.get("/api/participation/", HTTP_AUTHORIZATION="Token not-a-token").status_code == 401


@pytest.mark.parametrize("demo", [False, True])
def test_list_endpoints_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, demo):
    if demo:
        generate_participation(seed=5)
    for url in ["/api/states/?page_size=500", "/api/instruments/", "/api/participation/?page_size=500"]:
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200


def test_schema_and_docs(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/participation/" in schema.content
    assert client.get("/api/docs/").status_code == 200
