from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.core.audit import shown_value
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.policy import ALL, VIEW, policy_for

_VALUE_LENGTH = 160
_MAX_LINES = 40


def _shown(value: Any) -> str:
    return shown_value(value, _VALUE_LENGTH)


def change_lines(entry: ChangeLogEntry) -> list[str]:
    """``field: before → after`` for every field the entry changed (created: the values set; deleted: the last ones)."""
    before, after = entry.before or {}, entry.after or {}
    lines = []
    for name in entry.changed_fields():
        if name in ("version",):
            continue
        if entry.action == "create":
            lines.append(f"{name}: {_shown(after.get(name))}")
        elif entry.action == "delete":
            lines.append(f"{name}: {_shown(before.get(name))}")
        else:
            lines.append(f"{name}: {_shown(before.get(name))} → {_shown(after.get(name))}")
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
        return [*record.changed_fields(), gettext("(values not shown: you may not view this record)")]

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


class EventTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")
    label = tables.Column(verbose_name=_("Event"), accessor="label", order_by=("type",))

    class Meta:
        model = DomainEvent
        fields = ("timestamp", "label", "user_repr", "object_repr", "data", "request_id")
