import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.models import Theme
from ctassist.funding.choices import ContributionKind, ContributionStatus, DonorType, Earmarking
from ctassist.funding.models import Contribution, Donor, Project


class DonorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="organisation__name", lookup_expr="icontains", label=_("Name contains"))
    type = django_filters.ChoiceFilter(choices=DonorType.choices, label=_("Type"))

    class Meta:
        model = Donor
        fields = ["q", "type"]


class ContributionFilter(django_filters.FilterSet):
    donor = django_filters.ModelChoiceFilter(queryset=Donor.objects.select_related("organisation"), label=_("Donor"))
    status = django_filters.MultipleChoiceFilter(
        choices=ContributionStatus.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.ChoiceFilter(choices=ContributionKind.choices, label=_("Kind"))
    year = django_filters.NumberFilter(
        method="filter_year", label=_("Year (pledged or received)"), min_value=1945, max_value=2100, decimal_places=0
    )
    earmarking = django_filters.ChoiceFilter(choices=Earmarking.choices, label=_("Earmarking"))
    project = django_filters.CharFilter(field_name="project__code", lookup_expr="iexact", label=_("Project code"))
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), to_field_name="code", label=_("Theme"))

    class Meta:
        model = Contribution
        fields = ["donor", "status", "kind", "year", "earmarking", "project", "theme"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            # Only the donors the user may see are offered.
            self.filters["donor"].queryset = Donor.objects.restrict(request.user).select_related("organisation")

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(Q(pledged_on__year=year) | Q(received_on__year=year))


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Code or title contains"))
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="code", label=_("Theme")
    )
    state = django_filters.CharFilter(field_name="states__iso3", lookup_expr="iexact", label=_("State (ISO alpha-3)"))
    active_in = django_filters.NumberFilter(
        method="filter_year", label=_("Running in year"), min_value=1945, max_value=2100, decimal_places=0
    )

    class Meta:
        model = Project
        fields = ["q", "theme", "state", "active_in"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_date__year__lte=int(value), end_date__year__gte=int(value))
