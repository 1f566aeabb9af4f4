"""Endpoints for needs (with status steps, answers, sharing and a request made from a need),
their follow-up and the sharing log. Every write goes through a service, every read through the policy;
``core.api.exception_handler`` turns the services' refusals into answers."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ctassist.assistance.models import Activity, AssistanceRequest
from ctassist.core.api import IF_MATCH_OPTIONAL, ETagMixin, PolicyViewSetMixin, payload
from ctassist.core.policy import CHANGE, VIEW
from ctassist.needs import queries, services
from ctassist.needs.api.serializers import (
    AnswersSerializer,
    AssessmentAnswerSerializer,
    AssessmentDecisionSerializer,
    CreatedRequestSerializer,
    FollowUpSerializer,
    NeedSerializer,
    SelfAssessmentSerializer,
    ShareSerializer,
    SharingDecisionSerializer,
    StatusSerializer,
)
from ctassist.needs.filters import NeedFilter
from ctassist.needs.policies import SHARE, SUBMIT, VALIDATE

CUSTOM_ACTIONS = {"status": VIEW, "answers": CHANGE, "share": SHARE, "create_request": CHANGE}


class NeedViewSet(
    ETagMixin, PolicyViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    mixins.ListModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """Identified needs. A need from a CTED source reaches UNODC and the State's focal points only,
    unless the State shares it with a named partner or donor. Needs are closed or discarded, never deleted.
    ``GET`` of one need returns an ``ETag``; ``PUT``/``PATCH`` need it in ``If-Match``."""

    queryset = queries.need_list_queryset()
    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    ordering_fields = ["id", "target_date", "state__name", "status", "priority"]
    ordering = ["-id"]

    def initial(self, request, *args, **kwargs):
        self.policy_action = CUSTOM_ACTIONS.get(getattr(self, "action", None) or "")
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("requests", queryset=AssistanceRequest.objects.restrict(user).only("pk"),
                         to_attr="visible_requests"),
                Prefetch("activities", queryset=Activity.objects.restrict(user).only("pk"),
                         to_attr="visible_activities"),
                "instruments",
            )
        )  # fmt: skip

    def _fields(self, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        m2m: dict[str, Any] = {k: data.pop(k) for k in ("themes", "instruments") if k in data}
        return data, m2m

    def perform_create(self, serializer):
        data, m2m = self._fields(dict(serializer.validated_data))
        created = services.record_need(acting_user=self.request.user, state=data.pop("state"),
                                       title=data.pop("title"), source=data.pop("source"), **m2m, **data)  # fmt: skip
        serializer.instance = self.get_queryset().get(pk=created.pk)

    def perform_update(self, serializer):
        data, m2m = self._fields(dict(serializer.validated_data))
        if "state" in data and data.pop("state") != serializer.instance.state:
            raise ValidationError({"state": [_("The State of a need cannot be changed.")]})
        updated = services.update_need(acting_user=self.request.user, need=serializer.instance,
                                       expected_version=self.expected_version, **m2m, **data)  # fmt: skip
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    @extend_schema(request=StatusSerializer, responses={200: NeedSerializer, 400: OpenApiResponse(
        description="Not a step from the current status, or no reason")}, parameters=[IF_MATCH_OPTIONAL])  # fmt: skip
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Move the need: proposed → open or discarded (UNODC); open ↔ in progress → addressed; closed (reason)."""
        need = self.get_object()
        data = payload(request, StatusSerializer)
        moved = services.change_status(acting_user=request.user, need=need, to=data["to"], reason=data["reason"],
                                       expected_version=self.optional_expected_version())  # fmt: skip
        return self.answer(moved)

    @extend_schema(request=AnswersSerializer, responses={200: NeedSerializer}, parameters=[IF_MATCH_OPTIONAL])
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        """Set the requests and/or activities (of the need's State) that answer the need."""
        need = self.get_object()
        data = payload(request, AnswersSerializer, context=self.get_serializer_context())
        moved = services.set_answers(acting_user=request.user, need=need, requests=data.get("requests"),
                                     activities=data.get("activities"),
                                     expected_version=self.optional_expected_version())  # fmt: skip
        return self.answer(moved)

    @extend_schema(request=ShareSerializer, responses={200: SharingDecisionSerializer})
    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        """The State's focal point shares the need with a named partner or donor (or withdraws it); logged."""
        need = self.get_object()
        data = payload(request, ShareSerializer, context=self.get_serializer_context())
        step = services.withdraw_sharing if data.pop("withdraw") else services.share_need
        decision = step(acting_user=request.user, need=need, **data)
        return Response(SharingDecisionSerializer(decision).data)

    @extend_schema(request=None, responses={201: CreatedRequestSerializer})
    @action(detail=True, methods=["post"], url_path="create-request")
    def create_request(self, request, pk=None):
        """A draft request of the need's State, pre-filled from the need and linked to it, in one step."""
        need = self.get_object()
        created = services.create_request_from_need(acting_user=request.user, need=need)
        return Response({"id": created.pk, "reference": created.reference}, status=201)


class FollowUpViewSet(PolicyViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
                      viewsets.GenericViewSet):  # fmt: skip
    """Follow-up entries of the needs you may see; add one to a need you may change."""

    queryset = queries.follow_ups()
    serializer_class = FollowUpSerializer
    filterset_fields = ["need"]
    ordering = ["-done_on", "-id"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.add_follow_up(acting_user=self.request.user, **data)


class SharingDecisionViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The log of sharing decisions: UNODC and the State's own focal points read it."""

    queryset = queries.sharing_log()
    serializer_class = SharingDecisionSerializer
    filterset_fields = ["need"]
    ordering = ["-created_at", "-id"]


class SelfAssessmentViewSet(
    ETagMixin, PolicyViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """States' self-assessments against an instrument's legislative checklist: the State's focal point starts,
    answers (``/api/self-assessment-answers/``) and submits its own; UNODC validates (it becomes a legislative
    review whose gaps are proposed as needs) or returns it with comments. Partners and donors see none."""

    queryset = queries.self_assessments()
    serializer_class = SelfAssessmentSerializer
    filterset_fields = ["status"]
    ordering = ["-id"]

    def initial(self, request, *args, **kwargs):
        self.policy_action = {"submit": SUBMIT, "decision": VALIDATE}.get(getattr(self, "action", None) or "")
        super().initial(request, *args, **kwargs)

    def perform_create(self, serializer):
        created = services.start_assessment(acting_user=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=created.pk)

    @extend_schema(request=None, responses={200: SelfAssessmentSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The State's focal point submits the answered self-assessment to UNODC."""
        return self.answer(services.submit_assessment(acting_user=request.user, assessment=self.get_object()))

    @extend_schema(request=AssessmentDecisionSerializer, responses={200: SelfAssessmentSerializer})
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """UNODC validates a submitted self-assessment (it becomes a final review) or returns it with comments."""
        assessment = self.get_object()
        data = payload(request, AssessmentDecisionSerializer)
        if data["decision"] == "return":
            done = services.return_assessment(acting_user=request.user, assessment=assessment,
                                              comments=data["comments"])  # fmt: skip
        else:
            done = services.validate_assessment(acting_user=request.user, assessment=assessment,
                                                comments=data["comments"])  # fmt: skip
        return self.answer(done)


class AssessmentAnswerViewSet(
    ETagMixin, PolicyViewSetMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, mixins.ListModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """The answers of the self-assessments you may see; ``PUT``/``PATCH`` (with ``If-Match``) answers one item."""

    queryset = queries.assessment_answers()
    serializer_class = AssessmentAnswerSerializer
    filterset_fields = ["assessment", "status"]
    ordering = ["assessment", "position"]

    def perform_update(self, serializer):
        answer = serializer.instance
        data = serializer.validated_data
        provisions = data.get("provisions")
        updated = services.answer_item(
            acting_user=self.request.user, answer=answer, status=data.get("status", answer.status),
            provisions=list(answer.provisions.all()) if provisions is None else provisions,
            comment=data.get("comment", answer.comment), expected_version=self.expected_version,
        )  # fmt: skip
        serializer.instance = self.get_queryset().get(pk=updated.pk)
