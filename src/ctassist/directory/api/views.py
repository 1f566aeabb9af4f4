from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from ctassist.core import roles
from ctassist.core.api import ETagMixin, PolicyModelViewSet
from ctassist.directory import queries, services
from ctassist.directory.api.serializers import CoverageSerializer, DirectoryEntrySerializer
from ctassist.directory.filters import DirectoryEntryFilter
from ctassist.directory.models import DirectoryEntry
from ctassist.directory.policies import ARCHIVE, PROPOSE, PUBLISH, VERIFY


class DirectoryEntryViewSet(ETagMixin, PolicyModelViewSet):
    """The restricted directory of competent national authorities.

    Officials only: UNODC staff (everything), State focal points (published
    entries of every State, all entries of their own State), partner or donor
    organisations granted access by UNODC (published entries). Every read
    (list page or single entry) is recorded as a "contact viewed" event. A
    focal point creates drafts of its own State and proposes changes to its
    published entries (``propose``); UNODC publishes.
    """

    # The docstring above is the API's description (the schema); kept as it was. ETagMixin makes PUT/PATCH
    # need the entry's ETag in If-Match (the steps take it optionally); core.api.exception_handler turns
    # the services' errors into answers.

    queryset = queries.entries_with_contacts(DirectoryEntry.objects.all())
    serializer_class = DirectoryEntrySerializer
    filterset_class = DirectoryEntryFilter
    ordering_fields = ["state__name", "authority_type", "name", "last_verified_on", "status"]
    ordering = ["state__name", "authority_type", "name"]
    search_fields = ["name", "name_local"]
    policy_action: str | None = None  # set per custom action; core.drf.PolicyPermission reads it

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        entries = list(page if page is not None else queryset)
        services.record_contact_view(acting_user=request.user, entries=entries, via="api-list")
        data = self.get_serializer(entries, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)  # ETagMixin: with the entry's ETag
        services.record_contact_view(acting_user=request.user, entries=[self._serializer.instance], via="api")
        return response

    def perform_create(self, serializer):
        user = self.request.user
        state = serializer.validated_data.get("state")
        if not roles.is_unodc(user):
            # As the requests API: a focal point writes for its own State, and naming another is refused,
            # never silently turned into an entry of its own State.
            if state is not None and state.pk != roles.state_id_of(user):
                raise exceptions.PermissionDenied(_("A focal point creates entries for its own State only."))
            state = user.state
        if state is None:
            raise exceptions.ValidationError({"state": _("Give the State's ISO alpha-3 code.")})
        serializer.instance = services.create_entry(
            acting_user=user,
            state=state,
            fields=serializer.service_fields(),
            contacts=serializer.service_contacts() or [],
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_entry(
            acting_user=self.request.user,
            entry=serializer.instance,
            fields=serializer.service_fields(),
            contacts=serializer.service_contacts(),
            expected_version=self.expected_version,
        )

    def perform_destroy(self, instance):
        services.delete_entry(
            acting_user=self.request.user, entry=instance, expected_version=self.optional_expected_version()
        )

    def _transition(self, service):
        entry = self.get_object()
        result = service(acting_user=self.request.user, entry=entry, expected_version=self.optional_expected_version())
        return self.answer(result)

    @extend_schema(request=None, responses=DirectoryEntrySerializer)
    @action(detail=True, methods=["post"], policy_action=PUBLISH)
    def publish(self, request, pk=None):
        """UNODC publishes a draft; a proposed revision is applied to the entry it revises."""
        return self._transition(services.publish)

    @extend_schema(request=None, responses=DirectoryEntrySerializer)
    @action(detail=True, methods=["post"], policy_action=ARCHIVE)
    def archive(self, request, pk=None):
        """UNODC withdraws an entry from the directory."""
        return self._transition(services.archive)

    @extend_schema(request=None, responses=DirectoryEntrySerializer)
    @action(detail=True, methods=["post"], policy_action=VERIFY)
    def verify(self, request, pk=None):
        """Record that the entry was checked today (UNODC, or the State's focal point)."""
        return self._transition(services.mark_verified)

    @extend_schema(request=DirectoryEntrySerializer, responses={201: DirectoryEntrySerializer})
    @action(detail=True, methods=["post"], policy_action=PROPOSE)
    def propose(self, request, pk=None):
        """Propose changes to a published entry: returns the draft revision UNODC will publish."""
        entry = self.get_object()
        serializer = self.get_serializer(entry, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        revision = services.propose_revision(
            acting_user=request.user,
            entry=entry,
            fields=serializer.service_fields(),
            contacts=serializer.service_contacts(),
            expected_version=self.optional_expected_version(),
        )
        return self.answer(revision, status.HTTP_201_CREATED)


class CoverageView(APIView):
    """Public: how many published authorities of each type each State has designated. Never names or contacts."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=CoverageSerializer(many=True))
    def get(self, request):
        rows = [
            {
                "state": item["state__iso3"],
                "state_name": item["state__name"],
                "authority_type": item["authority_type"],
                "count": item["count"],
                "is_demo": item["demo"] > 0,
            }
            for item in queries.coverage_counts()
        ]
        return Response(CoverageSerializer(rows, many=True).data)
