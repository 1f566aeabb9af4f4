"""The knowledge library (legislation, case law, publications), its search index, and legislative reviews."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import YEAR_BOUNDS, BaseModel, VersionedModel, acting_user, demo_flag
from ctassist.core.taxonomy import THEME_CODES
from ctassist.library.choices import (
    Audience,
    Incorporation,
    ItemCategory,
    Language,
    LegislationKind,
    LegislationStatus,
    Outcome,
    PublicationKind,
    ReviewStatus,
)
from ctassist.treaties.models import instruments_field


def _check_themes(themes: object) -> None:
    if not isinstance(themes, list) or any(not isinstance(t, str) for t in themes):
        raise ValidationError({"themes": _("Themes must be a list of theme codes.")})
    unknown = sorted(set(themes) - THEME_CODES)
    if unknown:
        raise ValidationError({"themes": _("Unknown theme codes: %(codes)s") % {"codes": ", ".join(unknown)}})


class _LibraryItem(BaseModel):
    """What every item of the library has: its title for a name, themes of the shared taxonomy (checked),
    and the demonstration flag."""

    themes = models.JSONField(_("themes"), default=list, blank=True)
    is_demo = demo_flag(db_index=True)
    title: Any  # each item declares its own

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def record_errors(self) -> dict[str, Any]:
        _check_themes(self.themes)
        return super().record_errors()


class Legislation(_LibraryItem, VersionedModel):
    """A law or other legal text of one State, split into provisions."""

    date_order = (
        ("adopted_on", "in_force_on", _("It cannot enter into force before it was adopted.")),
        ("adopted_on", "amended_on", _("It cannot be amended before it was adopted.")),
    )
    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=30, choices=LegislationKind.choices)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    amended_on = models.DateField(_("last amended on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.EN)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    instruments = instruments_field(_("instruments implemented"))
    status = models.CharField(
        _("status"), max_length=10, choices=LegislationStatus.choices, default=LegislationStatus.PUBLISHED
    )
    proposed_by = acting_user(_("proposed by"))

    class Meta:
        ordering = ["state__name", "title"]
        verbose_name = _("legislation")
        verbose_name_plural = _("legislation")

    def get_absolute_url(self) -> str:
        return reverse("library:legislation_detail", args=[self.pk])

    @property
    def year(self) -> int | None:
        day = self.adopted_on or self.in_force_on
        return day.year if day else None


class Provision(BaseModel):
    """One article or section of a law; each has its own address."""

    legislation = models.ForeignKey(
        Legislation, verbose_name=_("legislation"), on_delete=models.CASCADE, related_name="provisions"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(
        _("label"), max_length=80, help_text=_("As the law numbers it: “Article 5”, “Section 12(3)”.")
    )
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["legislation_id", "position", "id"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self) -> str:
        return f"{self.legislation} – {self.label}"

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("A provision needs its text.")})

    def get_absolute_url(self) -> str:
        return reverse("library:provision_detail", args=[self.pk])


class CaseLaw(_LibraryItem):
    """A court decision applying counter-terrorism law."""

    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    court = models.CharField(_("court"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    summary = models.TextField(_("summary"))
    offences = models.TextField(_("offences"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.EN)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    instruments = instruments_field(_("instruments applied"))
    related_legislation = models.ManyToManyField(
        Legislation, verbose_name=_("related legislation"), blank=True, related_name="cases"
    )

    class Meta:
        ordering = ["-decided_on", "title"]
        verbose_name = _("case")
        verbose_name_plural = _("case law")

    def get_absolute_url(self) -> str:
        return reverse("library:case_detail", args=[self.pk])


class Publication(_LibraryItem):
    """A publication or technical tool: handbook, manual, model law, training curriculum."""

    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEAR_BOUNDS[0]), MaxValueValidator(YEAR_BOUNDS[1])]
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    file = models.FileField(_("file"), upload_to="library/publications/", blank=True, max_length=300)
    instruments = instruments_field(_("instruments"))

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications and tools")

    def record_errors(self) -> dict[str, Any]:
        errors = super().record_errors()
        if not isinstance(self.languages, list) or set(self.languages) - set(Language.values):
            raise ValidationError({"languages": _("Languages must be a list of language codes.")})
        if self.year and not 1900 <= self.year <= 2100:
            raise ValidationError({"year": _("Give a year between 1900 and 2100.")})
        return errors

    def get_absolute_url(self) -> str:
        return reverse("library:publication_detail", args=[self.pk])

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else Language.EN


class SearchDocument(BaseModel):
    """One searchable unit (a provision, a case, a publication, later a mandate paragraph).

    Written only by ``core.search.index`` (the library sets it as the store); the full-text index (FTS5 table or
    tsvector column, created in migration 0002) follows it through triggers.
    """

    doc_type = models.CharField(_("type"), max_length=30)
    object_id = models.BigIntegerField()
    title = models.CharField(_("title"), max_length=500)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    index_body = models.TextField(blank=True, help_text="Body as indexed where it differs (CJK segmented).")
    index_title = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    language = models.CharField(_("language"), max_length=5, default=Language.EN)
    text_config = models.CharField(max_length=20, default="english")
    state = models.ForeignKey("geo.State", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    regional_group = models.CharField(_("regional group"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    is_public = models.BooleanField(default=True)
    owner_state_id = models.BigIntegerField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    tags = models.TextField(
        blank=True, help_text="Many-valued facets as “|theme:x|instrument:y|”; the string is its own set key."
    )

    class Meta:
        ordering = ["doc_type", "object_id"]
        constraints = [models.UniqueConstraint(fields=["doc_type", "object_id"], name="one_search_document_per_object")]
        indexes = [models.Index(fields=["date"]), models.Index(fields=["state", "kind"])]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"{self.doc_type}:{self.object_id} {self.title}"


class LegislativeReview(VersionedModel):
    """A review of one State's law against the checklists of some instruments."""

    state = models.ForeignKey("geo.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    instruments = instruments_field(_("instruments reviewed"), blank=False)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    reviewer = acting_user(_("reviewer"))
    summary = models.TextField(_("summary"), blank=True)
    finalised_on = models.DateField(_("finalised on"), null=True, blank=True)
    is_demo = demo_flag(db_index=True)

    class Meta:
        ordering = ["state__name", "-created_at"]
        verbose_name = _("legislative review")
        verbose_name_plural = _("legislative reviews")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == ReviewStatus.FINAL and not self.finalised_on:
            raise ValidationError({"finalised_on": _("A final review carries the date it was finalised.")})

    def get_absolute_url(self) -> str:
        return reverse("library:review_detail", args=[self.pk])


class ReviewItem(VersionedModel):
    """One checklist item of one instrument, as assessed in a review."""

    review = models.ForeignKey(LegislativeReview, on_delete=models.CASCADE, related_name="items")
    instrument = models.ForeignKey("treaties.Instrument", on_delete=models.PROTECT, related_name="+")
    item_key = models.CharField(_("checklist item"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("category"), max_length=20, choices=ItemCategory.choices)
    article = models.CharField(_("article"), max_length=60)
    requirement = models.TextField(_("requirement"))
    status = models.CharField(_("status"), max_length=10, choices=Incorporation.choices, blank=True, default="")
    provisions = models.ManyToManyField(
        Provision, verbose_name=_("domestic provisions"), blank=True, related_name="review_items"
    )
    comment = models.TextField(_("reviewer's comment"), blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)

    class Meta:
        ordering = ["review_id", "instrument__position", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "item_key"], name="one_review_item_per_key")]
        verbose_name = _("review item")
        verbose_name_plural = _("review items")

    def __str__(self) -> str:
        return f"{self.article}: {self.requirement[:60]}"

    def clean(self) -> None:
        if self.status and not self.assessed_on:
            raise ValidationError({"assessed_on": _("Give the date of the assessment.")})
