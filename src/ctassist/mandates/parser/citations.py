"""Find the documents a resolution cites and normalise their symbols.

Explicit symbols ("A/74/400", "E/CN.15/2015/4", "S/RES/2178 (2014)") are kept
as printed. Bare numbers are expanded by their shape and the nearest body named
before them: "2178 (2014)" is a Security Council resolution, "68/187" a General
Assembly one (or Human Rights Council if that body was named last), "2015/19"
an Economic and Social Council one; "decision" instead of "resolution" gives a
DEC symbol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_EXPLICIT = re.compile(r"(?<![\w/.])((?:A|E|S|ST)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+)(\s?\(\d{4}\))?")
_SC_BARE = re.compile(r"(?<![\w/.])(\d{3,5})\s?\((19[4-9]\d|20\d\d)\)")
_SLASH_BARE = re.compile(r"(?<![\w/.\-])(\d{1,4})/(\d{1,4})(?![\w/])")
# Bodies other than the General Assembly, ECOSOC and the Human Rights Council that number their
# resolutions and decisions "15/4" too: a Conference or Meeting of the Parties, a commission, a board.
_OTHER_BODIES = (
    r"Conference\s+of\s+(?:the\s+)?(?:States\s+)?Parties|Meeting\s+of\s+(?:the\s+)?(?:States\s+)?Parties"
    r"|Assembly\s+of\s+States\s+Parties|Commission\s+on\s+(?:Narcotic\s+Drugs|Crime\s+Prevention"
    r"|the\s+Status\s+of\s+Women|Population|Social\s+Development|Sustainable\s+Development)"
    r"|Governing\s+Council|Executive\s+(?:Board|Committee)|Board\s+of\s+Governors|General\s+Conference"
    r"|World\s+Health\s+Assembly|Environment\s+Assembly|Industrial\s+Development\s+Board|\bCOP\b|\bCMP\b"
)
_CONTEXT = re.compile(
    r"Human Rights Council|General Assembly|Economic and Social Council|Commission on Human Rights"
    r"|\bits\s+(?:resolution|decision)s?\b|\b(?:resolution|decision)s?\b|" + _OTHER_BODIES,
    re.IGNORECASE,
)
_OTHER = re.compile(_OTHER_BODIES, re.IGNORECASE)
# "decision 15/4 of the Conference of the Parties", "resolution 2/1, adopted by the Commission …"
_AFTER = re.compile(
    r"\s*(?:[A-Z]\s+)?(?:,\s*)?(?:of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*,?\s*)?"
    r"(?:of|adopted\s+(?:by|at)|by)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?(" + _OTHER_BODIES + r")",
    re.IGNORECASE,
)


def _context(text: str, pos: int) -> tuple[str, str]:
    """(body, kind) named last before ``pos``: body defaults to GA, kind to resolution.

    "its resolution(s)" is the Assembly's own; another numbering body ("the Conference of
    the Parties") named last makes the body "other".
    """
    body, kind = "General Assembly", "resolution"
    for m in _CONTEXT.finditer(text, max(0, pos - 400), pos):
        word = m.group().lower()
        if word.startswith("its"):
            body = "General Assembly"
            kind = "decision" if "decision" in word else "resolution"
        elif word.startswith("decision"):
            kind = "decision"
        elif word.startswith("resolution"):
            kind = "resolution"
        elif _OTHER.fullmatch(m.group()):
            body = "other"
        else:
            body = m.group()
    return body, kind


def _bare_symbol(text: str, m: re.Match[str]) -> str | None:
    first, second = int(m.group(1)), int(m.group(2))
    if first == 0 or second == 0:
        return None
    body, kind = _context(text, m.start())
    if body == "other" or _AFTER.match(text, m.end()):
        return None  # a decision of a Conference of the Parties, a commission, a board …
    tag = "RES" if kind == "resolution" else "DEC"
    if len(m.group(1)) == 4:
        if not 1946 <= first <= 2100:
            return None
        if body.lower() == "commission on human rights":
            return f"E/CN.4/{tag}/{first}/{second}"
        return f"E/{tag}/{first}/{second}"
    if first > 150:
        return None
    if tag == "DEC" and body.lower() == "general assembly" and (first < 31 or second < 300):
        return None  # Assembly decisions are numbered from the 31st session, 301 upwards (79/512)
    if body.lower() == "human rights council":
        return f"A/HRC/{tag}/{first}/{second}"
    return f"A/{tag}/{first}/{second}"


def find_citations(text: str) -> list[str]:
    """Symbols cited in one piece of text, in order of appearance (may repeat)."""
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    has_slash, has_paren = "/" in text, "(" in text
    if not (has_slash or has_paren):
        return []  # most paragraphs cite nothing: skip the regex scans
    for m in _EXPLICIT.finditer(text):
        symbol = m.group(1).rstrip(".-")
        if "/" not in symbol:
            continue
        if symbol.startswith("S/RES/") and m.group(2):
            symbol += " " + m.group(2).strip()
        hits.append((m.start(), symbol))
        taken.append(m.span())
    for m in _SC_BARE.finditer(text):
        hits.append((m.start(), f"S/RES/{m.group(1)} ({m.group(2)})"))
    for m in _SLASH_BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        symbol = _bare_symbol(text, m)
        if symbol:
            hits.append((m.start(), symbol))
    hits.sort()
    return [s for _, s in hits]


def dedupe(symbols: Iterable[str], exclude: str | None = None) -> list[str]:
    """First occurrence of each symbol, order kept; ``exclude`` (the document itself) dropped."""
    seen: set[str] = set()
    out: list[str] = []
    for s in symbols:
        if s != exclude and s not in seen:
            seen.add(s)
            out.append(s)
    return out
