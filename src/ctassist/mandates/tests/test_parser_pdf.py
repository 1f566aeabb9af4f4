"""A PDF laid out like an official UN resolution: masthead, job number, bar code, running
headers and footers, raised footnote markers glued to punctuation, paragraph numbers in the
margin, a section heading, footnotes at the page foot. Read through the layout-aware reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctassist.mandates.parser import parse_file
from ctassist.mandates.parser.readers import read_path

pytest.importorskip("fpdf")
pytest.importorskip("pdfplumber")

TITLE = ("80/99. Review of the fictional peacebuilding architecture of the United Nations and of the", "financing of its lighthouses")


def build_un_pdf(path: Path) -> Path:
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, "A/RES/80/99    Review of the fictional peacebuilding architecture of the United")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, f"{self.page_no()}/2    25-18769" if self.page_no() > 1 else "25-18769 (E)    101225")

    pdf = Doc(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 15, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for line in ("United Nations    A/RES/80/99", "General Assembly    Distr.: General", "9 December 2025",
                 "Eightieth session", "Agenda item 60", "*2518769*"):
        pdf.cell(0, 5, line)
        pdf.ln(5)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 5, "Resolution adopted by the General Assembly on 8 December 2025")
    pdf.ln(6)
    pdf.cell(0, 5, "[without reference to a Main Committee (A/80/L.4)]")
    pdf.ln(8)
    pdf.set_font("Helvetica", "B", 12)
    for line in TITLE:
        pdf.cell(0, 6, line)
        pdf.ln(6)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)

    def para(parts: list[tuple[str, bool]], number: str | None = None) -> None:
        if number:
            pdf.set_x(20)
            pdf.cell(10, 5, number)
            pdf.set_left_margin(30)
        for text, sup in parts:
            if sup:
                pdf.char_vpos = "SUP"
                pdf.write(5, text)
                pdf.char_vpos = "LINE"
            else:
                pdf.write(5, text)
        pdf.set_left_margin(20)
        pdf.ln(8)

    pdf.write(5, "The General Assembly,")
    pdf.ln(8)
    para([("Recalling the International Convention for the Suppression of Acts of Nuclear Terrorism,", False),
          ("1", True)])
    para([("Reaffirming that lighthouses contribute to peace and security and that their keepers deserve "
           "support from the Secretary-General;", False), ("2", True)])
    para([("Welcomes the report of the Secretary-General on the lighthouses of the world and on the financing "
           "of their keepers;", False)], "1.")
    pdf.set_y(-40)
    pdf.set_font("Helvetica", size=8)
    pdf.char_vpos = "SUP"
    pdf.write(4, "1")
    pdf.char_vpos = "LINE"
    pdf.write(4, " United Nations, Treaty Series, vol. 2445, No. 44004.")
    pdf.ln(5)
    pdf.char_vpos = "SUP"
    pdf.write(4, "2")
    pdf.char_vpos = "LINE"
    pdf.write(4, " A/80/123.")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5, "Lighthouse financing")
    pdf.ln(8)
    pdf.set_font("Helvetica", size=10)
    para([("Urges Member States to contribute to the fund in this regard: (a) through assessed contributions; "
           "(b) through voluntary contributions;", False)], "2.")
    para([("Decides to remain seized of the matter.", False)], "3.")
    pdf.cell(0, 5, "40th plenary meeting")
    pdf.ln(5)
    pdf.cell(0, 5, "8 December 2025")
    pdf.output(str(path))
    return path


def test_official_layout(tmp_path: Path) -> None:
    path = build_un_pdf(tmp_path / "A_RES_80_99.pdf")
    res = parse_file(path)
    assert res.symbol == "A/RES/80/99"
    assert res.title == ("Review of the fictional peacebuilding architecture of the United Nations and of the "
                         "financing of its lighthouses")
    assert (res.committee_report, res.draft_symbol) == (None, "A/80/L.4")
    assert res.adopted_on.isoformat() == "2025-12-08"
    assert [p.verb for p in res.preamble] == ["recalling", "reaffirming"]
    assert res.preamble[0].text.endswith("Acts of Nuclear Terrorism,")
    assert [p.footnotes for p in res.preamble] == [[1], [2]]
    assert [p.number for p in res.operative] == [1, 2, 3]
    assert [p.heading for p in res.operative] == [None, "Lighthouse financing", None]
    assert [s.label for s in res.operative[1].subparagraphs] == ["(a)", "(b)"]
    assert [f.text for f in res.footnotes] == ["United Nations, Treaty Series, vol. 2445, No. 44004.", "A/80/123."]
    text = " ".join(p.text for p in res.paragraphs)
    for furniture in ("25-18769", "2518769", "A/RES/80/99", "Distr", "2/2"):
        assert furniture not in text


def test_raised_markers_become_superscripts(tmp_path: Path) -> None:
    text = read_path(build_un_pdf(tmp_path / "A_RES_80_99.pdf"))
    assert "Terrorism,¹" in text
    assert "Secretary-General;²" in text
