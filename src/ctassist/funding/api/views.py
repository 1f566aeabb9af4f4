"""Endpoints for donors (read), contributions (record, advance), projects and activity charges.
Every write goes through a service; every read through the policy."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ctassist.core.api import PolicyReadOnlyViewSet, PolicyViewSetMixin
from ctassist.core.policy import VIEW, allows
from ctassist.funding import queries, services
from ctassist.funding.api.serializers import (
    ActivityChargeSerializer,
    AdvanceSerializer,
    ContributionSerializer,
    DonorSerializer,
    ProjectSerializer,
)
from ctassist.funding.filters import ContributionFilter, DonorFilter, ProjectFilter
from ctassist.funding.models import ActivityCharge, Contribution, Donor, Project


def _drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "message_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"detail": exc.messages})


class _CreateReadViewSet(
    PolicyViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    pass


class DonorViewSet(PolicyReadOnlyViewSet):
    """Donors: UNODC sees all; a donor its own profile."""

    queryset = Donor.objects.select_related("organisation", "state")
    serializer_class = DonorSerializer
    filterset_class = DonorFilter
    ordering_fields = ["organisation__name", "id"]
    ordering = ["organisation__name"]


class ContributionViewSet(_CreateReadViewSet):
    """Contributions: UNODC records and advances them; a donor reads its own.
    Pledges are listed but never counted as received (see ``status``)."""

    queryset = Contribution.objects.select_related("donor__organisation", "project", "theme")
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter
    ordering_fields = ["pledged_on", "received_on", "usd_amount", "id"]
    ordering = ["-pledged_on", "-id"]

    def initial(self, request, *args, **kwargs):
        if getattr(self, "action", None) == "advance":
            self.policy_action = "change"
        super().initial(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        donor = data.pop("donor")
        data.pop("is_demo", None)
        try:
            serializer.instance = services.record_contribution(acting_user=self.request.user, donor=donor, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None

    @extend_schema(
        request=AdvanceSerializer,
        responses={200: ContributionSerializer, 400: OpenApiResponse(description="Not a step forward")},
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the contribution forward: pledged → committed → received (dated ``on``, today by default)."""
        obj = self.get_object()
        payload = AdvanceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            obj = services.advance_contribution(
                acting_user=request.user, contribution=obj, to=payload.validated_data["to"],
                on=payload.validated_data.get("on"),
            )  # fmt: skip
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        return Response(self.get_serializer(obj).data)


class ProjectViewSet(_CreateReadViewSet):
    """Projects with the amount charged to activities. UNODC creates them; donors read those they fund;
    a State's focal point those that deliver to its State."""

    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["start_date", "code", "budget_usd", "id"]
    ordering = ["-start_date", "code"]

    def get_queryset(self):
        return queries.project_list_queryset().restrict(self.request.user, VIEW)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        themes, states = data.pop("themes", []), data.pop("states", [])
        try:
            project = services.create_project(acting_user=self.request.user, themes=themes, states=states, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None
        serializer.instance = self.get_queryset().get(pk=project.pk)


class ActivityChargeViewSet(_CreateReadViewSet, mixins.DestroyModelMixin):
    """What each project pays for each activity (USD)."""

    queryset = ActivityCharge.objects.select_related("project")
    serializer_class = ActivityChargeSerializer
    ordering_fields = ["charged_on", "id"]
    ordering = ["-charged_on", "-id"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("is_demo", None)
        if not allows(self.request.user, VIEW, data["activity"]):
            raise PermissionDenied("You may not see this activity.")
        try:
            serializer.instance = services.charge_activity(acting_user=self.request.user, **data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from None

    def perform_destroy(self, instance):
        services.remove_charge(acting_user=self.request.user, charge=instance)
