import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import Priority
from ctassist.assistance.models import Theme
from ctassist.geo.choices import RegionalGroup
from ctassist.needs.choices import AssessmentStatus, NeedSource, NeedStatus
from ctassist.needs.models import Need, SelfAssessment
from ctassist.needs.queries import unanswered
from ctassist.treaties.models import Instrument


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Text contains"))
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO alpha-3)"))
    region = django_filters.ChoiceFilter(
        field_name="state__regional_group", choices=RegionalGroup.choices, label=_("Regional group")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=NeedStatus.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    source = django_filters.ChoiceFilter(choices=NeedSource.choices, label=_("Source"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("Priority"))
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="code", label=_("Theme")
    )
    instrument = django_filters.ModelChoiceFilter(
        field_name="instruments", queryset=Instrument.objects.all(), to_field_name="code", label=_("Instrument")
    )
    answered = django_filters.BooleanFilter(method="filter_answered", label=_("Answered by a request or activity"))

    class Meta:
        model = Need
        fields = ["q", "state", "region", "status", "source", "priority", "theme", "instrument", "answered"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_answered(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(unanswered()) if value else queryset.filter(unanswered())


class AssessmentFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO alpha-3)"))
    instrument = django_filters.ModelChoiceFilter(
        queryset=Instrument.objects.all(), to_field_name="code", label=_("Instrument")
    )
    status = django_filters.ChoiceFilter(choices=AssessmentStatus.choices, label=_("Status"))

    class Meta:
        model = SelfAssessment
        fields = ["state", "instrument", "status"]
