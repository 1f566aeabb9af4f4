"""Legal framework pages: content, demo labelling, filters, exports, query counts."""

import csv
import datetime
import html
import io

import openpyxl
import pytest
from django.urls import reverse

from ctassist.core.demo import mark_demo_data_present
from ctassist.geo.models import State
from ctassist.treaties import services
from ctassist.treaties.demo import generate as generate_participation
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded():
    """Kenya party to the Financing Convention, Peru signatory."""
    financing = Instrument.objects.get(code="financing-1999")
    ken, per = State.objects.get(iso3="KEN"), State.objects.get(iso3="PER")
    services.record_action(
        acting_user=None, state=ken, instrument=financing, kind="accession", date=datetime.date(2003, 6, 27)
    )
    services.record_action(
        acting_user=None, state=per, instrument=financing, kind="signature", date=datetime.date(2000, 9, 14)
    )
    return financing


def test_instrument_list_and_detail(client, recorded):
    listing = client.get(reverse("treaties:instrument_list"))
    assert listing.status_code == 200
    assert "Terrorist Financing Convention 1999" in listing.content.decode()
    detail = client.get(reverse("treaties:instrument_detail", args=["financing-1999"]))
    body = detail.content.decode()
    assert "International Convention for the Suppression of the Financing of Terrorism" in body
    assert "<svg" in body and "Kenya" in body and "Peru" in body
    assert "Demonstration data." not in body


def test_chart_data_export(client, recorded):
    response = client.get(reverse("treaties:instrument_detail", args=["financing-1999"]) + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Year", "Parties"]
    assert ["2002", "0"] in rows and ["2003", "1"] in rows


def test_unknown_instrument_and_state_are_404(client):
    assert client.get(reverse("treaties:instrument_detail", args=["nope"])).status_code == 404
    assert client.get(reverse("treaties:state_profile", args=["XXX"])).status_code == 404


def test_state_profile_shows_every_instrument_timeline_and_gaps(client, recorded):
    response = client.get(reverse("treaties:state_profile", args=["ken"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('href="/framework/instruments/') >= 23
    assert "Accession (a)" in body and "27 Jun 2003" in body
    assert "Instruments not yet joined" in body


def test_matrix_filters_sorts_and_exports(client, recorded):
    response = client.get(reverse("treaties:matrix"), {"regional_group": "african", "family": "terrorist-financing"})
    body = response.content.decode()
    assert "Kenya" in body and "Peru" not in body
    assert "2003 a" in body
    csv_response = client.get(reverse("treaties:matrix"), {"regional_group": "grulac", "export": "csv"})
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["State", "ISO alpha-3", "Regional group"] and len(rows[0]) == 3 + 23 + 1
    peru = next(r for r in rows if r[1] == "PER")
    assert "s 2000-09-14" in peru
    xlsx = client.get(reverse("treaties:matrix"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    # the 195 States, then the source of each instrument's status
    assert sheet.max_row == 1 + 195 + 23
    sources = [r for r in sheet.iter_rows(values_only=True) if r[0] == "Source of status"]
    assert len(sources) == 23
    assert sources[11][:2] == ("Source of status", "Terrorist Financing Convention 1999")
    assert sources[11][2] == "Recorded act by act by UNODC staff; no depositary table imported"
    ken_row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "KEN")
    assert "2003-06-27 a" in ken_row


def test_matrix_sort_by_most_instruments(client, recorded):
    response = client.get(reverse("treaties:matrix"), {"sort": "-parties", "family": "terrorist-financing"})
    matrix = response.context["matrix"]
    assert matrix.rows[0].state.iso3 == "KEN"


def test_bad_filter_values_do_not_break_the_matrix(client):
    response = client.get(reverse("treaties:matrix"), {"regional_group": "<script>", "sort": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["matrix"].rows) == 195


def test_gaps(client, recorded):
    response = client.get(reverse("treaties:gaps"), {"instrument": "financing-1999", "state": "KEN"})
    assert response.status_code == 200
    not_party = response.context["not_party"]
    assert len(not_party) == 194 and all(s.iso3 != "KEN" for s in not_party)
    assert "financing-1999" not in [i.code for i in response.context["not_joined"]]
    assert len(response.context["not_joined"]) == 22


def test_demo_data_is_labelled_on_every_page_that_shows_it(client):
    generate_participation(seed=3)
    mark_demo_data_present()
    for url in [
        reverse("treaties:instrument_detail", args=["financing-1999"]),
        reverse("treaties:matrix"),
        reverse("treaties:state_profile", args=["KEN"]),
        reverse("treaties:gaps"),
    ]:
        body = client.get(url).content.decode()
        assert "not the real status" in body, url
    export = client.get(reverse("treaties:matrix"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "DEMONSTRATION DATA" in export


def test_list_pages_sort_filter_paginate_export(client, recorded):
    response = client.get(reverse("treaties:state_list"), {"regional_group": "african", "sort": "-name"})
    names = [row.record.name for row in response.context["table"].page.object_list]
    assert names == sorted(names, reverse=True) and len(response.context["table"].rows) == 54
    page2 = client.get(reverse("treaties:state_list"), {"page": 2})
    assert page2.status_code == 200
    export = client.get(reverse("treaties:participation_list"), {"export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    assert "Kenya" in export.content.decode("utf-8-sig")


@pytest.mark.parametrize("demo", [False, True])
def test_matrix_and_lists_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, demo):
    """Whether the database holds no participation or every State × instrument pair."""
    if demo:
        generate_participation(seed=5)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("treaties:matrix")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("treaties:matrix"), {"export": "xlsx"}).status_code == 200
    with django_assert_max_num_queries(8):
        client.get(reverse("treaties:state_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("treaties:instrument_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("treaties:participation_list"))
    with django_assert_max_num_queries(10):
        client.get(reverse("treaties:instrument_detail", args=["financing-1999"]))
    with django_assert_max_num_queries(10):
        client.get(reverse("treaties:state_profile", args=["KEN"]))


def test_list_pages_show_the_number_of_results(client):
    body = client.get(reverse("treaties:state_list"), {"regional_group": "african"}).content.decode()
    assert "54 results" in body


class TestRecordAction:
    url = "/framework/states/KEN/record/"

    def test_only_unodc_staff(self, client, actors):
        assert client.get(self.url).status_code == 302
        for role in ["focal_point", "partner", "donor"]:
            client.force_login(actors.user(role))
            assert client.get(self.url).status_code == 403
            assert client.post(self.url, {}).status_code == 403

    def test_reservation_then_denunciation(self, client, actors, recorded):
        client.force_login(actors.officer)
        instrument = recorded.pk
        missing_text = client.post(self.url, {"instrument": instrument, "kind": "reservation", "source": "x"})
        assert missing_text.status_code == 400 and "Give the text" in missing_text.content.decode()
        ok = client.post(
            self.url,
            {
                "instrument": instrument,
                "kind": "reservation",
                "text": "Art. 24(1) does not bind",
                "source": "C.N.1.2004",
            },
        )
        assert ok.status_code == 302
        early = client.post(
            self.url, {"instrument": instrument, "kind": "denunciation", "date": "1990-01-01", "source": "x"}
        )
        assert early.status_code == 400 and "was adopted on" in early.content.decode()
        client.post(
            self.url,
            {
                "instrument": instrument,
                "kind": "denunciation",
                "date": "2020-01-01",
                "effective_date": "2021-01-01",
                "source": "C.N.9.2020",
            },
        )
        from ctassist.treaties.models import Participation

        p = Participation.objects.get(state__iso3="KEN", instrument=recorded)
        assert p.status == "denounced" and p.denunciation_effective_date == datetime.date(2021, 1, 1)
        assert p.is_party_on(datetime.date(2020, 6, 1)) and not p.is_party_on(datetime.date(2021, 1, 1))

    def test_second_consent_is_refused(self, client, actors, recorded):
        client.force_login(actors.officer)
        response = client.post(
            self.url, {"instrument": recorded.pk, "kind": "ratification", "date": "2005-01-01", "source": "x"}
        )
        assert response.status_code == 400 and "already recorded" in response.content.decode()


def test_state_profile_links_to_the_country_profile(client):
    body = client.get(reverse("treaties:state_profile", args=["KEN"])).content.decode()
    assert f'href="{reverse("reporting:profile", args=["KEN"])}"' in body


def test_each_facts_source_is_a_link(client):
    from ctassist.treaties.sources import sources_for

    body = client.get(reverse("treaties:instrument_detail", args=["financing-1999"])).content.decode()
    for source in sources_for("financing-1999").values():
        assert f'href="{html.escape(source.url)}"' in body, source
