"""Paragraph lineage between two versions of a resolution, and where themes first appear.

``align(old, new)`` pairs paragraphs of the same kind (preamble with preamble,
operative with operative) and gives each pair or leftover a status:

* ``unchanged`` - matched, identical text (white space aside);
* ``modified`` - matched, text differs; ``diff`` lists word-level changes;
* ``moved`` - matched, but its position relative to the other matched
  paragraphs changed (see below); ``diff`` is given when the text also changed;
* ``new`` - only in ``new``; ``dropped`` - only in ``old``.

Matching: similarity is difflib's ratio on word tokens (lower-cased, outer
punctuation stripped), 0..1. Pairs below ``threshold`` (0.5) never match. Among
the rest, the assignment maximising the summed similarity is chosen (Hungarian
algorithm), not the first or greedy best match.

Moved, precisely: sort the matched pairs by old position and take the longest
subsequence whose new positions increase (ties broken by higher summed
similarity). Pairs in that subsequence kept their order relative to each
other; every other matched pair is ``moved``. Renumbering alone (a paragraph
inserted or dropped earlier) keeps the order and is therefore never a move.

Pure Python; no Django.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

KINDS = ("preamble", "operative")
THRESHOLD = 0.5
_PUNCT = "\"'“”‘’()[]{}*.,;:!?…"


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph as lineage sees it: kind, printed number (if any), position within its kind, text."""

    kind: str
    number: int | None
    index: int  # 1-based position among the paragraphs of the same kind
    text: str

    @property
    def label(self) -> str:
        n = self.number if self.number is not None else self.index
        return f"{'PP' if self.kind == 'preamble' else 'OP'}{n}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "index": self.index, "text": self.text}


@dataclass(frozen=True, slots=True)
class Alignment:
    status: str  # unchanged | modified | moved | new | dropped
    old: Para | None
    new: Para | None
    similarity: float
    diff: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # (op, words), op in equal/insert/delete

    def inserted(self) -> list[str]:
        return [w for op, words in self.diff or () for w in words if op == "insert"]

    def deleted(self) -> list[str]:
        return [w for op, words in self.diff or () for w in words if op == "delete"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "similarity": round(self.similarity, 4),
            "diff": [[op, list(words)] for op, words in self.diff] if self.diff is not None else None,
        }


def paras_from(resolution: Any) -> list[Para]:
    """Paras of a parser ``Resolution`` (or of its ``draft``): preamble then operative."""
    out: list[Para] = []
    for kind, paragraphs in (("preamble", resolution.preamble), ("operative", resolution.operative)):
        out.extend(Para(kind, p.number, i, p.text) for i, p in enumerate(paragraphs, 1))
    return out


def _tokens(text: str) -> list[str]:
    return [t for t in (w.strip(_PUNCT).lower() for w in text.split()) if t]


def similarity(a: str, b: str) -> float:
    """Word-token similarity in 0..1 (difflib ratio)."""
    return difflib.SequenceMatcher(None, _tokens(a), _tokens(b), autojunk=False).ratio()


_DIFF_TOKEN = re.compile(r"\w+(?:[-'’/.]\w+)*|[^\w\s]")


def word_diff(a: str, b: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Word-level diff of ``a`` -> ``b`` as (op, tokens); punctuation marks are tokens of their own.

    Splitting "acts," into "acts" and "," lets an insertion before the comma show
    as just the inserted words. Case is ignored when matching ("Requests" becoming
    "Also requests" is one inserted word); equal runs are given as in ``b``.
    """
    wa, wb = _DIFF_TOKEN.findall(a), _DIFF_TOKEN.findall(b)
    ka, kb = [w.lower() for w in wa], [w.lower() for w in wb]
    out: list[tuple[str, tuple[str, ...]]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", tuple(wb[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", tuple(wa[i1:i2])))
        if j2 > j1:
            out.append(("insert", tuple(wb[j1:j2])))
    return tuple(out)


def _assign(sim: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    """Max-total-similarity matching of rows to columns, ignoring pairs below ``threshold``.

    Hungarian algorithm (shortest augmenting paths with potentials) on costs
    1 - similarity, with one "unmatched" column per row costing 1.0, so leaving a
    row unmatched is preferred to any pair under the threshold.
    """
    n = len(sim)
    if n == 0:
        return []
    m = len(sim[0])
    cols = m + n
    big = 2.0

    def cost(i: int, j: int) -> float:
        if j >= m:
            return 1.0
        s = sim[i][j]
        return 1.0 - s if s >= threshold else big

    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (cols + 1)
    p = [0] * (cols + 1)  # p[j] = row (1-based) assigned to column j
    way = [0] * (cols + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost(i0 - 1, j - 1) - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sorted((p[j] - 1, j - 1) for j in range(1, m + 1) if p[j] and sim[p[j] - 1][j - 1] >= threshold)


def _in_order(pairs: list[tuple[int, int]], weights: list[float]) -> set[int]:
    """Indices (into ``pairs``, sorted by old position) of the longest increasing run of new positions."""
    k = len(pairs)
    best: list[tuple[int, float]] = [(1, weights[i]) for i in range(k)]
    prev = [-1] * k
    for i in range(k):
        for j in range(i):
            if pairs[j][1] < pairs[i][1]:
                cand = (best[j][0] + 1, best[j][1] + weights[i])
                if cand > best[i]:
                    best[i], prev[i] = cand, j
    if not k:
        return set()
    i = max(range(k), key=lambda x: best[x])
    keep: set[int] = set()
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


def _align_kind(old: list[Para], new: list[Para], threshold: float) -> list[Alignment]:
    sim = [[similarity(a.text, b.text) for b in new] for a in old]
    pairs = _assign(sim, threshold) if old and new else []
    keep = _in_order(pairs, [sim[i][j] for i, j in pairs])
    keyed: list[tuple[tuple[int, int, int], Alignment]] = []
    for k, (i, j) in enumerate(pairs):
        a, b = old[i], new[j]
        same = " ".join(a.text.split()) == " ".join(b.text.split())
        status = "moved" if k not in keep else ("unchanged" if same else "modified")
        diff = None if same else word_diff(a.text, b.text)
        keyed.append(((j, 0, 0), Alignment(status, a, b, 1.0 if same else sim[i][j], diff)))
    matched_new = {j for _, j in pairs}
    for j, b in enumerate(new):
        if j not in matched_new:
            keyed.append(((j, 0, 0), Alignment("new", None, b, 0.0)))
    new_of_old = dict(pairs)
    for i, a in enumerate(old):
        if i in new_of_old:
            continue
        # A dropped paragraph is listed after the new place of the nearest earlier matched one.
        anchor = next((new_of_old[x] for x in range(i - 1, -1, -1) if x in new_of_old), -1)
        keyed.append(((anchor, 1, i), Alignment("dropped", a, None, 0.0)))
    return [al for _, al in sorted(keyed, key=lambda kv: kv[0])]


def align(old: Sequence[Any], new: Sequence[Any], *, threshold: float = THRESHOLD) -> list[Alignment]:
    """Align two versions' paragraphs (anything with kind/number/text, or Para); new-document order."""
    olds, news = _as_paras(old), _as_paras(new)
    out: list[Alignment] = []
    for kind in KINDS:
        kind_old = [p for p in olds if p.kind == kind]
        kind_new = [p for p in news if p.kind == kind]
        out.extend(_align_kind(kind_old, kind_new, threshold))
    return out


def _as_paras(items: Sequence[Any]) -> list[Para]:
    out: list[Para] = []
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Para):
            out.append(item)
            continue
        seen[item.kind] = seen.get(item.kind, 0) + 1
        out.append(Para(item.kind, getattr(item, "number", None), seen[item.kind], item.text))
    return out


def theme_history(
    resolutions_in_order: Iterable[Any], tagger: Callable[[str], Iterable[Any]] | None = None
) -> dict[str, list[tuple[str, list[int]]]]:
    """For each theme, the resolutions (in the order given) whose operative paragraphs carry it.

    The first entry of each list is where the theme first appears. A resolution
    that recommends a draft is read through its draft. Unnumbered paragraphs are
    counted by position.
    """
    if tagger is None:
        from .tagging import tag_themes as tagger
    history: dict[str, list[tuple[str, list[int]]]] = {}
    for res in resolutions_in_order:
        paras = res.draft.operative if getattr(res, "draft", None) else res.operative
        found: dict[str, list[int]] = {}
        for i, p in enumerate(paras, 1):
            for match in tagger(p.text):
                found.setdefault(match.code, []).append(p.number if p.number is not None else i)
        for code, numbers in found.items():
            history.setdefault(code, []).append((res.symbol, numbers))
    return history
