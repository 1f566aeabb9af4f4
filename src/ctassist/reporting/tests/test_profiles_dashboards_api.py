"""Country profiles per role, dashboards with downloadable data, and the API."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority(actors):
    from ctassist.directory.tests.conftest import make_entry

    return make_entry(actors.state, name="Kenya Central Authority (test)")


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("donor", False),
        ("partner", False),
        ("officer", True),
        ("admin", True),
        ("focal_point", True),
        ("other_focal_point", True),  # published entries of every State, as the directory policy says
    ],
)
def test_profile_shows_authorities_only_to_those_allowed(world, authority, client_for, role, sees):
    response = client_for(role).get(reverse("reporting:profile", args=["KEN"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert ("Kenya Central Authority (test)" in body) is sees
    assert "secret.mla@example.org" not in body  # contact details stay in the directory
    assert "Status of every instrument" in body


def test_profile_public_parts_for_anonymous(world, client_for):
    response = client_for("anonymous").get(reverse("reporting:profile", args=["KEN"]))
    profile = response.context["profile"]
    assert profile["parties"] == 2  # ratified 2024 and acceded 2023
    assert profile["activities"]["delivered"] == 0  # activities are not public
    assert profile["requests"]["total"] == 0


def test_profile_figures_for_the_focal_point(world, client_for):
    profile = client_for("focal_point").get(reverse("reporting:profile", args=["KEN"])).context["profile"]
    # Kenya: a1 (3 women, 5 men) and a3 (100 women); a6, a7 delivered too; a4 completed in 2025.
    assert profile["trained"] == {"women": 103, "men": 5, "not_recorded": 0}
    assert profile["activities"]["delivered"] == 5  # a1, a3, a4, a6, a7


def test_profile_of_a_state_is_the_same_for_any_other_state(world, client_for):
    profile = client_for("other_focal_point").get(reverse("reporting:profile", args=["KEN"])).context["profile"]
    assert profile["activities"]["delivered"] == 0
    assert profile["requests"]["total"] == 0


def test_profile_docx_and_pdf(world, authority, client_for):
    import docx
    from pypdf import PdfReader

    client = client_for("anonymous")
    response = client.get(reverse("reporting:profile_docx", args=["KEN"]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Country profile: Kenya" in text and "Competent national authorities" not in text
    response = client.get(reverse("reporting:profile_pdf", args=["KEN"]))
    assert response["Content-Type"] == "application/pdf"
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kenya" in pdf_text and "Kenya Central Authority" not in pdf_text
    officer_pdf = client_for("officer").get(reverse("reporting:profile_pdf", args=["KEN"]))
    officer_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(officer_pdf.content)).pages)
    assert "Kenya Central Authority" in officer_text


def test_profile_of_unknown_state_is_404(client_for, db):
    assert client_for("anonymous").get(reverse("reporting:profile", args=["XXX"])).status_code == 404


def test_profile_list(client_for, db):
    response = client_for("anonymous").get(reverse("reporting:profile_list"), {"q": "Kenya"})
    assert response.status_code == 200
    assert reverse("reporting:profile", args=["KEN"]) in response.content.decode()


def test_profile_query_count_is_constant(world, client_for, django_assert_max_num_queries, actors):
    from ctassist.reporting.tests.conftest import make_activity

    client = client_for("officer")
    with django_assert_max_num_queries(30):
        client.get(reverse("reporting:profile", args=["KEN"]))
    import datetime

    for day in range(1, 15):
        make_activity([actors.state], "training", datetime.date(2024, 3, day))
    with django_assert_max_num_queries(30):
        client.get(reverse("reporting:profile", args=["KEN"]))


def test_dashboards_respect_the_policy(world, client_for):
    officer = client_for("officer").get(reverse("reporting:dashboards"))
    assert officer.status_code == 200
    anonymous = client_for("anonymous").get(reverse("reporting:dashboards"))
    assert anonymous.status_code == 200
    charts = {c["name"]: c for c in anonymous.context["charts"]}
    assert charts["activities"]["empty"] and charts["participants"]["empty"] and charts["contributions"]["empty"]
    assert not charts["ratifications"]["empty"]
    officer_charts = {c["name"]: c for c in officer.context["charts"]}
    assert not officer_charts["activities"]["empty"] and not officer_charts["contributions"]["empty"]


@pytest.mark.parametrize("name", ["ratifications", "activities", "participants", "contributions"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dashboard_data_downloads(world, client_for, name, fmt):
    response = client_for("officer").get(reverse("reporting:dashboards"), {"data": name, "export": fmt})
    assert response.status_code == 200
    assert f"dashboard-{name}.{fmt}" in response["Content-Disposition"]


def test_dashboard_participants_csv_matches_the_records(world, client_for):
    body = (
        client_for("officer")
        .get(reverse("reporting:dashboards"), {"data": "participants", "export": "csv"})
        .content.decode("utf-8-sig")
    )
    lines = dict(line.split(",", 1) for line in body.strip().splitlines()[1:])
    # 2023: a3 100 women; 2024: a1 + a2 = 5 women, 6 men, 4 not recorded.
    assert lines["2023"].strip() == "100,0,0"
    assert lines["2024"].strip() == "5,6,4"


def test_donor_sees_only_its_own_contributions_on_the_dashboard(world, client_for):
    from ctassist.funding.tests.factories import contribute, other_donor

    contribute(other_donor(), amount="12345")
    body = (
        client_for("donor")
        .get(reverse("reporting:dashboards"), {"data": "contributions", "export": "csv"})
        .content.decode("utf-8-sig")
    )
    assert "Another donor" not in body and "Donor (test)" in body


def test_api_create_then_poll(world, actors, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(actors.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/reports/",
            {"resolution": world.resolution.symbol, "period_start": "2024-01-01", "period_end": "2024-12-31"},
            format="json",
        )
    assert response.status_code == 201, response.content
    report_id = response.json()["id"]
    detail = client.get(f"/api/reports/{report_id}/").json()
    assert detail["status"] == ReportStatus.DONE and detail["progress"] == 100
    assert detail["content"]["figures"]["capacity.women"]["value"] == 5
    assert client.get("/api/reports/").json()["results"][0]["id"] == report_id


@pytest.mark.parametrize("role", ["focal_point", "donor", "partner"])
def test_api_refuses_others(world, actors, role):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(actors.user(role))
    response = client.post(
        "/api/reports/",
        {"resolution": world.resolution.symbol, "period_start": "2024-01-01", "period_end": "2024-12-31"},
        format="json",
    )
    assert response.status_code == 403
    assert not Report.objects.exists()
    assert client.get("/api/reports/").json()["results"] == []


def test_api_refuses_a_reversed_period(world, actors):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(actors.officer)
    response = client.post(
        "/api/reports/",
        {"resolution": world.resolution.symbol, "period_start": "2024-12-31", "period_end": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400


def test_api_country_profile(world, authority, actors):
    from rest_framework.test import APIClient

    anonymous = APIClient().get("/api/country-profiles/KEN/").json()
    assert anonymous["authorities"] is None and anonymous["parties"] == 2
    client = APIClient()
    client.force_authenticate(actors.officer)
    officer = client.get("/api/country-profiles/ken/").json()
    assert [a["name"] for a in officer["authorities"]] == ["Kenya Central Authority (test)"]


@pytest.mark.parametrize(("role", "sees_reports"), [("anonymous", False), ("donor", False), ("officer", True)])
def test_home_card_and_navigation(client_for, db, actors, role, sees_reports):
    body = client_for(role).get("/").content.decode()
    assert reverse("reporting:dashboards") in body
    assert (reverse("reporting:report_list") in body) is sees_reports


def test_report_list_page(built, client_for):
    response = client_for("officer").get(reverse("reporting:report_list"))
    assert response.status_code == 200
    assert reverse("reporting:report_detail", args=[built.pk]) in response.content.decode()
    assert client_for("focal_point").get(reverse("reporting:report_list")).status_code == 403
