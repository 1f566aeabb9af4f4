"""The one import pipeline: readers, limits, signed previews."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ctassist.core import importing
from ctassist.core.exports import demo_notice
from ctassist.core.importing import ImportRejected, Limits, Table


def test_csv_comma_and_semicolon_and_tabs():
    for text, fmt in (("name,state\nAna,KEN\n", "csv"), ("name;state\nAna;KEN\n", "csv"),
                      ("name\tstate\nAna\tKEN\n", "tsv")):  # fmt: skip
        table = importing.read_text(text)
        assert table.format == fmt
        assert table.header == ["name", "state"]
        assert [(r.number, r.cells) for r in table.rows] == [(2, ["Ana", "KEN"])]


def test_aligned_columns():
    text = "Participant          Signature       Ratification\nKenya                14 Dec 1973     2 Jan 2001 a\n"
    table = importing.read_text(text)
    assert table.format == "aligned"
    assert table.header == ["Participant", "Signature", "Ratification"]
    assert table.rows[0].cells == ["Kenya", "14 Dec 1973", "2 Jan 2001 a"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them_and_empty_rows_skipped():
    table = importing.read_text("a,b\n1,2\n,\n3,4\n")
    assert [r.number for r in table.rows] == [2, 4]
    assert list(table.records()) == [(2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "4"})]


def test_legacy_encoding_is_detected_and_reported():
    content = "nom;État;fonction\nJosé Martínez;Pérou;procureur général adjoint chargé des affaires pénales\n".encode(
        "cp1252"
    )
    table = importing.read_bytes("liste.csv", content)
    assert table.encoding.lower().replace("_", "-") in {"cp1252", "windows-1252", "latin-1", "iso-8859-1"}
    assert table.rows[0].cells[0] == "José Martínez"


def test_the_exports_demonstration_notice_is_skipped():
    table = importing.read_text(f'"{demo_notice()}",,\nname,state\nAna,KEN\n')
    assert table.header == ["name", "state"] and len(table.rows) == 1
    assert table.notes


def test_xlsx_and_its_formula_guard_read_back():
    book = openpyxl.Workbook()
    book.active.append(["name", "telephone"])
    book.active.append(["Ana", "'+254 20 555 0100"])
    out = io.BytesIO()
    book.save(out)
    table = importing.read_bytes("people.xlsx", out.getvalue())
    assert table.format == "xlsx" and table.rows[0].cells == ["Ana", "+254 20 555 0100"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", b"", "no rows"),
        ("a.csv", b"\x00\x01\x02binary", "binary"),
        ("a.pdf", b"%PDF-1.4", ".xlsx"),
        ("a.xlsx", b"PK\x03\x04 not really", "XLSX"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ImportRejected) as caught:
        importing.read_bytes(name, content)
    assert message in str(caught.value)


def test_limits_on_size_rows_and_cells():
    small = Limits(max_bytes=100, max_rows=2, max_cell=10)
    with pytest.raises(ImportRejected, match="larger than"):
        importing.read_text("a\n" + "x\n" * 200, limits=small)
    with pytest.raises(ImportRejected, match="more than 2 rows"):
        importing.read_text("a\n1\n2\n3\n", limits=small)
    with pytest.raises(ImportRejected, match="row 2, column 1"):
        importing.read_text("a\n" + "y" * 11 + "\n", limits=small)


def test_a_decompression_bomb_is_refused_before_it_is_opened():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))
    with pytest.raises(ImportRejected, match="expands"):
        importing.read_bytes("bomb.xlsx", out.getvalue(), limits=Limits(max_uncompressed=1024 * 1024))


def test_upload_size_is_checked_before_reading():
    upload = SimpleUploadedFile("big.csv", b"a\n" * 100)
    with pytest.raises(ImportRejected):
        importing.read_upload(upload, limits=Limits(max_bytes=50))


def test_signed_tables_round_trip_and_refuse_tampering():
    table = Table(header=["a"], rows=[importing.Row(2, ["1"])], name="x.csv", meta={"source": "UNTC"})
    token = table.dumps("test")
    again = Table.loads(token, "test")
    assert (again.header, again.rows[0].cells, again.meta) == (["a"], ["1"], {"source": "UNTC"})
    for bad in (token[:-3] + "abc", "garbage", ""):
        with pytest.raises(ImportRejected, match="expired or was altered"):
            Table.loads(bad, "test")
    with pytest.raises(ImportRejected):
        Table.loads(token, "another-importer")


class _Importer(importing.Importer):
    key = "test"

    def plan(self, table):
        plan = importing.Plan()
        for number, record in table.records():
            if not record.get("name"):
                plan.problem("empty", row=number, column="name")
            else:
                plan.add(importing.PlannedRow(number, importing.NEW, label=record["name"]))
        return plan

    def apply(self, plan, *, acting_user):
        self.applied = [r.label for r in plan.rows_to_write()]


@pytest.mark.django_db
def test_an_importer_applies_all_or_nothing():
    importer = _Importer()
    plan = importer.run(importing.read_text("name\nAna\nBo\n"), acting_user=None)
    assert importer.applied == ["Ana", "Bo"] and plan.counts["new"] == 2
    with pytest.raises(ImportRejected) as caught:
        _Importer().run(importing.read_text("name,x\nAna,1\n,2\n"), acting_user=None)
    assert caught.value.errors == ["row 3, column name: empty"]
