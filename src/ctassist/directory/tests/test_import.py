"""Import with preview: validation by row and column, nothing written when a row is bad."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from ctassist.core.models import DomainEvent
from ctassist.directory import importing
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import DirectoryEntry

HEADER = (
    "state,authority_type,name,telephones,emails,website,languages_accepted,channels_accepted,"
    "urgent_by_email,contact_name,contact_email\n"
)
GOOD = (
    HEADER + "Kenya,mla,Office of the Attorney-General (import),+254 20 555 0100; +254 20 555 0101,ag@example.org,"
    "https://ag.example.org,en;sw,direct;diplomatic,yes,"
    "Demo Contact 0001; Demo Contact 0002,a@example.org; b@example.org\n"
    + "PER,extradition,Unidad de Extradiciones (import),+51 1 555 0100,ext@example.org,,es,diplomatic,no,,\n"
)
BAD = (
    HEADER
    + "Kenya,mla,Fine row,+254 20 555 0100,ok@example.org,,en,direct,,,\n"
    + "Kenya,fiu,Bad phone,0720 555 0100,ok@example.org,,en,direct,,,\n"
    + "Atlantis,mla,Unknown State,,,,en,direct,,,\n"
    + "Peru,mla,Bad mail and url,,not-an-address,www.example.org,en,pigeon,maybe,,\n"
)


def _rows(text):
    return importing.read_rows("file.csv", text.encode())


@pytest.mark.django_db
def test_good_file_imports_in_full(actors):
    plan = importing.plan_import(_rows(GOOD))
    assert plan.errors == [] and plan.counts == {"new": 2, "changed": 0, "unchanged": 0}
    importing.apply_import(acting_user=actors.officer, rows=_rows(GOOD), source="test")
    kenya = DirectoryEntry.objects.get(name="Office of the Attorney-General (import)")
    assert kenya.status == EntryStatus.PUBLISHED and kenya.telephone_list == ["+254 20 555 0100", "+254 20 555 0101"]
    assert [c.email for c in kenya.contacts.all()] == ["a@example.org", "b@example.org"]
    assert kenya.urgent_by_email is True and kenya.channels == ["direct", "diplomatic"]
    assert DirectoryEntry.objects.get(name="Unidad de Extradiciones (import)").state == actors.other_state
    # Importing again changes nothing; a changed cell is an update, not a new entry.
    assert importing.plan_import(_rows(GOOD)).counts == {"new": 0, "changed": 0, "unchanged": 2}
    plan = importing.plan_import(_rows(GOOD.replace("ag@example.org", "ag2@example.org")))
    assert plan.counts["changed"] == 1


@pytest.mark.django_db
def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(actors):
    plan = importing.plan_import(_rows(BAD))
    text = "\n".join(plan.errors)
    assert "row 3, column telephones" in text
    assert "row 4, column state" in text and "Atlantis" in text
    assert "row 5, column emails" in text
    assert "row 5, column website" in text
    assert "row 5, column channels_accepted" in text
    assert "row 5, column urgent_by_email" in text
    assert not any(e.startswith("row 2") for e in plan.errors)
    with pytest.raises(importing.ImportRejected):
        importing.apply_import(acting_user=actors.officer, rows=_rows(BAD), source="test")
    assert not DirectoryEntry.objects.exists()


@pytest.mark.django_db
def test_import_pages_preview_then_confirm(actors, client_for):
    client = client_for("officer")
    url = reverse("directory:import")
    preview = client.post(url, {"file": SimpleUploadedFile("authorities.csv", GOOD.encode())})
    assert preview.status_code == 200
    assert not DirectoryEntry.objects.exists()  # the preview writes nothing
    confirm = preview.context["confirm_form"].initial
    response = client.post(url, {"confirm": "1", **confirm})
    assert response.status_code == 302
    assert DirectoryEntry.objects.count() == 2
    assert DomainEvent.objects.filter(type=DirectoryEvent.IMPORTED).exists()


@pytest.mark.django_db
def test_import_page_shows_bad_rows(actors, client_for):
    response = client_for("officer").post(
        reverse("directory:import"), {"file": SimpleUploadedFile("authorities.csv", BAD.encode())}
    )
    body = response.content.decode()
    assert "row 3, column telephones" in body and "Nothing will be written" in body
    assert 'name="confirm"' not in body


@pytest.mark.django_db
def test_import_is_refused_to_focal_points(actors, client_for):
    assert client_for("focal_point").get(reverse("directory:import")).status_code == 403


@pytest.mark.django_db
def test_xlsx_and_command(actors, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in GOOD.strip().splitlines():
        sheet.append(next(iter(__import__("csv").reader([line]))))
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "authorities.xlsx"
    path.write_bytes(buffer.getvalue())
    out = io.StringIO()
    call_command("import_directory", str(path), "--dry-run", stdout=out)
    assert "2 new" in out.getvalue() and not DirectoryEntry.objects.exists()
    call_command("import_directory", str(path), stdout=out)
    assert DirectoryEntry.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_directory", str(bad), stdout=out, stderr=io.StringIO())
    assert DirectoryEntry.objects.count() == 2


@pytest.mark.django_db
def test_csv_export_reimports_unchanged(actors, entry, client_for):
    exported = client_for("officer").get(reverse("directory:entry_list"), {"export": "csv"}).content
    plan = importing.plan_import(importing.read_rows("directory.csv", exported))
    assert plan.errors == []
    assert plan.counts == {"new": 0, "changed": 0, "unchanged": 1}
