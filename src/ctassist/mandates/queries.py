"""Read-only views of mandates: the structured document, comparisons, theme history.

Each function runs a fixed number of queries whatever the number of paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from ctassist.core.taxonomy import THEMES
from ctassist.mandates import lineage
from ctassist.mandates.choices import DRAFT_KINDS, OPERATIVE_KINDS, ParagraphKind
from ctassist.mandates.models import (
    Citation,
    Footnote,
    Paragraph,
    ParagraphAddressee,
    ParagraphInstrument,
    ParagraphTheme,
    Resolution,
)

STATUSES = ("unchanged", "modified", "moved", "new", "dropped")
# Comparisons offered on the comparison page when both resolutions are ingested.
SUGGESTED_PAIRS = (
    ("A/RES/72/194", "A/RES/74/175"),
    ("E/RES/2015/22", "A/RES/70/177"),
    ("A/RES/68/187", "A/RES/70/177"),
    ("A/RES/70/177", "A/RES/72/194"),
)
THEME_LABELS = dict(THEMES)


def paragraphs_with_tags(
    queryset: QuerySet[Paragraph], user: Any, *, instruments: bool = True
) -> QuerySet[Paragraph]:
    """Paragraphs with their themes, addressees and (unless told not) instruments named prefetched.

    Three queries, four with the instruments.
    """
    queryset = queryset.prefetch_related(
        Prefetch("themes", queryset=ParagraphTheme.objects.restrict(user)),
        Prefetch("addressees", queryset=ParagraphAddressee.objects.restrict(user)),
    )
    if instruments:
        queryset = queryset.prefetch_related(
            Prefetch("instrument_links", queryset=ParagraphInstrument.objects.restrict(user).select_related("instrument"))
        )
    return queryset


@dataclass
class Part:
    """The resolution's own paragraphs, or those of the draft it recommends."""

    title: str
    preamble: list[Paragraph]
    operative: list[Paragraph]
    is_draft: bool = False


@dataclass
class Document:
    resolution: Resolution
    parts: list[Part]
    footnotes: list[Footnote]
    citations: list[Citation]
    annexes: list[Any]
    themes: list[tuple[str, str, int]]  # code, label, number of paragraphs
    instruments: list[tuple[Any, int]] = field(default_factory=list)  # instrument, number of paragraphs naming it

    @property
    def has_draft(self) -> bool:
        return any(p.is_draft for p in self.parts)


def document(user: Any, resolution: Resolution) -> Document:
    paragraphs = list(paragraphs_with_tags(resolution.paragraphs.restrict(user).order_by("position"), user))
    footnotes = list(resolution.footnote_set.restrict(user))
    note_targets = {(f.in_draft, f.number): f for f in footnotes}
    for p in paragraphs:
        # A draft's footnote numbers refer to the draft's notes when stored apart, else to the resolution's.
        links = [note_targets.get((p.in_draft, n)) or note_targets.get((False, n)) or n for n in p.footnotes]
        p.footnote_links = links  # type: ignore[attr-defined]
    referenced: dict[int, list[Paragraph]] = {}
    for p in paragraphs:
        for note in p.footnote_links:  # type: ignore[attr-defined]
            if isinstance(note, Footnote):
                referenced.setdefault(note.pk, []).append(p)
    for f in footnotes:
        f.referenced_from = referenced.get(f.pk, [])
    draft_title = (resolution.draft or {}).get("title") or resolution.title
    parts = [
        Part(
            "",
            [p for p in paragraphs if p.kind == ParagraphKind.PREAMBLE],
            [p for p in paragraphs if p.kind == ParagraphKind.OPERATIVE],
        )
    ]
    draft_paragraphs = [p for p in paragraphs if p.kind in DRAFT_KINDS]
    if draft_paragraphs:
        parts.append(
            Part(
                draft_title,
                [p for p in draft_paragraphs if p.kind == ParagraphKind.DRAFT_PREAMBLE],
                [p for p in draft_paragraphs if p.kind == ParagraphKind.DRAFT_OPERATIVE],
                is_draft=True,
            )
        )
    theme_counts: Counter[str] = Counter(t.theme for p in paragraphs for t in p.themes.all())
    named: dict[int, Any] = {}
    instrument_counts: Counter[int] = Counter()
    for p in paragraphs:
        for link in p.instrument_links.all():
            named[link.instrument_id] = link.instrument
            instrument_counts[link.instrument_id] += 1
    return Document(
        resolution=resolution,
        parts=parts,
        footnotes=footnotes,
        citations=list(resolution.citations.restrict(user).select_related("cited")),
        annexes=list(resolution.annexes.restrict(user)),
        themes=[(code, label, theme_counts[code]) for code, label in THEMES if theme_counts[code]],
        instruments=[(i, instrument_counts[i.pk]) for i in sorted(named.values(), key=lambda i: i.position)],
    )


# --- comparison ---------------------------------------------------------------------

_NO_SPACE_BEFORE = re.compile(r"^[,.;:)\]!?”’]")
_NO_SPACE_AFTER = {"(", "[", "“", "‘"}


@dataclass
class Segment:
    op: str  # equal, insert, delete
    text: str
    space_before: bool


def _segments(diff: Any, side: str, old_text: str = "") -> list[Segment]:
    """The diff ops one side shows: equal runs and its own changes ("delete" for old, "insert" for new).

    ``lineage.word_diff`` gives equal runs as spelled in the new text (matching ignores case), so
    the old side takes its equal words from its own text: "Encourages" stays capitalised there
    when the new text reads "Also encourages".
    """
    wanted = {"equal", "delete" if side == "old" else "insert"}
    own = lineage._DIFF_TOKEN.findall(old_text) if side == "old" else []
    cursor = 0
    out: list[Segment] = []
    previous = ""
    for op, words in diff:
        if side == "old" and op in ("equal", "delete"):
            if op == "equal":
                words = tuple(own[cursor : cursor + len(words)]) or words
            cursor += len(words)
        if op not in wanted or not words:
            continue
        parts: list[str] = []
        for w in words:
            if parts and not _NO_SPACE_BEFORE.match(w) and parts[-1] not in _NO_SPACE_AFTER:
                parts.append(" ")
            parts.append(w)
        space = bool(previous) and not _NO_SPACE_BEFORE.match(words[0]) and previous not in _NO_SPACE_AFTER
        out.append(Segment(op, "".join(parts), space))
        previous = words[-1]
    return out


@dataclass
class Row:
    status: str
    old: Paragraph | None
    new: Paragraph | None
    similarity: float
    old_segments: list[Segment] = field(default_factory=list)
    new_segments: list[Segment] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    diff: Any = None
    old_index: int | None = None  # position among the paragraphs of the same kind, as lineage counts it
    new_index: int | None = None

    @property
    def similarity_pct(self) -> int:
        return round(self.similarity * 100)

    @property
    def kind(self) -> str:
        p = self.new or self.old  # a row pairs at least one paragraph
        return "operative" if p is not None and p.kind in set(OPERATIVE_KINDS) else "preamble"


@dataclass
class Comparison:
    old: Resolution
    new: Resolution
    old_uses_draft: bool
    new_uses_draft: bool
    rows: list[Row]

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.status for r in self.rows)
        return {s: found[s] for s in STATUSES}

    def counts_for(self, kind: str) -> dict[str, int]:
        found = Counter(r.status for r in self.rows if r.kind == kind)
        return {s: found[s] for s in STATUSES}

    @property
    def preamble_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "preamble"]

    @property
    def operative_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "operative"]


def version_paragraphs(user: Any, resolution: Resolution) -> tuple[list[Paragraph], bool]:
    """The paragraphs that stand for a resolution in a comparison.

    A resolution that recommends a draft (ECOSOC recommending a General
    Assembly text) is compared through its draft: its own single operative
    paragraph only says "Recommends ... the following draft resolution".
    """
    paragraphs = list(
        paragraphs_with_tags(resolution.paragraphs.restrict(user).order_by("position"), user, instruments=False)
    )
    draft = [p for p in paragraphs if p.kind in DRAFT_KINDS]
    return (draft, True) if draft else (paragraphs, False)


def _paras(paragraphs: list[Paragraph]) -> list[tuple[lineage.Para, Paragraph]]:
    seen: Counter[str] = Counter()
    out = []
    for p in paragraphs:
        kind = "operative" if p.kind in OPERATIVE_KINDS else "preamble"
        seen[kind] += 1
        out.append((lineage.Para(kind, p.number, seen[kind], p.text), p))
    return out


def compare(user: Any, old: Resolution, new: Resolution) -> Comparison:
    old_paragraphs, old_draft = version_paragraphs(user, old)
    new_paragraphs, new_draft = version_paragraphs(user, new)
    old_pairs, new_pairs = _paras(old_paragraphs), _paras(new_paragraphs)
    old_rows = {(para.kind, para.index): row for para, row in old_pairs}
    new_rows = {(para.kind, para.index): row for para, row in new_pairs}
    rows = []
    for al in lineage.align([p for p, _ in old_pairs], [p for p, _ in new_pairs]):
        row = Row(
            status=al.status,
            old=old_rows[(al.old.kind, al.old.index)] if al.old else None,
            new=new_rows[(al.new.kind, al.new.index)] if al.new else None,
            similarity=al.similarity,
            diff=al.diff,
            old_index=al.old.index if al.old else None,
            new_index=al.new.index if al.new else None,
        )
        if al.diff and al.old:
            row.old_segments = _segments(al.diff, "old", al.old.text)
            row.new_segments = _segments(al.diff, "new")
            row.inserted, row.deleted = al.inserted(), al.deleted()
        rows.append(row)
    return Comparison(old=old, new=new, old_uses_draft=old_draft, new_uses_draft=new_draft, rows=rows)


def comparison_choices(user: Any) -> list[Resolution]:
    return list(
        Resolution.objects.restrict(user).only("symbol", "title", "adopted_on", "counts").order_by("adopted_on")
    )


def suggested_pairs(resolutions: list[Resolution]) -> list[tuple[str, str]]:
    have = {r.symbol for r in resolutions}
    return [(a, b) for a, b in SUGGESTED_PAIRS if a in have and b in have]


# --- theme history ------------------------------------------------------------------


@dataclass
class ThemeLine:
    code: str
    label: str
    cells: list[list[Paragraph]]  # per resolution of the series, the operative paragraphs carrying it
    first: Resolution | None = None
    first_paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class ThemeHistory:
    series: list[Resolution]
    lines: list[ThemeLine]


def theme_history(user: Any, series: list[Resolution]) -> ThemeHistory:
    """For each theme, the operative paragraphs of each resolution of the series that carry it.

    A resolution that recommends a draft is read through the draft, as in comparisons.
    """
    ids = [r.pk for r in series]
    rows = list(
        ParagraphTheme.objects.restrict(user)
        .filter(paragraph__resolution__in=ids, paragraph__kind__in=OPERATIVE_KINDS)
        .select_related("paragraph")
        .order_by("paragraph__position")
    )
    with_draft = {t.paragraph.resolution_id for t in rows if t.paragraph.kind == ParagraphKind.DRAFT_OPERATIVE}
    column = {pk: i for i, pk in enumerate(ids)}
    cells: dict[str, list[list[Paragraph]]] = {code: [[] for _ in ids] for code, _label in THEMES}
    urls = {r.pk: reverse("mandates:resolution_detail", args=[r.symbol]) for r in series}
    for t in rows:
        p = t.paragraph
        p.url = f"{urls[p.resolution_id]}#{p.anchor}"
        uses_draft = p.resolution_id in with_draft
        if (p.kind == ParagraphKind.DRAFT_OPERATIVE) != uses_draft:
            continue
        cells[t.theme][column[p.resolution_id]].append(p)
    lines = []
    for code, label in THEMES:
        line = ThemeLine(code, label, cells[code])
        for resolution, found in zip(series, cells[code], strict=True):
            if found:
                line.first, line.first_paragraphs = resolution, found
                break
        lines.append(line)
    return ThemeHistory(series=series, lines=lines)


def covering_paragraphs(user: Any, theme_codes: list[str], limit: int = 8) -> list[Paragraph]:
    """Operative paragraphs of the latest General Assembly resolution that share a theme with a request.

    Used to suggest the mandates a request falls under; paragraphs sharing
    more themes come first. Two queries whatever the data size.
    """
    from django.db.models import Count, Q

    if not theme_codes:
        return []
    latest = (
        Resolution.objects.restrict(user).filter(body="GA").exclude(adopted_on=None).order_by("-adopted_on").first()
    )
    if latest is None:
        return []
    return list(
        Paragraph.objects.restrict(user)
        .filter(resolution=latest, kind=ParagraphKind.OPERATIVE, themes__theme__in=theme_codes)
        .annotate(shared=Count("themes", filter=Q(themes__theme__in=theme_codes)))
        .select_related("resolution")
        .order_by("-shared", "position")[:limit]
    )


# -- the read API other areas compose (the reporting area).


def paragraphs_for_report(resolution: Resolution) -> list[dict[str, Any]]:
    """The operative paragraphs a report on ``resolution`` speaks to, in order, with themes and addressees.

    The rule (docs/reporting.md): a paragraph addressed to UNODC; or to the Secretary-General,
    unless it only asks for the report itself; or one on contributions. Each is a dict with id,
    number, text, ``themes`` and ``addressees`` (sorted codes). Three queries.
    """
    from collections import defaultdict  # only the grouping below

    paragraphs = list(
        Paragraph.objects.filter(resolution=resolution, kind=ParagraphKind.OPERATIVE)
        .values("id", "number", "text")
        .order_by("position")
    )
    themes: dict[int, list[str]] = defaultdict(list)
    addressees: dict[int, set[str]] = defaultdict(set)
    ids = [p["id"] for p in paragraphs]
    for pid, theme in ParagraphTheme.objects.filter(paragraph_id__in=ids).values_list("paragraph_id", "theme"):
        themes[pid].append(theme)
    for pid, who in ParagraphAddressee.objects.filter(paragraph_id__in=ids).values_list("paragraph_id", "addressee"):
        addressees[pid].add(who)
    chosen = []
    for p in paragraphs:
        p["themes"] = sorted(themes[p["id"]])
        p["addressees"] = sorted(addressees[p["id"]])
        who = addressees[p["id"]]
        concerns_unodc = "unodc" in who
        secretary_general = "secretary-general" in who and set(p["themes"]) != {"reporting"}
        contributions = "contributions" in p["themes"]
        if concerns_unodc or secretary_general or contributions:
            chosen.append(p)
    return chosen


def resolutions_to_report_on(user: Any) -> QuerySet[Resolution]:
    """The General Assembly resolutions ``user`` may see (the ones a Secretary-General's report answers),
    latest adopted first."""
    return Resolution.objects.restrict(user).filter(symbol__startswith="A/RES/").order_by("-adopted_on")
