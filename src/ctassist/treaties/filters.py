import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.geo.choices import Membership, RegionalGroup
from ctassist.geo.models import State
from ctassist.treaties.choices import Family, InstrumentKind, Status
from ctassist.treaties.models import Instrument, Participation

M49_REGIONS = [(r, r) for r in ("Africa", "Americas", "Asia", "Europe", "Oceania")]


class StateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name contains"))
    regional_group = django_filters.ChoiceFilter(choices=RegionalGroup.choices, label=_("Regional group"))
    m49_region = django_filters.ChoiceFilter(choices=M49_REGIONS, label=_("M49 region"))
    membership = django_filters.ChoiceFilter(choices=Membership.choices, label=_("Membership"))
    ldc = django_filters.BooleanFilter(label=_("Least developed country"))
    sids = django_filters.BooleanFilter(label=_("Small island developing State"))

    class Meta:
        model = State
        fields = ["q", "regional_group", "m49_region", "membership", "ldc", "sids"]


class InstrumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Title contains"))
    kind = django_filters.ChoiceFilter(choices=InstrumentKind.choices, label=_("Kind"))
    family = django_filters.ChoiceFilter(choices=Family.choices, label=_("Family"))

    class Meta:
        model = Instrument
        fields = ["q", "kind", "family"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(short_name__icontains=value) | Q(official_title__icontains=value))


class ParticipationFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO alpha-3)"))
    instrument = django_filters.CharFilter(field_name="instrument__code", label=_("Instrument code"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    regional_group = django_filters.ChoiceFilter(
        field_name="state__regional_group", choices=RegionalGroup.choices, label=_("Regional group")
    )
    is_demo = django_filters.BooleanFilter(label=_("Demonstration data"))
    consent_after = django_filters.DateFilter(
        field_name="consent_date",
        lookup_expr="gte",
        label=_("Consent on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consent_before = django_filters.DateFilter(
        field_name="consent_date",
        lookup_expr="lte",
        label=_("Consent on or before"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Participation
        fields = ["state", "instrument", "status", "regional_group", "is_demo", "consent_after", "consent_before"]


class MatrixFilter(forms.Form):
    regional_group = forms.ChoiceField(
        choices=[("", _("All groups")), *RegionalGroup.choices], required=False, label=_("Regional group")
    )
    m49_region = forms.ChoiceField(
        choices=[("", _("All regions")), *M49_REGIONS], required=False, label=_("M49 region")
    )
    family = forms.ChoiceField(
        choices=[("", _("All families")), *Family.choices], required=False, label=_("Instrument family")
    )
    kind = forms.ChoiceField(
        choices=[("", _("All instruments")), *InstrumentKind.choices], required=False, label=_("Instruments")
    )
    sort = forms.ChoiceField(choices=[], required=False, label=_("Sort by"))

    def __init__(self, *args, **kwargs):
        from ctassist.treaties.queries import SORTS

        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [(key, _(label)) for key, (label, _fn) in SORTS.items()]
