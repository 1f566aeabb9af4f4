"""Endpoints for donors (read), contributions (record, correct, advance), projects and activity charges.
Every write goes through a service; every read through the policy; ``core.api.exception_handler``
turns the services' refusals into answers. Contributions and projects are versioned: ``GET`` of one
answers an ``ETag``, ``PUT``/``PATCH`` need it in ``If-Match`` (428 without, 412 when stale)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from ctassist.core.api import IF_MATCH_OPTIONAL, ETagMixin, PolicyViewSetMixin, payload
from ctassist.core.policy import VIEW, allows
from ctassist.funding import queries, services
from ctassist.funding.api.serializers import (
    ActivityChargeSerializer,
    AdvanceSerializer,
    CancelSerializer,
    ContributionSerializer,
    DonorSerializer,
    ProjectSerializer,
    ReceiptSerializer,
)
from ctassist.funding.filters import ContributionFilter, DonorFilter, ProjectFilter
from ctassist.funding.models import ActivityCharge, Contribution, Donor, Project


class _CreateReadViewSet(
    PolicyViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    pass


class _EditableViewSet(ETagMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, _CreateReadViewSet):
    """Create, read, (with ``If-Match``) correct and delete a versioned record. A deletion that
    money or activities depend on is refused with 409 naming what depends on it."""


class DonorViewSet(mixins.UpdateModelMixin, mixins.DestroyModelMixin, _CreateReadViewSet):
    """Donors: UNODC records, corrects and deletes them (not while contributions name them); a donor
    reads its own profile."""

    queryset = Donor.objects.select_related("organisation", "state")
    serializer_class = DonorSerializer
    filterset_class = DonorFilter
    ordering_fields = ["organisation__name", "id"]
    ordering = ["organisation__name"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.create_donor(
            acting_user=self.request.user, organisation=data["organisation"], type=data.get("type", "member_state"),
            state=data.get("state"),
        )  # fmt: skip

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("is_demo", None)
        if "organisation" in data and data.pop("organisation") != serializer.instance.organisation:
            raise serializers.ValidationError({"organisation": _("The organisation of a donor cannot be changed.")})
        serializer.instance = services.update_donor(acting_user=self.request.user, donor=serializer.instance, **data)

    def perform_destroy(self, instance):
        services.delete_donor(acting_user=self.request.user, donor=instance)


class ContributionViewSet(_EditableViewSet):
    """Contributions: UNODC records and advances them; a donor reads its own.
    Pledges are listed but never counted as received (see ``status``)."""

    queryset = Contribution.objects.select_related("donor__organisation", "project", "theme").prefetch_related("steps")
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter
    ordering_fields = ["pledged_on", "received_on", "usd_amount", "id"]
    ordering = ["-pledged_on", "-id"]

    def initial(self, request, *args, **kwargs):
        if getattr(self, "action", None) in ("advance", "receipts", "cancel"):
            self.policy_action = "change"
        super().initial(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        donor = data.pop("donor")
        data.pop("is_demo", None)
        serializer.instance = services.record_contribution(acting_user=self.request.user, donor=donor, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        current = serializer.instance
        data.pop("is_demo", None)
        if "donor" in data and data.pop("donor") != current.donor:
            raise serializers.ValidationError({"donor": _("The donor of a contribution cannot be changed.")})
        for name in ("status", "committed_on", "received_on"):
            if name in data and data.pop(name) != getattr(current, name):
                raise serializers.ValidationError({name: _("Change the status with POST …/advance/.")})
        updated = services.update_contribution(
            acting_user=self.request.user, contribution=current, expected_version=self.expected_version, **data
        )
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    @extend_schema(
        request=AdvanceSerializer,
        responses={
            200: ContributionSerializer,
            400: OpenApiResponse(description="Not a step forward"),
            412: OpenApiResponse(description="If-Match given and the contribution changed since"),
        },
        parameters=[IF_MATCH_OPTIONAL],
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the contribution forward: pledged → committed → received (dated ``on``, today by default)."""
        obj = self.get_object()
        data = payload(request, AdvanceSerializer)
        obj = services.advance_contribution(
            acting_user=request.user, contribution=obj, to=data["to"],
            on=data.get("on"), expected_version=self.optional_expected_version(),
        )  # fmt: skip
        return self.answer(obj)

    @extend_schema(
        request=ReceiptSerializer,
        responses={
            200: ContributionSerializer,
            400: OpenApiResponse(description="More than remains outstanding, no rate, or not a financial contribution"),
            412: OpenApiResponse(description="If-Match given and the contribution changed since"),
        },
        parameters=[IF_MATCH_OPTIONAL],
    )
    @action(detail=True, methods=["post"])
    def receipts(self, request, pk=None):
        """Record one instalment received (in the contribution's currency, at the rate of its day)."""
        obj = self.get_object()
        data = payload(request, ReceiptSerializer)
        services.record_receipt(
            acting_user=request.user, contribution=obj, amount=data["amount"], on=data.get("on"),
            usd_rate=data.get("usd_rate"), expected_version=self.optional_expected_version(),
        )  # fmt: skip
        return self.answer(obj)

    @extend_schema(
        request=CancelSerializer,
        responses={
            200: ContributionSerializer,
            400: OpenApiResponse(description="No reason, or already received or cancelled"),
            412: OpenApiResponse(description="If-Match given and the contribution changed since"),
        },
        parameters=[IF_MATCH_OPTIONAL],
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a pledge or commitment, with the reason; the record and its history stay."""
        obj = self.get_object()
        data = payload(request, CancelSerializer)
        services.cancel_contribution(
            acting_user=request.user, contribution=obj, reason=data["reason"],
            on=data.get("on"), expected_version=self.optional_expected_version(),
        )  # fmt: skip
        return self.answer(obj)

    def perform_destroy(self, instance):
        services.delete_contribution(acting_user=self.request.user, contribution=instance)


class ProjectViewSet(_EditableViewSet):
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
        project = services.create_project(acting_user=self.request.user, themes=themes, states=states, **data)
        serializer.instance = self.get_queryset().get(pk=project.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("is_demo", None)
        themes, states = data.pop("themes", None), data.pop("states", None)
        updated = services.update_project(
            acting_user=self.request.user, project=serializer.instance, expected_version=self.expected_version,
            themes=themes, states=states, **data,
        )  # fmt: skip
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    def perform_destroy(self, instance):
        services.delete_project(acting_user=self.request.user, project=instance)


class ActivityChargeViewSet(_CreateReadViewSet, mixins.UpdateModelMixin, mixins.DestroyModelMixin):
    """What each project pays for each activity (USD). PATCH corrects the amount or the date."""

    queryset = ActivityCharge.objects.select_related("project")
    serializer_class = ActivityChargeSerializer
    ordering_fields = ["charged_on", "id"]
    ordering = ["-charged_on", "-id"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("is_demo", None)
        if not allows(self.request.user, VIEW, data["activity"]):
            raise PermissionDenied("You may not see this activity.")
        serializer.instance = services.charge_activity(acting_user=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        current = serializer.instance
        for name in ("project", "activity"):
            if name in data and data.pop(name) != getattr(current, name):
                raise serializers.ValidationError(
                    {name: _("Remove the charge and charge the activity again to move it.")}
                )
        serializer.instance = services.update_charge(
            acting_user=self.request.user, charge=current, amount_usd=data.get("amount_usd"),
            charged_on=data.get("charged_on"),
        )  # fmt: skip

    def perform_destroy(self, instance):
        services.remove_charge(acting_user=self.request.user, charge=instance)
