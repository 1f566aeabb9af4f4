"""The one export path: formulas neutralised, BOM, human headers, the demonstration notice."""

import csv
import io

import openpyxl
import pytest

from ctassist.core import exports

pytestmark = pytest.mark.django_db


def _csv_lines(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return body[1:].splitlines()


def test_formulas_and_control_characters_are_neutralised():
    response = exports.export_response(
        ["Title"], [["=HYPERLINK(\"http://example.invalid\")"], ["+1 555 0100"], ["-x"], ["@SUM(A1)"], ["a\x0bb"]],
        "csv", filename="t", demo=False,
    )  # fmt: skip
    lines = _csv_lines(response)
    assert lines[0] == "Title"
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2] == "'+1 555 0100" and lines[3] == "'-x"
    assert lines[4] == "'@SUM(A1)" and lines[5] == "ab"


def test_xlsx_opens_with_the_same_cells():
    response = exports.export_response(["Title", "Count"], [["=1+1", 3]], "xlsx", filename="t", demo=False)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["Title", "Count"]
    assert [c.value for c in sheet[2]] == ["'=1+1", 3]
    assert response["Content-Disposition"] == 'attachment; filename="t.xlsx"'


def test_the_demonstration_notice_opens_the_file_when_the_rows_hold_generated_data():
    with_demo = list(csv.reader(_csv_lines(exports.export_response(["A"], [["x"]], "csv", filename="t", demo=True))))
    assert with_demo[0][0].startswith(exports.DEMO_MARKER) and with_demo[1] == ["A"]
    without = _csv_lines(exports.export_response(["A"], [["x"]], "csv", filename="t", demo=False))
    assert without[0] == "A"


def test_humanize_headers():
    assert exports.humanize("last_verified_on") == "Last verified on"
    assert exports.humanize("state__name") == "State name"
