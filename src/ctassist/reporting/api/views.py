"""Endpoints: Secretary-General's reports (create enqueues the build; poll status and progress) and
country profiles as JSON."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from ctassist.core.api import ETagMixin, PolicyReadOnlyViewSet, PolicyViewSetMixin
from ctassist.core.policy import VIEW
from ctassist.geo.models import State
from ctassist.reporting import queries, services
from ctassist.reporting.api.serializers import (
    CountryProfileSerializer,
    NarrativeSerializer,
    NarrativeVersionSerializer,
    PrimarySectionSerializer,
    ReportContentSerializer,
    ReportSerializer,
)
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection, Report


class ReportViewSet(
    PolicyViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Reports: ``POST`` queues a build and answers at once; ``GET`` one to follow status and progress
    (its ``content`` appears once drafted)."""

    queryset = Report.objects.select_related("resolution").order_by("-created_at", "-id")

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.action == "retrieve" else queryset.defer("content")

    def get_serializer_class(self):
        return ReportContentSerializer if self.action == "retrieve" else ReportSerializer

    def perform_create(self, serializer):
        serializer.instance = services.request_report(
            acting_user=self.request.user,
            resolution=serializer.validated_data["resolution"],
            period_start=serializer.validated_data["period_start"],
            period_end=serializer.validated_data["period_end"],
        )


class CountryProfileViewSet(viewsets.ViewSet):
    """A State's profile; each part is filtered by the policy of the area it comes from."""

    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"
    permission_classes: list = []

    @extend_schema(responses=CountryProfileSerializer)
    def retrieve(self, request, iso3: str):
        from django.shortcuts import get_object_or_404

        state = get_object_or_404(State.objects.restrict(request.user, VIEW), iso3=iso3.upper())
        profile = queries.country_profile(request.user, state)
        return Response(CountryProfileSerializer(profile).data)


class NarrativeViewSet(ETagMixin, PolicyReadOnlyViewSet):
    """Report narratives and where each stands in clearance (UNODC only); edited on the pages."""

    serializer_class = NarrativeSerializer

    def get_queryset(self):
        return (
            Narrative.objects.restrict(self.request.user, VIEW)
            .select_related("submitted_by", "cleared_by")
            .order_by("-updated_at", "-id")
        )


class NarrativeVersionViewSet(PolicyReadOnlyViewSet):
    """Every saved version of the narratives, with the text of each part (UNODC only)."""

    serializer_class = NarrativeVersionSerializer

    def get_queryset(self):
        return (
            NarrativeVersion.objects.restrict(self.request.user, VIEW)
            .select_related("author")
            .order_by("narrative_id", "-number")
        )


class PrimarySectionViewSet(PolicyReadOnlyViewSet):
    """The sections officers chose for activities (UNODC only)."""

    serializer_class = PrimarySectionSerializer

    def get_queryset(self):
        return PrimarySection.objects.restrict(self.request.user, VIEW).order_by("activity_id")
