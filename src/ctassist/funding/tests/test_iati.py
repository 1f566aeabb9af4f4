import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from ctassist.assistance import services as assistance_services
from ctassist.assistance.models import Activity, Theme
from ctassist.assistance.tests import factories as af
from ctassist.funding import iati, services
from ctassist.funding.tests import factories
from ctassist.funding.tests.iati_rules import check, parse

# A made-up identifier of the right form (IATI's own agency prefix): the placeholder is refused.
REF = "XI-TEST-CTASSIST"


@pytest.fixture(autouse=True)
def _org_ref(settings):
    settings.CTASSIST_IATI_ORG_REF = REF


@pytest.fixture
def funded(actors):
    """A project funded by the test donor (received in EUR, and a pledge), two activities charged to it."""
    project = factories.make_project(actors, code="P-IATI")
    services.update_project(
        acting_user=None,
        project=project,
        expected_version=project.version,
        themes=list(Theme.objects.filter(code__in=["training", "victims"])),
    )
    donor = factories.donor_of(actors)
    factories.contribute(donor, project=project, currency="EUR", amount="100000", rate="1.10")
    factories.contribute(donor, project=project, status="pledged", amount="999999")
    a1 = af.make_activity(
        actors, status="completed", start_date=datetime.date(2024, 3, 1), end_date=datetime.date(2024, 3, 3)
    )
    a1.themes.add(Theme.objects.get(code="victims"))
    assistance_services.save_indicator(
        acting_user=None, activity=a1, name="Knowledge test", unit="%", baseline=40, target=80, actual=75
    )
    a2 = af.make_activity(actors, partner=False, states=[actors.state, actors.other_state], title="Regional workshop")
    a3 = af.make_activity(actors, partner=False, states=[], scope="global", title="Global e-learning")
    for a, amount in ((a1, "20000"), (a2, "15000"), (a3, "5000")):
        services.charge_activity(
            acting_user=None,
            project=project,
            activity=a,
            amount_usd=Decimal(amount),
            charged_on=datetime.date(2024, 5, 1),
        )
    return project, [a1, a2, a3]


def _build(user, activities):
    return iati.build(user, Activity.objects.filter(pk__in=[a.pk for a in activities]))


def test_export_passes_the_checker(actors, funded):
    project, activities = funded
    xml = _build(actors.officer, activities)
    assert check(xml, REF) == []
    root = parse(xml)
    assert root.get("version") == "2.03"
    ids = [a.findtext("iati-identifier") for a in root]
    assert ids[0] == f"{REF}-P-IATI" and all(i.startswith(REF + "-") for i in ids)
    assert len(root) == 4  # the project and its three activities


def test_activity_content(actors, funded):
    project, (a1, a2, a3) = funded
    root = parse(_build(actors.officer, [a1, a2, a3]))
    by_id = {a.findtext("iati-identifier"): a for a in root}
    first = by_id[f"{REF}-ACT-{a1.pk}"]
    assert first.get("hierarchy") == "2" and first.get("default-currency") == "USD"
    assert first.find("activity-status").get("code") == "4"  # completed → closed
    assert {d.get("type") for d in first.findall("activity-date")} == {"1", "2", "3", "4"}
    assert [c.get("code") for c in first.findall("recipient-country")] == ["KE"]
    roles = sorted(p.get("role") for p in first.findall("participating-org"))
    assert roles == ["1", "2", "3", "4", "4"]  # the donor funds; UNODC accountable, extending, implementing; partner
    funder = [p for p in first.findall("participating-org") if p.get("role") == "1"][0]
    assert funder.findtext("narrative") == "Donor (test)"
    dac = {s.get("code"): s.get("percentage") for s in first.findall("sector[@vocabulary='1']")}
    assert dac == {"15130": "50.00", "15160": "50.00"}  # training → legal and judicial; victims → human rights
    own = {s.get("code") for s in first.findall("sector[@vocabulary='99']")}
    assert own == {"training", "victims"}
    (t,) = first.findall("transaction")
    assert t.find("transaction-type").get("code") == "4"
    assert t.find("value").text == "20000.00" and t.find("value").get("value-date") == "2024-05-01"
    assert first.find("related-activity").attrib == {"ref": f"{REF}-P-IATI", "type": "1"}
    indicator = first.find("result/indicator")
    assert indicator.get("measure") == "2"
    assert indicator.find("baseline").get("value") == "40.00"
    assert indicator.find("period/target").get("value") == "80.00"
    assert indicator.find("period/actual").get("value") == "75.00"
    # Two States: 50 % each; no State: the unspecified developing-countries region.
    second = by_id[f"{REF}-ACT-{a2.pk}"]
    assert sorted((c.get("code"), c.get("percentage")) for c in second.findall("recipient-country")) == [
        ("KE", "50.00"),
        ("PE", "50.00"),
    ]
    third = by_id[f"{REF}-ACT-{a3.pk}"]
    assert third.find("recipient-region").attrib == {"code": "998", "vocabulary": "1", "percentage": "100"}
    assert third.find("activity-status").get("code") == "1"


def test_project_incoming_funds_count_received_only(actors, funded):
    project, activities = funded
    root = parse(_build(actors.officer, activities))
    proj = root[0]
    incoming = [t for t in proj.findall("transaction") if t.find("transaction-type").get("code") == "1"]
    assert len(incoming) == 1  # the pledge is not a transaction
    value = incoming[0].find("value")
    assert (value.text, value.get("currency")) == ("100000.00", "EUR")
    disbursed = [t for t in proj.findall("transaction") if t.find("transaction-type").get("code") == "3"]
    assert sorted(t.find("value").text for t in disbursed) == ["15000.00", "20000.00", "5000.00"]
    children = {f"{REF}-ACT-{a.pk}" for a in activities}
    assert {t.find("receiver-org").get("receiver-activity-id") for t in disbursed} == children
    assert not [t for t in proj.findall("transaction") if t.find("transaction-type").get("code") == "4"]
    assert sorted(r.get("type") for r in proj.findall("related-activity")) == ["2", "2", "2"]


def test_focal_point_export_hides_donors(actors, funded):
    project, activities = funded
    xml = iati.build(actors.focal_point, iati.select_activities(actors.focal_point, {}))
    assert check(xml, REF) == []
    root = parse(xml)
    assert not root.findall(".//participating-org[@role='1']")
    assert not [t for t in root.iter("transaction-type") if t.get("code") == "1"]


@override_settings(CTASSIST_IATI_ORG_REF="XM-TEST-1")
def test_org_ref_is_a_setting(actors, funded):
    project, activities = funded
    xml = _build(actors.officer, activities)
    assert check(xml, "XM-TEST-1") == []
    assert parse(xml).find("iati-activity/reporting-org").get("ref") == "XM-TEST-1"


def _break(xml: bytes, mutate) -> bytes:
    root = parse(xml)
    mutate(root)
    return ET.tostring(root)


def _swap_title_and_reporting_org(root):
    act = root[0]
    title, rep = act.find("title"), act.find("reporting-org")
    act.remove(title)
    act.insert(list(act).index(rep), title)


def _bad_sector_share(root):
    for s in root.iter("sector"):
        if s.get("vocabulary") == "99":
            s.set("percentage", "10")


def _bad_transaction_type(root):
    root.find(".//transaction-type").set("code", "99")


def _no_value_date(root):
    del root.find(".//transaction/value").attrib["value-date"]


def _bad_status(root):
    root[0].find("activity-status").set("code", "7")


def _bad_identifier(root):
    root[1].find("iati-identifier").text = "XX-OTHER-1"


def _no_start_date(root):
    act = root[1]
    for d in act.findall("activity-date"):
        if d.get("type") in ("1", "2"):
            act.remove(d)


def _no_recipient(root):
    act = root[1]
    for tag in ("recipient-country", "recipient-region"):
        for el in act.findall(tag):
            act.remove(el)


def _wrong_version(root):
    root.set("version", "2.02")


def _bad_date(root):
    root.find(".//activity-date").set("iso-date", "01/03/2024")


def _no_generated(root):
    del root.attrib["generated-datetime"]


def _value_after_description(root):
    t = root.find(".//transaction")
    value = t.find("value")
    t.remove(value)
    t.append(value)


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (_swap_title_and_reporting_org, "out of the schema's order"),
        (_bad_sector_share, "percentages sum to"),
        (_bad_transaction_type, "transaction-type code"),
        (_no_value_date, "value-date"),
        (_bad_status, "activity-status"),
        (_bad_identifier, "does not start with the reporting-org ref"),
        (_no_start_date, "type 1 (planned start) or 2"),
        (_no_recipient, "recipient-country or recipient-region"),
        (_wrong_version, "not '2.03'"),
        (_bad_date, "not an ISO date"),
        (_no_generated, "generated-datetime"),
        (_value_after_description, "out of the schema's order"),
    ],
)
def test_checker_rejects_broken_documents(actors, funded, mutate, expected):
    project, activities = funded
    good = _build(actors.officer, activities)
    assert check(good, REF) == []
    problems = check(_break(good, mutate), REF)
    assert any(expected in p for p in problems), problems


def test_page_and_download_per_role(client, actors, funded):
    project, activities = funded
    url = reverse("funding:iati_xml")
    client.force_login(actors.donor)
    response = client.get(url, {"project": "P-IATI"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert check(response.content, REF) == []
    assert len(parse(response.content)) == 4
    client.force_login(actors.other_focal_point)
    root = parse(client.get(url).content)
    # Peru's focal point: the regional workshop only (it concerns Peru), and its project.
    assert [a.findtext("iati-identifier") for a in root if a.get("hierarchy") == "2"] == [
        f"{REF}-ACT-{activities[1].pk}"
    ]
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(actors.officer)
    assert client.get(reverse("funding:iati")).status_code == 200


def test_export_query_count_is_fixed(actors, funded, django_assert_max_num_queries):
    project, activities = funded
    with django_assert_max_num_queries(13):  # 12, and one for the receipts (instalments)
        iati.build(actors.officer, Activity.objects.all())
    for i in range(5):
        a = af.make_activity(actors, title=f"More {i}")
        services.charge_activity(acting_user=None, project=project, activity=a, amount_usd=Decimal(100))
    with django_assert_max_num_queries(13):  # 12, and one for the receipts (instalments)
        iati.build(actors.officer, Activity.objects.all())


def test_command_exports_everything_as_the_system(actors, funded, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "iati.xml"
    call_command("iati_export", "--out", str(out), "--project", "P-IATI")
    xml = out.read_bytes()
    assert check(xml, REF) == []
    root = parse(xml)
    assert len(root) == 4
    assert root.findall(".//participating-org[@role='1']")  # the system sees the donors


# -- the organisation identifier -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["XM-DAC-41114", "GB-CHC-1234567", "XI-IATI-EX_1.2"])
def test_org_ref_of_the_iati_form_is_accepted(value):
    assert iati.org_ref_problem(value) is None


@pytest.mark.parametrize("value", ["", "UNODC", "xm-dac-1", "XM-DAC", "XM-DAC-12 34", "XM-DAC-1/2", "X-DAC-1"])
def test_org_ref_without_an_agency_prefix_or_with_bad_characters_is_refused(value):
    assert "IATI" in iati.org_ref_problem(value)


def test_export_refuses_the_placeholder_and_says_what_to_set(settings, client, actors, funded, tmp_path):
    from django.core.management import CommandError, call_command

    settings.CTASSIST_IATI_ORG_REF = iati.PLACEHOLDER_ORG_REF
    with pytest.raises(iati.NotReady):
        _build(actors.officer, funded[1])
    with pytest.raises(iati.NotReady):
        iati.build_organisation()
    client.force_login(actors.officer)
    for name in ("funding:iati_xml", "funding:iati_organisation_xml"):
        response = client.get(reverse(name))
        assert response.status_code == 409
        text = response.content.decode()
        assert "still the placeholder" in text and "server&#x27;s configuration" in text
        assert "CTASSIST_IATI_ORG_REF" not in text  # what it is and where, never the internal name
    page = client.get(reverse("funding:iati")).content.decode()
    assert "still the placeholder" in page and "CTASSIST_IATI_ORG_REF" not in page
    with pytest.raises(CommandError, match="placeholder"):
        call_command("iati_export", "--out", str(tmp_path / "x.xml"))
    assert not (tmp_path / "x.xml").exists()


def test_a_malformed_org_ref_is_refused_and_flagged_by_the_system_check(settings, actors, funded):
    from ctassist.funding.apps import check_iati_org_ref

    settings.CTASSIST_IATI_ORG_REF = "UNODC 2"
    with pytest.raises(iati.NotReady, match="registration agency prefix"):
        _build(actors.officer, funded[1])
    assert [m.id for m in check_iati_org_ref()] == ["funding.E001"]
    settings.CTASSIST_IATI_ORG_REF = iati.PLACEHOLDER_ORG_REF
    assert [m.id for m in check_iati_org_ref()] == ["funding.W001"]
    settings.CTASSIST_IATI_ORG_REF = REF
    assert check_iati_org_ref() == []


# -- budgets ---------------------------------------------------------------------------------------


def test_a_multi_year_project_has_annual_budgets_original_and_revised(actors):
    project = factories.make_project(
        actors, code="P-YEARS", budget="365000", start_date=datetime.date(2024, 7, 1),
        end_date=datetime.date(2026, 6, 30),
    )  # fmt: skip
    activity = af.make_activity(actors, partner=False)
    services.charge_activity(acting_user=None, project=project, activity=activity, amount_usd=Decimal(1000))
    root = parse(_build(actors.officer, [activity]))
    proj = root[0]
    budgets = [(b.get("type"), b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date"),
                b.findtext("value")) for b in proj.findall("budget")]  # fmt: skip
    # 184 days of 2024, 365 of 2025, 181 of 2026 (730 in all), shares summing exactly to the budget.
    assert budgets == [
        ("1", "2024-07-01", "2024-12-31", "92000.00"),
        ("1", "2025-01-01", "2025-12-31", "182500.00"),
        ("1", "2026-01-01", "2026-06-30", "90500.00"),
    ]
    assert all(b.get("status") == "2" and b.find("value").get("currency") == "USD" for b in proj.findall("budget"))

    services.update_project(acting_user=actors.officer, project=project, expected_version=project.version,
                            budget_usd=Decimal("400000.01"))  # fmt: skip
    xml = _build(actors.officer, [activity])
    assert check(xml, REF) == []
    proj = parse(xml)[0]
    original = [b.findtext("value") for b in proj.findall("budget[@type='1']")]
    revised = [b.findtext("value") for b in proj.findall("budget[@type='2']")]
    assert original == ["92000.00", "182500.00", "90500.00"]  # the original stays as first approved
    assert len(revised) == 3 and sum(Decimal(v) for v in revised) == Decimal("400000.01")


def test_budget_periods_never_exceed_a_year():
    periods = iati.annual_periods(datetime.date(2023, 12, 31), datetime.date(2027, 1, 1))
    assert periods[0] == (datetime.date(2023, 12, 31), datetime.date(2023, 12, 31))
    assert periods[-1] == (datetime.date(2027, 1, 1), datetime.date(2027, 1, 1))
    assert len(periods) == 5
    assert all((b - a).days < 366 for a, b in periods)
    assert sum(iati.split_by_period(Decimal("100"), periods), Decimal(0)) == Decimal("100")


def _budget_over_two_years(root):
    budget = root[0].find("budget")
    budget.find("period-end").set("iso-date", "2026-12-31")


def _overlapping_budgets(root):
    first, second = root[0].findall("budget")[:2]
    second.find("period-start").set("iso-date", first.find("period-end").get("iso-date"))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [(_budget_over_two_years, "longer than one year"), (_overlapping_budgets, "overlap")],
)
def test_checker_rejects_bad_budgets(actors, funded, mutate, expected):
    good = _build(actors.officer, funded[1])
    assert check(good, REF) == []
    assert any(expected in p for p in check(_break(good, mutate), REF))


# -- incoming funds per instalment -----------------------------------------------------------------


def test_each_instalment_is_incoming_funds_at_its_own_day(actors):
    project = factories.make_project(actors, code="P-INST")
    donor = factories.donor_of(actors)
    c = factories.contribute(donor, project=project, status="committed", currency="EUR", amount="1000", rate="1.10")
    services.record_receipt(acting_user=actors.officer, contribution=c, amount=Decimal("400"),
                            on=datetime.date(2024, 5, 2), usd_rate=Decimal("1.08"))  # fmt: skip
    services.record_receipt(acting_user=actors.officer, contribution=c, amount=Decimal("600"),
                            on=datetime.date(2025, 1, 15), usd_rate=Decimal("1.03"))  # fmt: skip
    activity = af.make_activity(actors, partner=False)
    services.charge_activity(acting_user=None, project=project, activity=activity, amount_usd=Decimal(500))
    xml = _build(actors.officer, [activity])
    assert check(xml, REF) == []
    proj = parse(xml)[0]
    by_type: dict[str, list] = {}
    for t in proj.findall("transaction"):
        by_type.setdefault(t.find("transaction-type").get("code"), []).append(
            (t.find("transaction-date").get("iso-date"), t.findtext("value"), t.find("value").get("currency"))
        )
    assert by_type["11"] == [("2024-03-01", "1000.00", "EUR")]  # the commitment
    assert by_type["1"] == [("2024-05-02", "400.00", "EUR"), ("2025-01-15", "600.00", "EUR")]


# -- the organisation file -------------------------------------------------------------------------


def test_organisation_file_has_total_budgets_and_unearmarked_contributions(actors, funded):
    from ctassist.funding.tests.iati_rules import check_organisation

    donor = factories.other_donor()
    factories.contribute(donor, currency="GBP", amount="1000", rate="1.25", received_on=datetime.date(2024, 6, 1))
    factories.contribute(donor, status="pledged", amount="5000")  # a pledge is not received
    xml = iati.build_organisation()
    assert check_organisation(xml, REF) == []
    root = parse(xml)
    org = root.find("iati-organisation")
    assert org.findtext("organisation-identifier") == REF
    totals = {t.find("period-start").get("iso-date"): t for t in org.findall("total-budget")}
    # The funded project: USD 100,000 over 2024–2026 (366, 365 and 365 days).
    assert sorted(totals) == ["2024-01-01", "2025-01-01", "2026-01-01"]
    lines = {line.get("ref"): line.findtext("value") for line in totals["2024-01-01"].findall("budget-line")}
    assert lines == {"projects": "33394.16", "unearmarked": "1250.00"}
    assert totals["2024-01-01"].findtext("value") == "34644.16"
    assert sum(Decimal(t.find("budget-line[@ref='projects']/value").text) for t in totals.values()) == Decimal(100000)
    (spent,) = org.findall("total-expenditure")
    assert spent.findtext("value") == "40000.00"


def test_organisation_checker_catches_a_wrong_identifier_and_lines_above_the_total(actors, funded):
    from ctassist.funding.tests.iati_rules import check_organisation

    factories.contribute(factories.other_donor(), amount="1000", received_on=datetime.date(2024, 6, 1))
    good = iati.build_organisation()

    def inflate(root):
        total = root.find("iati-organisation/total-budget")
        total.find("value").text = "1.00"

    problems = check_organisation(_break(good, inflate), REF)
    assert any("more than the total" in p for p in problems)
    assert any("organisation-identifier" in p for p in check_organisation(good, "XI-TEST-OTHER"))


def test_organisation_file_is_for_unodc_only(client, actors, funded):
    for role, expected in (("officer", 200), ("donor", 403), ("focal_point", 403)):
        client.force_login(actors.user(role))
        assert client.get(reverse("funding:iati_organisation_xml")).status_code == expected, role
