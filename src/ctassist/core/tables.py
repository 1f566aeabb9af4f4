from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.core import readable
from ctassist.core.audit import shown_value
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.policy import ALL, VIEW, policy_for

_VALUE_LENGTH = 160
_MAX_LINES = 40


def _shown(model: Any, name: str, value: Any) -> str:
    """A logged value as a person reads it: choice labels, names and yes/no, long text cut, bulky fields by size."""
    if isinstance(value, dict) and set(value) == {"size", "digest"}:
        return shown_value(value, _VALUE_LENGTH)
    return shown_value(readable.value_label(model, name, value), _VALUE_LENGTH)


def change_lines(entry: ChangeLogEntry) -> list[str]:
    """``field: before → after`` for every field the entry changed (created: the values set; deleted: the last
    ones), with the fields' names and the values' labels as a person reads them."""
    before, after = entry.before or {}, entry.after or {}
    model = readable.model_of(entry)
    lines = []
    for name in entry.changed_fields():
        if name in ("version",):
            continue
        label = readable.field_label(model, name)
        if entry.action == "create":
            lines.append(f"{label}: {_shown(model, name, after.get(name))}")
        elif entry.action == "delete":
            lines.append(f"{label}: {_shown(model, name, before.get(name))}")
        else:
            lines.append(f"{label}: {_shown(model, name, before.get(name))} → {_shown(model, name, after.get(name))}")
    if len(lines) > _MAX_LINES:
        lines = [*lines[:_MAX_LINES], gettext("… and %(count)s more fields") % {"count": len(lines) - _MAX_LINES}]
    return lines


def _visible_values(user: Any, model: Any, content_type_id: int, ids: list[str]) -> dict[tuple[int, str], bool]:
    """For each logged object id of one model: may ``user`` see its values? (two queries)"""
    manager = getattr(model, "_default_manager", None)
    if user is None or manager is None or not hasattr(manager, "restrict"):
        return {}
    try:
        whole_kind = policy_for(model).scope(user, VIEW) is ALL
        visible = {str(pk) for pk in manager.restrict(user, VIEW).filter(pk__in=ids).values_list("pk", flat=True)}
        existing = {str(pk) for pk in manager.filter(pk__in=ids).values_list("pk", flat=True)}
    except (LookupError, ValueError, TypeError):
        return {}
    return {(content_type_id, i): i in visible or (whole_kind and i not in existing) for i in ids}


class ChangesColumn(tables.Column):
    """The values before and after, for a reader allowed to see the record itself; the field names otherwise.

    The change log is UNODC's, but a record it names may be one UNODC staff cannot read (a State's
    cooperation case it was not shared, say): its values are shown only where the record's own policy
    lets the reader view it (``restrict``), or, for a deleted record, where the reader may view every
    record of the kind. One query per kind of record on the page (or in the export).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(verbose_name=_("Changes"), accessor="changed_fields", orderable=False, **kwargs)

    @staticmethod
    def _visible(table: Any, entry: ChangeLogEntry) -> bool:
        cache: dict[tuple[int, str], bool] = table.__dict__.setdefault("_values_visible", {})
        key = (entry.content_type_id, entry.object_id)
        if key not in cache:
            page = getattr(table, "page", None)
            rows = [getattr(r, "record", r) for r in (page.object_list if page is not None else table.data)]
            ids = sorted({r.object_id for r in rows if r.content_type_id == entry.content_type_id} | {entry.object_id})
            user = getattr(getattr(table, "request", None), "user", None)
            cache.update(_visible_values(user, entry.content_type.model_class(), entry.content_type_id, ids))
        return cache.get(key, False)

    def _lines(self, record: ChangeLogEntry, table: Any) -> list[str]:
        if self._visible(table, record):
            return change_lines(record)
        fields = readable.value_label(readable.model_of(record), "fields", record.changed_fields())
        return [fields, gettext("(values not shown: you may not view this record)")]

    def render(self, record: ChangeLogEntry, table: Any) -> Any:
        return format_html_join("", "<div>{}</div>", ((line,) for line in self._lines(record, table)))

    def value(self, record: ChangeLogEntry, table: Any) -> str:
        return "\n".join(self._lines(record, table))


class ChangeLogTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")
    content_type = tables.Column(verbose_name=_("Kind"))
    changed = ChangesColumn()

    class Meta:
        model = ChangeLogEntry
        fields = ("timestamp", "user_repr", "action", "content_type", "object_repr", "changed", "request_id")

    def render_content_type(self, record):
        model = readable.model_of(record)
        return str(model._meta.verbose_name) if model is not None else str(record.content_type)

    def value_content_type(self, record):
        return self.render_content_type(record)


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
