import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.training.choices import CourseStatus, DeliveryMode
from ctassist.training.models import Course, Person, Session


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
