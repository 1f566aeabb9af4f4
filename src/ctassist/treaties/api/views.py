from ctassist.core.api import PolicyReadOnlyViewSet
from ctassist.treaties import queries
from ctassist.treaties.api.serializers import InstrumentSerializer, ParticipationSerializer
from ctassist.treaties.filters import InstrumentFilter, ParticipationFilter
from ctassist.treaties.models import Instrument, Participation


class InstrumentViewSet(PolicyReadOnlyViewSet):
    """The universal instruments against terrorism and the related organized-crime instruments."""

    queryset = Instrument.objects.select_related("amends")
    serializer_class = InstrumentSerializer
    lookup_field = "code"
    filterset_class = InstrumentFilter
    ordering_fields = ["position", "concluded_date", "entry_into_force", "short_name"]
    ordering = ["position"]
    search_fields = ["short_name", "official_title"]

    def get_serializer_context(self):
        user = getattr(self.request, "user", None) if self.request else None
        provenances = queries.provenances(user, Instrument.objects.restrict(user))
        return {**super().get_serializer_context(), "provenances": provenances}


class ParticipationViewSet(PolicyReadOnlyViewSet):
    """Each State's standing with each instrument, with the actions it is derived from.

    ``is_demo`` marks generated demonstration rows: they are not the real status.
    """

    queryset = Participation.objects.select_related("state", "instrument").prefetch_related("actions")
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    ordering_fields = ["state__name", "instrument__position", "consent_date", "signature_date", "status"]
    ordering = ["state__name", "instrument__position"]
