from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from ctassist.core.api import PolicyReadOnlyViewSet, payload
from ctassist.core.views import object_or_404
from ctassist.mandates import queries
from ctassist.mandates.api.serializers import (
    LineageSerializer,
    ParagraphSerializer,
    ResolutionDetailSerializer,
    ResolutionSerializer,
)
from ctassist.mandates.filters import ParagraphFilter, ResolutionFilter
from ctassist.mandates.models import (
    Citation,
    Paragraph,
    ParagraphAddressee,
    ParagraphInstrument,
    ParagraphTheme,
    Resolution,
)
from ctassist.treaties.models import Instrument


class ResolutionViewSet(PolicyReadOnlyViewSet):
    """Resolutions as parsed from their published text; the detail includes every paragraph."""

    queryset = Resolution.objects.defer("raw_text", "parsed")
    lookup_field = "symbol"
    lookup_value_regex = r"[A-Za-z]+/[A-Za-z0-9/.\-]+"
    filterset_class = ResolutionFilter
    ordering_fields = ["adopted_on", "symbol"]
    ordering = ["adopted_on", "symbol"]
    search_fields = ["symbol", "title"]

    def get_serializer_class(self):
        return ResolutionDetailSerializer if self.action == "retrieve" else ResolutionSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            user = self.request.user
            queryset = queryset.prefetch_related(
                Prefetch(
                    "paragraphs",
                    queryset=Paragraph.objects.restrict(user)
                    .order_by("position")
                    .prefetch_related(
                        Prefetch("themes", queryset=ParagraphTheme.objects.restrict(user)),
                        Prefetch("addressees", queryset=ParagraphAddressee.objects.restrict(user)),
                        Prefetch(
                            "instrument_links",
                            queryset=ParagraphInstrument.objects.restrict(user).select_related("instrument"),
                        ),
                    ),
                ),
                "footnote_set",
                Prefetch("instruments", queryset=Instrument.objects.restrict(user).order_by("position")),
                Prefetch("citations", queryset=Citation.objects.restrict(user).select_related("cited")),
            )
        return queryset


class ParagraphViewSet(PolicyReadOnlyViewSet):
    """Paragraphs with their themes and addressees (and the words that triggered each) and the instruments they name.

    Filter with ``theme``, ``addressee``, ``instrument`` (code of an instrument named), ``verb``,
    ``resolution`` (symbol), ``kind``, ``q``.
    """

    queryset = Paragraph.objects.select_related("resolution").only(
        "id",
        "kind",
        "position",
        "number",
        "verb",
        "lead",
        "text",
        "subparagraphs",
        "footnotes",
        "heading",
        "resolution__symbol",
    )
    serializer_class = ParagraphSerializer
    filterset_class = ParagraphFilter
    ordering_fields = ["position", "number", "resolution__adopted_on"]
    ordering = ["resolution__adopted_on", "position"]

    def get_queryset(self):
        return queries.paragraphs_with_tags(super().get_queryset(), self.request.user)


class LineageQuerySerializer(serializers.Serializer):
    old = serializers.CharField()
    new = serializers.CharField()


class LineageViewSet(viewsets.ViewSet):
    """How the paragraphs changed between two versions (``?old=A/RES/72/194&new=A/RES/74/175``).

    A resolution that recommends a draft is compared through its draft.
    """

    queryset = Resolution.objects.none()  # for the permission class: reading is checked per resolution

    @extend_schema(
        parameters=[
            OpenApiParameter("old", str, required=True, description="Symbol of the earlier version."),
            OpenApiParameter("new", str, required=True, description="Symbol of the later version."),
        ],
        responses=LineageSerializer,
    )
    def list(self, request):
        query = payload(request, LineageQuerySerializer, query=True)
        visible = Resolution.objects.restrict(request.user).defer("raw_text", "parsed")
        old = object_or_404(visible, symbol=query["old"])
        new = object_or_404(visible, symbol=query["new"])
        comparison = queries.compare(request.user, old, new)
        rows = []
        for row in comparison.rows:
            rows.append(
                {
                    "status": row.status,
                    "old": _para(row.old, row.kind, row.old_index),
                    "new": _para(row.new, row.kind, row.new_index),
                    "similarity": round(row.similarity, 4),
                    "inserted": row.inserted,
                    "deleted": row.deleted,
                    "diff": [[op, list(words)] for op, words in row.diff] if row.diff else None,
                }
            )
        data = {
            "old": old.symbol,
            "new": new.symbol,
            "old_uses_draft": comparison.old_uses_draft,
            "new_uses_draft": comparison.new_uses_draft,
            "counts": comparison.counts,
            "paragraphs": rows,
        }
        return Response(LineageSerializer(data).data)


def _para(paragraph, kind, index):
    if paragraph is None:
        return None
    return {"kind": kind, "number": paragraph.number, "index": index, "text": paragraph.text}
