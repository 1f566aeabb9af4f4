"""Word documents: the Secretary-General's report in the shape of a UN report, and country profiles.

The report is rendered from ``Report.content`` (see ``builder``). Footnotes are written as an
endnote-style list ("Notes") after the conclusions: python-docx has no footnote API, and officers
move them into real footnotes when they edit the draft.
"""

from __future__ import annotations

import copy
import datetime
import io
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ctassist.core.docx import language_of_document, right_to_left
from ctassist.core.exports import demo_notice
from ctassist.core.pdf import is_rtl, pdf_language
from ctassist.reporting.builder.demo import DEMO_NOTICE
from ctassist.reporting.builder.text import day, roman, shown

FONT = "Times New Roman"


def _base_document() -> Any:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        heading = document.styles[name]
        heading.font.name = FONT
        heading.font.color.rgb = RGBColor(0, 0, 0)
    document.styles["Heading 1"].font.size = Pt(12)
    document.styles["Heading 2"].font.size = Pt(11)
    document.styles["Heading 3"].font.size = Pt(10)
    return document


def _heading(document: Any, text: str, level: int, center: bool = False) -> None:
    paragraph = document.add_heading(text, level=level)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.left_indent = Cm(0 if center else 1.0 if level == 1 else 1.0)
    paragraph.paragraph_format.first_line_indent = Cm(0 if center else -1.0 if level == 1 else 0)
    paragraph.paragraph_format.space_before = Pt(12)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph.runs:
        run.font.name = FONT
        run.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = run._element.rPr.rFonts if run._element.rPr is not None else None
        if rfonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)


def _superscript(paragraph: Any, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.superscript = True


def _text_of(part: Any, figures: dict[str, Any]) -> str:
    if isinstance(part, dict):
        figure = figures.get(part.get("f", ""), {})
        return shown(figure.get("value", "?"))
    return str(part)


def _numbered(document: Any, block: dict[str, Any], figures: dict[str, Any]) -> None:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(2.0)
    fmt.first_line_indent = Cm(-1.0)
    fmt.tab_stops.add_tab_stop(Cm(2.0))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.add_run(f"{block['n']}.\t")
    for part in block["parts"]:
        paragraph.add_run(_text_of(part, figures))
    for note in block.get("notes", []):
        _superscript(paragraph, str(note))


def _cell_text(cell: Any, text: str, bold: bool = False, size: int = 9) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


WIDTHS = {
    5: (2.0, 6.0, 2.8, 3.0, 2.2),
    4: (4.5, 4.5, 2.5, 4.5),
    2: (9.0, 5.0),
}


def _table(
    document: Any, headers: list[str], rows: list[list[Any]], figures: dict[str, Any], widths: Any = None
) -> None:
    """A ruled table; rows are appended by copying one prepared row (python-docx's add_row is slow)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = widths or WIDTHS.get(len(headers))
    for index, (cell, header) in enumerate(zip(table.rows[0].cells, headers, strict=False)):
        _cell_text(cell, header, bold=True)
        if widths:
            cell.width = Cm(widths[index])
            table.columns[index].width = Cm(widths[index])
    header_row = table.rows[0]._tr
    tr_pr = header_row.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    if not rows:
        return
    template = copy.deepcopy(header_row)
    template.remove(template.find(qn("w:trPr")))
    for run in template.iter(qn("w:b")):
        run.getparent().remove(run)
    texts = list(template.iter(qn("w:t")))
    tbl = table._tbl
    for row in rows:
        for t, value in zip(texts, row, strict=False):
            t.text = _text_of(value, figures)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        tbl.append(copy.deepcopy(template))


def _page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def clearance_text(clearance: dict[str, Any] | None) -> str:
    """What the DOCX says of the narrative's clearance, in its header and on its first page."""
    clearance = clearance or {}
    if clearance.get("cleared"):
        when = clearance.get("cleared_on", "")
        on = f" on {day(datetime.date.fromisoformat(when))}" if when else ""
        who = f" by {clearance['cleared_by']}" if clearance.get("cleared_by") else ""
        return f"Narrative cleared{who}{on} (version {clearance.get('version')})"
    if clearance.get("version"):
        return f"NOT CLEARED — narrative version {clearance['version']} ({clearance.get('label', 'draft')}), not yet cleared"
    return "NOT CLEARED — computed draft generated by ctassist, to be edited"


def report_docx(content: dict[str, Any]) -> bytes:
    """The report as a DOCX an officer edits (symbol placeholder, DRAFT marks, numbered paragraphs)."""
    document = _base_document()
    figures = content.get("figures", {})
    header = document.sections[0].header.paragraphs[0]
    clearance_line = clearance_text(content.get("clearance"))
    header.text = f"{content['symbol']}\tDRAFT — {clearance_line}"
    if content.get("demo"):
        footer = document.sections[0].footer.paragraphs[0]
        footer_run = footer.add_run(DEMO_NOTICE)
        footer_run.bold = True
        footer_run.font.size = Pt(8)
        footer_run.font.color.rgb = RGBColor(0xA1, 0x1F, 0x4A)
    first = document.add_table(rows=1, cols=2)
    _cell_text(first.rows[0].cells[0], "United Nations", bold=True, size=14)
    right = first.rows[0].cells[1].paragraphs[0]
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = right.add_run(content["symbol"])
    run.bold = True
    run.font.size = Pt(16)
    draft = right.add_run("  [DRAFT — symbol to be assigned]")
    draft.font.size = Pt(9)
    draft.font.color.rgb = RGBColor(0xA1, 0x1F, 0x4A)
    second = document.add_table(rows=1, cols=2)
    _cell_text(second.rows[0].cells[0], "General Assembly", bold=True, size=18)
    distr = second.rows[0].cells[1].paragraphs[0]
    distr.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    distr.add_run("Distr.: General\n[date]\nOriginal: English").font.size = Pt(9)
    document.add_paragraph("[Session]\n[Agenda item]").runs[0].font.size = Pt(9)

    if content.get("demo"):
        notice = document.add_paragraph()
        notice.paragraph_format.space_before = Pt(12)
        notice_run = notice.add_run(DEMO_NOTICE)
        notice_run.bold = True
        notice_run.font.color.rgb = RGBColor(0xA1, 0x1F, 0x4A)

    mark = document.add_paragraph()
    mark_run = mark.add_run(clearance_line)
    mark_run.bold = True
    if not (content.get("clearance") or {}).get("cleared"):
        mark_run.font.color.rgb = RGBColor(0xA1, 0x1F, 0x4A)

    title = document.add_paragraph()
    title.paragraph_format.space_before = Pt(18)
    title_run = title.add_run(content["title"])
    title_run.bold = True
    title_run.font.size = Pt(16)
    subtitle = document.add_paragraph()
    subtitle_run = subtitle.add_run(content["subtitle"])
    subtitle_run.bold = True
    subtitle_run.font.size = Pt(12)

    summary_heading = document.add_paragraph()
    summary_heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary_heading.add_run("Summary").bold = True
    summary = document.add_paragraph("".join(_text_of(part, figures) for part in content["summary"]))
    summary.paragraph_format.left_indent = Cm(2.0)
    summary.paragraph_format.right_indent = Cm(1.0)
    summary.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    for chapter in content["chapters"]:
        _heading(document, chapter["heading"], 1)
        _blocks(document, chapter["blocks"], figures)
        for section in chapter["sections"]:
            _heading(document, section["heading"], 2)
            _blocks(document, section["blocks"], figures)

    if content.get("notes"):
        _heading(document, "Notes", 2)
        for number, text in enumerate(content["notes"], start=1):
            note = document.add_paragraph()
            note.paragraph_format.left_indent = Cm(1.0)
            note.paragraph_format.first_line_indent = Cm(-0.5)
            _superscript(note, str(number))
            note.add_run(f" {text}").font.size = Pt(9)

    for number, annex in enumerate(content.get("annexes", []), start=1):
        _page_break(document)
        _heading(document, f"Annex {roman(number)}", 1, center=True)
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.add_run(annex["title"]).bold = True
        if annex.get("intro"):
            document.add_paragraph(annex["intro"]).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if annex["rows"]:
            _table(document, annex["headers"], annex["rows"], figures, annex.get("widths"))
        else:
            document.add_paragraph("None recorded in the period.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _blocks(document: Any, blocks: list[dict[str, Any]], figures: dict[str, Any]) -> None:
    for block in blocks:
        if block["type"] == "para":
            _numbered(document, block, figures)
        elif block["type"] == "list":
            for item in block["items"]:
                bullet = document.add_paragraph(item)
                bullet.paragraph_format.left_indent = Cm(2.5)
                bullet.paragraph_format.first_line_indent = Cm(-0.5)
                bullet.paragraph_format.space_after = Pt(2)
                bullet.runs[0].text = item if block.get("plain") else f"•\u00a0{item}"
            if block.get("more"):
                figure = figures.get(block["more"]["f"], {})
                more = document.add_paragraph(
                    f"(All {shown(figure.get('value', ''))} activities are listed in annex I.)"
                )
                more.paragraph_format.left_indent = Cm(2.0)
        elif block["type"] == "table":
            caption = document.add_paragraph()
            caption.paragraph_format.left_indent = Cm(2.0)
            caption.add_run(block["caption"]).bold = True
            caption.paragraph_format.keep_with_next = True
            _table(document, block["headers"], block["rows"], figures)
            document.add_paragraph()


def profile_docx(profile: dict[str, Any], language: str = "en") -> bytes:
    """A country profile as a DOCX in ``language`` (the same parts the page shows to the same user)."""
    language = pdf_language(language)
    document = _base_document()
    language_of_document(document, language, font=FONT)
    state = profile["state"]
    title = document.add_paragraph()
    run = title.add_run(_("Country profile: %(name)s") % {"name": state["name"]})
    run.bold = True
    run.font.size = Pt(16)
    document.add_paragraph(f"{state['official_name']} · {state['regional_group']} · {state['region']}")
    if profile.get("demo"):
        notice = document.add_paragraph()
        notice.add_run(demo_notice()).bold = True
    for heading, headers, rows in profile_tables(profile):
        _heading(document, heading, 2)
        if rows:
            _table(document, headers, rows, {})
        else:
            document.add_paragraph(_("None recorded."))
    if is_rtl(language):
        right_to_left(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def profile_tables(profile: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The profile as (heading, headers, rows) tables in the active language, shared by the DOCX and the PDF."""

    def day(value: Any) -> str:
        # The language's one date format (``core.formats``), as on the profile page.
        return date_format(value, "SHORT_DATE_FORMAT") if value else ""

    tables = [
        (
            _("Status of the international instruments"),
            [_("Instrument"), _("Status"), _("Signature"), _("Consent to be bound"), _("Source of status")],
            [
                [
                    i["name"],
                    i["status"],
                    day(i["signature_date"]),
                    f"{day(i['consent_date'])} {i['consent_kind']}",
                    i.get("source", ""),
                ]
                for i in profile["instruments"]
            ],
        ),
    ]
    if profile["gaps"] or profile["reviews"]:
        tables.append(
            (
                _("Legislative review: provisions not or partly incorporated"),
                [_("Instrument"), _("Article"), _("Requirement"), _("Status")],
                [
                    [g["instrument__short_name"], g["article"], g["requirement"][:160], g["status"]]
                    for g in profile["gaps"]
                ],
            )
        )
    tables.append(
        (
            _("Technical assistance"),
            [_("Measure"), _("Number")],
            [
                [_("Requests made"), number_format(profile["requests"]["total"], force_grouping=True)],
                *[
                    ["  " + _("of which %(status)s") % {"status": label}, number_format(n, force_grouping=True)]
                    for label, n in profile["requests"]["by_status_shown"]
                ],
                [_("Activities delivered"), number_format(profile["activities"]["delivered"], force_grouping=True)],
                [_("Officials trained: women"), number_format(profile["trained"]["women"], force_grouping=True)],
                [_("Officials trained: men"), number_format(profile["trained"]["men"], force_grouping=True)],
                [
                    _("Officials trained: not recorded"),
                    number_format(profile["trained"]["not_recorded"], force_grouping=True),
                ],
            ],
        )
    )
    tables.append(
        (
            _("Library: legislation and case law"),
            [_("Item"), _("Kind"), _("Date")],
            [[item["title"], item["kind"], day(item["adopted_on"])] for item in profile["legislation"]]
            + [[case["title"], case["court"], day(case["decided_on"])] for case in profile["cases"]],
        )
    )
    if profile["authorities"] is not None:
        tables.append(
            (
                _("Competent national authorities"),
                [_("Authority"), _("Type")],
                [[a["name"], a["authority_type"]] for a in profile["authorities"]],
            )
        )
    return tables
