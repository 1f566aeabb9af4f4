"""Instrument titles in the user's language, where the official title is recorded (``data/instrument_titles.csv``).

Each row is one instrument's official title in one official language, with the source it was read
from (the authentic text as published, or a depositary or government record). Only titles read from
such a source are recorded; for the others ctassist shows the English official title and says so.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import get_language

TITLES = Path(__file__).resolve().parent / "data" / "instrument_titles.csv"


@dataclass(frozen=True)
class Title:
    text: str
    language: str  # the language the title is in: the one asked for, or "en"
    source: str  # where a translated title comes from; "" for the English title

    @property
    def is_english_fallback(self) -> bool:
        return self.language == "en"


def _language(language: str | None) -> str:
    return (language or get_language() or "en").replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], tuple[str, str]]:
    with TITLES.open(encoding="utf-8", newline="") as handle:
        return {(row["code"], row["language"]): (row["title"], row["source"]) for row in csv.DictReader(handle)}


def instrument_title(code: str, english: str, language: str | None = None) -> Title:
    """The official title of instrument ``code`` in ``language`` (default: the active one), else the English."""
    lang = _language(language)
    if lang != "en" and (code, lang) in _table():
        text, source = _table()[(code, lang)]
        return Title(text=text, language=lang, source=source)
    return Title(text=english, language="en", source="")


def recorded_languages(code: str) -> list[str]:
    return sorted(lang for (c, lang) in _table() if c == code)
