"""Mandate paragraphs in the library's search box.

Resolutions are public: every paragraph is searchable by everyone, with the
resolution's themes as facets. The ingest service keeps the index current.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ctassist.core.search import index, registry
from ctassist.mandates.choices import ParagraphKind
from ctassist.mandates.models import Paragraph

DOC_TYPE = "mandate"


def build_paragraph(paragraph: Paragraph) -> registry.DocumentData:
    resolution = paragraph.resolution
    return registry.DocumentData(
        title=f"{resolution.symbol}: {resolution.title}",
        reference=paragraph.label,
        body=paragraph.text,
        url=f"{resolution.get_absolute_url()}#{paragraph.anchor}",
        language="en",
        kind=paragraph.kind,
        date=resolution.adopted_on,
        themes=[tag.theme for tag in paragraph.themes.all()],
        is_public=True,
        is_demo=resolution.is_demo,
    )


def register() -> None:
    registry.register(
        registry.SearchableType(
            DOC_TYPE, _("Mandates"), Paragraph, build_paragraph, order=40, kind_labels=dict(ParagraphKind.choices)
        )
    )


def reindex_resolution(resolution) -> int:
    """Replace the search documents of a resolution's paragraphs (after an ingest)."""
    paragraphs = Paragraph.objects.filter(resolution=resolution).select_related("resolution").prefetch_related("themes")
    return index.index_many(paragraphs)


def unindex_resolution(resolution) -> None:
    index.unindex(DOC_TYPE, resolution.paragraphs.values_list("pk", flat=True))
