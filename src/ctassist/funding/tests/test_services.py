import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctassist.assistance.models import Theme
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.funding import queries, services
from ctassist.funding.events import FundingEvent
from ctassist.funding.models import Contribution
from ctassist.funding.tests import factories

D = Decimal
DAY = datetime.date(2025, 1, 10)


def _record(actors, user=None, **fields):
    base = {
        "donor": factories.donor_of(actors),
        "pledged_on": DAY,
        "currency": "EUR",
        "amount": D("1000"),
        "usd_rate": D("1.1"),
        "rate_date": DAY,
    }
    base.update(fields)
    return services.record_contribution(acting_user=user, **base)


def test_record_computes_and_stores_usd_with_log_and_event(actors):
    c = _record(actors, actors.officer, amount=D("1234.56"), usd_rate=D("1.0875"))
    assert c.usd_amount == D("1342.58")  # 1234.56 × 1.0875 = 1342.584 → rounded half up to the cent
    c.refresh_from_db()
    assert c.usd_amount == D("1342.58") and c.status == "pledged"
    assert ChangeLogEntry.objects.filter(object_id=str(c.pk), action="create").exists()
    event = DomainEvent.objects.get(type=FundingEvent.CONTRIBUTION_RECORDED, object_id=str(c.pk))
    assert event.data["usd_amount"] == "1342.58" and event.user == actors.officer


def test_usd_defaults_rate_one_and_rate_date_today(actors):
    c = _record(actors, currency="USD", usd_rate=None, rate_date=None)
    assert c.usd_rate == 1 and c.usd_amount == D("1000.00") and c.rate_date is not None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"amount": D("0")}, "amount"),
        ({"amount": D("-5")}, "amount"),
        ({"usd_rate": D("0")}, "usd_rate"),
        ({"currency": "EUX"}, "currency"),
        ({"currency": "USD", "usd_rate": D("1.2")}, "usd_rate"),
        ({"status": "committed", "committed_on": DAY - datetime.timedelta(days=1)}, "committed_on"),
        ({"status": "committed"}, "committed_on"),
        ({"status": "received", "committed_on": DAY, "received_on": DAY - datetime.timedelta(days=2)}, "received_on"),
        ({"received_on": DAY}, "received_on"),
        ({"earmarking": "project"}, "project"),
        ({"earmarking": "unearmarked", "region": "african"}, "region"),
        ({"earmarking": "region", "region": "african", "theme_code": "training"}, "theme"),
        ({"kind": "in_kind", "currency": "", "amount": None, "usd_rate": None}, "in_kind_description"),
        ({"in_kind_value_usd": D("10")}, "in_kind_value_usd"),
    ],
)
def test_bad_contributions_are_refused(actors, fields, field):
    fields = dict(fields)
    if "theme_code" in fields:
        fields["theme"] = Theme.objects.get(code=fields.pop("theme_code"))
    with pytest.raises(ValidationError) as info:
        _record(actors, **fields)
    assert field in info.value.message_dict
    assert not Contribution.objects.exists()


def test_in_kind_support(actors):
    c = _record(
        actors, kind="in_kind", currency="", amount=None, usd_rate=None, rate_date=None,
        in_kind_description="A seconded prosecutor for six months", in_kind_value_usd=D("60000"),
    )  # fmt: skip
    assert c.usd_amount is None and c.in_kind_value_usd == D("60000")


def test_earmarked_to_exactly_one_thing(actors):
    project = factories.make_project(actors)
    assert _record(actors, earmarking="project", project=project).project == project
    assert _record(actors, earmarking="theme", theme=Theme.objects.get(code="gender")).theme.code == "gender"
    assert _record(actors, earmarking="region", region="grulac").region == "grulac"
    with pytest.raises(ValidationError):
        _record(actors, earmarking="theme", theme=Theme.objects.get(code="gender"), project=project)


def test_advance_moves_forward_only_with_dates_and_events(actors):
    c = _record(actors)
    c = services.advance_contribution(
        acting_user=actors.officer, contribution=c, to="committed", on=DAY + datetime.timedelta(days=5)
    )
    assert (c.status, c.committed_on) == ("committed", DAY + datetime.timedelta(days=5))
    with pytest.raises(ValidationError):
        services.advance_contribution(acting_user=actors.officer, contribution=c, to="pledged")
    with pytest.raises(ValidationError):
        services.advance_contribution(acting_user=actors.officer, contribution=c, to="committed")
    with pytest.raises(ValidationError):  # dated before the commitment
        services.advance_contribution(acting_user=actors.officer, contribution=c, to="received", on=DAY)
    c.refresh_from_db()
    assert c.status == "committed"
    c = services.advance_contribution(
        acting_user=actors.officer, contribution=c, to="received", on=DAY + datetime.timedelta(days=9)
    )
    assert c.received_on == DAY + datetime.timedelta(days=9)
    events = DomainEvent.objects.filter(type=FundingEvent.CONTRIBUTION_STATUS_CHANGED, object_id=str(c.pk))
    assert sorted((e.data["from_status"], e.data["to_status"]) for e in events) == [
        ("committed", "received"),
        ("pledged", "committed"),
    ]


def test_skipping_a_step_dates_both(actors):
    c = services.advance_contribution(acting_user=None, contribution=_record(actors), to="received", on=DAY)
    assert c.committed_on == c.received_on == DAY


@pytest.mark.parametrize("role", ["donor", "focal_point", "partner"])
def test_only_unodc_changes_funding(actors, role):
    user = actors.user(role)
    with pytest.raises(PermissionDenied):
        _record(actors, user)
    c = _record(actors)
    with pytest.raises(PermissionDenied):
        services.advance_contribution(acting_user=user, contribution=c, to="received", on=DAY)
    with pytest.raises(PermissionDenied):
        factories_project = services.create_project(
            acting_user=user, code="X", title="X", start_date=DAY, end_date=DAY, budget_usd=D(1)
        )
        assert factories_project is None
    project = factories.make_project(actors)
    from ctassist.assistance.tests import factories as af

    activity = af.make_activity(actors)
    with pytest.raises(PermissionDenied):
        services.charge_activity(acting_user=user, project=project, activity=activity, amount_usd=D(5))
    c.refresh_from_db()
    assert c.status == "pledged"


def test_project_and_charge_validation_and_events(actors):
    with pytest.raises(ValidationError) as info:
        services.create_project(
            acting_user=actors.officer, code="P1", title="T", start_date=DAY, end_date=DAY - datetime.timedelta(days=1),
            budget_usd=D("0"),
        )  # fmt: skip
    assert {"end_date", "budget_usd"} <= set(info.value.message_dict)
    project = services.create_project(
        acting_user=actors.officer, code="P1", title="T", start_date=DAY, end_date=DAY, budget_usd=D(100)
    )
    assert DomainEvent.objects.filter(type=FundingEvent.PROJECT_CREATED, object_id=str(project.pk)).exists()
    from ctassist.assistance.tests import factories as af

    activity = af.make_activity(actors)
    with pytest.raises(ValidationError):
        services.charge_activity(acting_user=actors.officer, project=project, activity=activity, amount_usd=D(0))
    charge = services.charge_activity(acting_user=actors.officer, project=project, activity=activity, amount_usd=D(40))
    again = services.charge_activity(acting_user=actors.officer, project=project, activity=activity, amount_usd=D(60))
    assert again.pk == charge.pk and again.amount_usd == D(60)
    assert DomainEvent.objects.filter(type=FundingEvent.ACTIVITY_CHARGED).count() == 2
    assert ChangeLogEntry.objects.filter(object_id=str(charge.pk), action="update").exists()
    services.remove_charge(acting_user=actors.officer, charge=again)
    assert not project.charges.exists()


# -- pledges are never counted as received -----------------------------------------------------------


def test_pledges_are_never_counted_as_received(actors):
    donor, other = factories.donor_of(actors), factories.other_donor()
    project = factories.make_project(actors, budget="1000000")
    factories.contribute(donor, project=project, amount="100000", received_on=datetime.date(2024, 4, 1))
    factories.contribute(donor, project=project, status="pledged", amount="500000")
    factories.contribute(donor, project=project, status="committed", amount="250000")
    factories.contribute(other, amount="70000", currency="GBP", rate="1.25", received_on=datetime.date(2024, 6, 1))
    factories.contribute(  # received outside the period
        other, amount="1", pledged_on=datetime.date(2023, 1, 1), committed_on=datetime.date(2023, 2, 1),
        received_on=datetime.date(2023, 12, 31),
    )  # fmt: skip

    rows = queries.contributions_received(actors.officer, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert [(r.donor, r.usd, r.count) for r in rows] == [
        ("Donor (test)", D("100000.00"), 1),
        ("Another donor (test)", D("87500.00"), 1),
    ]
    # The donor sees only its own row.
    mine = queries.contributions_received(actors.donor, None, None)
    assert [(r.donor, r.usd) for r in mine] == [("Donor (test)", D("100000.00"))]
    assert queries.contributions_received(actors.focal_point, None, None) == []

    totals = {r["status"]: r for r in queries.totals_by_status(Contribution.objects.restrict(actors.officer))}
    assert totals["received"]["usd"] == D("187501.00") and totals["received"]["count"] == 3
    assert totals["pledged"]["usd"] == D("500000.00") and totals["committed"]["usd"] == D("250000.00")

    delivery = queries.project_delivery(actors.officer, project)
    assert delivery.received_usd == D("100000.00") and delivery.received_rate == D("10.0")
    assert delivery.pledged_usd == D("500000.00") and delivery.committed_usd == D("250000.00")
    # Others see delivery but not contribution totals; strangers see nothing.
    assert queries.project_delivery(actors.donor, project).received_usd is None
    assert queries.project_delivery(actors.focal_point, project).charged_usd == D("0")
    assert queries.project_delivery(actors.other_focal_point, project) is None
    assert queries.project_delivery(actors.partner, project) is None


def test_project_delivery_against_budget(actors):
    project, activity, charge = factories.funded_activity(actors, amount="25000")
    delivery = queries.project_delivery(actors.officer, project)
    assert (delivery.budget_usd, delivery.charged_usd, delivery.delivery_rate) == (D("100000"), D("25000"), D("25.0"))
    assert delivery.activity_count == 1 and delivery.received_usd == D("50000.00")


def test_funding_by_theme_and_region(actors):
    donor = factories.donor_of(actors)
    factories.contribute(donor, earmarking="theme", theme=Theme.objects.get(code="gender"), amount="3000")
    factories.contribute(donor, earmarking="region", region="african", amount="7000")
    factories.contribute(donor, earmarking="region", region="african", amount="9000", status="pledged")
    project, activity, charge = factories.funded_activity(actors, amount="2000")  # Kenya: African Group; training
    by_theme = {r["theme"]: r for r in queries.funding_by_theme(actors.officer)}
    assert by_theme["gender"]["earmarked_received_usd"] == D("3000")
    assert by_theme["training"]["charged_usd"] == D("2000")
    by_region = {r["region"]: r for r in queries.funding_by_region(actors.officer)}
    assert by_region["african"]["earmarked_received_usd"] == D("7000")  # the pledge is not counted
    assert by_region["african"]["charged_usd"] == D("2000")
    assert by_region["grulac"]["charged_usd"] == 0
    assert sum(r["charged_usd"] for r in queries.funding_by_region(actors.partner)) == 0


def test_update_contribution_logs_and_revalidates(actors):
    c = _record(actors)
    c = services.update_contribution(
        acting_user=actors.officer, contribution=c, expected_version=c.version, amount=D("2000"), notes="Corrected"
    )
    assert c.usd_amount == D("2200.00")
    assert DomainEvent.objects.filter(type=FundingEvent.CONTRIBUTION_UPDATED, object_id=str(c.pk)).exists()
    entry = ChangeLogEntry.objects.get(object_id=str(c.pk), action="update")
    assert {"amount", "usd_amount", "notes"} <= set(entry.changed_fields())
    with pytest.raises(ValidationError):
        services.update_contribution(
            acting_user=actors.officer, contribution=c, expected_version=c.version, amount=D("-1")
        )
    with pytest.raises(PermissionDenied):
        services.update_contribution(acting_user=actors.donor, contribution=c, expected_version=c.version, notes="mine")
    c.refresh_from_db()
    assert c.amount == D("2000") and c.notes == "Corrected"
