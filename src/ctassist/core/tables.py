import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.core import readable
from ctassist.core.models import ChangeLogEntry, DomainEvent


class ChangeLogTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")
    content_type = tables.Column(verbose_name=_("Kind"))
    changed = tables.Column(verbose_name=_("Fields changed"), accessor="changed_fields", orderable=False)

    class Meta:
        model = ChangeLogEntry
        fields = ("timestamp", "user_repr", "action", "content_type", "object_repr", "changed", "request_id")

    def render_content_type(self, record):
        model = readable.model_of(record)
        return str(model._meta.verbose_name) if model is not None else str(record.content_type)

    def value_content_type(self, record):
        return self.render_content_type(record)

    def render_changed(self, record):
        return readable.value_label(readable.model_of(record), "fields", record.changed_fields())

    def value_changed(self, record):
        return self.render_changed(record)


class EventTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")
    label = tables.Column(verbose_name=_("Event"), accessor="label", order_by=("type",))

    class Meta:
        model = DomainEvent
        fields = ("timestamp", "label", "user_repr", "object_repr", "data", "request_id")

    def render_data(self, record):
        return readable.describe(readable.model_of(record), record.data)

    def value_data(self, record):
        return self.render_data(record)
