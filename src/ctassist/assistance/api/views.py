"""Endpoints for requests (with workflow transitions and optimistic concurrency), activities,
participant counts, results (indicators) and evaluations. Every write goes through a service."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response

from ctassist.assistance import queries, services
from ctassist.assistance.api.serializers import (
    ActivitySerializer,
    EvaluationSerializer,
    IndicatorSerializer,
    ParticipantCountSerializer,
    RequestSerializer,
    TransitionSerializer,
)
from ctassist.assistance.filters import ActivityFilter, RequestFilter
from ctassist.assistance.models import Activity, Evaluation, Indicator, ParticipantCount, Request
from ctassist.core import roles
from ctassist.core.api import PolicyModelViewSet
from ctassist.core.policy import VIEW, allows
from ctassist.geo.models import State


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The request was changed by someone else since you read it; GET it again and retry."
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send the request's ETag in an If-Match header to change it."
    default_code = "precondition_required"


def _drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "message_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"detail": exc.messages})


def etag_for(obj: Request) -> str:
    return f'"{obj.version}"'


def _version_from_if_match(header: str | None) -> int:
    if not header:
        raise PreconditionRequired
    value = header.split(",")[0].strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        raise PreconditionFailed
    return int(value)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from the last GET. 428 if missing, 412 if the request changed since.",
)


@extend_schema_view(
    update=extend_schema(
        parameters=[IF_MATCH],
        responses={200: RequestSerializer, 412: OpenApiResponse(description="Changed since read"), 428: None},
    ),
    partial_update=extend_schema(
        parameters=[IF_MATCH],
        responses={200: RequestSerializer, 412: OpenApiResponse(description="Changed since read"), 428: None},
    ),
)
class RequestViewSet(PolicyModelViewSet):
    """Requests for technical assistance. A focal point reaches its own State's requests only.

    Created as drafts; moved along the workflow with ``POST /requests/{id}/transition/``.
    ``GET`` of one request returns an ``ETag``; ``PUT``/``PATCH`` need it in ``If-Match``.
    """

    queryset = Request.objects.all()
    serializer_class = RequestSerializer
    filterset_class = RequestFilter
    ordering_fields = ["submitted_at", "id", "state__name", "status", "priority"]
    ordering = ["-submitted_at", "-id"]
    search_fields = ["title", "needs"]

    def initial(self, request, *args, **kwargs):
        if getattr(self, "action", None) == "transition":
            self.policy_action = "transition"
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            return qs.select_related("state").prefetch_related("themes", "instruments")
        return qs.select_related("state").prefetch_related("themes", "instruments")

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag_for(obj)
        return response

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        user = self.request.user
        state = data.pop("state", None)
        if roles.state_id_of(user):
            if state is not None and state.pk != roles.state_id_of(user):
                raise PermissionDenied("A focal point asks for its own State only.")
            state = State.objects.get(pk=roles.state_id_of(user))
        if state is None:
            raise serializers.ValidationError({"state": "Name the requesting State (ISO alpha-3)."})
        try:
            serializer.instance = services.create_request(acting_user=user, state=state, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        obj = self.get_object()
        expected = _version_from_if_match(request.headers.get("If-Match"))
        serializer = self.get_serializer(obj, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "state" in data and data.pop("state") != obj.state:
            raise serializers.ValidationError({"state": "The requesting State cannot be changed."})
        try:
            obj = services.update_request(acting_user=request.user, request=obj, expected_version=expected, **data)
        except services.EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        obj = self.get_queryset().get(pk=obj.pk)
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag_for(obj)
        return response

    def perform_destroy(self, instance):
        try:
            services.delete_request(acting_user=self.request.user, request=instance)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None

    @extend_schema(
        request=TransitionSerializer,
        responses={
            200: RequestSerializer,
            400: OpenApiResponse(description="Wrong state or missing data"),
            403: OpenApiResponse(description="Your role does not own this transition"),
            412: OpenApiResponse(description="If-Match given and the request changed since"),
        },
        parameters=[
            OpenApiParameter(
                "If-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="Optional: refuse the transition (412) if the request changed since this ETag.",
            )  # fmt: skip
        ],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Take the request along one workflow transition; each is a domain event and notifies those concerned."""
        obj = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        header = request.headers.get("If-Match")
        expected = _version_from_if_match(header) if header else None
        try:
            obj = services.transition(
                acting_user=request.user,
                request=obj,
                to=payload.validated_data["to"],
                reason=payload.validated_data["reason"],
                expected_version=expected,
            )
        except services.EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        obj = self.get_queryset().get(pk=obj.pk)
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag_for(obj)
        return response


class ActivityViewSet(PolicyModelViewSet):
    """Activities. Partners reach those they take part in; focal points those concerning their State."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["start_date", "end_date", "title", "id"]
    ordering = ["-start_date", "-id"]
    search_fields = ["title"]

    def get_queryset(self):
        return queries.activity_list_queryset().prefetch_related("themes", "requests").restrict(self.request.user, VIEW)

    def _split(self, data):
        m2m = {k: data.pop(k) for k in ("states", "themes", "requests") if k in data}
        return data, m2m

    def perform_create(self, serializer):
        data, m2m = self._split(dict(serializer.validated_data))
        try:
            serializer.instance = services.create_activity(acting_user=self.request.user, **m2m, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_update(self, serializer):
        data, m2m = self._split(dict(serializer.validated_data))
        try:
            services.update_activity(acting_user=self.request.user, activity=serializer.instance, **m2m, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        raise PermissionDenied("Activities are cancelled (status), not deleted.")


class _ActivityPartViewSet(PolicyModelViewSet):
    def _activity(self, activity):
        if not allows(self.request.user, "change", activity):
            raise PermissionDenied
        return activity


class ParticipantCountViewSet(_ActivityPartViewSet):
    """Participants counted per activity, State, sex and agency type. POST sets a cell (0 removes it)."""

    queryset = ParticipantCount.objects.select_related("state")
    serializer_class = ParticipantCountSerializer
    filterset_fields = ["activity", "sex", "agency"]
    ordering = ["activity", "id"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        activity = self._activity(data.pop("activity"))
        try:
            row = services.set_participant_count(acting_user=self.request.user, activity=activity, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        serializer.instance = row or ParticipantCount(
            activity=activity, count=0, **{k: data[k] for k in ("state", "sex", "agency")}
        )

    def perform_update(self, serializer):
        row = serializer.instance
        data = {k: serializer.validated_data.get(k, getattr(row, k)) for k in ("state", "sex", "agency", "count")}
        if serializer.validated_data.get("activity", row.activity) != row.activity:
            raise serializers.ValidationError({"activity": "Cannot move a count to another activity."})
        if (data["state"], data["sex"], data["agency"]) != (row.state, row.sex, row.agency):
            raise serializers.ValidationError({"detail": "Change the count, or set another cell with POST."})
        serializer.instance = services.set_participant_count(
            acting_user=self.request.user, activity=row.activity, **data
        )

    def perform_destroy(self, instance):
        services.set_participant_count(
            acting_user=self.request.user, activity=instance.activity, state=instance.state, sex=instance.sex,
            agency=instance.agency, count=0,
        )  # fmt: skip


class IndicatorViewSet(_ActivityPartViewSet):
    """Results of activities: indicators with baseline, target and actual."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_fields = ["activity"]
    ordering = ["activity", "id"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        activity = self._activity(data.pop("activity"))
        serializer.instance = services.save_indicator(acting_user=self.request.user, activity=activity, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("activity", None)
        indicator = serializer.instance
        serializer.instance = services.save_indicator(
            acting_user=self.request.user, activity=indicator.activity, indicator=indicator, **data
        )

    def perform_destroy(self, instance):
        raise PermissionDenied("Indicators are corrected, not deleted.")


class EvaluationViewSet(PolicyModelViewSet):
    """The evaluation of a completed request (one per request; POST again corrects it)."""

    queryset = Evaluation.objects.all()
    serializer_class = EvaluationSerializer
    filterset_fields = ["request", "rating"]
    ordering = ["-evaluated_on"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        req = data.pop("request")
        if not Request.objects.restrict(self.request.user).filter(pk=req.pk).exists():
            raise PermissionDenied
        try:
            serializer.instance = services.record_evaluation(acting_user=self.request.user, request=req, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
