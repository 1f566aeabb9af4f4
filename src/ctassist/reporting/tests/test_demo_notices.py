"""Every export and printed document of participation data says so when it holds generated data, and only then.

The walk covers the legal framework's exports (instruments list, participation list, ratification
matrix, parties by year), the dashboards' data, the country profile (DOCX, PDF), the directory's
printouts (PDF, DOCX, CSV) and the IATI activity file, with the demonstration generators' data present
(notice present) and with only real records (a depositary's table imported, an entry and an activity
recorded by an officer: no notice).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from ctassist.assistance.tests.factories import make_activity
from ctassist.core.demo import mark_demo_data_present
from ctassist.core.exports import DEMO_MARKER
from ctassist.core.testing import download
from ctassist.directory.tests.conftest import make_entry
from ctassist.treaties.demo import generate
from ctassist.treaties.importing import ParticipationImporter
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[2] / "treaties" / "tests" / "fixtures" / "hostages_page.txt"

EXPORTS = [
    ("treaties:instrument_list", [], {"export": "csv"}),
    ("treaties:instrument_list", [], {"export": "xlsx"}),
    ("treaties:state_list", [], {"export": "csv"}),
    ("treaties:participation_list", [], {"export": "csv"}),
    ("treaties:participation_list", [], {"export": "xlsx"}),
    ("treaties:matrix", [], {"export": "csv"}),
    ("treaties:matrix", [], {"export": "xlsx"}),
    ("treaties:instrument_detail", ["hostages-1979"], {"export": "csv"}),
    ("treaties:instrument_detail", ["hostages-1979"], {"export": "xlsx"}),
    ("reporting:dashboards", [], {"data": "ratifications", "export": "csv"}),
    ("reporting:dashboards", [], {"data": "activities", "export": "csv"}),
    ("reporting:dashboards", [], {"data": "participants", "export": "xlsx"}),
    ("reporting:profile_docx", ["KEN"], {}),
    ("reporting:profile_pdf", ["KEN"], {}),
    ("directory:entry_list", [], {"export": "pdf"}),
    ("directory:entry_list", [], {"export": "docx"}),
    ("directory:entry_list", [], {"export": "csv"}),
    ("funding:iati_xml", [], {}),
]


@pytest.fixture(autouse=True)
def iati_identifier(settings):
    settings.CTASSIST_IATI_ORG_REF = "XI-TEST-CTASSIST"


def directory_and_activity(actors, *, is_demo):
    """A published directory entry and an activity (the IATI file's content), generated or real."""
    make_entry(actors.state, is_demo=is_demo)
    make_activity(actors, is_demo=is_demo, title="Demonstration workshop" if is_demo else "National workshop")


def text_of(response) -> str:
    content = response.content
    kind = response["Content-Type"]
    if "spreadsheetml" in kind:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return "\n".join(" ".join(str(c or "") for c in row) for row in sheet.iter_rows(values_only=True))
    if "wordprocessingml" in kind:
        document = Document(io.BytesIO(content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if "xml" in kind:
        return content.decode("utf-8")
    if "pdf" in kind:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    return content.decode("utf-8-sig")


def walk(client) -> dict[str, str]:
    found = {}
    for name, args, query in EXPORTS:
        response = download(client, reverse(name, args=args), query)  # the printouts are long work: through their job
        assert response.status_code == 200, (name, query)
        found[f"{name} {query}"] = text_of(response)
    return found


def test_every_export_says_demonstration_data_when_it_holds_them(client, actors):
    generate(seed=5)
    directory_and_activity(actors, is_demo=True)
    client.force_login(actors.officer)
    for what, text in walk(client).items():
        assert DEMO_MARKER in text, f"{what} holds generated data but does not say so"


def test_no_export_says_demonstration_data_when_there_are_none(client, actors):
    mark_demo_data_present(False)
    importer = ParticipationImporter(Instrument.objects.get(code="hostages-1979"))
    importer.run(importer.read_file(FIXTURE.name, FIXTURE.read_bytes()), acting_user=actors.officer)
    directory_and_activity(actors, is_demo=False)
    client.force_login(actors.officer)
    for what, text in walk(client).items():
        assert DEMO_MARKER not in text and "DEMONSTRATION" not in text.upper(), f"{what} says demonstration data"
    matrix = client.get(reverse("treaties:matrix"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "Status from the depositary (UN Treaty Collection), as at 18 April 2024" in matrix
    profile = text_of(client.get(reverse("reporting:profile_docx", args=["KEN"])))
    assert "Status from the depositary (UN Treaty Collection), as at 18 April 2024" in profile
