"""Build invented DOCX and PDF resolutions for the parser tests.

All content is fictional (symbols in the 99th session, imaginary lighthouses).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _num(paragraph, level: int, num_id: int = 7) -> None:  # noqa: ANN001 - python-docx Paragraph
    """Give a paragraph automatic Word numbering (numId/ilvl), as drafters' templates do."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(num)
    paragraph._p.get_or_add_pPr().append(numpr)


def _footnote_ref(paragraph, note_id: int) -> None:  # noqa: ANN001 - python-docx Paragraph
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    run._r.append(ref)


def _lead(doc, lead: str, rest: str):  # noqa: ANN001, ANN202 - python-docx objects
    p = doc.add_paragraph()
    p.add_run(lead).italic = True
    p.add_run(rest)
    return p


def build_docx_with_word_features(path: Path) -> Path:
    """Italic leads split over runs, automatic numbering, real Word footnotes."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Resolution adopted by the General Assembly on 1 December 2044")
    doc.add_paragraph("[on the report of the Third Committee (A/99/600)]")
    doc.add_paragraph("99/903. Fictional resolution built as a Word document")
    doc.add_paragraph("The General Assembly,")
    p = doc.add_paragraph()
    p.add_run("Recalling").italic = True
    p.add_run(" also").italic = True  # one italic lead spread over two runs
    p.add_run(" its resolution 99/901 of 14 December 2044,")
    p = _lead(doc, "Noting with appreciation", " the imaginary handbook on lighthouse security")
    _footnote_ref(p, 1)
    p.add_run(",")
    p = _lead(doc, "Urges", " Member States to keep their lighthouses lit;")
    _num(p, 0)
    p = _lead(doc, "Requests", " the United Nations Office on Drugs and Crime to:")
    _num(p, 0)
    for text in ("Train lighthouse keepers;", "Publish guidance on:"):
        _num(doc.add_paragraph(text), 1)
    for text in ("Fog signals;", "Night watches;"):
        _num(doc.add_paragraph(text), 2)
    _num(doc.add_paragraph("Report on progress;"), 1)
    p = _lead(doc, "Also requests", " the Secretary-General to report on the implementation of the Strategy")
    _footnote_ref(p, 2)
    p.add_run(".")
    _num(p, 0)
    doc.add_paragraph("12th plenary meeting")
    doc.add_paragraph("1 December 2044")
    doc.save(path)
    _add_footnotes_part(path, {1: "A/99/123.", 2: "Resolution 60/288."})
    return path


def _add_footnotes_part(path: Path, notes: dict[int, str]) -> None:
    """python-docx cannot write footnotes: add word/footnotes.xml and its wiring to the package."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdFootnotes" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/></Relationships>',
    )
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"/></Types>'
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    parts["word/footnotes.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def build_docx_plain(path: Path) -> Path:
    """Typed numbers, a superscript footnote run and the footnote as a paragraph."""
    import docx

    doc = docx.Document()
    for text in (
        "Resolution adopted by the Economic and Social Council on 2 July 2099",
        "[on the recommendation of the Commission on Lighthouses (E/2099/9)]",
        "2099/7. Fictional Council resolution typed in Word",
        "The Economic and Social Council,",
    ):
        doc.add_paragraph(text)
    p = _lead(doc, "Recalling", " the Strategy")
    sup = p.add_run("1")
    sup.font.superscript = True
    p.add_run(",")
    _lead(doc, "1. ", "").runs[0].italic = False
    doc.paragraphs[-1].add_run("Decides").italic = True
    doc.paragraphs[-1].add_run(" to keep the lights on.")
    doc.add_paragraph("8th plenary meeting")
    doc.add_paragraph("2 July 2099")
    p = doc.add_paragraph()
    sup = p.add_run("1")
    sup.font.superscript = True
    p.add_run(" General Assembly resolution 60/288.")
    doc.save(path)
    return path


PDF_PARAGRAPHS = [
    "Resolution adopted by the General Assembly on 9 December 2044",
    "[on the report of the Third Committee (A/99/700)]",
    "99/904. Fictional resolution printed to PDF",
    "The General Assembly,",
    "Recalling its resolution 99/901 of 14 December 2044 on imaginary lighthouses, and recalling also the "
    "importance of keeping every lighthouse lit, staffed and maintained in accordance with the law,",
    "Noting with concern that many lighthouses remain unlit, in particular along long coastlines, "
    "and that their keepers lack training,",
    "1. Urges Member States to keep their lighthouses lit, to train their keepers and to share good "
    "practices with one another through regional organizations and the United Nations Office on "
    "Drugs and Crime;",
]
PDF_SPLIT = (
    "2. Requests the United Nations Office on Drugs and Crime to continue to provide technical "
    "assistance to Member States, upon request, for the implementation of the Strategy,1 including "
    "through training courses for lighthouse keepers, coastguards and",
    "prosecutors, and to report on its activities;",
)
PDF_AFTER = [
    "3. Also requests the Secretary-General to submit a report on the implementation of the present "
    "resolution.",
    "55th plenary meeting",
    "9 December 2044",
]


def build_pdf(path: Path) -> Path:
    """A text-layer PDF with running headers, wrapped lines and a paragraph split by a page break."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"A/RES/99/904    {self.page_no()}/2")
            self.ln(12)

    pdf = Doc(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)

    def para(text: str) -> None:
        pdf.multi_cell(0, 6, text)
        pdf.ln(3)

    for text in PDF_PARAGRAPHS:
        para(text)
    para(PDF_SPLIT[0])
    pdf.set_y(-40)
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, "1 Resolution 60/288.")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    para(PDF_SPLIT[1])
    for text in PDF_AFTER:
        para(text)
    pdf.output(str(path))
    return path
