"""The printed directory and the other exports open and hold what they should."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from ctassist.core.exports import DEMO_MARKER
from ctassist.core.importing import read_bytes
from ctassist.core.testing import download
from ctassist.directory import exports
from ctassist.directory.importing import DirectoryImporter
from ctassist.directory.models import DirectoryEntry
from ctassist.directory.tests.conftest import PERSON_EMAIL, SECRET_EMAIL, SECRET_PHONE, make_entry


@pytest.fixture
def printed(actors):
    make_entry(actors.state)
    make_entry(actors.state, kind="fiu", name="Financial Reporting Centre (test)")
    return make_entry(
        actors.other_state,
        name="Central Authority of Peru (test)",
        name_local="Autoridad Central — Fiscalía de la Nación",
        requirements="Solicitud por escrito; traducción al español.",
    )


def _get(client, fmt, **params):
    # The printout (PDF, DOCX) runs as a job on the task queue; the helper follows it to the file.
    response = download(client, reverse("directory:entry_list"), {"export": fmt, **params})
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_pdf_is_grouped_by_state_and_type(actors, printed, client_for):
    response = _get(client_for("officer"), "pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Directory of competent national authorities" in text
    assert text.index("Kenya (KEN)") < text.index("Peru (PER)")
    assert text.index("Central Authority (test)") < text.index("Financial Reporting Centre (test)")
    assert "Fiscalía de la Nación" in text and SECRET_EMAIL in text and PERSON_EMAIL in text


@pytest.mark.django_db
def test_docx_opens_and_holds_the_entries(actors, printed, client_for):
    response = _get(client_for("officer"), "docx")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Kenya (KEN)", "Central authority for mutual legal assistance"]
    assert "Peru (PER)" in headings
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert SECRET_EMAIL in cells and SECRET_PHONE in cells


@pytest.mark.django_db
def test_filtered_selection_exports_only_the_selection(actors, printed, client_for):
    response = _get(client_for("officer"), "docx", state="PER")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Peru (PER)" in text and "Kenya (KEN)" not in text


@pytest.mark.django_db
def test_xlsx_and_csv(actors, printed, client_for):
    client = client_for("officer")
    workbook = openpyxl.load_workbook(io.BytesIO(_get(client, "xlsx").content))
    rows = list(workbook.active.iter_rows(values_only=True))
    # Headings a person reads (issue 10); the importer reads them back as its column names.
    assert rows[0][:4] == ("State", "ISO3", "Authority type", "Name") and len(rows) == 4
    reader = csv.DictReader(io.StringIO(_get(client, "csv").content.decode("utf-8-sig")))
    names = [row["Name"] for row in reader]
    assert "Central Authority of Peru (test)" in names


@pytest.mark.django_db
def test_a_formula_in_an_entry_is_neutralised_and_reads_back_unchanged(actors, client_for):
    make_entry(actors.state, name='=HYPERLINK("https://evil.example.org","Click")')
    for fmt in ("csv", "xlsx"):
        content = _get(client_for("officer"), fmt).content
        if fmt == "csv":
            assert "'=HYPERLINK" in content.decode("utf-8-sig")
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            assert [c for row in sheet.iter_rows(values_only=True) for c in row if str(c).startswith("=")] == []
        plan = DirectoryImporter().preview(read_bytes(f"directory.{fmt}", content))
        assert plan.errors == [] and plan.counts["unchanged"] == 1, fmt


@pytest.mark.django_db
def test_a_control_character_already_stored_breaks_no_export(actors, client_for):
    # Stored before input was cleaned (issue 19): a vertical tab made the XLSX and the DOCX answer 500.
    make_entry(actors.state, name="Central\x0bAuthority\x01 (stored)")  # services store what they are given
    for fmt in ("csv", "xlsx", "docx", "pdf"):
        response = _get(client_for("officer"), fmt)
        assert response.status_code == 200, fmt
    document = Document(io.BytesIO(_get(client_for("officer"), "docx").content))
    assert any("CentralAuthority (stored)" in p.text for p in document.paragraphs)


@pytest.mark.django_db
def test_exports_of_generated_entries_say_so(actors, client_for):
    make_entry(actors.state, is_demo=True)
    client = client_for("officer")
    lines = _get(client, "csv").content.decode("utf-8-sig").splitlines()
    assert lines[0].lstrip('"').startswith(DEMO_MARKER) and lines[1].startswith("State,")
    rows = list(openpyxl.load_workbook(io.BytesIO(_get(client, "xlsx").content)).active.iter_rows(values_only=True))
    assert str(rows[0][0]).startswith(DEMO_MARKER)
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(_get(client, "pdf").content)).pages)
    docx = "\n".join(p.text for p in Document(io.BytesIO(_get(client, "docx").content)).paragraphs)
    for text in (pdf, docx):
        assert DEMO_MARKER in text and "Demonstration data" in text
    # The notice line of the product's own export is read past: the file re-imports unchanged.
    plan = DirectoryImporter().preview(read_bytes("directory.csv", _get(client, "csv").content))
    assert plan.errors == [] and plan.counts["unchanged"] == 1 and plan.warnings


@pytest.mark.django_db
def test_exports_of_real_entries_carry_no_demonstration_notice(actors, client_for):
    make_entry(actors.state)
    assert not DirectoryEntry.objects.filter(is_demo=True).exists()
    client = client_for("officer")
    assert DEMO_MARKER not in _get(client, "csv").content.decode("utf-8-sig")
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(_get(client, "pdf").content)).pages)
    docx = "\n".join(p.text for p in Document(io.BytesIO(_get(client, "docx").content)).paragraphs)
    assert DEMO_MARKER not in pdf and DEMO_MARKER not in docx


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.mark.django_db
def test_vcard_parses(actors, client_for):
    entry = make_entry(
        actors.state,
        name="Office; of, the \\ Attorney-General",
        address="1 Example Street\nPlaceholder City",
        name_local="Ofisi ya Mwanasheria Mkuu wa Serikali — jina refu sana ambalo litakunjwa kwenye mistari miwili",
    )
    response = client_for("focal_point").get(reverse("directory:entry_vcard", args=[entry.pk]))
    assert response["Content-Type"].startswith("text/vcard")
    raw = response.content.decode("utf-8")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = _unfold(raw)
    assert lines.count("BEGIN:VCARD") == 2 and lines.count("END:VCARD") == 2
    assert "VERSION:4.0" in lines and "KIND:org" in lines
    assert "ORG:Office\\; of\\, the \\\\ Attorney-General" in lines
    assert "ADR;TYPE=work:;;1 Example Street\\nPlaceholder City;;;;Kenya" in lines
    assert "TEL;VALUE=uri;TYPE=work:tel:+16135550142" in lines
    assert f"EMAIL;TYPE=work:{SECRET_EMAIL}" in lines
    assert "FN:Demo Contact 0001" in lines and "TITLE:Legal officer" in lines
    fn = next(line for line in lines if line.startswith("FN:Office"))
    assert "jina refu sana" in fn


def test_fold_keeps_utf8_characters_whole():
    line = "NOTE:" + "Генеральная прокуратура " * 10
    folded = exports.fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(parts) == line


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), [("ar", ["كينيا", "بيرو"]), ("zh-hans", ["肯尼亚", "秘鲁"])])
def test_printout_in_arabic_and_chinese_has_every_glyph(actors, printed, client_for, language, words, caplog):
    import logging

    from django.conf import settings
    from django.utils import translation

    from ctassist.core.pdf import cjk_fonts
    from ctassist.core.testing import pdf_glyphs

    if language == "zh-hans" and cjk_fonts() is None:
        pytest.skip("Noto Sans CJK (Debian fonts-noto-cjk) is not installed; .ci/run installs it")
    caplog.set_level(logging.WARNING, logger="ctassist.core.pdf")
    client = client_for("officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # The locale middleware leaves the request's language active in this thread: restore it after.
    with translation.override(settings.LANGUAGE_CODE):
        glyphs = pdf_glyphs(_get(client, "pdf").content)
    with translation.override(language):
        title = str(exports._title())
    assert "".join(title.split()) in glyphs.compact() and title != "Directory of competent national authorities"
    for word in words:  # the State headings, in the language (CLDR)
        assert word in glyphs.compact()
    assert "Fiscalía de la Nación" in glyphs.text  # a Latin name inside the document keeps its font
    assert glyphs.notdef == []
    assert not [r for r in caplog.records if "without a glyph" in r.getMessage()]
