"""The drafting toolkit every part of the report uses: the draft (figures, footnotes, numbered
paragraphs) and the way the report writes days, numbers and plurals (English drafting language)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format

Progress = Callable[[int, str], None]

SYMBOL_PLACEHOLDER = "A/XX/XXX"
# At most this many records are named in a list; the rest are behind the figure's link.
MAX_LISTED = 10

# How the report names each activity type, singular and plural.
TYPE_NOUNS = {
    "legislative_drafting": ("legislative drafting support activity", "legislative drafting support activities"),
    "legislative_review": ("legislative review", "legislative reviews"),
    "workshop": ("workshop", "workshops"),
    "training": ("training course", "training courses"),
    "mentoring": ("mentoring programme", "mentoring programmes"),
    "study_visit": ("study visit", "study visits"),
    "elearning": ("e-learning course", "e-learning courses"),
    "needs_assessment": ("needs assessment", "needs assessments"),
    "publication": ("publication", "publications"),
    "conference": ("conference", "conferences"),
}


def nothing(pct: int, message: str) -> None:
    """The progress callback of a build nobody follows."""
    return


def day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def num(value: int) -> str:
    """A count as UN editorial style writes it: with a comma between thousands (2,264)."""
    return f"{value:,}"


def shown(value: Any) -> str:
    """A figure's value as the report prints it (counts with thousands separators)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return num(value)
    return str(value)


def join_and(items: Iterable[str]) -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def usd(value: Decimal | float | int) -> str:
    return f"${value:,.0f}"


def roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def letter(n: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n] if n < 26 else f"A{n}"


def excerpt(text: str, words: int = 40) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


class Draft:
    """Accumulates figures, footnotes and numbered paragraphs while the report is written.

    Paragraphs are numbered in the order they are drafted, through the whole report.
    """

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, Any]] = {}
        self.notes: list[str] = []
        self.number = 0

    def figure(self, key: str, value: Any, label: str, model: str, ids: Iterable[Any], list_href: str = "") -> dict:
        """Record a figure (its value and the ids of the records it counts); the part that shows it."""
        entry: dict[str, Any] = {"value": value, "label": label, "model": model, "ids": sorted(set(ids))}
        if list_href:
            entry["list_href"] = list_href
        self.figures[key] = entry
        return {"f": key}

    def note(self, text: str) -> int:
        """The number of the footnote with ``text`` (added when new)."""
        if text in self.notes:
            return self.notes.index(text) + 1
        self.notes.append(text)
        return len(self.notes)

    def para(self, parts: list[Any], notes: list[int] | None = None) -> dict[str, Any]:
        self.number += 1
        return {"type": "para", "n": self.number, "parts": parts, "notes": notes or []}
