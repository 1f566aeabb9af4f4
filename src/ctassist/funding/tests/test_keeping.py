"""Funding records officers can keep: edits and deletions (refused when money or activities depend on
the record), cancellation with a reason, instalments at their own exchange rate, totals that reconcile."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from ctassist.accounts import services as account_services
from ctassist.accounts.choices import OrganisationKind
from ctassist.core.models import DomainEvent
from ctassist.core.services import DeletionRefused
from ctassist.funding import queries, services
from ctassist.funding.events import FundingEvent
from ctassist.funding.models import ActivityCharge, Contribution, ContributionStep, Donor, Project
from ctassist.funding.tests import factories

D = Decimal
pytestmark = pytest.mark.django_db
DAY = datetime.date


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def spare_donor():
    org = account_services.create_organisation(acting_user=None, kind=OrganisationKind.DONOR, name="Spare donor")
    return services.create_donor(acting_user=None, organisation=org, type="other")


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# -- deletions -------------------------------------------------------------------------------------


def test_a_donor_with_contributions_cannot_be_deleted_and_the_refusal_says_why(actors, api, client):
    donor = factories.donor_of(actors)
    factories.contribute(donor)
    factories.contribute(donor, status="pledged")
    with pytest.raises(DeletionRefused, match="2 contributions are recorded for it"):
        services.delete_donor(acting_user=actors.officer, donor=donor)
    api.force_authenticate(actors.officer)
    response = api.delete(f"/api/donors/{donor.pk}/")
    assert response.status_code == 409 and "2 contributions are recorded for it" in response.json()["detail"]
    client.force_login(actors.officer)
    response = client.post(reverse("funding:donor_delete", args=[donor.pk]), follow=True)
    assert any("2 contributions are recorded for it" in m for m in _messages(response))
    assert Donor.objects.filter(pk=donor.pk).exists()


def test_a_donor_recorded_by_mistake_is_deleted_by_unodc_only(actors, api, client, spare_donor):
    for role in ("donor", "focal_point", "partner"):  # none may delete any donor: refused outright
        api.force_authenticate(actors.user(role))
        assert api.delete(f"/api/donors/{spare_donor.pk}/").status_code == 403, role
        client.force_login(actors.user(role))
        assert client.post(reverse("funding:donor_delete", args=[spare_donor.pk])).status_code == 403, role
    client.force_login(actors.officer)
    response = client.post(reverse("funding:donor_delete", args=[spare_donor.pk]))
    assert response.status_code == 302 and response.url == reverse("funding:donor_list")
    assert not Donor.objects.filter(pk=spare_donor.pk).exists()
    assert DomainEvent.objects.filter(type=FundingEvent.DONOR_DELETED).count() == 1


def test_a_project_with_money_or_activities_cannot_be_deleted(actors, api):
    project, _activity, _charge = factories.funded_activity(actors)
    with pytest.raises(DeletionRefused) as refused:
        services.delete_project(acting_user=actors.officer, project=project)
    assert "1 contribution is earmarked to it" in str(refused.value)
    assert "1 activity is charged to it" in str(refused.value)
    api.force_authenticate(actors.officer)
    response = api.delete(f"/api/projects/{project.pk}/")
    assert response.status_code == 409 and "1 activity is charged to it" in response.json()["detail"]
    assert Project.objects.filter(pk=project.pk).exists()


def test_an_empty_project_is_deleted_through_the_page_and_the_api(actors, api, client):
    first = factories.make_project(actors, code="P-EMPTY-1")
    second = factories.make_project(actors, code="P-EMPTY-2")
    client.force_login(actors.focal_point)
    assert client.post(reverse("funding:project_delete", args=[first.pk])).status_code in (403, 404)
    client.force_login(actors.officer)
    response = client.post(reverse("funding:project_delete", args=[first.pk]))
    assert response.status_code == 302 and response.url == reverse("funding:project_list")
    api.force_authenticate(actors.donor)
    assert api.delete(f"/api/projects/{second.pk}/").status_code == 403
    api.force_authenticate(actors.officer)
    assert api.delete(f"/api/projects/{second.pk}/").status_code == 204
    assert not Project.objects.filter(code__startswith="P-EMPTY").exists()


def test_a_contribution_with_money_received_is_never_deleted(actors, api):
    received = factories.contribute(factories.donor_of(actors))
    with pytest.raises(DeletionRefused, match="1 receipt of money is recorded on it"):
        services.delete_contribution(acting_user=actors.officer, contribution=received)
    api.force_authenticate(actors.officer)
    assert api.delete(f"/api/contributions/{received.pk}/").status_code == 409


def test_a_mistaken_pledge_is_deleted_with_its_steps_a_cancelled_one_stays(actors, api, client):
    mistaken = factories.contribute(factories.donor_of(actors), status="pledged")
    assert ContributionStep.objects.filter(contribution=mistaken).count() == 1
    client.force_login(actors.donor)
    assert client.post(reverse("funding:contribution_delete", args=[mistaken.pk])).status_code == 403
    client.force_login(actors.officer)
    response = client.post(reverse("funding:contribution_delete", args=[mistaken.pk]))
    assert response.status_code == 302 and response.url == reverse("funding:contribution_list")
    assert not Contribution.objects.filter(pk=mistaken.pk).exists()
    assert not ContributionStep.objects.filter(contribution_id=mistaken.pk).exists()

    withdrawn = factories.contribute(factories.donor_of(actors), status="pledged")
    services.cancel_contribution(acting_user=actors.officer, contribution=withdrawn, reason="Budget cut",
                                 on=DAY(2024, 6, 1))  # fmt: skip
    api.force_authenticate(actors.officer)
    response = api.delete(f"/api/contributions/{withdrawn.pk}/")
    assert response.status_code == 409 and "cancellation" in response.json()["detail"]


def test_charges_are_corrected_and_removed_by_unodc(actors, api, client):
    project, _activity, charge = factories.funded_activity(actors, amount="20000")
    client.force_login(actors.donor)
    url = reverse("funding:charge_edit", args=[charge.pk])
    assert client.post(url, {"amount_usd": "1", "charged_on": "2024-05-01"}).status_code == 403
    client.force_login(actors.officer)
    response = client.post(url, {"amount_usd": "25000.50", "charged_on": "2024-05-02"})
    assert response.status_code == 302 and response.url.startswith(reverse("funding:project_detail", args=[project.pk]))
    charge.refresh_from_db()
    assert (charge.amount_usd, charge.charged_on) == (D("25000.50"), DAY(2024, 5, 2))
    response = client.post(url, {"amount_usd": "-3", "charged_on": "2024-05-02"}, follow=True)
    assert any("Amount (USD)" in m for m in _messages(response))
    api.force_authenticate(actors.focal_point)
    assert api.patch(f"/api/activity-charges/{charge.pk}/", {"amount_usd": "1"}, format="json").status_code == 403
    api.force_authenticate(actors.officer)
    response = api.patch(f"/api/activity-charges/{charge.pk}/", {"amount_usd": "19999.99"}, format="json")
    assert response.status_code == 200 and response.json()["amount_usd"] == "19999.99"
    other = factories.make_project(actors, code="P-MOVE")
    response = api.patch(f"/api/activity-charges/{charge.pk}/", {"project": other.code}, format="json")
    assert response.status_code == 400 and "project" in response.json()
    response = client.post(reverse("funding:charge_delete", args=[charge.pk]))
    assert response.status_code == 302 and not ActivityCharge.objects.filter(pk=charge.pk).exists()


# -- donors: create and edit -----------------------------------------------------------------------


def test_donors_are_recorded_and_corrected_through_the_page_and_the_api(actors, api, client):
    org = account_services.create_organisation(acting_user=None, kind=OrganisationKind.DONOR, name="Fund X")
    client.force_login(actors.donor)
    assert client.get(reverse("funding:donor_create")).status_code == 403
    client.force_login(actors.officer)
    response = client.post(reverse("funding:donor_create"), {"organisation": org.pk, "type": "member_state"})
    assert response.status_code == 400 and "names its State" in response.content.decode()
    response = client.post(reverse("funding:donor_create"), {"organisation": org.pk, "type": "other"})
    assert response.status_code == 302
    donor = Donor.objects.get(organisation=org)
    response = client.post(reverse("funding:donor_edit", args=[donor.pk]),
                           {"type": "member_state", "state": actors.state.pk})  # fmt: skip
    assert response.status_code == 302
    donor.refresh_from_db()
    assert donor.state == actors.state

    org2 = account_services.create_organisation(acting_user=None, kind=OrganisationKind.DONOR, name="Fund Y")
    api.force_authenticate(actors.officer)
    response = api.post("/api/donors/", {"organisation": org2.pk, "type": "other"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.patch(f"/api/donors/{pk}/", {"type": "member_state", "state": actors.other_state.iso3},
                         format="json")  # fmt: skip
    assert response.status_code == 200 and response.json()["state"] == actors.other_state.iso3
    response = api.patch(f"/api/donors/{pk}/", {"organisation": org.pk}, format="json")
    assert response.status_code == 400 and "organisation" in response.json()
    api.force_authenticate(actors.donor)
    assert api.patch(f"/api/donors/{factories.donor_of(actors).pk}/", {"type": "other"},
                     format="json").status_code == 403  # fmt: skip


# -- cancellation ----------------------------------------------------------------------------------


def test_a_cancelled_pledge_keeps_its_record_with_the_reason(actors, client):
    pledge = factories.contribute(factories.donor_of(actors), status="pledged", amount="5000")
    with pytest.raises(ValidationError, match="reason"):
        services.cancel_contribution(acting_user=actors.officer, contribution=pledge, reason="  ")
    with pytest.raises(PermissionDenied):
        services.cancel_contribution(acting_user=actors.donor, contribution=pledge, reason="No")
    client.force_login(actors.officer)
    response = client.post(reverse("funding:contribution_cancel", args=[pledge.pk]),
                           {"reason": "The donor's parliament cut the budget", "on": "2024-07-01"})  # fmt: skip
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.status, pledge.cancelled_on) == ("cancelled", DAY(2024, 7, 1))
    assert pledge.cancellation_reason == "The donor's parliament cut the budget"
    assert [(s.status, s.on, s.amount, s.reason) for s in pledge.steps.order_by("on", "id")] == [
        ("pledged", DAY(2024, 2, 1), D("5000.00"), ""),
        ("cancelled", DAY(2024, 7, 1), D("5000.00"), "The donor's parliament cut the budget"),
    ]
    page = client.get(reverse("funding:contribution_detail", args=[pledge.pk])).content.decode()
    assert "parliament cut the budget" in page
    with pytest.raises(ValidationError):
        services.advance_contribution(acting_user=actors.officer, contribution=pledge, to="committed")
    received = factories.contribute(factories.donor_of(actors))
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.cancel_contribution(acting_user=actors.officer, contribution=received, reason="Late")


def test_cancel_and_receipts_through_the_api(actors, api):
    c = factories.contribute(factories.donor_of(actors), status="committed", currency="EUR", amount="1000",
                             rate="1.10")  # fmt: skip
    api.force_authenticate(actors.donor)
    assert api.post(f"/api/contributions/{c.pk}/receipts/", {"amount": "10"}, format="json").status_code == 403
    api.force_authenticate(actors.officer)
    url = f"/api/contributions/{c.pk}/receipts/"
    response = api.post(url, {"amount": "300", "on": "2024-04-10"}, format="json")
    assert response.status_code == 400 and "usd_rate" in response.json()
    response = api.post(url, {"amount": "300", "on": "2024-04-10", "usd_rate": "1.05"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "partly"
    assert response["ETag"] == f'"{response.json()["version"]}"'
    receipt = response.json()["steps"][-1]
    assert (receipt["amount"], receipt["usd_rate"], receipt["usd_amount"]) == ("300.00", "1.05000000", "315.00")
    response = api.post(url, {"amount": "800", "usd_rate": "1.05"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    response = api.post(url, {"amount": "800", "on": "2024-05-01", "usd_rate": "1.05"}, format="json")
    assert response.status_code == 400 and "700.00" in str(response.json()["amount"])
    response = api.post(f"/api/contributions/{c.pk}/cancel/", {"reason": "Rest withdrawn", "on": "2024-06-01"},
                        format="json")  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["cancellation_reason"]) == ("cancelled", "Rest withdrawn")
    assert body["steps"][-1]["amount"] == "700.00"  # what was still to come
    # What arrived before the cancellation stays received.
    assert queries.contributions_received(actors.officer, None, None)[0].usd == D("315.00")


# -- instalments and totals ------------------------------------------------------------------------


def test_instalments_move_the_status_and_each_keeps_its_rate(actors, client):
    c = factories.contribute(factories.donor_of(actors), status="pledged", currency="EUR", amount="1000",
                             rate="1.10")  # fmt: skip
    client.force_login(actors.officer)
    response = client.post(reverse("funding:contribution_receipt", args=[c.pk]),
                           {"amount": "400", "on": "2024-03-05", "usd_rate": "1.08"})  # fmt: skip
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.status, c.committed_on, c.received_on) == ("partly", DAY(2024, 3, 5), None)
    with pytest.raises(ValidationError, match="600.00"):
        services.record_receipt(acting_user=actors.officer, contribution=c, amount=D("600.01"), usd_rate=D(1))
    with pytest.raises(ValidationError, match="before the commitment"):
        services.record_receipt(acting_user=actors.officer, contribution=c, amount=D(1), on=DAY(2024, 3, 1),
                                usd_rate=D(1))  # fmt: skip
    services.record_receipt(acting_user=actors.officer, contribution=c, amount=D("600"), on=DAY(2025, 2, 1),
                            usd_rate=D("1.02"))  # fmt: skip
    c.refresh_from_db()
    assert (c.status, c.received_on) == ("received", DAY(2025, 2, 1))
    steps = [(s.status, s.on, s.amount, s.usd_rate, s.usd_amount) for s in c.steps.order_by("on", "id")]
    assert steps == [
        ("pledged", DAY(2024, 2, 1), D("1000.00"), None, None),
        ("committed", DAY(2024, 3, 5), D("1000.00"), None, None),
        ("partly", DAY(2024, 3, 5), D("400.00"), D("1.08"), D("432.00")),
        ("received", DAY(2025, 2, 1), D("600.00"), D("1.02"), D("612.00")),
    ]
    with pytest.raises(ValidationError, match="no more instalments"):
        services.record_receipt(acting_user=actors.officer, contribution=c, amount=D(1), usd_rate=D(1))
    with pytest.raises(ValidationError, match="cannot be less"):
        services.update_contribution(acting_user=actors.officer, contribution=c, expected_version=c.version,
                                     amount=D("999"))  # fmt: skip
    page = client.get(reverse("funding:contribution_detail", args=[c.pk])).content.decode()
    assert "Status history" in page and "1.08" in page and "612" in page


def test_totals_by_donor_and_year_reconcile_with_the_receipts_in_several_currencies(actors):
    mine, other = factories.donor_of(actors), factories.other_donor()
    eur = factories.contribute(mine, status="committed", currency="EUR", amount="10000", rate="1.10")
    gbp = factories.contribute(other, status="committed", currency="GBP", amount="3000", rate="1.30")
    usd = factories.contribute(mine, currency="USD", amount="2500", received_on=DAY(2025, 3, 1))
    jpy = factories.contribute(other, status="committed", currency="JPY", amount="1000000", rate="0.0068")
    receipts = [
        (eur, "4000", DAY(2024, 5, 1), "1.0812"),
        (eur, "6000", DAY(2025, 1, 20), "1.0345"),
        (gbp, "1000", DAY(2024, 9, 9), "1.3333"),
        (gbp, "1000", DAY(2024, 12, 1), "1.2707"),
        (jpy, "250000", DAY(2025, 6, 30), "0.00691234"),
    ]
    for c, amount, on, rate in receipts:
        services.record_receipt(acting_user=actors.officer, contribution=c, amount=D(amount), on=on,
                                usd_rate=D(rate))  # fmt: skip
    rows = queries.received_by_donor_and_year(actors.officer)
    table = {(r.donor, r.year): (r.usd, r.receipts, r.by_currency) for r in rows}
    assert table == {
        ("Another donor (test)", 2024): (D("1333.30") + D("1270.70"), 2, {"GBP": D("2000.00")}),
        ("Another donor (test)", 2025): (D("1728.09"), 1, {"JPY": D("250000.00")}),
        ("Donor (test)", 2024): (D("4324.80"), 1, {"EUR": D("4000.00")}),
        ("Donor (test)", 2025): (D("6207.00") + D("2500.00"), 2, {"EUR": D("6000.00"), "USD": D("2500.00")}),
    }
    # Reconciles: the rows add up to every receipt, and each year to contributions_received.
    every_receipt = sum(s.usd_amount for s in ContributionStep.objects.filter(status__in=("partly", "received")))
    assert sum(r.usd for r in rows) == every_receipt == D("17363.89")
    for year in (2024, 2025):
        received = queries.contributions_received(actors.officer, DAY(year, 1, 1), DAY(year, 12, 31))
        assert sum(t.usd for t in received) == sum(r.usd for r in rows if r.year == year)
    # At the rates of the day of receipt, not the rate entered: the EUR figure is not 10000 × 1.10.
    assert sum(r.usd for r in rows if r.donor == "Donor (test)") - D("2500") != D("11000.00")
    # A donor sees only its own rows.
    assert {r.donor for r in queries.received_by_donor_and_year(actors.donor)} == {"Donor (test)"}
    assert usd.status == "received"


# -- the project page ------------------------------------------------------------------------------


def test_the_project_page_shows_budget_committed_received_spent_and_unfunded(actors, client):
    project, _activity, _charge = factories.funded_activity(actors, amount="20000")  # USD 50,000 received
    c = factories.contribute(factories.other_donor(), project=project, status="committed", currency="EUR",
                             amount="10000", rate="1.10")  # fmt: skip
    services.record_receipt(acting_user=actors.officer, contribution=c, amount=D("4000"), on=DAY(2024, 5, 1),
                            usd_rate=D("1.05"))  # fmt: skip
    factories.contribute(factories.other_donor("Third donor"), project=project, status="pledged", amount="9999")
    delivery = queries.project_delivery(actors.officer, project)
    assert delivery.budget_usd == D("100000.00")
    assert delivery.received_usd == D("54200.00")  # 50,000 + 4,000 × 1.05
    assert delivery.committed_usd == D("6600.00")  # 6,000 still to come × 1.10
    assert delivery.charged_usd == D("20000.00")
    assert delivery.unfunded_usd == D("39200.00")  # 100,000 − 54,200 − 6,600; the pledge does not count
    client.force_login(actors.officer)
    page = client.get(reverse("funding:project_detail", args=[project.pk])).content.decode()
    for figure in ("100,000.00", "54,200.00", "6,600.00", "20,000.00", "39,200.00"):
        assert figure in page, figure
    client.force_login(actors.donor)
    page = client.get(reverse("funding:project_detail", args=[project.pk])).content.decode()
    assert "20,000.00" in page and "54,200.00" not in page and "39,200.00" not in page


def test_an_edit_from_before_an_instalment_or_a_cancellation_is_stale(actors, api, client):
    c = factories.contribute(factories.donor_of(actors), status="committed", amount="1000")
    api.force_authenticate(actors.officer)
    etag = api.get(f"/api/contributions/{c.pk}/")["ETag"]
    services.record_receipt(acting_user=actors.officer, contribution=c, amount=D("100"), on=DAY(2024, 4, 1))
    response = api.patch(f"/api/contributions/{c.pk}/", {"notes": "late"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    client.force_login(actors.officer)
    page = reverse("funding:contribution_edit", args=[c.pk])
    loaded = client.get(page).context["form"]["version"].value()
    services.cancel_contribution(acting_user=actors.officer, contribution=c, reason="Rest withdrawn")
    form = {"reference": "", "kind": "financial", "pledged_on": "2024-02-01", "currency": "USD", "amount": "1000",
            "usd_rate": "1", "rate_date": "2024-02-01", "earmarking": "unearmarked", "version": loaded}  # fmt: skip
    response = client.post(page, form)
    assert response.status_code == 409
    c.refresh_from_db()
    assert c.status == "cancelled" and c.notes == ""
    for role in ("donor", "focal_point"):
        client.force_login(actors.user(role))
        assert client.post(page, form).status_code in (403, 404), role
        assert client.get(reverse("funding:donor_edit", args=[c.donor_id])).status_code == 403, role
