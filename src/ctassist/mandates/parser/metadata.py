"""Header facts: symbol, body, title, dates, session, agenda item, report.

These are searched in the text *outside* the paragraphs (the heading block and
the print-layout residue after the body), because the paragraphs themselves
mention sessions, dates and reports of other documents.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .citations import fold
from .model import Heading

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)
_MONTH_RE = "(?:" + "|".join(m.capitalize() for m in MONTHS) + ")"
DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+(" + _MONTH_RE + r")\s+(\d{4})(?!\d)")

BODY_NAMES = {
    "General Assembly": "GA",
    "Economic and Social Council": "ECOSOC",
    "Security Council": "SC",
    "Human Rights Council": "HRC",
}
_BODY_ALT = "|".join(BODY_NAMES)
# The line that opens the paragraphs: "The General Assembly," (ECOSOC prints no comma).
BODY_HEADER = re.compile(r"^\s*The\s+(" + _BODY_ALT + r")\s*,?\s*$")
ADOPTED = re.compile(
    r"Resolution\s+adopted\s+by\s+the\s+(" + _BODY_ALT + r")(?:\s+on\s+(\d{1,2}\s+\w+\s+\d{4}))?"
)
SC_ADOPTED = re.compile(
    r"Adopted\s+by\s+the\s+Security\s+Council\s+at\s+its\s+(\d+(?:st|nd|rd|th)\s+meeting),?\s+on\s+"
    r"(\d{1,2}\s+\w+\s+\d{4})"
)
SC_NUMBER = re.compile(r"^\s*Resolution\s+(\d{1,5})\s*\((\d{4})\)\s*$")
TITLE_LINE = re.compile(r"^\s*(\d{1,4}/\d{1,4})\.\s*(\S.*)$")
MEETING = re.compile(r"^\s*(\d{1,5}(?:st|nd|rd|th)\s+plenary\s+meeting)\b", re.IGNORECASE)
AGENDA = re.compile(r"Agenda\s+items?\s+(\d{1,4}(?:\s*\([a-z]{1,3}\))?)")
REPORT = re.compile(
    r"\[\s*(?:on\s+the\s+(?:report|recommendation)s?\s+of|without\s+reference\s+to)\b[^\]]{0,400}?"
    r"\(\s*([A-Z][A-Za-z0-9.\-/]*/[A-Za-z0-9.\-/]+)"
)
EXPLICIT_SYMBOL = re.compile(r"(?<![A-Za-z/])((?:A/HRC|A|E|S)/RES/\d{1,4}/\d{1,4}|S/RES/\d{1,5}\s*\(\d{4}\))")

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_PLAIN_ORD = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
    "seventieth", "eightieth", "ninetieth", "hundredth",
)
_ORDINAL = (
    "(?:(?:" + "|".join(_TENS) + ")-(?:" + "|".join(_UNITS) + ")|" + "|".join(_PLAIN_ORD + _UNITS) + ")"
)
SESSION = re.compile(r"(?<![A-Za-z-])(" + _ORDINAL + r"|\d{4})\s+(?:special\s+)?session\b", re.IGNORECASE)


def _session(flat: str) -> re.Match[str] | None:
    """``SESSION.search(flat)`` for text with single spaces, started near the first "session".

    A match ends with "session" and opens at most 24 characters before it (the longest ordinal,
    a space, "special", a space), so nothing can start further back than that from the first
    "session" (found in the folded copy, as the ignore-case pattern would find it).
    """
    i = fold(flat).find("session")
    return SESSION.search(flat, max(0, i - 64)) if i >= 0 else None


def parse_date(text: str) -> datetime.date | None:
    """First "18 December 2013" style date in ``text``, or None."""
    for m in DATE_RE.finditer(text):
        try:
            return datetime.date(int(m.group(3)), MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
        except ValueError:
            continue
    return None


@dataclass(slots=True)
class Header(Heading):
    """The heading as read, with the title as printed (before completion)."""

    printed_title: str | None = None


_DRAFT_SYMBOL = re.compile(r"/L\.\d")
_ENDS_CUT = frozenset((
    "of", "the", "and", "in", "into", "for", "to", "on", "a", "an", "with", "by", "at", "from", "or", "its",
    "their", "between", "against", "towards",
))


def _agenda_titles(head_lines: list[str]) -> list[str]:
    """The agenda item's title as printed after "Agenda item N", and each part of it between colons."""
    for i, line in enumerate(head_lines):
        m = AGENDA.search(line)
        if not m:
            continue
        parts = [line[m.end():]]
        for nxt in head_lines[i + 1: i + 4]:
            if not nxt.strip() or ADOPTED.search(nxt) or TITLE_LINE.match(nxt) or nxt.lstrip().startswith("["):
                break
            parts.append(nxt)
        text = re.sub(r"\s+", " ", " ".join(parts)).strip()
        return [text, *(p.strip() for p in text.split(":") if p.strip())] if text else []
    return []


def complete_title(title: str, agenda: list[str], named: list[str]) -> str:
    """The whole title where the extraction kept only its first line.

    A title that is the beginning of the agenda item's title (or of one part of
    it) is completed from there; one that visibly stops mid-phrase ("…in the",
    "…Disarmament and") also from an item named in the text ("entitled “…”").
    """
    low = title.lower()
    cut = title.rstrip().endswith(",") or title.split()[-1].lower() in _ENDS_CUT
    for source, allowed in ((agenda, True), (named, cut)):
        if not allowed:
            continue
        for candidate in source:
            if len(candidate) > len(title) and candidate.lower().startswith(low) and candidate[len(title)] == " ":
                return title + candidate[len(title):]
    return title


def read_header(head_lines: list[str], body_name: str | None, outside: str) -> Header:
    """Facts from the heading lines (markup stripped) and the other non-paragraph text.

    ``body_name`` is the body named on the "The General Assembly," line, if any;
    ``outside`` is all text that is not paragraphs (heading and trailing residue).
    """
    h = Header()
    head = "\n".join(head_lines)
    flat = re.sub(r"\s+", " ", outside)
    adopted = ADOPTED.search(flat)
    if adopted:
        h.body = BODY_NAMES[adopted.group(1)]
        if adopted.group(2):
            h.adopted_on = parse_date(adopted.group(2))
    sc = SC_ADOPTED.search(flat)
    if sc:
        h.body = "SC"
        h.meeting = sc.group(1)
        h.adopted_on = h.adopted_on or parse_date(sc.group(2))
    if h.body is None and body_name:
        h.body = BODY_NAMES.get(body_name)

    number = None
    for i, line in enumerate(head_lines):
        m = TITLE_LINE.match(line)
        if m:
            number = m.group(1)
            title = [m.group(2)]
            for nxt in head_lines[i + 1:]:
                if not nxt.strip() or BODY_HEADER.match(nxt):
                    break
                title.append(nxt)
            h.title = h.printed_title = re.sub(r"\s+", " ", " ".join(title)).strip()
            agenda_titles = _agenda_titles(head_lines[:i])
            if h.title and agenda_titles:
                h.title = complete_title(h.title, agenda_titles, [])
            break
        sc_number = SC_NUMBER.match(line)
        if sc_number:
            h.symbol = f"S/RES/{sc_number.group(1)} ({sc_number.group(2)})"
    if number:
        prefix = {"GA": "A/RES/", "ECOSOC": "E/RES/", "HRC": "A/HRC/RES/"}.get(h.body or "")
        if prefix:
            h.symbol = prefix + number
    if h.symbol is None:
        explicit = EXPLICIT_SYMBOL.search(flat)
        if explicit:
            h.symbol = re.sub(r"\s*\(", " (", explicit.group(1))
    if h.body is None and h.symbol:
        h.body = {"A/HRC": "HRC", "A": "GA", "E": "ECOSOC", "S": "SC"}.get(h.symbol.rsplit("/RES/", 1)[0])

    session = _session(flat)
    if session:
        h.session = session.group(1).lower()
    agenda = AGENDA.search(flat)
    if agenda:
        h.agenda_item = re.sub(r"\s+", " ", agenda.group(1))
    report = REPORT.search(re.sub(r"\s+", " ", head) or flat) or REPORT.search(flat)
    if report:
        symbol = report.group(1).rstrip(".")
        if _DRAFT_SYMBOL.search(symbol) or report.group().lstrip("[ ").lower().startswith("without"):
            h.draft_symbol = symbol  # the draft itself (A/80/L.4), not a report of a committee
        else:
            h.committee_report = symbol
    return h
