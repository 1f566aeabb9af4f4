import io

import docx
import pytest
from fpdf import FPDF

from ctassist.library.extraction import ExtractionError, extract_text, split_provisions

LAW = """Demonstration Act
An Act to make provision about demonstrations.
Section 1. Short title
This Act may be cited as the Demonstration Act.
Section 12(3) Financing of terrorism
A person who provides funds commits an offence.
Article 5
Each person shall comply."""


def _pdf(text: str, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in text.split("\n"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name,data", [("law.pdf", _pdf(LAW)), ("law.docx", _docx(LAW)), ("law.txt", LAW.encode())])
def test_extract_and_split(name, data):
    text = extract_text(name, data)
    drafts = split_provisions(text)
    assert [d.label for d in drafts] == ["Preamble", "Section 1", "Section 12(3)", "Article 5"]
    assert drafts[1].heading == "Short title"
    assert "provides funds" in drafts[2].text
    assert drafts[3].text == "Each person shall comply."


def test_no_markers_is_one_provision():
    assert [d.label for d in split_provisions("Just some text.")] == ["Full text"]


@pytest.mark.parametrize(
    "name,data,fragment",
    [
        ("empty.txt", b"", "empty"),
        ("bin.txt", b"\x00\x01\x02binary" * 10, "not text"),
        ("fake.pdf", b"hello", "not a PDF"),
        ("broken.pdf", b"%PDF-1.4 garbage", "could not be read"),
        ("locked.pdf", _pdf(LAW, password="secret"), "password"),
        ("bad.docx", b"PK\x03\x04 not a zip", "not a valid .docx"),
        ("blank.pdf", _pdf(" "), "No text"),
        ("x.exe", b"MZ....", "not read"),
    ],
)
def test_bad_files_get_clear_errors(name, data, fragment):
    with pytest.raises(ExtractionError) as exc:
        extract_text(name, data)
    assert fragment in str(exc.value)
