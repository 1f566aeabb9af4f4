import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import ChangeLogEntry, DomainEvent


class ChangeLogTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")
    content_type = tables.Column(verbose_name=_("Kind"))
    changed = tables.Column(verbose_name=_("Fields changed"), accessor="changed_fields", orderable=False)

    class Meta:
        model = ChangeLogEntry
        fields = ("timestamp", "user_repr", "action", "content_type", "object_repr", "changed", "request_id")


class EventTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")
    label = tables.Column(verbose_name=_("Event"), accessor="label", order_by=("type",))

    class Meta:
        model = DomainEvent
        fields = ("timestamp", "label", "user_repr", "object_repr", "data", "request_id")
