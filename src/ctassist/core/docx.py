"""Word documents in the six official languages (python-docx): language tags, script fonts, right to left.

Every DOCX the product writes calls :func:`language_of_document` once and, for Arabic,
:func:`right_to_left` after its content is written.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# The elements the schema puts after w:bidi (pPr), w:rtl (rPr) and w:bidiVisual (tblPr).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI_VISUAL = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
                      "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                      "w:tblCaption", "w:tblDescription", "w:tblPrChange")  # fmt: skip

def language_of_document(document: Any, language: str, *, font: str) -> None:
    """Mark the document's language and, for Arabic, right-to-left paragraphs and runs.

    Word picks the font of each script from ``rFonts``: Latin and Cyrillic from ``ascii``/``hAnsi``,
    Arabic from ``cs`` (complex scripts), Chinese from ``eastAsia``; a run is set as Arabic only
    where ``w:rtl`` says so.
    """
    style = document.styles["Normal"]
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.rFonts
    fonts.set(qn("w:cs"), "Arial")
    fonts.set(qn("w:eastAsia"), "SimSun" if language == "zh" else font)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    tag = {"zh": "zh-CN", "ar": "ar-SA"}.get(language, language)
    lang.set(qn("w:val"), "en-GB" if language in ("ar", "zh") else tag)
    lang.set(qn("w:eastAsia"), tag if language == "zh" else "zh-CN")
    lang.set(qn("w:bidi"), tag if language == "ar" else "ar-SA")


# A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def right_to_left(document: Any, *, keep_left_to_right: bool = False) -> None:
    """Every paragraph (tables included) right to left, its runs as complex script, tables mirrored.

    A right-to-left paragraph starts on the right by itself; alignment already set (centred) is kept.
    Elements go where the schema orders them (Word refuses a file whose order is wrong).

    With ``keep_left_to_right`` the paragraph styles are right to left too (a paragraph added later
    follows them), and a paragraph with text but no right-to-left letter (words a user wrote in
    English) stays left to right: ``w:bidi w:val="0"``, its runs not complex script.
    """
    if keep_left_to_right:
        for style in document.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.element is not None:
                _bidi(style.element.get_or_add_pPr())
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        tbl_pr = table._tbl.tblPr
        if tbl_pr.find(qn("w:bidiVisual")) is None:
            tbl_pr.insert_element_before(OxmlElement("w:bidiVisual"), *_AFTER_BIDI_VISUAL)
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        bidi = _bidi(paragraph._p.get_or_add_pPr())
        if keep_left_to_right and paragraph.text.strip() and not _RTL_LETTER.search(paragraph.text):
            bidi.set(qn("w:val"), "0")
            continue
        for run in paragraph.runs:
            r_pr = run._element.get_or_add_rPr()
            if r_pr.find(qn("w:rtl")) is None:
                r_pr.insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)


def _bidi(p_pr: Any) -> Any:
    """The ``w:bidi`` of paragraph properties, added where the schema puts it when there is none."""
    bidi = p_pr.find(qn("w:bidi"))
    if bidi is None:
        bidi = OxmlElement("w:bidi")
        p_pr.insert_element_before(bidi, *_AFTER_BIDI)
    return bidi
