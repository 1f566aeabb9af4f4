import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.library.choices import (
    Language,
    LegislationKind,
    LegislationStatus,
    Outcome,
    PublicationKind,
    ReviewStatus,
)
from ctassist.library.models import CaseLaw, Legislation, LegislativeReview, Publication


class _ByTitle(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains", label=_("Title contains"))


class _ByState(django_filters.FilterSet):
    state__iso3 = django_filters.CharFilter(lookup_expr="iexact", label=_("State (ISO code)"))


class LegislationFilter(_ByTitle, _ByState):
    kind = django_filters.ChoiceFilter(choices=LegislationKind.choices)
    language = django_filters.ChoiceFilter(choices=Language.choices)
    status = django_filters.ChoiceFilter(choices=LegislationStatus.choices)

    class Meta:
        model = Legislation
        fields = ["title", "state__iso3", "kind", "language", "status"]


class CaseLawFilter(_ByTitle, _ByState):
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)

    class Meta:
        model = CaseLaw
        fields = ["title", "state__iso3", "outcome"]


class PublicationFilter(_ByTitle):
    kind = django_filters.ChoiceFilter(choices=PublicationKind.choices)

    class Meta:
        model = Publication
        fields = ["title", "kind", "year"]


class ReviewFilter(_ByState):
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = LegislativeReview
        fields = ["state__iso3", "status"]
