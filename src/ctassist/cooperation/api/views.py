from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from ctassist.cooperation import documents, queries, services
from ctassist.cooperation.api.serializers import (
    BasisQuerySerializer,
    BasisSerializer,
    CaseStepSerializer,
    CooperationRequestSerializer,
    CooperationShareSerializer,
    MoveSerializer,
    StatisticsRowSerializer,
)
from ctassist.cooperation.choices import DOCUMENT_LANGUAGES, Direction
from ctassist.cooperation.policies import SHARE
from ctassist.core import roles
from ctassist.core.api import ETagMixin, PolicyModelViewSet, PolicyReadOnlyViewSet, payload
from ctassist.core.policy import CHANGE, VIEW


class CooperationRequestViewSet(ETagMixin, PolicyModelViewSet):
    """Mutual legal assistance and extradition requests, visible only to the two States concerned.

    The recording State's focal points see a request from its first draft, the other State's once
    it is sent; UNODC staff only when the recording State shares it for assistance; nobody else.
    Every read is recorded. ``finalise`` refuses while an essential element is missing (400 naming
    each field); ``move`` records the next step of the case; ``document`` returns the DOCX.
    """

    queryset = queries.request_rows()
    serializer_class = CooperationRequestSerializer
    filterset_fields = ["kind", "direction", "status", "offence"]
    ordering = ["-id"]
    policy_action: str | None = None

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        services.record_read(acting_user=request.user, requests=rows, via="api-list")
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        services.record_read(acting_user=request.user, requests=[self._serializer.instance], via="api")
        return response

    def perform_create(self, serializer):
        data = serializer.validated_data
        counterpart = data.get("counterpart")
        if counterpart is None:
            raise exceptions.ValidationError({"counterpart": _("Give the other State's ISO alpha-3 code.")})
        serializer.instance = services.create_request(
            acting_user=self.request.user,
            kind=data["kind"],
            counterpart=counterpart,
            direction=data.get("direction", Direction.OUTGOING),
            received_on=data.get("received_on"),
            fields=serializer.service_fields(),
            instruments=data.get("instruments"),
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_request(
            acting_user=self.request.user,
            request=serializer.instance,
            fields=serializer.service_fields(),
            instruments=serializer.validated_data.get("instruments"),
            expected_version=self.expected_version,
        )

    def perform_destroy(self, instance):
        services.delete_request(
            acting_user=self.request.user, request=instance, expected_version=self.optional_expected_version()
        )

    @extend_schema(request=None, responses=CooperationRequestSerializer)
    @action(detail=True, methods=["post"], policy_action=CHANGE)
    def finalise(self, request, pk=None):
        """Check every essential element and mark the draft ready to send (400 naming what is missing)."""
        result = services.finalise(acting_user=request.user, request=self.get_object(),
                                   expected_version=self.optional_expected_version())  # fmt: skip
        return self.answer(result)

    @extend_schema(request=MoveSerializer, responses=CooperationRequestSerializer)
    @action(detail=True, methods=["post"], policy_action=VIEW)
    def move(self, request, pk=None):
        """Record the next status of the case (the service checks who may record which step)."""
        obj = self.get_object()
        body = payload(request, MoveSerializer)
        result = services.move(acting_user=request.user, request=obj, to=body["to"],
                               date=body.get("date"), note=body.get("note", ""),
                               expected_version=self.optional_expected_version())  # fmt: skip
        return self.answer(result)

    @extend_schema(request=CooperationShareSerializer, responses=CooperationRequestSerializer)
    @action(detail=True, methods=["post"], policy_action=SHARE)
    def share(self, request, pk=None):
        """The recording State shares the request with UNODC for assistance, or stops sharing it."""
        body = payload(request, CooperationShareSerializer)
        result = services.share(acting_user=request.user, request=self.get_object(),
                                shared=body["shared"], reason=body["reason"])  # fmt: skip
        return self.answer(result)

    @extend_schema(
        parameters=[OpenApiParameter("lang", OpenApiTypes.STR, enum=[c for c, _label in DOCUMENT_LANGUAGES])],
        responses={(200, documents.DOCX_TYPE): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        """The finalised request as DOCX in English, French or Spanish."""
        obj = self.get_object()
        language = request.query_params.get("lang") or obj.language or "en"
        if language not in dict(DOCUMENT_LANGUAGES):
            raise exceptions.ValidationError({"lang": _("Documents are produced in English, French or Spanish.")})
        if obj.finalised_at is None and obj.status == "drafted":
            raise exceptions.ValidationError({"detail": [str(m) for m in services.missing_elements(request.user, obj)]
                                              or [_("Finalise the request before producing its document.")]})  # fmt: skip
        missing = services.missing_elements(request.user, obj) if obj.status == "drafted" else []
        content = documents.docx_bytes(obj, missing, language)
        services.record_read(acting_user=request.user, requests=[obj], via=f"api-docx-{language}")
        response = HttpResponse(content, content_type=documents.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{obj.reference}-{language}.docx"'
        return response


class CaseStepViewSet(PolicyReadOnlyViewSet):
    """The steps of the case files the caller may read (sent, acknowledged, executed, refused...)."""

    queryset = queries.step_rows()
    serializer_class = CaseStepSerializer
    filterset_fields = ["request", "status"]
    ordering = ["id"]

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        services.record_read(acting_user=request.user, requests=[self.get_object().request], via="api-step")
        return response


def _reservation(r) -> dict:
    return {"state": r.state.iso3, "kind": r.kind, "date": r.date, "text": r.text}


class TreatyBasisView(APIView):
    """Public: the instruments two States are both party to on a day for an offence, with the articles that
    oblige cooperation and the reservations and declarations recorded on them."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[BasisQuerySerializer], responses=BasisSerializer)
    def get(self, request):
        data = payload(request, BasisQuerySerializer, query=True)
        if data["requesting"] == data["requested"]:
            raise exceptions.ValidationError(
                {"requested": _("The requested State must differ from the requesting State.")}
            )
        day = data.get("date") or timezone.localdate()
        basis = queries.treaty_basis(request.user, data["requesting"], data["requested"], data["offence"], day)
        body = {
            "requesting": basis.requesting.iso3,
            "requested": basis.requested.iso3,
            "offence": basis.offence,
            "date": basis.day,
            "instruments": [
                {
                    "instrument": b.instrument.code,
                    "title": b.instrument.official_title,
                    "requesting_party_since": b.first.consent_date,
                    "requested_party_since": b.second.consent_date,
                    "articles": [
                        {
                            "article": a.article.article,
                            "kind": a.article.kind,
                            "source_file": a.article.source,
                            "note": str(a.article.note),
                            "reservations": [_reservation(r) for r in a.reservations],
                        }
                        for a in b.articles
                    ],  # fmt: skip
                    "other_reservations": [_reservation(r) for r in b.other_reservations],
                    "is_demo": b.is_demo,
                }
                for b in basis.instruments
            ],
            "not_in_force": [i.code for i, _first, _second in basis.missing],
        }
        return Response(BasisSerializer(body).data)


class StatisticsView(APIView):
    """UNODC staff: requests counted by State pair, kind, offence and status. No personal data."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=StatisticsRowSerializer(many=True))
    def get(self, request):
        if not roles.is_unodc(request.user):
            raise exceptions.PermissionDenied
        rows = [
            {"requesting": r["requesting_state__iso3"], "requested": r["requested_state__iso3"], "kind": r["kind"],
             "offence": r["offence"], "status": r["status"], "count": r["count"]}
            for r in queries.statistics()
        ]  # fmt: skip
        return Response(StatisticsRowSerializer(rows, many=True).data)
