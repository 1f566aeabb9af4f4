import django_filters

from ctassist.core.api import PolicyReadOnlyViewSet
from ctassist.geo.api.serializers import StateSerializer
from ctassist.geo.choices import Membership, RegionalGroup
from ctassist.geo.models import State


class StateApiFilter(django_filters.FilterSet):
    regional_group = django_filters.ChoiceFilter(choices=RegionalGroup.choices)
    membership = django_filters.ChoiceFilter(choices=Membership.choices)
    m49_region = django_filters.CharFilter(lookup_expr="iexact")
    m49_subregion = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = State
        fields = ["regional_group", "membership", "m49_region", "m49_subregion", "ldc", "lldc", "sids"]


class StateViewSet(PolicyReadOnlyViewSet):
    """Member States and non-member observer States with their codes and groupings."""

    queryset = State.objects.prefetch_related("aliases")
    serializer_class = StateSerializer
    lookup_field = "iso3"
    filterset_class = StateApiFilter
    ordering_fields = ["name", "iso3", "m49", "m49_region", "regional_group"]
    ordering = ["name"]
    search_fields = ["name", "official_name", "aliases__name"]
