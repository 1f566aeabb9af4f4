"""The country profile as PDF and DOCX in each official language: Arabic shaped and right to left, Chinese drawn."""

from __future__ import annotations

import io
import logging

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ctassist.core.pdf import cjk_fonts
from ctassist.core.testing import pdf_glyphs

pytestmark = pytest.mark.django_db

ARABIC_LETTERS = range(0x0600, 0x0700)


def _get(client, name: str, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # The locale middleware leaves the request's language active in this thread: restore it after.
    with translation.override(settings.LANGUAGE_CODE):
        return client.get(reverse(name, args=["KEN"]))


def _expected(language: str) -> list[str]:
    """Fixed text of the profile as the catalogue of ``language`` has it (compiled at the session's start)."""
    with translation.override(language):
        return [
            _("Country profile: %(name)s") % {"name": _kenya(language)},
            _("Status of the international instruments"),
            _("Consent to be bound"),
            _("Activities delivered"),
        ]


def _kenya(language: str) -> str:
    from ctassist.geo.translated import state_name

    return state_name("Kenya", "KE", language)


def test_arabic_profile_pdf_is_shaped_right_to_left_and_has_every_glyph(world, client_for, caplog):
    caplog.set_level(logging.WARNING, logger="ctassist.core.pdf")
    response = _get(client_for("anonymous"), "reporting:profile_pdf", "ar")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    glyphs = pdf_glyphs(response.content)
    # The words as the Arabic catalogue and CLDR write them (not the English fallback).
    assert "الموجز القطري" in glyphs.text and "كينيا" in glyphs.text
    for expected in _expected("ar"):
        assert "".join(expected.split()) in glyphs.compact(), expected
    assert glyphs.notdef == []
    assert not [r for r in caplog.records if "without a glyph" in r.getMessage()]
    # Shaped: the letters are drawn with their joined (contextual) forms, whose glyphs map back to the
    # letters in logical order — an unshaped PDF would extract "اينيك" for "كينيا".
    assert "اينيك" not in glyphs.text


@pytest.mark.skipif(cjk_fonts() is None, reason="Noto Sans CJK (Debian fonts-noto-cjk) is not installed; .ci/run installs it")
def test_chinese_profile_pdf_has_every_glyph(world, client_for, caplog):
    caplog.set_level(logging.WARNING, logger="ctassist.core.pdf")
    response = _get(client_for("anonymous"), "reporting:profile_pdf", "zh-hans")
    assert response.status_code == 200
    glyphs = pdf_glyphs(response.content)
    assert "国家概况" in glyphs.compact() and "肯尼亚" in glyphs.compact()
    for expected in _expected("zh-hans"):
        assert "".join(expected.split()) in glyphs.compact(), expected
    assert glyphs.notdef == []
    assert not [r for r in caplog.records if "without a glyph" in r.getMessage()]


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_profile_pdf_in_the_other_languages(world, client_for, language):
    glyphs = pdf_glyphs(_get(client_for("anonymous"), "reporting:profile_pdf", language).content)
    for expected in _expected(language):
        assert "".join(expected.split()) in glyphs.compact(), expected
    assert glyphs.notdef == []


def test_a_missing_glyph_is_found(caplog):
    """The checks above can fail: a character no font has is reported by the producer and the checker."""
    from ctassist.core.pdf import LanguagePDF

    caplog.set_level(logging.WARNING, logger="ctassist.core.pdf")
    pdf = LanguagePDF("en")
    pdf.add_page()
    pdf.multi_cell(0, 8, "Ethiopic ሀ")
    data = bytes(pdf.output())
    assert any("ሀ" in r.getMessage() for r in caplog.records)
    assert "ሀ" not in pdf_glyphs(data).text


def test_arabic_profile_docx_is_right_to_left(world, client_for):
    import docx
    from docx.oxml.ns import qn

    response = _get(client_for("anonymous"), "reporting:profile_docx", "ar")
    document = docx.Document(io.BytesIO(response.content))
    first = document.paragraphs[0]
    assert first.text.startswith("الموجز القطري") and "كينيا" in first.text
    assert first._p.pPr.find(qn("w:bidi")) is not None
    assert first.runs[0]._element.rPr.find(qn("w:rtl")) is not None
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "ar-SA"


def test_chinese_profile_docx_names_the_east_asian_language(world, client_for):
    import docx
    from docx.oxml.ns import qn

    response = _get(client_for("anonymous"), "reporting:profile_docx", "zh-hans")
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "国家概况：肯尼亚"
    r_pr = document.styles["Normal"].element.rPr
    assert r_pr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert r_pr.rFonts.get(qn("w:eastAsia")) == "SimSun"
    assert document.paragraphs[0]._p.pPr is None or document.paragraphs[0]._p.pPr.find(qn("w:bidi")) is None
