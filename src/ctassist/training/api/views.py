"""Endpoints of the training area. Every read goes through the policy; every write through a service."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from ctassist.core.api import ETagMixin
from ctassist.core.policy import VIEW, allows
from ctassist.geo.models import State
from ctassist.training import services
from ctassist.training.api.serializers import (
    AttendanceSerializer,
    CertificateSerializer,
    CourseModuleSerializer,
    CourseSerializer,
    DecisionSerializer,
    NominateSerializer,
    NominationSerializer,
    PersonSerializer,
    SeatAllocationSerializer,
    SessionSerializer,
)
from ctassist.training.models import (
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Nomination,
    Person,
    SeatAllocation,
    Session,
)
from ctassist.training.policies import DECIDE


class _Restricted:
    """Rows come from ``restrict(user, VIEW)``; ``related`` are loaded with them."""

    model: Any
    request: Any
    related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.model.objects.restrict(self.request.user, VIEW)
        return queryset.select_related(*self.related) if self.related else queryset


class _ReadOnly(_Restricted, viewsets.ReadOnlyModelViewSet):
    pass


class CourseViewSet(ETagMixin, _ReadOnly):
    """The course catalogue: published courses for everyone, drafts for UNODC."""

    model = Course
    serializer_class = CourseSerializer
    ordering = ["title"]


class CourseModuleViewSet(_ReadOnly):
    model = CourseModule
    serializer_class = CourseModuleSerializer


class SessionViewSet(ETagMixin, _ReadOnly):
    """Training sessions: seen by whoever sees their activity."""

    model = Session
    related = ("activity",)
    serializer_class = SessionSerializer


class SeatAllocationViewSet(_ReadOnly):
    model = SeatAllocation
    related = ("state",)
    serializer_class = SeatAllocationSerializer


class PersonViewSet(_ReadOnly):
    """Trained people: UNODC, and the focal points of the person's own State."""

    model = Person
    related = ("state",)
    serializer_class = PersonSerializer


class NominationViewSet(
    ETagMixin, _Restricted, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Nominations: a focal point nominates its State's officials (POST); UNODC decides (``decide``)."""

    model = Nomination
    related = ("state",)
    serializer_class = NominationSerializer

    def initial(self, request, *args, **kwargs):
        if getattr(self, "action", None) == "decide":
            self.policy_action = DECIDE
        super().initial(request, *args, **kwargs)

    def get_serializer_class(self):
        return NominateSerializer if self.action == "create" else NominationSerializer

    @extend_schema(request=NominateSerializer, responses={201: NominationSerializer})
    def create(self, request, *args, **kwargs):
        payload = NominateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        session = Session.objects.restrict(request.user, VIEW).filter(pk=data.pop("session")).first()
        if session is None:
            raise NotFound
        iso3 = data.pop("state", None)
        state = State.objects.restrict(request.user, VIEW).filter(iso3=str(iso3).upper()).first() if iso3 else None
        if iso3 and state is None:
            raise NotFound("Unknown State.")
        nomination = services.nominate(acting_user=request.user, session=session, state=state, **data)
        return Response(NominationSerializer(nomination).data, status=201)

    @extend_schema(request=DecisionSerializer, responses={200: NominationSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Accept (enrolled, or the waiting list when the State's seats are taken) or decline."""
        nomination = self.get_object()
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not allows(request.user, DECIDE, nomination):
            raise PermissionDenied
        result = services.decide(acting_user=request.user, nomination=nomination,
                                 expected_version=self.optional_expected_version(), **payload.validated_data)  # fmt: skip
        return self.with_etag(Response(NominationSerializer(result).data), result)


class AttendanceViewSet(_ReadOnly):
    model = Attendance
    serializer_class = AttendanceSerializer


class CertificateViewSet(_ReadOnly):
    model = Certificate
    serializer_class = CertificateSerializer
