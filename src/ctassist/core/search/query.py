"""The query language of the library search, parsed into a small syntax tree.

Syntax (what a legal researcher expects):

- words are all required: ``financing terrorism``
- ``"phrases in quotes"``
- ``OR`` (upper case) between alternatives: ``hijacking OR seizure``
- ``-word`` or ``-"a phrase"`` (or ``NOT word``) excludes
- ``word*`` matches words that begin with ``word`` (at least two letters)

A query is a disjunction (OR) of conjunctions; each conjunction has at least
one positive word or phrase and any number of exclusions. The tree is compiled
by each backend into its own syntax (FTS5 MATCH, PostgreSQL tsquery), so user
input never reaches the database engine's parser. Malformed input raises
``QuerySyntaxError`` with a message meant for the person who typed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_QUERY_LENGTH = 500
MAX_TERMS = 32
MIN_PREFIX = 2

_WORD = re.compile(r"\w+", re.UNICODE)
# CJK ideographs, kana and hangul: written without spaces, indexed one character at a time.
_CJK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class QuerySyntaxError(ValueError):
    """The query cannot be understood; ``str(error)`` tells the user how to fix it."""


@dataclass(frozen=True)
class Term:
    word: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


Atom = Term | Phrase


@dataclass
class Clause:
    """All of ``include`` and none of ``exclude``."""

    include: list[Atom] = field(default_factory=list)
    exclude: list[Atom] = field(default_factory=list)


@dataclass
class Query:
    """``clauses`` joined by OR."""

    clauses: list[Clause]
    text: str = ""

    def positive_words(self) -> list[tuple[str, bool]]:
        """Every word to highlight, with whether it is a prefix."""
        words: list[tuple[str, bool]] = []
        for clause in self.clauses:
            for atom in clause.include:
                if isinstance(atom, Term):
                    words.append((atom.word, atom.prefix))
                else:
                    words.extend((w, False) for w in atom.words)
        return words


def segment_cjk(text: str) -> str:
    """Put spaces around every CJK character so each is indexed as a word."""
    return _CJK.sub(lambda m: f" {m.group(0)} ", text) if _CJK.search(text) else text


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(segment_cjk(text).lower())


def _tokenize(text: str) -> list[tuple[str, str]]:
    """Split into (kind, value): PHRASE, WORD (may end with *), OR, NOT, MINUS."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in '"“”„«»':
            end = -1
            for j in range(i + 1, n):
                if text[j] in '"“”„«»':
                    end = j
                    break
            if end < 0:
                raise QuerySyntaxError(
                    _('A quotation mark is not closed. Put phrases between a pair of quotes: "terrorist bombing".')
                )
            tokens.append(("PHRASE", text[i + 1 : end]))
            i = end + 1
            continue
        if ch in "-–":
            nxt = text[i + 1] if i + 1 < n else ""
            if not nxt or nxt.isspace():
                raise QuerySyntaxError(
                    _("A minus sign must be followed directly by the word or phrase to leave out, as in -aviation.")
                )
            if nxt in "-–":
                raise QuerySyntaxError(_("Use one minus sign before a word to leave it out, as in -aviation."))
            tokens.append(("MINUS", "-"))
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in '"“”„«»':
            j += 1
        chunk = text[i:j]
        i = j
        if chunk == "OR" or chunk == "|":
            tokens.append(("OR", chunk))
        elif chunk == "NOT":
            tokens.append(("NOT", chunk))
        elif chunk == "AND" or chunk == "&":
            continue
        else:
            tokens.append(("WORD", chunk))
    return tokens


def _word_atom(chunk: str) -> Atom | None:
    prefix = chunk.endswith("*")
    core = chunk.rstrip("*")
    if "*" in core:
        raise QuerySyntaxError(_("An asterisk can only end a word, as in financ*."))
    words = _words(core)
    if prefix:
        if not words:
            raise QuerySyntaxError(_("An asterisk must follow the beginning of a word, as in financ*."))
        if len(words) == 1 and not has_cjk(core):
            if len(words[0]) < MIN_PREFIX:
                raise QuerySyntaxError(
                    _("Give at least %(n)s letters before the asterisk, as in financ*.") % {"n": MIN_PREFIX}
                )
            return Term(words[0], prefix=True)
    if not words:
        return None  # punctuation only: nothing to search for
    if len(words) == 1:
        return Term(words[0])
    return Phrase(tuple(words))  # "12(3)" or a CJK word: its parts in sequence


def parse(text: str) -> Query | None:
    """Parse the user's query; ``None`` when there is nothing to search for (browse)."""
    text = (text or "").replace("\x00", " ")
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(_("The query is too long: keep it under %(n)s characters.") % {"n": MAX_QUERY_LENGTH})
    tokens = _tokenize(text)
    if not tokens:
        return None
    clauses: list[Clause] = []
    clause = Clause()
    negate = False
    seen_content = False
    count = 0
    for position, (kind, value) in enumerate(tokens):
        if kind == "OR":
            if negate:
                raise QuerySyntaxError(_("A minus sign or NOT must be followed by the word to leave out."))
            if not clause.include and not clause.exclude:
                raise QuerySyntaxError(_("OR must stand between two words or phrases, as in hijacking OR seizure."))
            clauses.append(clause)
            clause = Clause()
            if position == len(tokens) - 1:
                raise QuerySyntaxError(_("OR must stand between two words or phrases, as in hijacking OR seizure."))
            continue
        if kind in ("MINUS", "NOT"):
            if negate:
                raise QuerySyntaxError(_("Use one minus sign before a word to leave it out, as in -aviation."))
            negate = True
            continue
        atom: Atom | None
        if kind == "PHRASE":
            words = _words(value)
            atom = None if not words else (Term(words[0]) if len(words) == 1 else Phrase(tuple(words)))
            if atom is None and not value.strip():
                raise QuerySyntaxError(_("The quotes are empty: put the phrase to find between them."))
        else:
            atom = _word_atom(value)
        if atom is None:
            negate = False
            continue
        count += len(atom.words) if isinstance(atom, Phrase) else 1
        if count > MAX_TERMS:
            raise QuerySyntaxError(_("The query has too many words: use at most %(n)s.") % {"n": MAX_TERMS})
        (clause.exclude if negate else clause.include).append(atom)
        negate = False
        seen_content = True
    if negate:
        raise QuerySyntaxError(_("A minus sign or NOT must be followed by the word to leave out."))
    if clause.include or clause.exclude:
        clauses.append(clause)
    if not seen_content or not clauses:
        return None
    for c in clauses:
        if not c.include:
            raise QuerySyntaxError(
                _(
                    "Say what to look for as well as what to leave out: exclusions alone match nothing, as in terrorism -aviation."  # noqa: E501
                )
            )
    return Query(clauses=clauses, text=text)


def highlight_pattern(query: Query | None) -> re.Pattern | None:
    """A pattern that finds the query's words in display text (loose: also inflected forms)."""
    if query is None:
        return None
    parts = set()
    for word, prefix in query.positive_words():
        if has_cjk(word):
            parts.add(re.escape(word))
        elif prefix or len(word) <= 4:
            parts.add(r"\b" + re.escape(word) + (r"\w*" if prefix else r"\b"))
        else:
            # A crude stem, so that "financing" also lights up "finance" and "financed".
            stem = word[: max(4, len(word) - 3)]
            parts.add(r"\b" + re.escape(stem) + r"\w*")
    if not parts:
        return None
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE | re.UNICODE)
