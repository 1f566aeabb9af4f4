import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ctassist.funding.models import Contribution
from ctassist.funding.tests import factories

D = Decimal


@pytest.fixture
def funding(actors):
    project, activity, charge = factories.funded_activity(actors, amount="30000")
    donor = factories.donor_of(actors)
    pledge = factories.contribute(donor, project=project, status="pledged", amount="777777")
    other = factories.contribute(factories.other_donor(), amount="4242", currency="NOK", rate="0.1")
    return {"project": project, "activity": activity, "pledge": pledge, "other": other}


LISTS = ["funding:donor_list", "funding:contribution_list", "funding:project_list"]


@pytest.mark.parametrize(
    "role, donors, contributions, projects",
    [
        ("admin", 200, 200, 200),
        ("officer", 200, 200, 200),
        ("donor", 200, 200, 200),
        ("focal_point", 403, 403, 200),
        ("other_focal_point", 403, 403, 200),
        ("partner", 403, 403, 403),
        ("anonymous", 302, 302, 302),
    ],
)
def test_list_pages_per_role(client, actors, funding, role, donors, contributions, projects):
    if role != "anonymous":
        client.force_login(actors.user(role))
    for url_name, expected in zip(LISTS, (donors, contributions, projects), strict=True):
        assert client.get(reverse(url_name)).status_code == expected, url_name


@pytest.mark.parametrize(
    "role, project, own_contribution, other_contribution",
    [
        ("officer", 200, 200, 200),
        ("donor", 200, 200, 404),
        ("focal_point", 200, 403, 403),
        ("other_focal_point", 404, 403, 403),
        ("partner", 403, 403, 403),
    ],
)
def test_object_pages_per_role(client, actors, funding, role, project, own_contribution, other_contribution):
    client.force_login(actors.user(role))
    assert client.get(reverse("funding:project_detail", args=[funding["project"].pk])).status_code == project
    url = reverse("funding:contribution_detail", args=[funding["pledge"].pk])
    assert client.get(url).status_code == own_contribution
    url = reverse("funding:contribution_detail", args=[funding["other"].pk])
    assert client.get(url).status_code == other_contribution


def test_contribution_list_totals_and_filters(client, actors, funding):
    client.force_login(actors.officer)
    response = client.get(reverse("funding:contribution_list"))
    totals = {r["status"]: r for r in response.context["totals"]}
    assert totals["pledged"]["usd"] == D("777777.00")
    assert totals["received"]["usd"] == D("50424.20")  # 50,000 USD + 4,242 NOK × 0.1; the pledge is not in it
    response = client.get(reverse("funding:contribution_list"), {"status": "pledged"})
    assert [c.pk for c in response.context["table"].data] == [funding["pledge"].pk]
    response = client.get(reverse("funding:contribution_list"), {"earmarking": "unearmarked"})
    assert [c.pk for c in response.context["table"].data] == [funding["other"].pk]
    response = client.get(reverse("funding:contribution_list"), {"year": 2024, "donor": funding["pledge"].donor_id})
    assert len(response.context["table"].data) == 2
    # The donor's page counts its own contributions only.
    client.force_login(actors.donor)
    response = client.get(reverse("funding:contribution_list"))
    assert funding["other"].pk not in [c.pk for c in response.context["table"].data]
    assert "Another donor" not in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports(client, actors, funding, fmt):
    client.force_login(actors.officer)
    for url_name in LISTS:
        response = client.get(reverse(url_name), {"export": fmt})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        body = client.get(reverse("funding:contribution_list"), {"export": "csv"}).content.decode()
        assert "777777" in body and "P-TEST-1" in body


def test_project_page_shows_delivery_activities_and_donors(client, actors, funding):
    url = reverse("funding:project_detail", args=[funding["project"].pk])
    client.force_login(actors.officer)
    response = client.get(url)
    page = response.content.decode()
    assert response.context["delivery"].delivery_rate == D("30.0")
    assert response.context["delivery"].received_usd == D("50000.00")
    assert funding["activity"].title in page and "Donor (test)" in page
    # Kenya's focal point sees the project and its delivery, not the donors' money.
    client.force_login(actors.focal_point)
    response = client.get(url)
    assert response.context["delivery"].received_usd is None
    assert "777" not in response.content.decode() and "Donor (test)" not in response.content.decode()


def test_record_and_advance_through_pages(client, actors, funding):
    client.force_login(actors.officer)
    data = {
        "donor": factories.donor_of(actors).pk, "kind": "financial", "status": "pledged", "pledged_on": "2025-02-01",
        "currency": "eur", "amount": "2000", "usd_rate": "1.05", "rate_date": "2025-02-01",
        "earmarking": "project", "project": funding["project"].pk,
    }  # fmt: skip
    response = client.post(reverse("funding:contribution_create"), data)
    assert response.status_code == 302
    c = Contribution.objects.get(amount=D("2000"))
    assert (c.currency, c.usd_amount) == ("EUR", D("2100.00"))
    advance = reverse("funding:contribution_advance", args=[c.pk])
    response = client.post(advance, {"to": "received", "on": "2025-01-01"}, follow=True)
    assert "before the" in response.content.decode()  # dated before the pledge: refused with a message
    c.refresh_from_db()
    assert c.status == "pledged"
    client.post(advance, {"to": "received", "on": "2025-03-01"})
    c.refresh_from_db()
    assert (c.status, c.received_on) == ("received", datetime.date(2025, 3, 1))


@pytest.mark.parametrize(
    "change, field",
    [
        ({"amount": "0"}, "amount"),
        ({"usd_rate": "-1"}, "usd_rate"),
        ({"currency": "ABC"}, "currency"),
        ({"status": "committed", "committed_on": "2025-01-01"}, "committed_on"),
        ({"earmarking": "theme"}, "theme"),
    ],
)
def test_contribution_form_refuses_bad_input(client, actors, change, field):
    client.force_login(actors.officer)
    data = {
        "donor": factories.donor_of(actors).pk, "kind": "financial", "status": "pledged", "pledged_on": "2025-02-01",
        "currency": "USD", "amount": "2000", "usd_rate": "1", "earmarking": "unearmarked",
    }  # fmt: skip
    data.update(change)
    response = client.post(reverse("funding:contribution_create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_only_unodc_records(client, actors, funding):
    for role in ("donor", "focal_point"):
        client.force_login(actors.user(role))
        assert client.get(reverse("funding:contribution_create")).status_code == 403
        assert client.post(reverse("funding:project_create"), {}).status_code == 403
    client.force_login(actors.donor)
    url = reverse("funding:contribution_advance", args=[funding["pledge"].pk])
    assert client.post(url, {"to": "received", "on": "2025-01-01"}).status_code == 403


def test_create_project_and_charge_through_pages(client, actors, funding):
    client.force_login(actors.officer)
    response = client.post(
        reverse("funding:project_create"),
        {"code": "NEW-1", "title": "New", "start_date": "2025-01-01", "end_date": "2026-01-01", "budget_usd": "5000",
         "states": [actors.state.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    from ctassist.funding.models import Project

    project = Project.objects.get(code="NEW-1")
    client.post(
        reverse("funding:charge_add", args=[project.pk]), {"activity": funding["activity"].pk, "amount_usd": "1250"}
    )
    assert project.charges.get().amount_usd == D("1250")


def test_nav(client, actors, funding):
    from ctassist.core import ui

    def keys(role):
        return [i.key for i in ui.nav_for(actors.user(role))]

    assert "funding" in keys("officer") and "funding" in keys("donor") and "funding" in keys("focal_point")
    assert "funding" not in keys("partner") and "funding" not in keys("anonymous")


@pytest.mark.parametrize("url_name", LISTS)
def test_lists_answer_in_fixed_queries(client, actors, funding, django_assert_max_num_queries, url_name):
    client.force_login(actors.officer)
    with django_assert_max_num_queries(14) as small:
        assert client.get(reverse(url_name)).status_code == 200
    for i in range(6):
        project = factories.make_project(actors, code=f"MORE-{i}")
        factories.contribute(factories.other_donor(f"More donor {i}"), project=project)
        factories.funded_activity(actors, code=f"MORE-A-{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(url_name)).status_code == 200


def test_project_page_answers_in_fixed_queries(client, actors, funding, django_assert_max_num_queries):
    from ctassist.assistance.tests import factories as af
    from ctassist.funding import services

    client.force_login(actors.officer)
    url = reverse("funding:project_detail", args=[funding["project"].pk])
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for i in range(5):
        a = af.make_activity(actors, title=f"Extra {i}")
        services.charge_activity(acting_user=None, project=funding["project"], activity=a, amount_usd=D(10))
        factories.contribute(factories.other_donor(f"Extra donor {i}"), project=funding["project"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_donor_reaches_the_activities_its_projects_pay_for(client, actors, funding):
    from ctassist.assistance.tests import factories as af

    unfunded = af.make_activity(actors, title="Not paid by the donor")
    client.force_login(actors.donor)
    assert client.get(reverse("assistance:activity_detail", args=[funding["activity"].pk])).status_code == 200
    assert client.get(reverse("assistance:activity_detail", args=[unfunded.pk])).status_code == 404
    listed = client.get(reverse("assistance:activity_list")).context["table"].data
    assert [a.pk for a in listed] == [funding["activity"].pk]
    assert client.get(reverse("assistance:request_list")).status_code == 403


def test_advance_form_offers_only_later_statuses(client, actors):
    committed = factories.contribute(factories.donor_of(actors), status="committed")
    client.force_login(actors.officer)
    form = client.get(reverse("funding:contribution_detail", args=[committed.pk])).context["advance_form"]
    assert [value for value, _ in form.fields["to"].choices] == ["received"]
    received = factories.contribute(factories.donor_of(actors))
    assert client.get(reverse("funding:contribution_detail", args=[received.pk])).context["advance_form"] is None


def test_record_in_kind_through_the_page(client, actors):
    client.force_login(actors.officer)
    data = {
        "donor": factories.donor_of(actors).pk, "kind": "in_kind", "status": "received", "pledged_on": "2025-02-01",
        "committed_on": "2025-02-01", "received_on": "2025-03-01", "currency": "USD", "usd_rate": "1",
        "earmarking": "unearmarked", "in_kind_description": "Interpretation for a workshop",
        "in_kind_value_usd": "8000",
    }  # fmt: skip
    response = client.post(reverse("funding:contribution_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    c = Contribution.objects.get()
    assert (c.kind, c.currency, c.amount, c.usd_amount, c.in_kind_value_usd) == ("in_kind", "", None, None, D(8000))
