from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ctassist.core.api import PolicyReadOnlyViewSet
from ctassist.core.search import FACETS, search
from ctassist.library.api.serializers import (
    CaseLawSerializer,
    LegislationSerializer,
    ProvisionSerializer,
    PublicationSerializer,
    ResultsSerializer,
)
from ctassist.library.models import CaseLaw, Legislation, Provision, Publication


class LegislationViewSet(PolicyReadOnlyViewSet):
    """Legislation in the library (published, plus a focal point's own proposals)."""

    queryset = Legislation.objects.select_related("state").prefetch_related("instruments")
    serializer_class = LegislationSerializer


class ProvisionViewSet(PolicyReadOnlyViewSet):
    queryset = Provision.objects.all()
    serializer_class = ProvisionSerializer


class CaseLawViewSet(PolicyReadOnlyViewSet):
    queryset = CaseLaw.objects.select_related("state").prefetch_related("instruments")
    serializer_class = CaseLawSerializer


class PublicationViewSet(PolicyReadOnlyViewSet):
    queryset = Publication.objects.prefetch_related("instruments")
    serializer_class = PublicationSerializer


class SearchView(APIView):
    """Full-text search of the library: same contract as the search page.

    A malformed query returns 400 with ``error`` set (and no hits).
    """

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("sort", str, enum=["relevance", "date"]),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ]
        + [OpenApiParameter(name, str, many=True) for name in FACETS],
        responses=ResultsSerializer,
    )
    def get(self, request):
        filters = {name: request.query_params.getlist(name) for name in FACETS if request.query_params.getlist(name)}
        try:
            page_size = int(request.query_params.get("page_size", 20))
        except ValueError:
            page_size = 20
        results = search(
            request.query_params.get("q", "")[:1000],
            filters,
            request.query_params.get("sort", "relevance"),
            request.query_params.get("page", 1),
            user=request.user,
            page_size=page_size,
        )
        data = ResultsSerializer({**results.__dict__, "pages": results.pages}).data
        return Response(data, status=400 if results.error else 200)
