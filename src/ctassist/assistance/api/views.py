"""Endpoints for requests (with workflow transitions and lost-update protection), activities,
participant counts, results (indicators) and evaluations. Every write goes through a service;
``core.api.exception_handler`` turns the services' refusals into answers (400, 403, 409, 412, 428)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from ctassist.assistance import queries, services
from ctassist.assistance.api.serializers import (
    ActivitySerializer,
    AssignSerializer,
    EvaluationSerializer,
    IndicatorSerializer,
    ParticipantCountSerializer,
    RequestSerializer,
    TransitionSerializer,
)
from ctassist.assistance.filters import ActivityFilter, RequestFilter
from ctassist.assistance.models import Activity, AssistanceRequest, Evaluation, Indicator, ParticipantCount
from ctassist.core import roles
from ctassist.core.api import IF_MATCH_OPTIONAL, ETagMixin, PolicyModelViewSet, payload
from ctassist.core.policy import VIEW, allows
from ctassist.geo.models import State


class RequestViewSet(ETagMixin, PolicyModelViewSet):
    """Requests for technical assistance. A focal point reaches its own State's requests only.

    Created as drafts; moved along the workflow with ``POST /requests/{id}/transition/``.
    ``GET`` of one request returns an ``ETag``; ``PUT``/``PATCH`` need it in ``If-Match``.
    """

    queryset = AssistanceRequest.objects.all()
    serializer_class = RequestSerializer
    filterset_class = RequestFilter
    ordering_fields = ["submitted_at", "id", "state__name", "status", "priority"]
    ordering = ["-submitted_at", "-id"]
    search_fields = ["title", "needs"]

    def initial(self, request, *args, **kwargs):
        if getattr(self, "action", None) == "transition":
            self.policy_action = services.TRANSITION
        elif getattr(self, "action", None) == "assign":
            self.policy_action = services.ASSIGN
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("state").prefetch_related("themes", "instruments")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        user = self.request.user
        state = data.pop("state", None)
        if roles.state_id_of(user):
            if state is not None and state.pk != roles.state_id_of(user):
                raise PermissionDenied(_("A focal point asks for its own State only."))
            state = State.objects.restrict(user).get(pk=roles.state_id_of(user))
        if state is None:
            raise serializers.ValidationError({"state": _("Name the requesting State (ISO alpha-3).")})
        serializer.instance = services.create_request(acting_user=user, state=state, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "state" in data and data.pop("state") != serializer.instance.state:
            raise serializers.ValidationError({"state": _("The requesting State cannot be changed.")})
        updated = services.update_request(
            acting_user=self.request.user,
            assistance_request=serializer.instance,
            expected_version=self.expected_version,
            **data,
        )
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    def perform_destroy(self, instance):
        services.delete_request(acting_user=self.request.user, assistance_request=instance)

    @extend_schema(
        request=TransitionSerializer,
        responses={
            200: RequestSerializer,
            400: OpenApiResponse(description="Wrong state or missing data"),
            403: OpenApiResponse(description="Your role does not own this transition"),
            412: OpenApiResponse(description="If-Match given and the request changed since"),
        },
        parameters=[IF_MATCH_OPTIONAL],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Take the request along one workflow transition; each is a domain event and notifies those concerned."""
        obj = self.get_object()
        data = payload(request, TransitionSerializer)
        moved = services.transition(
            acting_user=request.user,
            assistance_request=obj,
            to=data["to"],
            reason=data["reason"],
            expected_version=self.optional_expected_version(),
        )
        return self.answer(moved)

    @extend_schema(
        request=AssignSerializer,
        responses={
            200: RequestSerializer,
            400: OpenApiResponse(description="No such active UNODC officer"),
            403: OpenApiResponse(description="Only UNODC staff assign a request"),
            412: OpenApiResponse(description="If-Match given and the request changed since"),
        },
        parameters=[IF_MATCH_OPTIONAL],
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Give the request to a UNODC officer (null: nobody), as its page does; UNODC staff only. The officer is told."""
        obj = self.get_object()
        data = payload(request, AssignSerializer)
        officer, username = None, data["officer"]
        if username:
            officer = (get_user_model().objects.restrict(request.user)
                       .filter(username=username, role__in=[roles.ADMIN, roles.OFFICER], is_active=True).first())  # fmt: skip
            if officer is None:
                raise serializers.ValidationError({"officer": _("No active UNODC officer has this user name.")})
        assigned = services.assign_officer(
            acting_user=request.user,
            assistance_request=obj,
            officer=officer,
            comment=data["reason"],
            expected_version=self.optional_expected_version(),
        )
        return self.answer(assigned)


class ActivityViewSet(ETagMixin, PolicyModelViewSet):
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
        created = services.create_activity(acting_user=self.request.user, **m2m, **data)
        serializer.instance = self.get_queryset().get(pk=created.pk)

    def perform_update(self, serializer):
        data, m2m = self._split(dict(serializer.validated_data))
        updated = services.update_activity(
            acting_user=self.request.user,
            activity=serializer.instance,
            expected_version=self.expected_version,
            **m2m,
            **data,
        )
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    def perform_destroy(self, instance):
        raise PermissionDenied(_("Activities are cancelled (status), not deleted."))


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
        row = services.set_participant_count(acting_user=self.request.user, activity=activity, **data)
        serializer.instance = row or ParticipantCount(
            activity=activity, count=0, **{k: data[k] for k in ("state", "sex", "agency")}
        )

    def perform_update(self, serializer):
        row = serializer.instance
        data = {k: serializer.validated_data.get(k, getattr(row, k)) for k in ("state", "sex", "agency", "count")}
        if serializer.validated_data.get("activity", row.activity) != row.activity:
            raise serializers.ValidationError({"activity": _("Cannot move a count to another activity.")})
        if (data["state"], data["sex"], data["agency"]) != (row.state, row.sex, row.agency):
            raise serializers.ValidationError({"detail": _("Change the count, or set another cell with POST.")})
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
        raise PermissionDenied(_("Indicators are corrected, not deleted."))


class EvaluationViewSet(PolicyModelViewSet):
    """The evaluation of a completed request (one per request; POST again corrects it)."""

    queryset = Evaluation.objects.all()
    serializer_class = EvaluationSerializer
    filterset_fields = ["request", "rating"]
    ordering = ["-evaluated_on"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        evaluated = data.pop("request")
        if not AssistanceRequest.objects.restrict(self.request.user).filter(pk=evaluated.pk).exists():
            raise PermissionDenied
        serializer.instance = services.record_evaluation(
            acting_user=self.request.user, assistance_request=evaluated, **data
        )
