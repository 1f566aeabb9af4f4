import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctassist.core.forms import IsoDateInput
from ctassist.core.models import DomainEvent
from ctassist.directory.choices import AuthorityType, Channel, EntryStatus, Language
from ctassist.directory.models import DirectoryEntry, codes_q, stale_q
from ctassist.geo.models import State


class DirectoryEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name contains"))
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(), to_field_name="iso3", label=_("State"), empty_label=_("All States")
    )
    authority_type = django_filters.ChoiceFilter(choices=AuthorityType.choices, label=_("Type of authority"))
    language = django_filters.ChoiceFilter(
        choices=Language.choices, method="has_language", label=_("Language accepted")
    )
    channel = django_filters.ChoiceFilter(choices=Channel.choices, method="has_channel", label=_("Channel accepted"))
    status = django_filters.ChoiceFilter(choices=EntryStatus.choices, label=_("Status"))
    stale = django_filters.BooleanFilter(method="is_stale", label=_("Not verified for over 12 months"))
    is_demo = django_filters.BooleanFilter(label=_("Demonstration data"))

    class Meta:
        model = DirectoryEntry
        fields = ["q", "state", "authority_type", "language", "channel", "status", "stale", "is_demo"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(name_local__icontains=value))

    def has_language(self, queryset, name, value):
        return queryset.filter(codes_q("languages_accepted", value))

    def has_channel(self, queryset, name, value):
        return queryset.filter(codes_q("channels_accepted", value))

    def is_stale(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(stale_q()) if value else queryset.exclude(stale_q())


class AccessLogFilter(django_filters.FilterSet):
    user_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Who"))
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        method="for_state",
        label=_("State"),
        empty_label=_("All States"),
    )
    since = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label=_("From"), widget=IsoDateInput()
    )
    until = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__lte", label=_("To"), widget=IsoDateInput()
    )

    class Meta:
        model = DomainEvent
        fields = ["user_repr", "state", "since", "until"]

    def for_state(self, queryset, name, value):
        # data["states"] is a list of ISO alpha-3 codes; the quoted code cannot match anything else in it.
        return queryset.filter(data__icontains=f'"{value.iso3}"') if value else queryset
