"""Every change to mandates: ingesting a parsed resolution (create, or update by symbol)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core import services as core
from ctassist.mandates import instruments, lineage, searchables, tagging
from ctassist.mandates.choices import OPERATIVE_KINDS, ParagraphKind
from ctassist.mandates.events import MandateEvent
from ctassist.mandates.models import (
    Annex,
    Citation,
    Footnote,
    Paragraph,
    ParagraphAddressee,
    ParagraphInstrument,
    ParagraphTheme,
    Resolution,
)
from ctassist.mandates.parser import ParseError
from ctassist.mandates.parser import Resolution as Parsed
from ctassist.treaties.models import Instrument

KEY_FIELDS = (
    "symbol",
    "body",
    "title",
    "adopted_on",
    "session",
    "agenda_item",
    "committee_report",
    "draft_symbol",
    "meeting",
    "source_name",
)


@dataclass
class IngestResult:
    resolution: Resolution
    created: bool
    counts: dict[str, int]
    changes: dict[str, int] = field(default_factory=dict)  # lineage statuses against the previous version

    def describe(self) -> str:
        counts = self.counts
        text = (
            f"{self.resolution.symbol}: {'created' if self.created else 'updated'}, "
            f"{counts['preamble']} preambular and {counts['operative']} operative paragraphs"
        )
        if counts.get("draft_operative"):
            text += f", recommended draft of {counts['draft_preamble']} + {counts['draft_operative']}"
        if self.changes:
            text += " (" + ", ".join(f"{n} {status}" for status, n in sorted(self.changes.items())) + ")"
        return text


def _paragraph_rows(parsed: Parsed) -> list[Paragraph]:
    parts = [(ParagraphKind.PREAMBLE, parsed.preamble), (ParagraphKind.OPERATIVE, parsed.operative)]
    if parsed.draft is not None:
        parts += [
            (ParagraphKind.DRAFT_PREAMBLE, parsed.draft.preamble),
            (ParagraphKind.DRAFT_OPERATIVE, parsed.draft.operative),
        ]
    rows: list[Paragraph] = []
    for kind, paragraphs in parts:
        for p in paragraphs:
            rows.append(
                Paragraph(
                    kind=kind,
                    position=len(rows) + 1,
                    number=p.number if kind in OPERATIVE_KINDS else None,
                    verb=(p.verb or "")[:40],
                    lead=(p.lead or "")[:120],
                    text=p.text,
                    subparagraphs=[s.to_dict() for s in p.subparagraphs],
                    footnotes=list(p.footnotes),
                    heading=(p.heading or "")[:300] if kind in OPERATIVE_KINDS else "",
                )
            )
    return rows


def counts_of(parsed: Parsed) -> dict[str, int]:
    draft = parsed.draft
    return {
        "preamble": len(parsed.preamble),
        "operative": len(parsed.operative),
        "draft_preamble": len(draft.preamble) if draft else 0,
        "draft_operative": len(draft.operative) if draft else 0,
        "footnotes": len(parsed.footnotes),
        "annexes": len(parsed.annexes),
        "citations": len(_citations(parsed)),
    }


def _citations(parsed: Parsed) -> list[str]:
    symbols = list(parsed.citations) + (list(parsed.draft.citations) if parsed.draft else [])
    return list(dict.fromkeys(s for s in symbols if s and s != parsed.symbol))


def _as_lineage(paragraphs: list[Any]) -> dict[str, list[lineage.Para]]:
    """Stored or new paragraph rows as lineage Paras, per part (the resolution's own, the draft's)."""
    out: dict[str, list[lineage.Para]] = {"own": [], "draft": []}
    seen: Counter[tuple[str, str]] = Counter()
    for p in paragraphs:
        part = "draft" if p.kind.startswith("draft-") else "own"
        kind = "operative" if p.kind in OPERATIVE_KINDS else "preamble"
        seen[(part, kind)] += 1
        out[part].append(lineage.Para(kind, p.number, seen[(part, kind)], p.text))
    return out


def _tag(rows: list[Paragraph]) -> tuple[list[ParagraphTheme], list[ParagraphAddressee]]:
    themes: list[ParagraphTheme] = []
    addressees: list[ParagraphAddressee] = []
    for row in rows:
        for match in tagging.tag_themes(row.text):
            themes.append(ParagraphTheme(paragraph=row, theme=match.code, triggers=list(match.triggers)))
        if row.kind in OPERATIVE_KINDS:
            for addressee in tagging.tag_addressees(row.text, row.verb or None):
                addressees.append(
                    ParagraphAddressee(paragraph=row, addressee=addressee.code, triggers=list(addressee.triggers))
                )
    return themes, addressees


def _instrument_links(rows: list[Paragraph]) -> list[ParagraphInstrument]:
    """The instruments each paragraph names (sub-paragraphs are part of its text), with the words."""
    known = {i.code: i for i in Instrument.objects.only("pk", "code", "official_title", "position")}
    matcher = instruments.matcher_for(tuple(sorted((code, i.official_title) for code, i in known.items())))
    links = []
    for row in rows:
        for code, names in matcher.find(row.text).items():
            links.append(ParagraphInstrument(paragraph=row, instrument=known[code], names=names))
    return links


def _check(parsed: Parsed) -> None:
    if not isinstance(parsed, Parsed):
        raise TypeError("ingest expects the parser's Resolution (ctassist.mandates.parser.parse_text/parse_file)")
    if not parsed.symbol:
        raise ParseError(parsed.source, "no document symbol")


@transaction.atomic
def ingest(*, acting_user: Any, parsed: Parsed, source_name: str, raw_text: str, is_demo: bool = False) -> IngestResult:
    """Store a parsed resolution; an existing symbol is updated and its paragraphs replaced.

    The resolution's own change log entry carries its key fields and paragraph
    counts before and after; the domain event carries how the paragraphs
    changed (lineage statuses). Paragraphs, footnotes, annexes, citations and
    tags are parts of the resolution: they are replaced wholesale in the same
    transaction and recorded through the resolution's entry, not one by one.
    """
    _check(parsed)
    resolution = Resolution.objects.filter(symbol=parsed.symbol).first()
    created = resolution is None
    if acting_user is not None and not policy.may(acting_user, policy.ADD if created else policy.CHANGE, Resolution):
        raise PermissionDenied(_("Only UNODC staff ingest resolutions."))
    before = audit.snapshot(resolution) if resolution else None
    old_paras = _as_lineage(list(resolution.paragraphs.all())) if resolution else None
    if resolution is None:
        resolution = Resolution(symbol=parsed.symbol or "")
    counts = counts_of(parsed)
    values: dict[str, Any] = {
        "body": parsed.body or "",
        "title": (parsed.title or "")[:500],
        "adopted_on": parsed.adopted_on,
        "session": parsed.session or "",
        "agenda_item": parsed.agenda_item or "",
        "committee_report": parsed.committee_report or "",
        "draft_symbol": (parsed.draft_symbol or "")[:60],
        "meeting": parsed.meeting or "",
        "source_name": source_name[:255],
        "raw_text": raw_text,
        "parsed": parsed.to_dict(),
        "counts": counts,
        "is_demo": is_demo,
    }
    for name, value in values.items():
        setattr(resolution, name, value)
    rows = _paragraph_rows(parsed)
    themes, addressees = _tag(rows)
    instrument_links = _instrument_links(rows)
    changes: dict[str, int] = {}
    if old_paras is not None:
        new_paras = _as_lineage(rows)
        statuses: Counter[str] = Counter()
        for part in ("own", "draft"):
            statuses.update(al.status for al in lineage.align(old_paras[part], new_paras[part]))
        changes = dict(statuses)
    core.save(
        resolution,
        acting_user=acting_user,
        before=before,
        m2m={"instruments": {link.instrument.pk for link in instrument_links}},
        event=MandateEvent.RESOLUTION_INGESTED if created else MandateEvent.RESOLUTION_UPDATED,
        details={
            "source": source_name,
            "counts": values["counts"],
            "paragraph_changes": changes,
            "themes": len(themes),
            "instruments": sorted({link.instrument.code for link in instrument_links}),
        },
    )

    # The parts are replaced wholesale, recorded through the resolution's entry and event.
    if not created:
        searchables.unindex_resolution(resolution)
        resolution.paragraphs.all().delete()  # cascades to their themes and addressees
        resolution.footnote_set.all().delete()
        resolution.annexes.all().delete()
        resolution.citations.all().delete()
    for row in rows:
        row.resolution = resolution
        row.full_clean(exclude=["resolution"], validate_unique=False, validate_constraints=False)
    Paragraph.objects.bulk_create(rows)  # gives the rows their ids, which their tags then take
    ParagraphTheme.objects.bulk_create(themes)
    ParagraphAddressee.objects.bulk_create(addressees)
    ParagraphInstrument.objects.bulk_create(instrument_links)
    searchables.reindex_resolution(resolution)
    footnotes = [Footnote(resolution=resolution, number=f.number, text=f.text) for f in parsed.footnotes]
    if parsed.draft and [f.to_dict() for f in parsed.draft.footnotes] != [f.to_dict() for f in parsed.footnotes]:
        footnotes += [
            Footnote(resolution=resolution, in_draft=True, number=f.number, text=f.text) for f in parsed.draft.footnotes
        ]
    Footnote.objects.bulk_create(_unique_footnotes(footnotes))
    Annex.objects.bulk_create(
        Annex(resolution=resolution, position=i, title=a.title[:500], text=a.text)
        for i, a in enumerate(parsed.annexes, 1)
    )
    symbols = _citations(parsed)
    known = dict(Resolution.objects.filter(symbol__in=symbols).values_list("symbol", "pk"))
    Citation.objects.bulk_create(
        Citation(resolution=resolution, position=i, symbol=s[:60], cited_id=known.get(s))
        for i, s in enumerate(symbols, 1)
    )
    # Resolutions ingested earlier that cite this one now link to it.
    Citation.objects.filter(symbol=resolution.symbol, cited__isnull=True).update(cited=resolution)
    return IngestResult(resolution=resolution, created=created, counts=counts, changes=changes)


def _unique_footnotes(footnotes: list[Footnote]) -> list[Footnote]:
    seen: set[tuple[bool, int]] = set()
    out = []
    for f in footnotes:
        if (f.in_draft, f.number) not in seen:
            seen.add((f.in_draft, f.number))
            out.append(f)
    return out
