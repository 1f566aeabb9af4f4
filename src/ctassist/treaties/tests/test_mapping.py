"""Other depositaries' lists (ICAO, IMO) through the column-mapping step, saved as profiles and reused."""

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse

from ctassist.core.importing import (
    ImportRejected,
    MappingField,
    Row,
    Table,
    guess_mapping,
    map_table,
    mapping_from_headers,
)
from ctassist.core.models import ColumnMapping
from ctassist.treaties import queries, untc
from ctassist.treaties.demo import generate as generate_participation
from ctassist.treaties.importing import ParticipationImporter
from ctassist.treaties.models import Instrument, Participation, StatusImport

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
FIELDS = ParticipationImporter.mapping_fields


def test_the_guess_reads_an_icao_and_an_imo_header():
    icao = ["State", "Date of signature", "Date of deposit of instrument", "Type of instrument", "Effective date"]
    assert guess_mapping(icao, FIELDS) == {"state": 0, "signature": 1, "consent": 2, "kind": 3, "in_force": 4,
                                           "denunciation": None, "notes": None}  # fmt: skip
    imo = ["Contracting State", "Date of signature", "Date of deposit of instrument", "Type of instrument",
           "Date of entry into force", "Remarks"]  # fmt: skip
    assert guess_mapping(imo, FIELDS) == {"state": 0, "signature": 1, "consent": 2, "kind": 3, "in_force": 4,
                                          "denunciation": None, "notes": 5}  # fmt: skip


def test_map_table_and_its_refusals():
    fields = [MappingField("a", "A", "Alpha", required=True), MappingField("b", "B", "Beta")]
    table = Table(header=["x", "y"], rows=[Row(2, ["1", "2"])])
    mapped = map_table(table, {"a": 1, "b": None}, fields)
    assert mapped.header == ["Alpha"] and mapped.rows[0].cells == ["2"] and mapped.meta["mapping"] == "A ← y"
    with pytest.raises(ImportRejected, match="Say which column holds “A”"):
        map_table(table, {"a": None, "b": 0}, fields)
    with pytest.raises(ImportRejected, match="cannot both be read from one column"):
        map_table(table, {"a": 0, "b": 0}, fields)
    with pytest.raises(ImportRejected, match="no column 5"):
        map_table(table, {"a": 4}, fields)
    assert mapping_from_headers(["Y", "X"], {"a": "x", "b": "z"}) == {"a": 1, "b": None}


@pytest.mark.parametrize(
    ("cell", "iso"),
    [("10/04/2002", "2002-04-10"), ("1.7.2018", "2018-07-01"), ("14-Oct-2005", "2005-10-14"),
     ("October 14, 2005", "2005-10-14"), ("9 May 2008", "2008-05-09"), ("", ""), ("soon", "soon")],
)  # fmt: skip
def test_other_depositaries_dates(cell, iso):
    assert untc.normalise_date(cell) == iso


def test_an_icao_list_imports_through_the_mapping_step(actors):
    instrument = Instrument.objects.get(code="beijing-convention-2010")
    generate_participation(seed=4)
    assert Participation.objects.filter(instrument=instrument, is_demo=True).exists()
    importer = ParticipationImporter(instrument)
    raw = importer.read_file("icao.txt", (FIXTURES / "icao_beijing_2010.txt").read_bytes())
    assert importer.needs_mapping(raw)
    table = importer.mapped(raw, guess_mapping(raw.header, FIELDS))
    plan = importer.run(table, acting_user=actors.officer)
    assert not plan.problems and plan.counts["new"] + plan.counts["changed"] == 5  # changed: generated rows replaced
    assert not Participation.objects.filter(instrument=instrument, is_demo=True).exists()  # never a mix
    austria = Participation.objects.get(instrument=instrument, state__iso3="AUT")
    assert (austria.signature_date, austria.consent_date, austria.consent_kind) == (
        datetime.date(2010, 9, 10), datetime.date(2016, 2, 4), "ratification")  # fmt: skip
    assert "Entry into force for the State: 2018-07-01" in austria.notes
    assert Participation.objects.get(instrument=instrument, state__iso3="MAR").status == "signatory"
    assert StatusImport.objects.get(instrument=instrument).depositary == "icao"
    assert queries.provenance(None, instrument).text.startswith("Status from the depositary (ICAO), imported on ")


class TestMappingPages:
    def post_file(self, client, code, name, **data):
        upload = io.BytesIO((FIXTURES / name).read_bytes())
        upload.name = name
        return client.post(reverse("treaties:participation_import", args=[code]), {"file": upload, **data})

    def test_an_imo_list_is_mapped_saved_as_a_profile_and_reused(self, client, actors):
        client.force_login(actors.officer)
        generate_participation(seed=4)
        assert Participation.objects.filter(instrument__code="sua-protocol-2005", is_demo=True).exists()
        url = reverse("treaties:participation_import", args=["sua-protocol-2005"])
        first = self.post_file(client, "sua-protocol-2005", "imo_sua_protocol_2005.csv")
        assert first.status_code == 200 and "mapping_form" in first.context
        form = first.context["mapping_form"]
        assert form.initial["col_state"] == "0" and form.initial["col_notes"] == "5"
        data = {**form.initial, "map": "1", "save_as": "IMO status list"}
        data = {k: ("" if v is None else v) for k, v in data.items()}
        preview = client.post(url, data)
        assert preview.status_code == 200, preview.content.decode()[:2000]
        plan = preview.context["plan"]
        assert plan.counts["new"] + plan.counts["changed"] == 5 and not plan.problems
        assert "Columns read" in preview.content.decode()
        profile = ColumnMapping.objects.get(importer="participation", name="IMO status list")
        assert profile.columns["consent"] == "Date of deposit of instrument"
        assert client.post(url, {"confirm": "1", "table": preview.context["confirm_form"].initial["table"]}).status_code == 302
        assert not Participation.objects.filter(instrument__code="sua-protocol-2005", is_demo=True).exists()
        marshall = Participation.objects.get(instrument__code="sua-protocol-2005", state__iso3="MHL")
        assert marshall.consent_kind == "definitive-signature" and marshall.consent_date == datetime.date(2008, 5, 9)
        austria = Participation.objects.get(instrument__code="sua-protocol-2005", state__iso3="AUT")
        assert "Depositary's remarks: With a declaration" in austria.notes
        assert StatusImport.objects.get(instrument__code="sua-protocol-2005").depositary == "imo"
        # The next list from IMO, for another instrument, goes straight to the preview with the saved profile.
        again = self.post_file(client, "fixed-platforms-protocol-2005", "imo_sua_protocol_2005.csv",
                               mapping_profile=str(profile.pk))  # fmt: skip
        assert again.status_code == 200 and "mapping_form" not in again.context
        assert sum(again.context["plan"].counts[k] for k in ("new", "changed")) == 5

    def test_a_wrong_mapping_is_shown_again_with_the_reason(self, client, actors):
        client.force_login(actors.officer)
        first = self.post_file(client, "sua-protocol-2005", "imo_sua_protocol_2005.csv")
        data = {k: ("" if v is None else v) for k, v in first.context["mapping_form"].initial.items()}
        data.update({"map": "1", "col_state": "", "col_kind": "2"})
        response = client.post(reverse("treaties:participation_import", args=["sua-protocol-2005"]), data)
        body = response.content.decode()
        assert response.status_code == 400 and "Say which column holds “State”" in body
        assert "cannot both be read from one column" in body and not Participation.objects.exists()

    def test_a_tampered_mapping_step_is_refused(self, client, actors):
        client.force_login(actors.officer)
        response = client.post(reverse("treaties:participation_import", args=["sua-protocol-2005"]),
                               {"map": "1", "raw": "forged", "col_state": "0"})  # fmt: skip
        assert response.status_code == 400 and "expired or was altered" in response.content.decode()

    def test_a_untc_table_needs_no_mapping(self, client, actors):
        client.force_login(actors.officer)
        response = self.post_file(client, "hostages-1979", "hostages_page.tsv")
        assert response.status_code == 200 and "mapping_form" not in response.context
