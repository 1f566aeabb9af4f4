"""Typed result of parsing a resolution.

Plain dataclasses, no Django: the Django side maps them onto its models.
``Resolution.to_dict()`` is the JSON shape the CLI prints and the rest of the
product consumes, so its keys are fixed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any


class ParseError(Exception):
    """Input that cannot be read as a resolution.

    The message always starts with the source name, e.g.
    ``"A_RES_1.txt: no operative paragraphs found"``.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class _Flat:
    """A record whose JSON form is its fields, in order, as they are."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        record: Any = self  # every subclass is a dataclass
        return {f.name: getattr(self, f.name) for f in fields(record)}


@dataclass(slots=True)
class Subparagraph(_Flat):
    """A lettered sub-paragraph such as ``(a)``; nested ``(i)`` items stay in its text."""

    label: str
    text: str


@dataclass(slots=True)
class Paragraph:
    """One preambular or operative paragraph.

    ``text`` is the whole paragraph (lead included, sub-paragraphs included),
    without markup or footnote markers; ``footnotes`` lists the footnote
    numbers it references, in order of first reference.
    """

    kind: str  # "preamble" or "operative"
    verb: str
    lead: str
    text: str
    number: int | None = None
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    heading: str | None = None  # section heading printed right before this paragraph (operative part)

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "preamble":
            return {
                "verb": self.verb, "lead": self.lead, "text": self.text, "footnotes": list(self.footnotes),
            }
        return {
            "number": self.number,
            "verb": self.verb,
            "lead": self.lead,
            "text": self.text,
            "subparagraphs": [s.to_dict() for s in self.subparagraphs],
            "footnotes": list(self.footnotes),
            "heading": self.heading,
        }


@dataclass(slots=True)
class Footnote(_Flat):
    number: int
    text: str


@dataclass(slots=True)
class Annex(_Flat):
    title: str
    text: str


@dataclass(slots=True)
class Heading:
    """What the document prints above its paragraphs (and the meeting line after them)."""

    symbol: str | None = None
    body: str | None = None
    title: str | None = None
    adopted_on: datetime.date | None = None
    session: str | None = None
    agenda_item: str | None = None
    committee_report: str | None = None
    draft_symbol: str | None = None  # the draft adopted without a committee report (A/80/L.4)
    meeting: str | None = None

    def heading_dict(self) -> dict[str, Any]:
        """The heading fields, JSON-ready (the date as ISO text)."""
        out = {name: getattr(self, name) for name in HEADING_FIELDS}
        out["adopted_on"] = self.adopted_on.isoformat() if self.adopted_on else None
        return out


HEADING_FIELDS = tuple(f.name for f in fields(Heading))


@dataclass(slots=True)
class Resolution(Heading):
    """A parsed resolution (or the draft resolution embedded in one)."""

    preamble: list[Paragraph] = field(default_factory=list)
    operative: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    draft: Resolution | None = None
    citations: list[str] = field(default_factory=list)
    source: str = "<text>"  # where it came from; not part of to_dict()

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Preamble then operative paragraphs, in document order."""
        return [*self.preamble, *self.operative]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form with exactly the documented keys."""
        return {
            **self.heading_dict(),
            "preamble": [p.to_dict() for p in self.preamble],
            "operative": [p.to_dict() for p in self.operative],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "annexes": [a.to_dict() for a in self.annexes],
            "draft": self.draft.to_dict() if self.draft else None,
            "citations": list(self.citations),
        }
