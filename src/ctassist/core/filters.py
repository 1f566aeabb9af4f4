import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.core.forms import IsoDateInput
from ctassist.core.models import ChangeAction, ChangeLogEntry, DomainEvent


class _WhoAndWhat(django_filters.FilterSet):
    """The audit records' own names of who acted and on what."""

    user_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Who"))
    object_repr = django_filters.CharFilter(lookup_expr="icontains", label=_("Object"))


class ChangeLogFilter(_WhoAndWhat):
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices)
    request_id = django_filters.CharFilter(label=_("Request id"))
    since = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label=_("From"), widget=IsoDateInput()
    )

    class Meta:
        model = ChangeLogEntry
        fields = ["user_repr", "object_repr", "action", "request_id", "since"]


class EventFilter(_WhoAndWhat):
    type = django_filters.CharFilter(lookup_expr="icontains", label=_("Event type"))

    class Meta:
        model = DomainEvent
        fields = ["type", "user_repr", "object_repr"]
