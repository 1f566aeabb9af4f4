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

REF = "XI-EXAMPLE-CTASSIST"


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
    expenditure = [t for t in proj.findall("transaction") if t.find("transaction-type").get("code") == "4"]
    assert sorted(t.find("value").text for t in expenditure) == ["15000.00", "20000.00", "5000.00"]
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
    with django_assert_max_num_queries(12):
        iati.build(actors.officer, Activity.objects.all())
    for i in range(5):
        a = af.make_activity(actors, title=f"More {i}")
        services.charge_activity(acting_user=None, project=project, activity=a, amount_usd=Decimal(100))
    with django_assert_max_num_queries(12):
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
