"""DOCX and PDF input (built in the test) and content sniffing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ctassist.mandates.parser import ParseError, parse_file

from .builders import build_docx_plain, build_docx_with_word_features, build_pdf

pytest.importorskip("docx")


def test_docx_with_italic_runs_auto_numbering_and_word_footnotes(tmp_path: Path) -> None:
    res = parse_file(build_docx_with_word_features(tmp_path / "fictional.docx"))
    assert (res.symbol, res.body, res.committee_report) == ("A/RES/99/903", "GA", "A/99/600")
    assert res.adopted_on.isoformat() == "2044-12-01"
    assert [p.lead for p in res.preamble] == ["Recalling also", "Noting with appreciation"]
    assert res.preamble[1].text == "Noting with appreciation the imaginary handbook on lighthouse security,"
    assert res.preamble[1].footnotes == [1]
    # Word's automatic numbering is not in the text runs; the reader rebuilds it.
    assert [p.number for p in res.operative] == [1, 2, 3]
    assert [s.label for s in res.operative[1].subparagraphs] == ["(a)", "(b)", "(c)"]
    sub_b = res.operative[1].subparagraphs[1]
    assert sub_b.text == "Publish guidance on: (i) Fog signals; (ii) Night watches;"
    assert res.operative[2].footnotes == [2]
    assert [(f.number, f.text) for f in res.footnotes] == [(1, "A/99/123."), (2, "Resolution 60/288.")]
    assert res.citations == ["A/RES/99/901", "A/99/123", "A/RES/60/288"]


def test_docx_with_superscript_run_footnote(tmp_path: Path) -> None:
    res = parse_file(build_docx_plain(tmp_path / "council.docx"))
    assert (res.symbol, res.body) == ("E/RES/2099/7", "ECOSOC")
    assert res.preamble[0].text == "Recalling the Strategy,"
    assert res.preamble[0].footnotes == [1]
    assert res.footnotes[0].text == "General Assembly resolution 60/288."
    assert res.operative[0].verb == "decides"


def test_pdf_text_layer(tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    pytest.importorskip("pypdf")
    res = parse_file(build_pdf(tmp_path / "printed.pdf"))
    assert (res.symbol, res.title) == ("A/RES/99/904", "Fictional resolution printed to PDF")
    assert res.adopted_on.isoformat() == "2044-12-09"
    # Wrapped lines are joined; the running header "A/RES/99/904 2/2" is dropped.
    assert [p.lead for p in res.preamble] == ["Recalling", "Noting with concern"]
    assert res.preamble[0].text.endswith("maintained in accordance with the law,")
    assert [p.number for p in res.operative] == [1, 2, 3]
    op2 = res.operative[1]
    assert "the Strategy, including through training" in op2.text
    assert op2.text.endswith("coastguards and prosecutors, and to report on its activities;")
    assert op2.footnotes == [1]
    assert "A/RES/99/904" not in " ".join(p.text for p in res.paragraphs)


def test_format_is_sniffed_not_taken_from_the_extension(tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    pdf = build_pdf(tmp_path / "printed.pdf")
    disguised = tmp_path / "really_a_pdf.txt"
    shutil.copy(pdf, disguised)
    assert parse_file(disguised).symbol == "A/RES/99/904"
    docx = build_docx_plain(tmp_path / "council.docx")
    renamed = tmp_path / "council.md"
    shutil.copy(docx, renamed)
    assert parse_file(renamed).symbol == "E/RES/2099/7"


def test_text_named_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("The General Assembly,\n1. Decides.", encoding="utf-8")
    with pytest.raises(ParseError, match=r"fake\.pdf: not a PDF file"):
        parse_file(fake)


def test_damaged_pdf_and_docx(tmp_path: Path) -> None:
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"%PDF-1.7\n" + b"garbage " * 50)
    with pytest.raises(ParseError, match=r"bad\.pdf: (unreadable PDF|PDF has no text layer)"):
        parse_file(bad_pdf)
    bad_zip = tmp_path / "bad.docx"
    bad_zip.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ParseError, match=r"bad\.docx: damaged ZIP"):
        parse_file(bad_zip)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ParseError, match="ZIP archive, not a DOCX document"):
        parse_file(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # drawing only, like a scan without OCR
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ParseError, match=r"scan\.pdf: PDF has no text layer"):
        parse_file(path)


def test_utf8_bom_and_cp1252_text(tmp_path: Path) -> None:
    source = (Path(__file__).parent / "documents" / "S_RES_9901_2099.txt").read_text(encoding="utf-8")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))
    assert parse_file(bom).symbol == "S/RES/9901 (2099)"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(source.replace("Reaffirming its", "Reaffirming \u2018its\u2019").encode("cp1252"))
    assert "\u2018its\u2019" in parse_file(legacy).preamble[0].text
