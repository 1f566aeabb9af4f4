"""From normalised text to a Resolution: regions, footnotes, paragraphs, draft, annexes.

The document is read line by line. Regions:

* heading: everything before the opening line ("The General Assembly,");
* body: from there to the meeting line ("70th plenary meeting"), the first
  "Annex" heading, the ODS print residue ("<<ODS ..."), or the end;
* tail: annexes, then residue (page headers, which in ODS exports also carry the
  session and agenda item).

Footnote lines may sit anywhere after the opening line (Markdown and PDF put
them at page ends, inside the body); they are lifted out first so that a
paragraph split by them is rejoined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import metadata as md
from .citations import dedupe, find_citations
from .model import HEADING_FIELDS, Annex, Footnote, Paragraph, ParseError, Resolution, Subparagraph
from .text import (
    ADVERBS,
    SUP_CLASS,
    SUPERSCRIPT_DIGITS,
    MarkerState,
    bare,
    clean_inline,
    heuristic_lead,
    lead_and_verb,
    normalise,
    squash,
    strip_markup,
    sup_to_int,
    verb_of,
)

_SUP_FOOT = re.compile("^(" + SUP_CLASS + r"{1,3})\s*(\S.*)$")
_MD_FOOT = re.compile(r"^\[\^(\d{1,3})\]:\s*(.*)$")
_PLAIN_FOOT = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_STARTS_MONTH = re.compile("^(?:" + "|".join(m.capitalize() for m in md.MONTHS) + r")\b")
_ANNEX = re.compile(r"^(?:Annex|ANNEX)(?:\s+(?:[IVXLC]{1,6}|\d{1,2}))?\s*$")
_DRAFT_HEADING = re.compile(r"^Draft\s+(?:resolution|decision)(?:\s+[IVXLC]{1,6})?\s*$", re.IGNORECASE)
# Page furniture of the official PDFs: rules, page numbers ("2/4"), job numbers ("25-18769 (E)",
# with the print dates "051225"), the bar-coded job number ("*2518769*"), "Please recycle", the
# distribution line, the masthead and bare document symbols (running headers).
_JUNK = re.compile(
    r"^(?:[-_=~.·•\s]{3,}|\d{1,4}|\d{1,3}\s?/\s?\d{1,3}"
    r"|(?:\d{1,3}\s?/\s?\d{1,3}\s+)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\d{1,3}\s?/\s?\d{1,3})?"
    r"|\*\s?\d{6,}\s?\*|\d{7,}|Please\s+recycle.*|Distr\.:.*|(?:General\s+Assembly\s+)?Distr\.\s*:?\s*General.*"
    r"|United Nations\s+[A-Z]{1,2}/.*|(?:A/HRC|A|E|S)/RES/\d{1,4}/\d{1,4}(?:\s*\(\d{4}\))?)$"
)
_OP_NUM = re.compile(r"^(\d{1,3})\s?\.\s+(\S.*)$")
_OP_NUM_RAW = re.compile(r"^[*\s]*\d{1,3}\s?\\?\.\s*")
_SUB = re.compile(r"^\(([a-z]{1,4})\)\s+(\S.*)$")
_ENDERS = frozenset(",;:.!?")
_ROMAN = frozenset((
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
))

# Finite verbs that open unnumbered operative paragraphs ("Recommends ...", "Adopts ...").
OPERATIVE_VERBS = frozenset((
    "accepts", "acknowledges", "adopts", "affirms", "agrees", "appeals", "applauds", "appreciates",
    "approves", "authorizes", "authorises", "calls", "commends", "concurs", "condemns", "confirms",
    "congratulates", "considers", "decides", "declares", "deems", "demands", "deplores", "designates",
    "determines", "directs", "draws", "elects", "emphasizes", "emphasises", "encourages", "endorses",
    "entrusts", "establishes", "expresses", "extends", "highlights", "insists", "invites", "notes",
    "pays", "proclaims", "reaffirms", "recalls", "recognizes", "recognises", "recommends", "regrets",
    "reiterates", "rejects", "reminds", "renews", "requests", "resolves", "stresses", "supports",
    "takes", "thanks", "transmits", "underlines", "underscores", "urges", "welcomes",
))
# Openers of preambular paragraphs that are not -ing/-ed forms.
PREAMBLE_WORDS = frozenset((
    "mindful", "aware", "conscious", "cognizant", "desirous", "convinced", "concerned",
))
_NOT_LEADS = frozenset((
    "united", "during", "beijing", "including", "following", "regarding", "concerning", "according",
))


def verb_class(text: str) -> str | None:
    """'operative', 'preamble' or None, judging by how a paragraph opens."""
    words = text.split(maxsplit=3)
    if not words or not words[0][:1].isupper():
        return None
    i = 0
    while i < len(words) - 1 and (bare(words[i]) in ADVERBS or bare(words[i]).endswith("ly")):
        i += 1
    w = bare(words[i])
    if not w.isalpha() or w in _NOT_LEADS:
        return None
    if w in OPERATIVE_VERBS:
        return "operative"
    if w in PREAMBLE_WORDS or (len(w) >= 6 and w.endswith(("ing", "ed"))):
        return "preamble"
    return None


@dataclass(slots=True)
class _Line:
    raw: str  # markup kept
    plain: str  # markup stripped, squashed (markers kept)
    gap: bool = False  # a blank line (or removed furniture) comes before it in the body


@dataclass(slots=True)
class _Para:
    kind: str
    number: int | None
    head_raw: str
    pieces: list[str]
    subs: list[tuple[str, list[str]]] = field(default_factory=list)  # (label, pieces)
    markers: list[int] = field(default_factory=list)
    heading: str | None = None

    def last_text(self) -> str:
        return self.subs[-1][1][-1] if self.subs else self.pieces[-1]

    def complete(self) -> bool:
        """Ends like a finished paragraph (",", ";", "." ...), closing quotes allowed."""
        return self.last_text().rstrip("\"”’)]")[-1:] in _ENDERS

    def append(self, text: str) -> None:
        target = self.subs[-1][1] if self.subs else self.pieces
        prev = target[-1]
        if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and text[:1].isalpha() and not (
            text.startswith(("and ", "or "))
        ):
            target[-1] = prev + text  # a word split at a page break ("Counter-" / "Terrorism")
        else:
            target.append(text)

    def build(self) -> Paragraph:
        # Every piece is a cleaned item text (squashed, never empty) or the squashed rest of one,
        # so joining them with single spaces is already what squash() would return.
        head = " ".join(self.pieces)
        subs = [Subparagraph(label, " ".join(p)) for label, p in self.subs]
        if not subs:
            head, subs = _inline_subs(head)
        # (head is squashed already: without sub-paragraphs it is the whole text)
        full = squash(" ".join([head, *(f"{s.label} {s.text}" for s in subs)])) if subs else head
        lead, verb = lead_and_verb(self.head_raw, full)
        if self.kind == "operative" and verb_class(full) != "operative":
            lead, verb = _inner_lead(full, lead, verb)
        markers = list(dict.fromkeys(self.markers))
        return Paragraph(self.kind, verb, lead, full, self.number, subs, markers, self.heading)


# "(a) " opening an inline list right after a colon ("… in this regard: (a) To …; (b) To …").
_INLINE_FIRST = re.compile(r":\s+\(a\)\s+(?=\S)")


def _inline_subs(text: str) -> tuple[str, list[Subparagraph]]:
    """Lettered sub-paragraphs written on one line after a colon, in letter order."""
    m = _INLINE_FIRST.search(text) if "(a)" in text else None
    if not m:
        return text, []
    head = text[: m.start() + 1]
    cuts: list[tuple[str, int, int]] = [("(a)", text.index("(a)", m.start()), m.end())]
    label = "a"
    pos = m.end()
    while True:
        label = chr(ord(label) + 1)
        if label > "z":
            break
        j = _find_label(text, f"({label})", pos)
        if j < 0:
            break
        cuts.append((f"({label})", j, j + len(label) + 3))
        pos = j + len(label) + 3
    if len(cuts) < 2:
        return text, []  # one "(a)" alone is a reference ("paragraph 3 (a)"), not a list
    subs = []
    for k, (lab, _start, body_start) in enumerate(cuts):
        body_end = cuts[k + 1][1] if k + 1 < len(cuts) else len(text)
        subs.append(Subparagraph(lab, text[body_start:body_end].strip()))
    return head, subs


def _find_label(text: str, label: str, pos: int) -> int:
    """Where ``label`` opens the next item: after "; ", ", ", ". " or "; and "/"; or "."""
    j = text.find(label + " ", pos)
    while j >= 0:
        before = text[max(0, j - 6): j]
        if before.endswith(("; ", ", ", ". ", ": ", "; and ", "; or ", ", and ", ", or ")):
            return j
        j = text.find(label + " ", j + 1)
    return -1


def _inner_lead(text: str, lead: str, verb: str) -> tuple[str, str]:
    """The operative verb of a paragraph that opens with a phrase ("Pending …, urges …")."""
    for m in _INNER_VERB.finditer(text, 0, 400):
        if m.group(1) in OPERATIVE_VERBS:
            inner = heuristic_lead(text[m.start(1):])
            return inner, verb_of(inner)
    return lead, verb


_INNER_VERB = re.compile(r",\s+(?:also\s+|further\s+|again\s+|strongly\s+)?([a-z]+)\b")


def _is_letter_label(label: str, last_letter: str | None) -> bool:
    if label not in _ROMAN:
        return True
    # "(i)" after "(h)" is a letter, not a roman numeral; same for (v) and (x).
    return len(label) == 1 and last_letter is not None and ord(label) == ord(last_letter) + 1


# Preambular lead words: a run-together line splits before one of these when it follows
# the comma (and maybe a footnote marker) that ends a preambular paragraph.
PREAMBLE_LEADS = (
    "Recalling", "Reaffirming", "Recognizing", "Recognising", "Noting", "Welcoming", "Stressing",
    "Emphasizing", "Emphasising", "Expressing", "Bearing in mind", "Taking", "Convinced", "Concerned",
    "Deeply", "Gravely", "Seriously", "Mindful", "Aware", "Conscious", "Considering", "Acknowledging",
    "Underlining", "Underscoring", "Affirming", "Determined", "Desirous", "Guided", "Having", "Alarmed",
    "Appreciating", "Believing", "Cognizant", "Commending", "Deploring", "Encouraging", "Seeking",
    "Wishing", "Reiterating", "Highlighting", "Observing", "Regretting", "Condemning", "Calling",
    "Acknowledging", "Firmly", "Strongly", "Further", "Also", "Reaffirming", "Looking forward",
    "Keeping in mind", "Emphasizing", "Endorsing", "Underscoring", "Urging", "Inviting", "Requesting",
    "Resolved", "Troubled", "Dismayed", "Fully", "Paying tribute", "Acting", "Declaring", "Hoping",
    "Realizing", "Referring", "Reminding", "Viewing", "Approving", "Agreeing", "Anxious", "Confident",
    "Encouraged", "Gratified", "Satisfied", "Disturbed", "Shocked", "Outraged", "Appalled", "Sharing",
    "Continuing", "Recognising", "Emphasising", "Noting with concern",
)
_MARK = r"(?:\[\^\d{1,4}\]|" + SUP_CLASS + r"{1,3}|\d{1,3})?"
_RUN_LEAD_WORDS = frozenset(w.split()[0] for w in PREAMBLE_LEADS)
# Both patterns open with the punctuation itself, not a look-behind, so that the engine scans
# for it; only ``end()`` is used, which is the same. The lead words sit in the pattern, so
# only real cuts come back to Python.


def _by_first_letter(words: frozenset[str]) -> str:
    """An alternation of ``words`` grouped by first letter ("A(?:ware|cting)|B(?:...)"), so that
    one letter test skips every word of another letter."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


# Where a run-together line is cut: after paragraph-ending punctuation, maybe a footnote marker,
# and white space, before a preambular lead word (after "," or ";" only: group 2 is None) or the
# next paragraph number (group 2). One scan finds both: at a given punctuation mark the marker
# and the white space can be read one way only, and what follows is a letter or a digit, so at
# most one of the two can match there; neither can start inside the other.
_RUN_CUT = re.compile(
    r"([,;:.])" + _MARK + r"\s+(?=\*{0,3}(?:" + _by_first_letter(_RUN_LEAD_WORDS) + r")\b"
    r"|(\d{1,3})\s?\.\s+\*{0,3}[A-Z])"
)
_END_NUMBER = re.compile(r"(?<=[,;:.”])\s+(\d{1,3})\s?\.$")
_NUMBER_ALONE = re.compile(r"^(\d{1,3})\s?\\?\.$")
_LABEL_ALONE = re.compile(r"^\(([a-z]{1,4})\)$")
_LINE_NUMBER = re.compile(r"^[*\s]*(\d{1,3})\s?\\?\.\s")


def _split_runs(raw: str, last: int) -> tuple[list[str], int]:
    """Split a line that extraction ran together: before a preambular lead word that follows
    a paragraph's final comma, and before the next paragraph number ("…; 2. Requests …").
    ``last`` is the last paragraph number seen; returns the pieces and the new last number."""
    m = _LINE_NUMBER.match(raw)
    if m and int(m.group(1)) == last + 1:
        last += 1
    cuts: list[int] = []
    if len(raw) > 40:
        leads = "," in raw or ";" in raw
        numbers = ". " in raw
        if leads or numbers:
            for m in _RUN_CUT.finditer(raw):
                number = m.group(2)
                if number is None:
                    if leads and m.group(1) in ",;":
                        cuts.append(m.end())
                elif numbers and int(number) == last + 1:
                    last += 1
                    cuts.append(m.end())
    if not cuts:
        return [raw], last
    cuts = sorted(set(cuts))
    pieces, start = [], 0
    for c in cuts:
        pieces.append(raw[start:c].rstrip())
        start = c
    pieces.append(raw[start:])
    return [p for p in pieces if p.strip()], last


@dataclass(slots=True)
class _Item:
    raw: str
    text: str
    markers: list[int]
    gap: bool = True


def _items(lines: list[_Line], state: MarkerState) -> list[_Item]:
    """Body lines as cleaned pieces: run-together paragraphs split, numbers and labels that
    stand alone on their line (raw PDF text) moved onto the text they number."""
    items: list[_Item] = []
    last = 0
    carry = ""  # "2." or "(a)" waiting for its text
    for line in lines:
        pieces, last_after = _split_runs(line.raw, last)
        for k, raw in enumerate(pieces):
            gap = line.gap or k > 0
            if carry:
                raw = carry + " " + raw
                carry = ""
            bare_raw = raw.strip("* ")
            if len(bare_raw) <= 6:  # "12." or "(iv)" alone on its line
                alone = _NUMBER_ALONE.match(bare_raw)
                if alone and int(alone.group(1)) == last + 1:
                    carry = f"{alone.group(1)}."
                    last += 1
                    continue
                if _LABEL_ALONE.match(bare_raw):
                    carry = bare_raw
                    continue
            # _END_NUMBER needs a final "." after a digit (a space between allowed): test that first.
            end = _END_NUMBER.search(raw) if raw[-1:] == "." and (
                raw[-2:-1].isdigit() or (raw[-2:-1].isspace() and raw[-3:-2].isdigit())
            ) else None
            if end and int(end.group(1)) == max(last, last_after) + 1:
                raw = raw[: end.start()]
                carry = f"{end.group(1)}."
                last = max(last, last_after) + 1
            text, markers = clean_inline(raw, state=state)
            if text:
                items.append(_Item(raw, text, markers, gap))
        last = max(last, last_after)
    if carry:
        items.append(_Item(carry, carry, []))
    return items


_KNOWN_LEADS = frozenset(w.split()[0].lower() for w in PREAMBLE_LEADS) | PREAMBLE_WORDS


def _known_lead(text: str) -> bool:
    words = text.split(maxsplit=2)
    i = 0
    while i < len(words) - 1 and bare(words[i]) in ADVERBS:
        i += 1
    return bool(words) and bare(words[i]) in _KNOWN_LEADS


def _heading_like(text: str) -> bool:
    """Short, unpunctuated, capitalised: a section heading rather than paragraph text."""
    if len(text) > 150 or text[-1:] in ",;:" or not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if len(text.split()) > 14 or _SUB.match(text):
        return False
    if text.endswith(".") and not re.match(r"^(?:[IVXLC]{1,6}|[A-Z])\.$", text):
        return False
    return verb_class(text) != "operative"


def segment(lines: list[_Line], state: MarkerState) -> list[Paragraph]:
    """Group body lines (footnotes and junk already removed) into paragraphs."""
    items = _items(lines, state)
    paras: list[_Para] = []
    cur: _Para | None = None
    last_number = 0
    heading: list[str] = []
    for idx, item in enumerate(items):
        text = item.text
        num = _OP_NUM.match(text)
        if num and cur and not cur.complete() and int(num.group(1)) != last_number + 1:
            num = None  # "… paragraph\n5. of resolution …" is not paragraph 5
        sub = _SUB.match(text) if cur else None
        if not num and cur and cur.complete() and _heading_like(text) and _opens_numbered(items, idx, last_number):
            heading.append(text)  # a section heading between paragraphs ("Peacebuilding financing")
            continue
        if num:
            last_number = int(num.group(1))
            cur = _Para("operative", last_number, _OP_NUM_RAW.sub("", item.raw, count=1), [num.group(2)])
            paras.append(cur)
        elif sub and cur:
            label = sub.group(1)
            # A list that opens with "(i)" is a roman list: its items are siblings.
            roman_list = bool(cur.subs) and cur.subs[0][0] == "(i)"
            last_letter = cur.subs[-1][0][1:-1] if cur.subs else None
            if not cur.subs or roman_list or _is_letter_label(label, last_letter):
                cur.subs.append((f"({label})", [sub.group(2)]))
            else:
                cur.subs[-1][1].append(f"({label}) {sub.group(2)}")
        elif cur and (not cur.complete() or not text[0].isupper()):
            cur.append(text)
        else:
            kind = verb_class(text)
            if kind == "preamble" and not item.gap and not _known_lead(text):
                kind = None  # "…Production,\nStockpiling and Use of…": a wrapped line, not a new paragraph
            if cur and (kind is None or (kind == "preamble" and last_number)):
                cur.append(text)
            else:
                kind = "operative" if kind == "operative" else "preamble"
                cur = _Para(kind, None, item.raw, [text])
                paras.append(cur)
        if heading and cur is not None and cur.heading is None and cur.kind == "operative":
            cur.heading = squash(" ".join(heading))
            heading = []
        if cur:
            cur.markers.extend(item.markers)
    return [p.build() for p in paras]


def _opens_numbered(items: list[_Item], idx: int, last_number: int) -> bool:
    """The next non-heading item opens the next numbered paragraph."""
    for nxt in items[idx + 1: idx + 4]:
        m = _OP_NUM.match(nxt.text)
        if m:
            return int(m.group(1)) == last_number + 1
        if not _heading_like(nxt.text):
            return False
    return False


@dataclass
class _Doc:
    lines: list[_Line]
    body_start: int
    body_end: int
    residue: int
    junk: set[int] = field(default_factory=set)
    foot_lines: set[int] = field(default_factory=set)
    footnotes: dict[int, str] = field(default_factory=dict)
    plain_numbers: frozenset[int] = frozenset()


def _find_footnotes(
    lines: list[_Line], start: int, stop: int, junk: set[int]
) -> tuple[set[int], dict[int, str], frozenset[int]]:
    """Footnote lines between ``start`` and ``stop``: their indices, texts and plain-style numbers.

    Page furniture (``junk``) between a footnote and its continuation is skipped.
    A Markdown definition out of sequence continues the previous note when that
    one is unfinished ("[^2]: … as from" / "[^7]: February 1984."), and one far
    out of sequence ("[^1653]: (XVI) of …", a resolution number taken for a
    marker) is body text.
    """
    indices: set[int] = set()
    notes: dict[int, str] = {}
    plain: set[int] = set()
    last = 0
    open_note: int | None = None  # footnote whose text may continue on the next line
    for i in range(start, stop):
        if i in junk:
            continue
        p = lines[i].plain
        if not p:
            open_note = None
            continue
        # Each pattern is tried only where the line opens as it must ("[^", a superscript, a digit).
        first = p[0]
        m = _MD_FOOT.match(p) if first == "[" else None
        number = None
        if m:
            number = int(m.group(1))
            if number != last + 1 and open_note is not None:
                indices.add(i)
                notes[open_note] = f"{notes[open_note]} {number} {m.group(2)}"
                if p.endswith("."):
                    open_note = None
                continue
            if number > last + 20:
                lines[i] = _Line(f"{number} {m.group(2)}", f"{number} {m.group(2)}")
                open_note = None
                continue
        else:
            m = _SUP_FOOT.match(p) if first in SUPERSCRIPT_DIGITS else None
            if m:
                number = sup_to_int(m.group(1))
        if m is None:
            m = _PLAIN_FOOT.match(p) if first.isdigit() else None
            if m and int(m.group(1)) == last + 1 and not _STARTS_MONTH.match(m.group(2)):
                number = int(m.group(1))
                plain.add(number)
        if number is not None and m is not None:
            indices.add(i)
            notes.setdefault(number, m.group(2))
            last = max(last, number)
            open_note = None if notes[number].endswith(".") else number
        elif open_note is not None and not _OP_NUM.match(p) and verb_class(p) is None:
            indices.add(i)  # a footnote wrapped onto a second line (PDF text)
            notes[open_note] = notes[open_note] + " " + p
            if p.endswith("."):
                open_note = None
        else:
            open_note = None
    return indices, notes, frozenset(plain)


# A meeting line run onto the end of the last paragraph ("… negotiations. 52nd plenary meeting 1 December 2025").
_TRAILING_MEETING = re.compile(r"\s(?=\d{1,5}(?:st|nd|rd|th)\s+plenary\s+meeting\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*$)")


def _lines(text: str) -> list[_Line]:
    text = normalise(text)
    raws = text.split("\n")
    # Markup never spans a line break, so the whole text is stripped in one go and split the same way.
    plains = strip_markup(text).split("\n")
    out: list[_Line] = []
    for r, plain in zip(raws, plains, strict=True):
        r = r.strip()
        if not r:  # a blank line (its plain form is blank too)
            out.append(_Line("", ""))
            continue
        if "plenary meeting" in r:
            m = _TRAILING_MEETING.search(r)
            if m and m.start() > 0:
                head = r[: m.start()]
                out.append(_Line(head, squash(strip_markup(head))))
                r = r[m.end():]
                plain = strip_markup(r)
        out.append(_Line(r, squash(plain)))
    return out


def _locate(text: str, source: str) -> _Doc:
    lines = _lines(text)
    body_start = next(
        (i for i, ln in enumerate(lines) if ln.plain.startswith("The") and md.BODY_HEADER.match(ln.plain)), None
    )
    if body_start is None:
        raise ParseError(source, "not a resolution: no opening line such as 'The General Assembly,' found")
    residue = next((i for i in range(body_start + 1, len(lines)) if "<<ODS" in lines[i].raw), len(lines))
    # Out-of-sequence Markdown notes may turn out to be body text (see _find_footnotes): settle them first.
    if "[^" in text:
        _find_footnotes(lines, body_start + 1, residue, set())
    body_end = residue
    for i in range(body_start + 1, residue):
        p = lines[i].plain
        first = p[:1]  # a meeting line opens with its number, an annex heading with "A"
        if (first.isdigit() and md.MEETING.match(p)) or (first == "A" and _ANNEX.match(p)):
            body_end = i
            break
    return _Doc(lines, body_start, body_end, residue)


def _junk_lines(lines: list[_Line], start: int, stop: int, header: md.Header) -> set[int]:
    """Indices of page furniture; a title line that the next line continues is a title, not a header."""
    out: set[int] = set()
    titles = _titles(header)
    for i in range(start, stop):
        plain = lines[i].plain
        if not plain or not _junk(plain, header, titles):
            continue
        nxt = next((ln.plain for ln in lines[i + 1: i + 3] if ln.plain), "")
        if nxt and not _JUNK.match(plain) and _title_prefix(f"{plain} {nxt}", header):
            continue  # "Fictional cooperation on lighthouse" / "security": a wrapped (draft) title
        out.add(i)
    return out


def _title_prefix(text: str, header: md.Header) -> bool:
    low = text.lower()
    return any(t and (t.lower() == low or t.lower().startswith(low + " ")) for t in (header.title, header.printed_title))


def _titles(header: md.Header) -> tuple[str, ...]:
    """The title and the printed title, lower-cased, longest first, for _junk() (once a document)."""
    return tuple(sorted((t.lower() for t in (header.title, header.printed_title) if t), key=len, reverse=True))


def _junk(plain: str, header: md.Header, titles: tuple[str, ...]) -> bool:
    if _JUNK.match(plain):
        return True
    if header.symbol and (plain.startswith(header.symbol) or plain.endswith(header.symbol)):
        return True  # running page header
    # The running header repeats the title, often cut short; a line longer than the titles
    # cannot be one (lower() never shortens a text).
    if not titles or len(plain) > len(titles[0]):
        return False
    low = plain.lower()
    return any(low == title or (low.count(" ") >= 3 and title.startswith(low + " ")) for title in titles)


def _draft_split(lines: list[_Line]) -> tuple[list[_Line], list[_Line] | None, str | None, str | None]:
    """Split body lines at a second opening line: (own lines, draft lines, draft title, draft body)."""
    for j in range(1, len(lines)):
        opening = md.BODY_HEADER.match(lines[j].plain) if lines[j].plain.startswith("The") else None
        if opening:
            k = j - 1
            while k >= 0 and not lines[k].plain.endswith(":"):
                k -= 1
            heading = [ln.plain for ln in lines[k + 1: j]] if k >= 0 else []
            own = lines[: k + 1] if k >= 0 else lines[:j]
            heading = [h for h in heading if not _DRAFT_HEADING.match(h)]
            title = squash(" ".join(heading)) or None
            if title:
                m = md.TITLE_LINE.match(title)
                title = m.group(2) if m else title
            draft = lines[j + 1:]
            end = next((i for i, ln in enumerate(draft) if md.BODY_HEADER.match(ln.plain)
                        or _DRAFT_HEADING.match(ln.plain)), len(draft))
            return own, draft[:end], title, md.BODY_NAMES.get(opening.group(1))
    return lines, None, None, None


def _annexes(doc: _Doc, header: md.Header) -> list[Annex]:
    annexes: list[Annex] = []
    titles = _titles(header)
    i = doc.body_end
    while i < doc.residue:
        if not _ANNEX.match(doc.lines[i].plain):
            i += 1
            continue
        j = i + 1
        title: list[str] = []
        in_title = True  # the title runs until the first numbered line, paragraph or blank after it
        carry = ""  # a paragraph number alone on its line ("1.") waiting for its text
        paras: list[list[str]] = [[]]
        while j < doc.residue and not _ANNEX.match(doc.lines[j].plain):
            p = doc.lines[j].plain
            j += 1
            if j - 1 in doc.foot_lines or j - 1 in doc.junk or (p and _junk(p, header, titles)):
                continue
            if not p:
                in_title = in_title and not title
                if paras[-1]:
                    paras.append([])
                continue
            text = clean_inline(doc.lines[j - 1].raw, doc.plain_numbers)[0]
            if not text:
                continue
            if _NUMBER_ALONE.match(text) or _LABEL_ALONE.match(text):
                carry, in_title = text, False
                continue
            if carry:
                text, carry = f"{carry} {text}", ""
            if in_title and not _OP_NUM.match(text) and not _SUB.match(text) and text[-1:] not in ",;." and (
                len(text) <= 200 and (not title or len(title) < 4)
            ):
                title.append(text)
                continue
            in_title = False
            prev = paras[-1][-1] if paras[-1] else ""
            # Without blank lines (ODS), a numbered line or a capital after a full stop opens a paragraph.
            if prev and (_OP_NUM.match(text) or _SUB.match(text) or (prev.endswith((".", ";", ":"))
                                                                     and text[:1].isupper())):
                paras.append([])
            paras[-1].append(text)
        if carry:
            paras[-1].append(carry)
        annexes.append(Annex(squash(" ".join(title)), "\n\n".join(squash(" ".join(p)) for p in paras if p)))
        i = j
    return annexes


def _meeting(doc: _Doc) -> tuple[str | None, str]:
    """The meeting line and the text right after it (its date)."""
    if doc.body_end >= len(doc.lines):
        return None, ""
    m = md.MEETING.match(doc.lines[doc.body_end].plain)
    if not m:
        return None, ""
    after = " ".join(ln.plain for ln in doc.lines[doc.body_end: doc.body_end + 4])
    return m.group(1), after


def build(text: str, source: str = "<text>") -> Resolution:
    """Parse normalised or raw text into a Resolution; raise ParseError if it is not one."""
    if not text.strip():
        raise ParseError(source, "text is empty")
    doc = _locate(text, source)
    lines = doc.lines
    meeting, meeting_tail = _meeting(doc)
    head_lines = [ln.plain for ln in lines[: doc.body_start]]
    outside = [*head_lines, meeting_tail, *(ln.plain for ln in lines[doc.residue:])]
    body_name = md.BODY_HEADER.match(lines[doc.body_start].plain).group(1)  # type: ignore[union-attr]
    header = md.read_header(head_lines, body_name, "\n".join(outside))
    if meeting:
        header.meeting = meeting
        header.adopted_on = header.adopted_on or md.parse_date(meeting_tail)

    doc.junk = _junk_lines(lines, doc.body_start + 1, doc.residue, header)
    doc.foot_lines, doc.footnotes, doc.plain_numbers = _find_footnotes(
        lines, doc.body_start + 1, doc.residue, doc.junk
    )
    body: list[_Line] = []
    gap = True
    for i in range(doc.body_start + 1, doc.body_end):
        ln = lines[i]
        if not ln.plain or i in doc.foot_lines or i in doc.junk:
            gap = gap or not ln.plain or i in doc.foot_lines
            continue
        body.append(_Line(ln.raw, ln.plain, gap))
        gap = False
    own, draft_lines, draft_title, draft_body = _draft_split(body)
    state = MarkerState(frozenset(doc.footnotes))
    notes = {n: clean_inline(t)[0] for n, t in sorted(doc.footnotes.items())}  # cleaned once, used twice
    res = _resolution(own, header, state)
    if draft_lines is not None:
        res.draft = _resolution(draft_lines, md.Header(title=draft_title, body=draft_body), state, notes)
    if res.title and res.title == header.printed_title:
        named = [m.group(1) for p in res.operative[-3:] for m in _ENTITLED.finditer(p.text)]
        res.title = md.complete_title(res.title, [], named)
    res.footnotes = [Footnote(n, t) for n, t in notes.items()]
    res.annexes = _annexes(doc, header)
    cited: dict[str, list[str]] = {}  # the draft's paragraphs and notes are read for both resolutions
    res.citations = _citations(res, cited)
    if res.draft:
        res.draft.citations = _citations(res.draft, cited)
    res.source = source
    _check(res, doc, source)
    return res


_ENTITLED = re.compile(r"entitled\s+[“\"]([^”\"]{3,300})[”\"]")


def _resolution(
    lines: list[_Line], header: md.Header, state: MarkerState, notes: dict[int, str] | None = None
) -> Resolution:
    """The resolution read from ``lines``; with ``notes`` (cleaned footnote texts, in number order)
    its footnotes are those its paragraphs reference (the caller sets them otherwise)."""
    paras = segment(lines, state)
    res = Resolution(**{name: getattr(header, name) for name in HEADING_FIELDS})
    res.preamble = [p for p in paras if p.kind == "preamble"]
    res.operative = [p for p in paras if p.kind == "operative"]
    if notes is not None:
        used = {n for p in paras for n in p.footnotes}
        res.footnotes = [Footnote(n, t) for n, t in notes.items() if n in used]
    return res


def _citations(res: Resolution, cited: dict[str, list[str]]) -> list[str]:
    """Citations in reading order: each paragraph, then footnotes it opens, then the rest.

    ``cited`` remembers what each text cites, for texts read again in the same document."""

    def cite(text: str) -> list[str]:
        got = cited.get(text)
        if got is None:
            got = cited[text] = find_citations(text)
        return got

    found: list[str] = []
    seen_notes: set[int] = set()
    notes = {f.number: f.text for f in res.footnotes}
    for para in [*res.paragraphs, *(res.draft.paragraphs if res.draft else [])]:
        found.extend(cite(para.text))
        for n in para.footnotes:
            if n in notes and n not in seen_notes:
                seen_notes.add(n)
                found.extend(cite(notes[n]))
    for n, t in notes.items():
        if n not in seen_notes:
            found.extend(cite(t))
    for annex in res.annexes:
        found.extend(cite(annex.text))
    return dedupe(found, exclude=res.symbol)


def _check(res: Resolution, doc: _Doc, source: str) -> None:
    """Refuse documents that lack what every resolution has (see parse_text's docstring)."""
    ended = doc.body_end < doc.residue or doc.residue < len(doc.lines)
    last = (res.draft or res).operative
    hint = "" if ended else " (text may be truncated)"
    if not res.operative:
        raise ParseError(source, "no operative paragraphs found" + hint)
    if res.draft is not None and not res.draft.operative:
        raise ParseError(source, "the recommended draft resolution has no operative paragraphs" + hint)
    if not ended and last and not last[-1].text.endswith((".", ".”", '."')):
        n = last[-1].number
        where = f"operative paragraph {n}" if n else "the last operative paragraph"
        raise ParseError(source, f"truncated: text ends inside {where} (no closing meeting line)")
    if not res.symbol:
        raise ParseError(source, "no resolution symbol found (expected a line such as '74/175. Title')")
    if not res.adopted_on:
        raise ParseError(source, "no adoption date found")
