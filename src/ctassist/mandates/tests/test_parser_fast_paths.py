"""The parser's fast paths give exactly what the plain forms they replace give.

For speed (bench/bench_parser.py) several scans were rewritten: look-behinds moved behind the
first character, guards before scans, one scan for two patterns, names found from their opening
words, a folded copy scanned case-sensitively. Each test here holds the plain form (the pattern
as first written, or the definition) next to the fast one and compares them on generated text
built from the pieces that matter (punctuation, markers, digits, body names, odd Unicode).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.mandates.parser import citations, metadata, structure, text

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = (
    ",", ";", ":", ".", " ", "  ", "\n", "*", "**", "¹", "²", "[^2]", "1", "2", "12", "19", "200", "1999", "20233",
    "2014", "123456", "/", "(", ")", "-", "A", "a", "R", "x", "_", "\u00a0", "\t", "\u200b", "\x01", "\u3000",
    "\u2028", "ſ", "ı", "\u212a", "İ", "“", "é", "٣", "Recalling ", "Noting ", "Requests ", "2. ", "3. *Urges* ",
)
NAMES = (
    "resolution ", "resolutions ", "decision ", "its resolution ", "its decisions ", "General Assembly ",
    "Human Rights Council ", "Economic and Social Council ", "Commission on Human Rights ", "Conference of the Parties ",
    "Meeting of States Parties ", "COP ", "cmp ", "Commission on Narcotic Drugs ", "superhuman rights council ",
    "reſolution ", "ıts decision ", "General\u3000Assembly ", "68/187 ", "15/4 ", "2015/19 ", "2178 (2014) ",
    "A/74/400 ", "ST/SGB/2003/13 ", "S/RES/1373 (2001) ", "of the ", "adopted by the ", "x", ", ", "(", "12345 (1999) ",
)
pieces = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
named = st.lists(st.sampled_from(NAMES + PIECES), max_size=200).map("".join)


@given(pieces)
@FAST
def test_squash_is_split_and_join(s: str) -> None:
    assert text.squash(s) == " ".join(s.split())


def test_white_space_other_than_the_space_is_never_printable() -> None:
    """What the squash fast path relies on, checked over all of Unicode."""
    odd = [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable() and c != " "]
    assert odd == []


OLD_DIGITS = re.compile(r"(?<!\d)\d{1,6}(?!\d)")


@given(pieces)
@FAST
def test_marker_digit_runs_are_the_old_runs_that_can_be_markers(s: str) -> None:
    """Runs the new pattern skips are runs that _plain_marker() always kept as they were."""
    old = [(m.span(), m.group()) for m in OLD_DIGITS.finditer(s)]
    can = [(span, d) for span, d in old if len(d) <= 3 or (len(d) in (5, 6) and d[:2] in ("19", "20"))]
    assert [(m.span(), m.group()) for m in text._DIGITS.finditer(s)] == can


OLD_RUN_LEAD = re.compile(r"(?<=[,;])" + structure._MARK + r"\s+(?=\*{0,3}([A-Z][a-z]+)\b)")
OLD_RUN_NUMBER = re.compile(r"(?<=[,;:.])" + structure._MARK + r"\s+(?=(\d{1,3})\s?\.\s+\*{0,3}[A-Z])")


def _old_split_runs(raw: str, last: int) -> tuple[list[str], int]:
    m = structure._LINE_NUMBER.match(raw)
    if m and int(m.group(1)) == last + 1:
        last += 1
    cuts = []
    if ("," in raw or ";" in raw) and len(raw) > 40:
        cuts += [m.end() for m in OLD_RUN_LEAD.finditer(raw) if m.group(1) in structure._RUN_LEAD_WORDS]
    if ". " in raw and len(raw) > 40:
        for m in OLD_RUN_NUMBER.finditer(raw):
            if int(m.group(1)) == last + 1:
                last += 1
                cuts.append(m.end())
    if not cuts:
        return [raw], last
    pieces, start = [], 0
    for c in sorted(set(cuts)):
        pieces.append(raw[start:c].rstrip())
        start = c
    pieces.append(raw[start:])
    return [p for p in pieces if p.strip()], last


@given(pieces, st.integers(0, 3))
@FAST
def test_one_scan_cuts_run_together_lines_as_the_two_scans_did(s: str, last: int) -> None:
    assert structure._split_runs(s, last) == _old_split_runs(s, last)


OLD_EXPLICIT = re.compile(r"(?<![\w/.])((?:A|E|S|ST)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+)(\s?\(\d{4}\))?")
OLD_SC_BARE = re.compile(r"(?<![\w/.])(\d{3,5})\s?\((19[4-9]\d|20\d\d)\)")
OLD_SLASH_BARE = re.compile(r"(?<![\w/.\-])(\d{1,4})/(\d{1,4})(?![\w/])")


@given(named)
@FAST
def test_symbol_patterns_find_what_the_look_behind_forms_found(s: str) -> None:
    assert [m.groups() for m in citations._EXPLICIT.finditer(s)] == [m.groups() for m in OLD_EXPLICIT.finditer(s)]
    assert [m.groups() for m in citations._SLASH_BARE.finditer(s)] == [m.groups() for m in OLD_SLASH_BARE.finditer(s)]
    old_sc = [(m.start(), f"S/RES/{m.group(1)} ({m.group(2)})") for m in OLD_SC_BARE.finditer(s)]
    assert citations._sc_bare(s) == old_sc


def test_every_name_opens_with_an_anchor_word() -> None:
    """_scan_names() tries only where an anchor word starts: no name may open otherwise."""
    for alt in citations._alternatives(citations._CONTEXT_FOLDED.pattern):
        plain = alt.replace(r"(?<!\w.)", "")
        assert plain.startswith((*citations._ANCHORS, "(?:resolution|decision)")), alt


@given(named)
@FAST
def test_folded_name_scan_finds_the_case_insensitive_names(s: str) -> None:
    folded = citations.fold(s)
    assert len(folded) == len(s)
    fast = [m.span() for m in citations._scan_names(folded, 0)]
    assert fast == [m.span() for m in citations._CONTEXT.finditer(s)]


def _old_context(s: str, pos: int) -> tuple[str, str]:
    body, kind = "General Assembly", "resolution"
    for m in citations._CONTEXT.finditer(s, max(0, pos - 400), pos):
        word = m.group().lower()
        if word.startswith("its"):
            body, kind = "General Assembly", "decision" if "decision" in word else "resolution"
        elif word.startswith("decision"):
            kind = "decision"
        elif word.startswith("resolution"):
            kind = "resolution"
        elif citations._OTHER.fullmatch(m.group()):
            body = "other"
        else:
            body = m.group()
    return body, kind


@given(named)
@FAST
def test_context_of_each_bare_symbol_is_what_its_own_window_names(s: str) -> None:
    names = citations._Names(s)
    for m in citations._SLASH_BARE.finditer(s):
        body, kind = citations._context(names, m.start())
        old_body, old_kind = _old_context(s, m.start())
        assert (body, kind) == (old_body, old_kind)


SESSION_PIECES = ("Eightieth session ", "seventy-ninth special session ", "2015 session ", "ſession ", "SESSION ",
                  "twentieth ", "Sixty-", "x", "-", " ", "\n", "special ", "sessions ", "ninth", "İ")
sessions = st.lists(st.sampled_from(SESSION_PIECES + PIECES[:12]), max_size=60).map("".join)


@given(sessions)
@FAST
def test_session_is_found_from_the_first_session_word(s: str) -> None:
    flat = re.sub(r"\s+", " ", s)  # as read_header() flattens the text outside the paragraphs
    fast, slow = metadata._session(flat), metadata.SESSION.search(flat)
    assert (fast and fast.span()) == (slow and slow.span())
