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
from bisect import bisect_left
from collections.abc import Iterable, Iterator

# Each look-behind ("not preceded by a letter, digit, slash ...") follows the first character
# (a two-character look-behind), so that the engine scans for that character instead of
# trying the look-behind at every position of the text.
_EXPLICIT = re.compile(
    r"((?:[AE](?<![\w/.].)|S(?<![\w/.].)T?)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+)(\s?\(\d{4}\))?"
)
# "2178 (2014)" is found from its bracketed year, a literal "(" the engine scans for quickly;
# _sc_bare() then reads the number before it: 3 to 5 digits, one white space at most between,
# not preceded by a letter, digit, "_", "/" or ".".
_SC_YEAR = re.compile(r"\((19[4-9]\d|20\d\d)\)")
_SC_NOT_AFTER = re.compile(r"[\w/.]")
_SLASH_BARE = re.compile(r"(\d(?<![\w/.\-]\d)\d{0,3})/(\d{1,4})(?![\w/])")
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


def _folded_context_pattern() -> re.Pattern[str]:
    """_CONTEXT for text folded by fold(): lower case, case-sensitive, and each ``\\b`` that
    opens a name moved behind the name's first letter (a two-character look-behind), so the
    engine scans for the first letters instead of trying every position (four times faster)."""
    pattern = _CONTEXT.pattern.lower()
    for old, new in (
        (r"\bits\s+", r"i(?<!\w.)ts\s+"),
        (r"\b(?:resolution|decision)s?\b", r"(?:r(?<!\w.)esolution|d(?<!\w.)ecision)s?\b"),
        (r"\bcop\b", r"c(?<!\w.)op\b"),
        (r"\bcmp\b", r"c(?<!\w.)mp\b"),
    ):
        if pattern.count(old) != 1:  # _CONTEXT changed: this rewrite must follow it
            raise RuntimeError(f"_CONTEXT no longer holds {old!r} once")
        pattern = pattern.replace(old, new)
    return re.compile(pattern)


_CONTEXT_FOLDED = _folded_context_pattern()
# The word each name of _CONTEXT_FOLDED opens with. Even the fast pattern costs ~50 ns a
# character to scan; str.find for these words is far cheaper, and a name can start nowhere else.
_ANCHORS = (
    "human", "general", "economic", "commission", "its", "resolution", "decision", "conference", "meeting",
    "assembly", "governing", "executive", "board", "world", "environment", "industrial", "cop", "cmp",
)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (split at "|" outside brackets)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


def _scan_names(folded: str, start: int) -> Iterator[re.Match[str]]:
    """``_CONTEXT_FOLDED.finditer(folded, start)``, trying only where an anchor word starts."""
    found: set[int] = set()
    for word in _ANCHORS:
        i = folded.find(word, start)
        while i >= 0:
            found.add(i)
            i = folded.find(word, i + 1)
    pos = start
    for i in sorted(found):
        if i >= pos:
            m = _CONTEXT_FOLDED.match(folded, i)  # a look-behind still sees the text before i
            if m:
                yield m
                pos = m.end()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLD: dict[str, str] = {}


def _fold_char(m: re.Match[str]) -> str:
    """An ASCII stand-in for a non-ASCII character that a folded pattern treats as the ignore-case one treats
    the character: the letter it matches ignoring case ("K" Kelvin sign, dotless "ı", long "ſ"),
    else a tab for white space, "_" for another word character, NUL for anything else."""
    c = m.group()
    proxy = _FOLD.get(c)
    if proxy is None:
        letter = next((x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.IGNORECASE)), None)
        # White space becomes a tab: \s like it, but not the literal space of "General Assembly".
        proxy = letter or ("\t" if c.isspace() else "_" if re.fullmatch(r"\w", c) else "\x00")
        _FOLD[c] = proxy
    return proxy


def fold(text: str) -> str:
    """``text`` with each character replaced by one ASCII character, then lower-cased: the same
    length, so positions in it are positions in ``text``."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_char, text)
    return text.lower()
# "decision 15/4 of the Conference of the Parties", "resolution 2/1, adopted by the Commission …"
_AFTER = re.compile(
    r"\s*(?:[A-Z]\s+)?(?:,\s*)?(?:of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*,?\s*)?"
    r"(?:of|adopted\s+(?:by|at)|by)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?(" + _OTHER_BODIES + r")",
    re.IGNORECASE,
)


class _Names:
    """The bodies and "resolution"/"decision" words named in one text, scanned once.

    The context of a bare symbol is what is named in the 400 characters before it. One scan
    runs forward through the text from the first window and serves every symbol after it:
    the names it finds inside a later window are the ones a scan of that window finds,
    except where a name starts before the window and ends inside it (then that window is
    scanned alone, as before). A window that starts past the scan restarts it there, so no
    character is scanned more often than with one scan per window. No name ends at a
    symbol's first digit: the character before a bare symbol is never a letter.
    """

    __slots__ = ("ahead", "folded", "frontier", "it", "matches", "origin", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.it: Iterator[re.Match[str]] | None = None
        self.matches: list[re.Match[str]] = []
        self.starts: list[int] = []
        self.ahead: re.Match[str] | None = None  # the first name found at or after the last symbol
        self.frontier = 0  # names starting before this position are all in ``matches``
        self.origin = 0  # where the scan started

    def _restart(self, a: int) -> None:
        self.it = _scan_names(self.folded, a)
        self.matches, self.starts, self.ahead, self.frontier, self.origin = [], [], None, a, a

    def before(self, pos: int) -> list[re.Match[str]]:
        a = max(0, pos - 400)
        if self.it is None or a > self.frontier or a < self.origin:
            self._restart(a)
        while self.frontier < pos:
            m = self.ahead or next(self.it, None)  # type: ignore[arg-type]
            self.ahead = None
            if m is None:
                self.frontier = len(self.text)
                break
            if m.start() >= pos:
                self.ahead, self.frontier = m, m.start()
                break
            self.matches.append(m)
            self.starts.append(m.start())
            self.frontier = m.end()
        i = bisect_left(self.starts, a)
        if i and self.matches[i - 1].end() > a:
            return list(_CONTEXT.finditer(self.text, a, pos))
        j = bisect_left(self.starts, pos, i)
        return [m for m in self.matches[i:j] if m.end() <= pos]


def _context(names: _Names, pos: int) -> tuple[str, str]:
    """(body, kind) named last before ``pos``: body defaults to GA, kind to resolution.

    "its resolution(s)" is the Assembly's own; another numbering body ("the Conference of
    the Parties") named last makes the body "other".
    """
    body, kind = "General Assembly", "resolution"
    for m in names.before(pos):
        name = names.text[m.start(): m.end()]  # as printed (the folded scan's match is lower case)
        word = name.lower()
        if word.startswith("its"):
            body = "General Assembly"
            kind = "decision" if "decision" in word else "resolution"
        elif word.startswith("decision"):
            kind = "decision"
        elif word.startswith("resolution"):
            kind = "resolution"
        elif _OTHER.fullmatch(name):
            body = "other"
        else:
            body = name
    return body, kind


def _bare_symbol(text: str, m: re.Match[str], names: _Names) -> str | None:
    first, second = int(m.group(1)), int(m.group(2))
    if first == 0 or second == 0:
        return None
    body, kind = _context(names, m.start())
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


def _sc_bare(text: str) -> list[tuple[int, str]]:
    """Bare Security Council resolutions ("2178 (2014)"): (start, symbol) in order."""
    out = []
    for m in _SC_YEAR.finditer(text):
        end = m.start()
        if end and text[end - 1].isspace():
            end -= 1
        start = end
        while start and text[start - 1].isdecimal():
            start -= 1
        if 3 <= end - start <= 5 and not (start and _SC_NOT_AFTER.match(text, start - 1)):
            out.append((start, f"S/RES/{text[start:end]} ({m.group(1)})"))
    return out


def find_citations(text: str) -> list[str]:
    """Symbols cited in one piece of text, in order of appearance (may repeat)."""
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    # Most paragraphs cite nothing: each scan runs only where what it needs is there
    # (a slash; "(19" or "(20" for "2178 (2014)").
    has_slash = "/" in text
    if not has_slash and "(19" not in text and "(20" not in text:
        return []
    if "A/" in text or "E/" in text or "S/" in text or "ST/" in text:  # how an explicit symbol opens
        for m in _EXPLICIT.finditer(text):
            symbol = m.group(1).rstrip(".-")
            if "/" not in symbol:
                continue
            if symbol.startswith("S/RES/") and m.group(2):
                symbol += " " + m.group(2).strip()
            hits.append((m.start(), symbol))
            taken.append(m.span())
    if "(19" in text or "(20" in text:
        hits.extend(_sc_bare(text))
    if has_slash:
        names: _Names | None = None
        for m in _SLASH_BARE.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if names is None:
                names = _Names(text)
            symbol = _bare_symbol(text, m, names)
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
