"""Import with preview: validation by row and column, nothing written when a row is bad."""

import csv
import io
import os
import subprocess
import sys

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from ctassist.core.importing import ImportRejected, read_bytes, read_text
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.importing import DirectoryImporter
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


def _table(text):
    return read_bytes("file.csv", text.encode())


def _plan(text):
    return DirectoryImporter().preview(_table(text))


def _counts(plan):
    return {k: plan.counts[k] for k in ("new", "changed", "unchanged")}


@pytest.mark.django_db
def test_good_file_imports_in_full(actors):
    plan = _plan(GOOD)
    assert plan.errors == [] and _counts(plan) == {"new": 2, "changed": 0, "unchanged": 0}
    DirectoryImporter().run(_table(GOOD), acting_user=actors.officer)
    kenya = DirectoryEntry.objects.get(name="Office of the Attorney-General (import)")
    assert kenya.status == EntryStatus.PUBLISHED and kenya.telephone_list == ["+254 20 555 0100", "+254 20 555 0101"]
    assert [c.email for c in kenya.contacts.all()] == ["a@example.org", "b@example.org"]
    assert kenya.urgent_by_email is True and kenya.channels == ["direct", "diplomatic"]
    assert DirectoryEntry.objects.get(name="Unidad de Extradiciones (import)").state == actors.other_state
    # Importing again changes nothing; a changed cell is an update, not a new entry.
    assert _counts(_plan(GOOD)) == {"new": 0, "changed": 0, "unchanged": 2}
    plan = _plan(GOOD.replace("ag@example.org", "ag2@example.org"))
    assert plan.counts["changed"] == 1
    # A changed row is applied as an edit of the entry it names (from its current version).
    version = kenya.version
    DirectoryImporter().run(_table(GOOD.replace("ag@example.org", "ag2@example.org")), acting_user=actors.officer)
    kenya.refresh_from_db()
    assert kenya.email_list == ["ag2@example.org"] and kenya.version == version + 1
    assert DomainEvent.objects.filter(type=DirectoryEvent.ENTRY_CHANGED, object_id=str(kenya.pk)).exists()


@pytest.mark.django_db
def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(actors):
    plan = _plan(BAD)
    text = "\n".join(plan.errors)
    assert "row 3, column telephones" in text
    assert "row 4, column state" in text and "Atlantis" in text
    assert "row 5, column emails" in text
    assert "row 5, column website" in text
    assert "row 5, column channels_accepted" in text
    assert "row 5, column urgent_by_email" in text
    assert not any(e.startswith("row 2") for e in plan.errors)
    assert {(p.row, p.column) for p in plan.problems} >= {(3, "telephones"), (4, "state"), (5, "emails")}
    logged, events = ChangeLogEntry.objects.count(), DomainEvent.objects.count()
    with pytest.raises(ImportRejected):
        DirectoryImporter().run(_table(BAD), acting_user=actors.officer)
    assert not DirectoryEntry.objects.exists()
    assert (ChangeLogEntry.objects.count(), DomainEvent.objects.count()) == (logged, events)


@pytest.mark.django_db
def test_missing_required_columns_are_named(actors):
    plan = _plan("state,name\nKenya,Office\n")
    assert plan.errors == ["The header row lacks the column(s): authority_type."] and not plan.rows


@pytest.mark.django_db
def test_pasted_table_and_the_exports_headings_are_read(actors):
    text = "State\tAuthority type\tName\nKenya\tmla\tPasted authority\n"
    plan = DirectoryImporter().preview(read_text(text))
    assert plan.errors == [] and plan.rows[0].label == "Pasted authority"
    assert plan.rows[0].display == ["Kenya", "Central authority for mutual legal assistance"]


@pytest.mark.django_db
def test_import_pages_preview_then_confirm(actors, client_for):
    client = client_for("officer")
    url = reverse("directory:import")
    preview = client.post(url, {"file": SimpleUploadedFile("authorities.csv", GOOD.encode())})
    assert preview.status_code == 200
    assert not DirectoryEntry.objects.exists()  # the preview writes nothing
    confirm = preview.context["confirm_form"].initial
    response = client.post(url, {"confirm": "1", **confirm})
    assert response.status_code == 302 and response["Location"] == reverse("directory:entry_list")
    assert DirectoryEntry.objects.count() == 2
    event = DomainEvent.objects.get(type=DirectoryEvent.IMPORTED)
    assert event.data["new"] == 2 and event.data["source"].startswith("authorities.csv, imported")


@pytest.mark.django_db
def test_a_tampered_confirmation_is_refused_and_writes_nothing(actors, client_for):
    client = client_for("officer")
    url = reverse("directory:import")
    preview = client.post(url, {"file": SimpleUploadedFile("authorities.csv", GOOD.encode())})
    token = preview.context["confirm_form"].initial["table"]
    for bad in (token[:-4] + "abcd", "not a signed table", ""):
        response = client.post(url, {"confirm": "1", "table": bad})
        assert response.status_code == 400
        assert "Nothing was imported" in response.content.decode()
    assert not DirectoryEntry.objects.exists()
    assert not DomainEvent.objects.filter(type=DirectoryEvent.IMPORTED).exists()


@pytest.mark.django_db
def test_import_page_shows_bad_rows(actors, client_for):
    response = client_for("officer").post(
        reverse("directory:import"), {"file": SimpleUploadedFile("authorities.csv", BAD.encode())}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "row 3, column telephones" in body and "Nothing will be written" in body
    assert 'name="confirm"' not in body
    assert not DirectoryEntry.objects.exists()


@pytest.mark.django_db
def test_import_is_refused_to_focal_points(actors, client_for):
    assert client_for("focal_point").get(reverse("directory:import")).status_code == 403


@pytest.mark.django_db
def test_xlsx_and_command(actors, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in GOOD.strip().splitlines():
        sheet.append(next(iter(csv.reader([line]))))
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
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written") as caught:
        call_command("import_directory", str(bad), stdout=out, stderr=err)
    assert caught.value.returncode == 2
    assert "row 3, column telephones" in err.getvalue()
    assert DirectoryEntry.objects.count() == 2


@pytest.mark.django_db
def test_command_dry_run_prints_the_plan(actors, tmp_path):
    path = tmp_path / "authorities.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_directory", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "2 new, 0 changed" in text and "row 2: Kenya" in text and "Unidad de Extradiciones (import)" in text
    assert "Dry run: nothing was written." in text and not DirectoryEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("missing.csv", None, "no such file"), ("binary.csv", b"\x00\x01\x02", "binary"), ("a.pdf", b"%PDF", ".xlsx")],
)
def test_command_refuses_unreadable_input_with_status_2(actors, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        call_command("import_directory", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.returncode == 2


def test_command_bad_input_exits_2_without_a_traceback(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x00\x01")
    done = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "django", "import_directory", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ctassist.config.settings_test"},
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "binary" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.django_db
def test_csv_export_reimports_unchanged(actors, entry, client_for):
    exported = client_for("officer").get(reverse("directory:entry_list"), {"export": "csv"}).content
    plan = DirectoryImporter().preview(read_bytes("directory.csv", exported))
    assert plan.errors == []
    assert _counts(plan) == {"new": 0, "changed": 0, "unchanged": 1}
