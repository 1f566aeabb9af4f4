import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.core.forms import IsoDateInput
from ctassist.core.models import ChangeAction, ChangeLogEntry, DomainEvent


class ChangeLogFilter(django_filters.FilterSet):
    user_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Who"))
    object_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Object"))
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices)
    request_id = django_filters.CharFilter(label=_("Request id"))
    since = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label=_("From"), widget=IsoDateInput()
    )

    class Meta:
        model = ChangeLogEntry
        fields = ["user_repr", "object_repr", "action", "request_id", "since"]


class EventFilter(django_filters.FilterSet):
    type = django_filters.CharFilter(lookup_expr="icontains", label=_("Event type"))
    user_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Who"))
    object_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Object"))

    class Meta:
        model = DomainEvent
        fields = ["type", "user_repr", "object_repr"]
