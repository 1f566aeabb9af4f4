import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import Language
from ctassist.assistance.models import Theme
from ctassist.training.choices import CourseStatus, DeliveryMode, TrainerKind
from ctassist.training.models import Course, Person, Session, Trainer
from ctassist.treaties.models import Instrument


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title contains"))
    delivery_mode = django_filters.ChoiceFilter(choices=DeliveryMode.choices, label=_("delivery mode"))
    status = django_filters.ChoiceFilter(choices=CourseStatus.choices, label=_("status"))

    class Meta:
        model = Course
        fields = ["q", "delivery_mode", "status"]


class SessionFilter(django_filters.FilterSet):
    course = django_filters.CharFilter(field_name="course__code", lookup_expr="iexact", label=_("Course code"))

    class Meta:
        model = Session
        fields = ["course"]


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="full_name", lookup_expr="icontains", label=_("Name contains"))
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO code)"))

    class Meta:
        model = Person
        fields = ["q", "state"]


class TrainerFilter(django_filters.FilterSet):
    """The search that staffs a session: who teaches this theme or instrument, in this language."""

    q = django_filters.CharFilter(method="search", label=_("Name or expertise contains"))
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="code", label=_("theme")
    )
    instrument = django_filters.ModelChoiceFilter(
        field_name="instruments", queryset=Instrument.objects.all(), to_field_name="code", label=_("instrument")
    )
    language = django_filters.ChoiceFilter(choices=Language.choices, method="speaks", label=_("teaches in"))
    kind = django_filters.ChoiceFilter(choices=TrainerKind.choices, label=_("kind"))
    active = django_filters.BooleanFilter(label=_("on the roster"))

    class Meta:
        model = Trainer
        fields = ["q", "theme", "instrument", "language", "kind", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(expertise__icontains=value))

    def speaks(self, queryset, name, value):
        # A JSON list of codes: matched as text, which every database supports ("fr" within '["en", "fr"]').
        return queryset.filter(languages__icontains=f'"{value}"') if value else queryset
