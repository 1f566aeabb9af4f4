"""The one way ctassist sets a PDF, in any of the six official languages (fpdf2).

Every PDF the product writes (country profile, directory printout, training certificate) is a
:class:`LanguagePDF`: one body family, ``pdf.family``, whose font suits the document's language, and
the fonts of the other scripts as fallbacks so that a Chinese authority's name in an English
printout, or an English instrument title in an Arabic profile, still renders:

- Latin, Cyrillic (en, fr, es, ru): DejaVu Sans, vendored in ``core/static/core/fonts``;
- Arabic: Noto Naskh Arabic, vendored there too (SIL Open Font Licence, text alongside);
- Chinese: Noto Sans CJK SC from the Debian package ``fonts-noto-cjk`` (20 MB a face: too large to
  vendor; ``.ci/run`` installs it). Never downloaded at run time.

Text in Arabic (and other scripts whose letters join or run right to left) goes through HarfBuzz
(``uharfbuzz``, fpdf2's text shaping): letters take their joined forms and lines are ordered by the
Unicode bidirectional algorithm, so numbers, codes and English names inside Arabic stay in place.
Other text takes fpdf2's plain path, five times faster and the same on the page. Arabic documents are aligned to the right (``pdf.align``).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

from fpdf import FPDF

LOGGER = logging.getLogger(__name__)
FONTS = Path(__file__).resolve().parent / "static" / "core" / "fonts"
# Where distributions install Noto Sans CJK (Debian/Ubuntu first); face 2 of the collection is SC.
CJK_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
)
CJK_SC_FACE = 2
FAMILIES = {"latin": "DejaVu", "arabic": "NotoNaskhArabic", "cjk": "NotoSansCJK"}
SCRIPT_OF_LANGUAGE = {"ar": "arabic", "zh": "cjk"}
# Scripts whose letters join or reorder (Hebrew, Arabic, Syriac, Thaana, N'Ko, Indic, Tibetan, Myanmar, Khmer).
_NEEDS_SHAPING = re.compile(r"[\u0590-\u08ff\u0900-\u0dff\u0f00-\u109f\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufeff]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# A left-to-right run with separators: dates, symbols, ISO codes with digits.
_LTR_RUN = re.compile(r"[0-9A-Za-z]+(?:[-/.:][0-9A-Za-z]+)+")
# Ideographs, CJK punctuation, kana, hangul and full-width forms: what only the CJK font has.
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


class FontUnavailable(RuntimeError):
    """A font the document's language needs is not installed (the message names the package)."""


def pdf_language(language: str | None) -> str:
    """``zh-hans``, ``zh_Hans``, ``ZH`` → ``zh``; ``ar-EG`` → ``ar``; empty → ``en``."""
    return (language or "en").replace("_", "-").split("-")[0].lower() or "en"


def cjk_fonts() -> tuple[Path, Path] | None:
    """(regular, bold) Noto Sans CJK collections, or None where the package is not installed."""
    for folder in CJK_CANDIDATES:
        regular, bold = folder / "NotoSansCJK-Regular.ttc", folder / "NotoSansCJK-Bold.ttc"
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    return None


def is_rtl(language: str | None) -> bool:
    return pdf_language(language) == "ar"


class LanguagePDF(FPDF):
    """An FPDF set up for ``language``: ``family`` to pass to ``set_font``, ``align`` for paragraphs."""

    def __init__(self, language: str | None = "en", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = pdf_language(language)
        self.align = "R" if is_rtl(self.language) else "L"
        self.add_font(FAMILIES["latin"], "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILIES["latin"], "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.add_font(FAMILIES["arabic"], "", str(FONTS / "NotoNaskhArabic-Regular.ttf"))
        self.add_font(FAMILIES["arabic"], "B", str(FONTS / "NotoNaskhArabic-Bold.ttf"))
        self._cjk_loaded = False
        self.missing_characters: set[str] = set()
        script = SCRIPT_OF_LANGUAGE.get(self.language, "latin")
        if script == "cjk" and not self._load_cjk():
            raise FontUnavailable(
                "Chinese PDFs need the Noto Sans CJK fonts: install the Debian package fonts-noto-cjk."
            )
        self.family = FAMILIES[script]
        self.set_fallback_fonts([f for s, f in FAMILIES.items() if s != script and s != "cjk"], exact_match=False)
        # Direction and script left to the bidi algorithm and HarfBuzz, paragraph by paragraph.
        self.set_text_shaping(use_shaping_engine=True)
        self._shaping = self.text_shaping
        self.set_lang(self.language)
        self.set_font(self.family, "", 10)

    def _shape_if_needed(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Shape only the text that needs it (Arabic and other joined or right-to-left scripts).

        HarfBuzz costs about five times fpdf2's plain path on Latin text and changes nothing there
        (a 600-entry printout: minutes instead of seconds), so each cell is shaped only when its text
        holds such a script.
        """
        text = kwargs.get("text", args[2] if len(args) > 2 else "")
        self.text_shaping = self._shaping if _NEEDS_SHAPING.search(str(text or "")) else None

    def cell(self, *args: Any, **kwargs: Any) -> Any:
        self._shape_if_needed(args, kwargs)
        return super().cell(*args, **kwargs)

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
        self._shape_if_needed(args, kwargs)
        return super().multi_cell(*args, **kwargs)

    def normalize_text(self, text: str) -> str:
        """Isolate codes and dates (``2024-01-01``, ``A/RES/76/123``) inside right-to-left text.

        fpdf2's bidirectional algorithm splits a number at a hyphen or slash and reverses the pieces
        (``01-01-2024``); an isolate (U+2066 … U+2069) keeps such a run whole, left to right.
        """
        text = super().normalize_text(text)
        if _RTL.search(text):
            text = _LTR_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", text)
        return text

    def _load_cjk(self) -> bool:
        """Add Noto Sans CJK (parsing the collection takes seconds: only for documents that need it)."""
        if self._cjk_loaded:
            return True
        fonts = cjk_fonts()
        if fonts is None:
            return False
        self.add_font(FAMILIES["cjk"], "", str(fonts[0]), collection_font_number=CJK_SC_FACE)
        self.add_font(FAMILIES["cjk"], "B", str(fonts[1]), collection_font_number=CJK_SC_FACE)
        self._cjk_loaded = True
        return True

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        found = super().get_fallback_font(char, style)
        if found is None and _CJK.match(char) and self._load_cjk():
            self._fallback_font_ids += [key for key in ("notosanscjk", "notosanscjkB") if key in self.fonts]
            found = super().get_fallback_font(char, style)
        if found is None and unicodedata.category(char)[0] not in "CZ":
            self.missing_characters.add(char)
        return found

    def output(self, *args: Any, **kwargs: Any) -> Any:
        if self.missing_characters:
            # No font has these: they would print as nothing or as the empty box (.notdef).
            LOGGER.warning("PDF characters without a glyph in any font: %s", " ".join(sorted(self.missing_characters)))
        return super().output(*args, **kwargs)


__all__ = ["FONTS", "FontUnavailable", "LanguagePDF", "cjk_fonts", "is_rtl", "pdf_language"]
