"""Text-level helpers: normalisation, markup, footnote markers, lead phrases.

Everything here works on single strings; the line and paragraph logic lives in
``structure.py``. All regular expressions are linear (no nested quantifiers over
overlapping classes) so that hostile input cannot make them backtrack badly.
"""

from __future__ import annotations

import re
from functools import partial

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
SUP_CLASS = "[" + SUPERSCRIPT_DIGITS + "]"

# Adverbs skipped when picking a paragraph's verb (see the gold README).
ADVERBS = frozenset(
    ("also", "further", "again", "moreover", "furthermore", "once", "strongly", "firmly", "deeply", "hereby")
)

_SPACES = (("\u00a0", " "), ("\u2007", " "), ("\u202f", " "), ("\t", " "), ("\f", "\n"), ("\v", "\n"))
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# ODS exports carry "[DU1]" document-unit tags; they are never text.
_DU_TAG = re.compile(r"\[DU\d*\]")
# A run of asterisks right after paragraph-ending punctuation (and optional footnote
# markers), followed by a capital: the Markdown export glued a heading or paragraph to
# the previous one ("...Assembly,**Recalling* all" or "ones,¹*Recalling also*").
# The pattern opens with the star itself (a literal the regex engine scans for quickly) and
# looks back one character; _glued_lead() checks the punctuation before any markers.
_GLUED_LEAD = re.compile(r"\*(?<=[,;:." + SUPERSCRIPT_DIGITS + r"]\*)\**(?=[A-Z\[])")
_BOLD_RUN = re.compile(r"\*\*+")  # "\*\*+", not "\*{2,}": a literal prefix is scanned many times faster
_UNDERSCORE_EM = re.compile(r"_([^_\n]{1,200})_")  # word boundaries checked in _underscore()


def normalise(text: str) -> str:
    """Unify newlines and spaces, drop invisible characters, split glued Markdown blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _SPACES:  # str.replace is much faster than str.translate with a dict
        if old in text:
            text = text.replace(old, new)
    # Invisible and control characters are non-printable: one C-speed isprintable() over the
    # text (newlines aside) tells whether any is there at all. (The three replacements touch
    # separate characters and make none of the others, so their order does not matter.)
    if not text.replace("\n", "").isprintable():
        text = _INVISIBLE.sub("", text)
        text = _CONTROL.sub(" ", text)
    if "[DU" in text:
        text = _DU_TAG.sub("", text)
    if "_" in text:
        text = _UNDERSCORE_EM.sub(_underscore, text)
    if "*" in text:
        text = _GLUED_LEAD.sub(_glued_lead, text)
        # Remaining bold runs separate headings; an odd run ("***") also opens an italic.
        text = _BOLD_RUN.sub(lambda m: "\n*" if len(m.group()) % 2 else "\n", text)
    return text


def _glued_lead(m: re.Match[str]) -> str:
    """A star run after "," ";" ":" "." (footnote markers between allowed) opens a new block."""
    s = m.string
    i = m.start() - 1
    while i >= 0 and s[i] in SUPERSCRIPT_DIGITS:
        i -= 1
    return "\n*" if i >= 0 and s[i] in ",;:." else m.group()


def _underscore(m: re.Match[str]) -> str:
    """``_words_`` is emphasis only at word boundaries (not in snake_case or ____ rules)."""
    s, a, b = m.string, m.start(), m.end()
    if (a and (s[a - 1].isalnum() or s[a - 1] == "_")) or (b < len(s) and (s[b].isalnum() or s[b] == "_")):
        return m.group()
    return f"*{m.group(1)}*"


_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def strip_markup(text: str) -> str:
    """Remove Markdown emphasis, link targets and escapes; keep the words."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    text = text.replace("*", "")
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text


def squash(text: str) -> str:
    """Collapse white space to single spaces and trim."""
    # Every white-space character but the plain space is non-printable, so printable text
    # without a double space only needs trimming (twice as fast as the split and join).
    if "  " not in text and text.isprintable():
        return text.strip(" ")
    return " ".join(text.split())  # several times faster than a \s+ regex


def sup_to_int(digits: str) -> int:
    return int(digits.translate(_SUP_TO_ASCII))


_SUP_MARK = re.compile(SUP_CLASS + "+")
_MD_MARK = re.compile(r"\[\^(\d{1,4})\]")
# The runs of plain digits that can be footnote markers (what surrounds them decides): 1 to 3
# digits, or a year with a marker glued on ("20233", 5 or 6 digits opening with 19 or 20).
# _plain_marker() keeps every other run as it is, so those are not even handed to it. (Each
# look-behind follows the first digits so that the engine scans for a digit first.)
_DIGITS = re.compile(r"\d(?<!\d\d)(?:\d{0,2}(?!\d)|(?<=1)9\d{3,4}(?!\d)|(?<=2)0\d{3,4}(?!\d))")
_GLUE_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz)]”\"’.,;:")
_GLUE_AFTER = frozenset(" ,;.:)]”’\"\n")
_PUNCT_BEFORE = frozenset(",;:.")
# Words that a plain number follows as its own complement ("Article 3", "Goal 16"): never a marker.
_NUMBER_NOUNS = frozenset((
    "article", "articles", "annex", "chapter", "section", "sections", "part", "parts", "paragraph",
    "paragraphs", "para", "paras", "no", "nos", "vol", "volume", "resolution", "resolutions", "decision",
    "decisions", "goal", "goals", "target", "targets", "principle", "principles", "rule", "rules",
    "protocol", "recommendation", "recommendations", "action", "actions", "step", "phase", "stage",
    "level", "item", "items", "page", "pages", "table", "figure", "box", "option", "supplement",
    "cop", "cmp", "cma", "mop",
))
_ABBREVIATIONS = frozenset((
    "add", "corr", "rev", "no", "nos", "vol", "para", "paras", "suppl", "sect", "art", "chap", "amend", "p", "pp",
))
_ONE_WORD_AFTER = frozenset(("and", "or", "per", "percent", "of", "years", "days", "months", "weeks"))


class MarkerState:
    """Footnote references of one document, read in order.

    ``numbers`` are the footnotes the document defines. ``seen`` is the highest
    number referenced so far: UN documents number their footnotes in order of
    first reference, so the next new marker is ``seen + 1``. Only that number is
    accepted where a bare number could also be text (after a space, or glued to
    a year: "2023" + note 3 printed "20233").
    """

    __slots__ = ("numbers", "seen")

    def __init__(self, numbers: frozenset[int]) -> None:
        self.numbers = numbers
        self.seen = 0

    def note(self, n: int) -> None:
        if n > self.seen:
            self.seen = n


def extract_markers(
    text: str, plain_numbers: frozenset[int] = frozenset(), state: MarkerState | None = None
) -> tuple[str, list[int]]:
    """Remove footnote markers from ``text``; return the clean text and the numbers found.

    Superscript digits and ``[^n]`` are always markers. Glued plain digits are
    only markers when the document has a footnote with that number, which keeps
    "G20" or "2178 (2014)" intact in other documents. With a ``state`` (body
    text read in order) spaced markers ("…session; 1") and markers glued to a
    year are recognised too, but only for the next footnote number.
    """
    found: list[int] = []
    # (partial() rather than a lambda: the substitution calls the helper with no Python frame between)
    if "[^" in text:
        text = _MD_MARK.sub(partial(_md_marker, found=found, state=state), text)
    # (Each substitution scans once; a search first would scan twice where it finds something.)
    if not text.isascii():  # superscript digits are not ASCII
        text = _SUP_MARK.sub(partial(_sup_marker, found=found, state=state), text)
    numbers = state.numbers if state is not None else plain_numbers
    if numbers:
        text = _DIGITS.sub(partial(_plain_marker, numbers=numbers, found=found, state=state), text)
    return text, found


def _sup_marker(m: re.Match[str], found: list[int], state: MarkerState | None) -> str:
    n = sup_to_int(m.group())
    found.append(n)
    if state is not None:
        state.note(n)
    return ""


def _md_marker(m: re.Match[str], found: list[int], state: MarkerState | None) -> str:
    n = int(m.group(1))
    found.append(n)
    if state is not None:
        state.note(n)
    return ""


def _plain_marker(m: re.Match[str], numbers: frozenset[int], found: list[int], state: MarkerState | None) -> str:
    src, start, end = m.string, m.start(), m.end()
    digits = m.group()
    if end < len(src) and src[end] not in _GLUE_AFTER:
        return digits
    before = src[start - 1] if start else ""
    if before in _GLUE_BEFORE:
        value = int(digits)
        if len(digits) > 3 or value not in numbers or digits.startswith("0"):
            return digits
        if before == ".":
            word_start = src.rfind(" ", 0, start) + 1
            word = src[word_start:start - 1]
            if (start >= 2 and src[start - 2].isdigit()) or "/" in word or word.lower() in _ABBREVIATIONS:
                return digits  # a decimal number (1.5), a symbol part (A/80/L.4) or "Add.1", "para.3"
        if before.isalpha():
            word_start = start
            while word_start > 0 and src[word_start - 1].isalpha():
                word_start -= 1
            word = src[word_start:start]
            if len(word) <= 3 and word.isupper():
                return digits  # an acronym with a number: G20, CO2
            if word_start > 0 and src[word_start - 1] in "/-":
                return digits  # part of a symbol or code (CD/1839, S-10)
        found.append(value)
        if state is not None:
            state.note(value)
        return ""
    if state is None:
        return digits
    expected = state.seen + 1
    if expected not in numbers:
        return digits
    if len(digits) in (5, 6) and digits[:2] in ("19", "20") and int(digits[4:]) == expected and before in " (":
        found.append(expected)  # a year with the next marker glued on: "20233" is 2023 + note 3
        state.note(expected)
        return digits[:4]
    if before != " " or len(digits) > 3 or int(digits) != expected or start < 2:
        return digits
    prev_end = start - 1
    prev_start = src.rfind(" ", 0, prev_end) + 1
    prev = src[prev_start:prev_end]
    nxt = src[end + 1:].split(" ", 1)[0] if end < len(src) else ""
    if prev and prev[-1] in _PUNCT_BEFORE:
        core = prev.rstrip(",;:.")
        if not core or (core.isdigit() and len(core) <= 3) or bare(core) in _NUMBER_NOUNS:
            return digits  # a list of numbers: "paragraphs 6, 7 and 8"
        if nxt and not (nxt[0].islower() or nxt[0].isdigit()):
            return digits
    elif prev and prev[0].isupper() and prev.isalpha() and not prev.isupper():
        if prev.lower() in _NUMBER_NOUNS or not nxt or not nxt[0].islower() or bare(nxt) in _ONE_WORD_AFTER:
            return digits
    else:
        return digits
    found.append(expected)  # "…of the Sea, 10" or "…the Arms Trade Treaty 10 that"
    state.note(expected)
    return ""


_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?!(?:and|or|nor|to|but|as)\b)(?=[A-Za-z])")


def clean_inline(
    text: str, plain_numbers: frozenset[int] = frozenset(), state: MarkerState | None = None
) -> tuple[str, list[int]]:
    """Markup and markers removed, white space squashed: the text we store.

    A word that extraction broke at a line end and re-joined with a space
    ("nuclear- weapon-free", "Secretary- General") is one word again;
    "confidence- and security-building" keeps its space.
    """
    text, found = extract_markers(strip_markup(text), plain_numbers, state)
    text = squash(text)
    if "- " in text:
        text = _BROKEN_HYPHEN.sub("-", text)
    return text, found


# --- lead phrase and verb -------------------------------------------------------

_PUNCT = "\"'“”‘’()[]{}*.,;:!?-–—…/\\"

# Words that continue a lead phrase after its verb ("Calls upon", "Taking note"),
# keyed by every surface form of the verb.
_NOTE_TAILS = (
    ("note", "with", "appreciation"), ("note", "with", "satisfaction"), ("note", "with", "concern"),
    ("note",),
)
_WITH_TAILS = (("with", "deep", "concern"), ("with", "appreciation"), ("with", "satisfaction"),
               ("with", "concern"))
_EXPRESS_TAILS = (("its", "deep", "appreciation"), ("its", "appreciation"), ("its", "deep", "concern"),
                  ("its", "concern"), ("its", "gratitude"), ("its", "support"), ("deep", "concern"),
                  ("grave", "concern"), ("concern",), ("appreciation",))
_COMPLEMENTS: dict[str, tuple[tuple[str, ...], ...]] = {
    **dict.fromkeys(("call", "calls", "calling"), (("upon",), ("on",))),
    **dict.fromkeys(("take", "takes", "taking"), _NOTE_TAILS),
    **dict.fromkeys(("note", "notes", "noting"), _WITH_TAILS),
    **dict.fromkeys(("express", "expresses", "expressing"), _EXPRESS_TAILS),
    **dict.fromkeys(("bear", "bears", "bearing"), (("in", "mind"),)),
    **dict.fromkeys(("pay", "pays", "paying"), (("tribute",),)),
    **dict.fromkeys(("draw", "draws", "drawing"), (("attention",),)),
}
_TRAILING = frozenset({"also", "further", "again"})


def bare(word: str) -> str:
    """A word without surrounding punctuation, lower-cased."""
    return word.strip(_PUNCT).lower()


def verb_of(lead: str) -> str:
    """First word of the lead that is not one of the skipped adverbs."""
    for word in lead.split():
        w = bare(word)
        if w and w not in ADVERBS:
            return w
    return bare(lead.split()[0]) if lead.split() else ""


def heuristic_lead(text: str) -> str:
    """Guess the lead phrase of unformatted text: adverbs, verb, fixed complements."""
    words = text.split(maxsplit=8)[:8]
    out: list[str] = []
    i = 0
    while i < len(words) and bare(words[i]) in ADVERBS and not words[i].endswith(","):
        out.append(words[i])
        i += 1
    if i >= len(words):
        return " ".join(out)
    verb = words[i]
    out.append(verb)
    if verb.endswith((",", ";", ":")):
        return _trim(" ".join(out))
    i += 1
    for tail in _COMPLEMENTS.get(bare(verb), ()):
        got = [bare(w) for w in words[i: i + len(tail)]]
        if tuple(got) == tail:
            out.extend(words[i: i + len(tail)])
            i += len(tail)
            break
    if i < len(words) and bare(words[i]) in _TRAILING and not out[-1].endswith(","):
        out.append(words[i])
    return _trim(" ".join(out))


def _trim(lead: str) -> str:
    return lead.rstrip(",;:.")


def lead_and_verb(raw: str, clean: str) -> tuple[str, str]:
    """Lead phrase (italic if marked up, else guessed) and its verb.

    ``raw`` still has Markdown; ``clean`` is the stored text. An italic span at
    the start of the paragraph is taken as the lead if it is short; a lone
    closing star ("Recalling* all", left by a glued export) ends the lead too.
    """
    stripped = raw.lstrip()
    lead = ""
    if stripped.startswith("*"):
        end = stripped.find("*", 1)
        if end > 1:
            lead = squash(strip_markup(stripped[1:end]))
    else:
        star = stripped.find("*", 0, 80)
        if star > 0 and stripped[star - 1].isalpha():
            lead = squash(strip_markup(stripped[:star]))
    if lead:
        lead, _ = extract_markers(lead)
        lead = _trim(lead.strip())
    if not lead or len(lead.split()) > 6 or not clean.startswith(lead):
        lead = heuristic_lead(clean)
    return lead, verb_of(lead)
