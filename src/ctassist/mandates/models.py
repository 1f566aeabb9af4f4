"""Resolutions, their paragraphs, footnotes, annexes and citations, and the tags of each paragraph.

A resolution is stored as the parser read it: the key facts as fields, the
parser's JSON in ``parsed`` and the text it read in ``raw_text``, so a
re-parse with a better parser can always be done from what is stored. A
resolution that recommends a draft (an ECOSOC resolution recommending a
General Assembly text) keeps the draft's paragraphs beside its own, with the
``draft-`` kinds.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import BaseModel, demo_flag
from ctassist.mandates.choices import (
    ADDRESSEE_CHOICES,
    DRAFT_KINDS,
    OPERATIVE_KINDS,
    THEME_CHOICES,
    ParagraphKind,
)
from ctassist.treaties.models import instruments_field


class Resolution(BaseModel):
    """One adopted resolution (General Assembly, ECOSOC, ...), as published."""

    symbol = models.CharField(_("symbol"), max_length=40, unique=True)
    body = models.CharField(_("body"), max_length=20, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, db_index=True)
    session = models.CharField(_("session"), max_length=40, blank=True)
    agenda_item = models.CharField(_("agenda item"), max_length=40, blank=True)
    committee_report = models.CharField(_("adopted on the report or recommendation"), max_length=60, blank=True)
    draft_symbol = models.CharField(
        _("draft adopted"),
        max_length=60,
        blank=True,
        help_text=_("The draft resolution adopted without a committee report, e.g. A/80/L.4."),
    )
    meeting = models.CharField(_("meeting"), max_length=80, blank=True)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    raw_text = models.TextField(_("text as read"), blank=True)
    parsed = models.JSONField(_("parser output"), default=dict, blank=True)
    counts = models.JSONField(
        _("paragraph counts"),
        default=dict,
        blank=True,
        help_text=_("Preambular, operative, footnote, annex and citation counts (kept so the change log shows them)."),
    )
    is_demo = demo_flag(db_index=True)
    instruments = instruments_field(
        _("instruments named"),
        related_name="resolutions",
        help_text=_("The instruments its paragraphs name (see each paragraph for where)."),
    )

    # The change log records these by size and digest, not in full (see core.audit.snapshot).
    audit_exclude = ("raw_text", "parsed")

    class Meta:
        ordering = ["adopted_on", "symbol"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("mandates:resolution_detail", args=[self.symbol])

    @property
    def short_symbol(self) -> str:
        """``72/194`` for ``A/RES/72/194``; the full symbol otherwise."""
        return self.symbol.removeprefix("A/RES/")

    @property
    def draft(self) -> dict | None:
        return (self.parsed or {}).get("draft")

    def clean(self) -> None:
        if not self.symbol.strip():
            raise ValidationError({"symbol": _("A resolution needs its symbol.")})


class Paragraph(BaseModel):
    """A preambular or operative paragraph (of the resolution or of the draft it recommends)."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ParagraphKind.choices)
    position = models.PositiveIntegerField(_("position in the document"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    verb = models.CharField(_("verb"), max_length=40, blank=True, db_index=True)
    lead = models.CharField(_("lead words"), max_length=120, blank=True)
    text = models.TextField(_("text"))
    subparagraphs = models.JSONField(_("sub-paragraphs"), default=list, blank=True)
    footnotes = models.JSONField(_("footnote numbers"), default=list, blank=True)
    heading = models.CharField(
        _("heading"),
        max_length=300,
        blank=True,
        help_text=_("The section heading printed right before this paragraph in the operative part."),
    )

    class Meta:
        ordering = ["resolution", "position"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "position"], name="mandates_paragraph_position_unique")
        ]
        indexes = [models.Index(fields=["kind", "verb"], name="mandates_par_kind_verb")]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self) -> str:
        return f"{self.resolution_id and self.resolution.symbol} {self.label}"

    @property
    def is_operative(self) -> bool:
        return self.kind in OPERATIVE_KINDS

    @property
    def in_draft(self) -> bool:
        return self.kind in DRAFT_KINDS

    @property
    def label(self) -> str:
        """``OP 5``, ``PP 3``, ``draft OP 2``: how delegations cite paragraphs."""
        prefix = "draft " if self.in_draft else ""
        if self.is_operative:
            return f"{prefix}OP {self.number if self.number is not None else '–'}"
        index = self.position
        if self.in_draft:  # the draft's paragraphs follow the resolution's own
            counts = self.resolution.counts or {}
            index -= counts.get("preamble", 0) + counts.get("operative", 0)
        return f"{prefix}PP {index}"

    @property
    def lead_rest(self) -> str:
        """The text after the lead words (shown in italics), or "" when the text does not start with them."""
        return self.text[len(self.lead) :] if self.lead and self.text.startswith(self.lead) else ""

    @property
    def anchor(self) -> str:
        base = "d" if self.in_draft else ""
        if self.is_operative and self.number is not None:
            return f"{base}op{self.number}"
        return f"{base}p{self.position}"

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("A paragraph needs its text.")})
        if self.number is not None and not self.is_operative:
            raise ValidationError({"number": _("Only operative paragraphs are numbered.")})


class Footnote(BaseModel):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="footnote_set")
    in_draft = models.BooleanField(_("in the recommended draft"), default=False)
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["resolution", "in_draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "in_draft", "number"], name="mandates_footnote_unique")
        ]
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")

    def __str__(self) -> str:
        return f"{self.resolution_id and self.resolution.symbol} fn {self.number}"

    @property
    def anchor(self) -> str:
        return f"{'d' if self.in_draft else ''}fn{self.number}"


class Annex(BaseModel):
    """An annex (declaration, programme of action): part of the resolution, not an operative paragraph."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="annexes")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")

    def __str__(self) -> str:
        return f"{self.resolution_id and self.resolution.symbol} annex {self.position}"


class Citation(BaseModel):
    """A document a resolution cites; ``cited`` points to it when it is ingested here too."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="citations")
    position = models.PositiveIntegerField(_("position"))
    symbol = models.CharField(_("cited symbol"), max_length=60, db_index=True)
    cited = models.ForeignKey(
        Resolution,
        verbose_name=_("cited resolution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return f"{self.resolution_id and self.resolution.symbol} cites {self.symbol}"


class _ParagraphTag(BaseModel):
    """A tag the tagger (``tagging``) put on a paragraph, with the words that triggered it."""

    triggers = models.JSONField(_("trigger words"), default=list, blank=True)
    tag_field = ""  # the name of the field that holds the tag
    paragraph_id: int  # each tag declares its ``paragraph`` (its own reverse name)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.paragraph_id}: {getattr(self, self.tag_field)}"


class ParagraphTheme(_ParagraphTag):
    """A theme of the shared taxonomy found in a paragraph, with the words that triggered it."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=40, choices=THEME_CHOICES, db_index=True)
    tag_field = "theme"

    class Meta:
        ordering = ["paragraph", "theme"]
        constraints = [models.UniqueConstraint(fields=["paragraph", "theme"], name="mandates_theme_unique")]
        verbose_name = _("paragraph theme")
        verbose_name_plural = _("paragraph themes")


class ParagraphAddressee(_ParagraphTag):
    """Who an operative paragraph asks to act, with the words that say so."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="addressees")
    addressee = models.CharField(_("addressee"), max_length=40, choices=ADDRESSEE_CHOICES, db_index=True)
    tag_field = "addressee"

    class Meta:
        ordering = ["paragraph", "addressee"]
        constraints = [models.UniqueConstraint(fields=["paragraph", "addressee"], name="mandates_addressee_unique")]
        verbose_name = _("paragraph addressee")
        verbose_name_plural = _("paragraph addressees")


class ParagraphInstrument(BaseModel):
    """An instrument a paragraph names, with the words that name it."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="instrument_links")
    instrument = models.ForeignKey(
        "treaties.Instrument", verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="paragraph_links"
    )
    names = models.JSONField(_("named as"), default=list, blank=True)

    class Meta:
        ordering = ["paragraph", "instrument__position"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "instrument"], name="mandates_paragraph_instrument_unique")
        ]
        verbose_name = _("instrument named in a paragraph")
        verbose_name_plural = _("instruments named in paragraphs")

    def __str__(self) -> str:
        return f"{self.paragraph_id}: {self.instrument_id}"
