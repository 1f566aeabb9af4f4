"""Endpoints of the training area. Every read goes through the policy; every write through a service."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from ctassist.assistance.models import Activity
from ctassist.core.api import ETagMixin, payload
from ctassist.core.policy import CHANGE, VIEW, allows
from ctassist.geo.models import State
from ctassist.training import queries, services
from ctassist.training.api.serializers import (
    AttendanceSerializer,
    AttendanceWriteSerializer,
    CertificateSerializer,
    CourseModuleSerializer,
    CourseSerializer,
    DecisionSerializer,
    NominateSerializer,
    NominationSerializer,
    OpenSessionSerializer,
    PersonSerializer,
    ResultsSerializer,
    SeatAllocationSerializer,
    SessionSerializer,
    SessionTrainerSerializer,
    SessionWriteSerializer,
    TrainerSerializer,
)
from ctassist.training.filters import TrainerFilter
from ctassist.training.models import (
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Nomination,
    Person,
    SeatAllocation,
    Session,
    SessionTrainer,
    Trainer,
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


class CourseViewSet(
    ETagMixin, _Restricted, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    mixins.ListModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """The course catalogue: published courses for everyone, drafts for UNODC. UNODC creates courses (POST) and
    edits them (PUT/PATCH with ``If-Match``)."""

    model = Course
    serializer_class = CourseSerializer
    ordering = ["title"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        m2m = {k: data.pop(k) for k in ("themes", "instruments") if k in data}
        serializer.instance = services.save_course(acting_user=self.request.user, **m2m, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        m2m = {k: data.pop(k) for k in ("themes", "instruments") if k in data}
        serializer.instance = services.save_course(acting_user=self.request.user, course=serializer.instance,
                                                   expected_version=self.expected_version, **m2m, **data)  # fmt: skip


class CourseModuleViewSet(_ReadOnly):
    model = CourseModule
    serializer_class = CourseModuleSerializer


class SessionViewSet(
    ETagMixin, _Restricted, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    mixins.ListModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """Training sessions: seen by whoever sees their activity. UNODC opens one on a training activity (POST),
    edits it (PUT/PATCH with ``If-Match``), records the attendance (``attendance``) and assigns trainers
    (``/api/session-trainers/``)."""

    model = Session
    related = ("activity",)
    serializer_class = SessionSerializer

    def initial(self, request, *args, **kwargs):
        if getattr(self, "action", None) == "attendance":
            self.policy_action = CHANGE
        super().initial(request, *args, **kwargs)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return SessionWriteSerializer
        return SessionSerializer

    @extend_schema(request=OpenSessionSerializer, responses={201: SessionSerializer})
    def create(self, request, *args, **kwargs):
        data = payload(request, OpenSessionSerializer)
        user = request.user
        course = Course.objects.restrict(user, VIEW).filter(pk=data.pop("course")).first()
        activity = Activity.objects.restrict(user, VIEW).filter(pk=data.pop("activity")).first()
        if course is None or activity is None:
            raise NotFound
        codes = {str(code).upper(): count for code, count in (data.pop("seats", None) or {}).items()}
        states = {s.iso3: s for s in State.objects.restrict(user, VIEW).filter(iso3__in=codes)}
        unknown = sorted(set(codes) - set(states))
        if unknown:
            raise DRFValidationError({"seats": [f"Unknown State: {', '.join(unknown)}"]})
        session = services.open_session(acting_user=user, course=course, activity=activity,
                                        seats={states[c]: n for c, n in codes.items()}, **data)  # fmt: skip
        return Response(SessionSerializer(session).data, status=201)

    def perform_update(self, serializer):
        serializer.instance = services.update_session(acting_user=self.request.user, session=serializer.instance,
                                                      expected_version=self.expected_version,
                                                      **serializer.validated_data)  # fmt: skip

    @extend_schema(request=AttendanceWriteSerializer, responses={200: AttendanceSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record the days each enrolled participant was present (every other day of the session: absent)."""
        session = self.get_object()
        data = payload(request, AttendanceWriteSerializer)
        try:
            present = {int(k): v for k, v in data["present"].items()}
        except ValueError as exc:
            raise DRFValidationError({"present": ["Keys are nomination ids."]}) from exc
        services.record_attendance(acting_user=request.user, session=session, present=present)
        rows = Attendance.objects.restrict(request.user).filter(nomination__session=session)
        return Response(AttendanceSerializer(rows, many=True).data)


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
        elif getattr(self, "action", None) == "results":
            self.policy_action = VIEW  # the service checks that the caller may change the session
        super().initial(request, *args, **kwargs)

    def get_serializer_class(self):
        return NominateSerializer if self.action == "create" else NominationSerializer

    @extend_schema(request=NominateSerializer, responses={201: NominationSerializer})
    def create(self, request, *args, **kwargs):
        data = payload(request, NominateSerializer)
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
        data = payload(request, DecisionSerializer)
        if not allows(request.user, DECIDE, nomination):
            raise PermissionDenied
        result = services.decide(acting_user=request.user, nomination=nomination,
                                 expected_version=self.optional_expected_version(), **data)  # fmt: skip
        return self.with_etag(Response(NominationSerializer(result).data), result)

    @extend_schema(request=ResultsSerializer, responses={200: NominationSerializer})
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        """UNODC records an enrolled participant's pre- and post-test scores (0-100) and satisfaction (1-5)."""
        nomination = self.get_object()
        data = payload(request, ResultsSerializer)
        current = {"pre_score": nomination.pre_score, "post_score": nomination.post_score,
                   "satisfaction": nomination.satisfaction}  # fmt: skip
        result = services.record_results(acting_user=request.user, nomination=nomination,
                                         **{**current, **data})  # fmt: skip
        return self.with_etag(Response(NominationSerializer(result).data), result)


class AttendanceViewSet(_ReadOnly):
    model = Attendance
    serializer_class = AttendanceSerializer


class CertificateViewSet(_ReadOnly):
    model = Certificate
    serializer_class = CertificateSerializer


class TrainerViewSet(
    ETagMixin, _Restricted, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    mixins.ListModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """The trainers' and experts' roster (every official); contact details only for UNODC and, for its own
    experts, the partner entity. UNODC adds (POST) and edits (PUT/PATCH with ``If-Match``)."""

    model = Trainer
    serializer_class = TrainerSerializer
    filterset_class = TrainerFilter
    ordering = ["full_name"]

    def get_queryset(self):
        listed: Any = queries.trainer_list_queryset()  # a RestrictedQuerySet
        return listed.restrict(self.request.user, VIEW).prefetch_related(
            "themes", "instruments"
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "contact_visible": queries.contact_visible(self.request.user)}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        m2m = {k: data.pop(k) for k in ("themes", "instruments") if k in data}
        created = services.save_trainer(acting_user=self.request.user, **m2m, **data)
        serializer.instance = self.get_queryset().get(pk=created.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        m2m = {k: data.pop(k) for k in ("themes", "instruments") if k in data}
        updated = services.save_trainer(acting_user=self.request.user, trainer=serializer.instance,
                                        expected_version=self.expected_version, **m2m, **data)  # fmt: skip
        serializer.instance = self.get_queryset().get(pk=updated.pk)


class SessionTrainerViewSet(
    _Restricted, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, mixins.ListModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Who delivered which session, in which role, with the participants' rating. UNODC records (POST: a second
    POST for the same trainer and session updates role and rating) and removes them."""

    model = SessionTrainer
    related = ("trainer",)
    serializer_class = SessionTrainerSerializer
    filterset_fields = ["session", "trainer"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        user = self.request.user
        session = Session.objects.restrict(user, VIEW).filter(pk=data.pop("session").pk).first()
        trainer = Trainer.objects.restrict(user, VIEW).filter(pk=data.pop("trainer").pk).first()
        if session is None or trainer is None:
            raise NotFound
        serializer.instance = services.assign_trainer(acting_user=user, session=session, trainer=trainer, **data)

    def perform_destroy(self, instance):
        services.unassign_trainer(acting_user=self.request.user, part=instance)
