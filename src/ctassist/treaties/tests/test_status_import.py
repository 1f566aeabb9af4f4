"""Importing whole status pages: facts, notes and acts kept, completeness checked, generated data replaced."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from ctassist.treaties import queries
from ctassist.treaties.demo import generate as generate_participation
from ctassist.treaties.importing import ParticipationImporter
from ctassist.treaties.models import Instrument, Participation, ParticipationAction, StatusImport

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def importer_for(code, **options):
    return ParticipationImporter(Instrument.objects.get(code=code), **options)


def preview(code, name):
    importer = importer_for(code)
    return importer.preview(importer.read_file(name, (FIXTURES / name).read_bytes()))


def apply(code, name, user):
    importer = importer_for(code)
    return importer.run(importer.read_file(name, (FIXTURES / name).read_bytes()), acting_user=user)


@pytest.mark.parametrize(
    ("code", "name", "fmt", "parties"),
    [
        ("hostages-1979", "hostages_page.txt", "lines", 11),
        ("hostages-1979", "hostages_page.tsv", "tsv", 11),
        ("bombings-1997", "bombings_page.html", "html", 6),
        ("financing-1999", "financing_status.xml", "xml", 4),
        ("nuclear-terrorism-2005", "nuclear_terrorism_aligned.txt", "aligned", 3),
        ("protected-persons-1973", "protected_persons.csv", "csv", 3),
    ],
)
def test_every_shape_imports_for_its_instrument(code, name, fmt, parties, actors):
    generate_participation(seed=3)  # generated data first: the real table must replace every generated act
    assert Participation.objects.filter(instrument__code=code, is_demo=True).exists()
    importer = importer_for(code)
    table = importer.read_file(name, (FIXTURES / name).read_bytes())
    assert table.format == fmt
    plan = importer.run(table, acting_user=actors.officer)
    assert not plan.problems
    recorded = Participation.objects.filter(instrument__code=code)
    assert recorded.filter(status="party").count() == parties
    assert not recorded.filter(is_demo=True).exists()
    assert not ParticipationAction.objects.filter(participation__instrument__code=code, participation__is_demo=True).exists()
    assert Participation.objects.filter(is_demo=True).exclude(instrument__code=code).exists()  # the others keep theirs
    record = StatusImport.objects.get(instrument__code=code)
    assert record.as_at is not None and record.parties_read == parties and record.file_name == name
    assert record.imported_by == actors.officer.get_username()


def test_the_hostages_page_keeps_its_facts_notes_and_acts(actors):
    apply("hostages-1979", "hostages_page.txt", actors.officer)
    record = StatusImport.objects.get(instrument__code="hostages-1979")
    assert (record.as_at, record.declared_signatories, record.declared_parties) == (datetime.date(2024, 4, 18), 39, 176)
    assert record.entry_into_force == "3 June 1983, in accordance with article 18(1)."
    assert record.registration == "3 June 1983, No. 21931."
    assert (record.rows_read, record.signatories_read, record.parties_read) == (12, 6, 11)
    china = Participation.objects.get(instrument__code="hostages-1979", state__iso3="CHN")
    assert "Note 2: The Convention applies also to the Hong Kong Special Administrative Region." in china.notes
    assert "Note 3:" in china.notes and "Reservation: China does not consider itself bound" in china.notes
    [reservation] = china.actions.filter(kind="reservation")
    assert reservation.date == datetime.date(1993, 1, 26)  # made upon accession, as the section says
    assert reservation.text.startswith("China does not consider itself bound by paragraph 1 of article 16")
    germany = Participation.objects.get(instrument__code="hostages-1979", state__iso3="DEU")
    [objection] = germany.actions.filter(kind="objection")
    assert objection.text.startswith("Germany objects to the declaration made by Türkiye")
    assert "Note 4: The German Democratic Republic" in germany.notes
    netherlands = Participation.objects.get(instrument__code="hostages-1979", state__iso3="NLD")
    assert "Territorial application: 6 Dec 1988" in netherlands.notes and "Aruba" in netherlands.notes
    assert "Note 5: For the Kingdom in Europe and Aruba." in netherlands.notes
    turkiye = Participation.objects.get(instrument__code="hostages-1979", state__iso3="TUR")
    assert list(turkiye.actions.values_list("kind", flat=True).order_by("kind")) == ["accession", "declaration"]
    venezuela = Participation.objects.get(instrument__code="hostages-1979", state__iso3="VEN")
    assert venezuela.status == "signatory" and venezuela.signature_date == datetime.date(1979, 12, 18)


def test_a_table_shorter_than_declared_warns_with_both_numbers_and_still_applies(actors):
    plan = preview("hostages-1979", "hostages_page.txt")
    assert "The depositary declares 176 parties; the table has 11." in " ".join(plan.warnings)
    assert "The depositary declares 39 signatories; the table has 6 signatures." in " ".join(plan.warnings)
    assert plan.can_apply and not plan.problems
    complete = preview("financing-1999", "financing_status.xml")
    assert not [w for w in complete.warnings if "declares" in w]


def test_reimporting_the_same_page_changes_nothing(actors):
    apply("hostages-1979", "hostages_page.tsv", actors.officer)
    plan = preview("hostages-1979", "hostages_page.txt")
    assert plan.counts["changed"] == 0 and plan.counts["unchanged"] == 12 and not plan.can_apply


def test_a_real_table_removes_every_generated_act_of_its_instrument_only(actors):
    generate_participation(seed=11)
    hostages = Instrument.objects.get(code="hostages-1979")
    assert Participation.objects.filter(instrument=hostages, is_demo=True).count() > 100
    plan = preview("hostages-1979", "hostages_page.txt")
    assert any("generated (demonstration) participations of Hostages Convention 1979 will be removed" in w
               for w in plan.warnings)  # fmt: skip
    apply("hostages-1979", "hostages_page.txt", actors.officer)
    assert not Participation.objects.filter(instrument=hostages, is_demo=True).exists()
    assert not ParticipationAction.objects.filter(participation__instrument=hostages, participation__is_demo=True).exists()
    assert Participation.objects.filter(instrument=hostages).count() == 12
    assert Participation.objects.filter(instrument__code="bombings-1997", is_demo=True).exists()
    # Generating again leaves the imported instrument alone.
    generate_participation(seed=12)
    assert not Participation.objects.filter(instrument=hostages, is_demo=True).exists()
    assert queries.provenance(None, hostages).kind == queries.DEPOSITARY
    assert queries.provenance(None, Instrument.objects.get(code="bombings-1997")).is_demo


def test_a_failed_import_keeps_the_generated_data(actors):
    generate_participation(seed=11)
    importer = importer_for("hostages-1979")
    bad = (FIXTURES / "hostages_page.tsv").read_text().replace("15 Aug 1989 a", "31 Feb 1989 a")
    from ctassist.core.importing import ImportRejected

    with pytest.raises(ImportRejected, match="row 23, column Ratification"):
        importer.run(importer.read(text=bad), acting_user=actors.officer)
    assert Participation.objects.filter(instrument__code="hostages-1979", is_demo=True).count() > 100
    assert not StatusImport.objects.exists()


def test_provenance_says_where_the_status_comes_from(actors):
    hostages = Instrument.objects.get(code="hostages-1979")
    assert queries.provenance(None, hostages).text == "No status recorded"
    apply("hostages-1979", "hostages_page.txt", actors.officer)
    text = queries.provenance(None, hostages).text
    assert text.startswith("Status from the depositary (UN Treaty Collection), as at 18 April 2024, imported on ")


def test_dry_run_prints_the_status_date_the_declared_counts_and_the_warning(actors):
    out = io.StringIO()
    call_command("import_participation", "hostages-1979", str(FIXTURES / "hostages_page.txt"), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Status as at: 2024-04-18" in text
    assert "Declared by the depositary: 39 signatories, 176 parties; read: 6 signatures, 11 parties" in text
    assert "The depositary declares 176 parties; the table has 11." in text
    assert "Dry run: nothing was written." in text and not Participation.objects.exists()


def test_the_page_previews_an_html_upload_with_its_warnings_and_applies_it(client, actors):
    client.force_login(actors.officer)
    url = reverse("treaties:participation_import", args=["bombings-1997"])
    upload = io.BytesIO((FIXTURES / "bombings_page.html").read_bytes())
    upload.name = "bombings_page.html"
    response = client.post(url, {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200, body
    assert "The depositary declares 58 signatories; the table has 4 signatures." in body
    token = response.context["confirm_form"].initial["table"]
    assert client.post(url, {"confirm": "1", "table": token}).status_code == 302
    pakistan = Participation.objects.get(instrument__code="bombings-1997", state__iso3="PAK")
    assert pakistan.actions.filter(kind="declaration").exists()
    page = client.get(reverse("treaties:instrument_detail", args=["bombings-1997"])).content.decode()
    assert "Status from the depositary (UN Treaty Collection), as at 18 April 2024" in page
