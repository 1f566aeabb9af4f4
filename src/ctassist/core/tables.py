from __future__ import annotations

import types
import weakref
from typing import Any

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import conditional_escape, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tables2.columns.base import library
from django_tables2.data import TableQuerysetData

from ctassist.core import readable
from ctassist.core.audit import shown_value
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.policy import ALL, VIEW, policy_for

_VALUE_LENGTH = 160


# -- the arguments a column's render method takes, read once ------------------------------------------
# django-tables2 reads, with ``inspect.signature``, which arguments a ``render``/``value`` method or a
# ``render_<column>`` method wants before every call: once per cell, about a tenth of a page's time. The
# answer depends on the function only, so it is kept per function (a bound method by its function).
_signatures: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_method_signatures: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def install_signature_cache() -> None:
    """Make django-tables2 read each render method's arguments once (called by ``CoreConfig.ready``)."""
    from django_tables2 import utils

    if getattr(utils.signature, "ctassist_cached", False):
        return
    read = utils.signature

    def signature(fn: Any) -> tuple[tuple[str, ...], str | None]:
        if isinstance(fn, types.MethodType) and isinstance(fn.__func__, types.FunctionType):
            cache, key = _method_signatures, fn.__func__
        elif isinstance(fn, types.FunctionType):
            cache, key = _signatures, fn
        else:  # another kind of callable: read it each time, as django-tables2 does
            return read(fn)
        found = cache.get(key)
        if found is None:
            found = cache[key] = read(fn)
        return found

    signature.ctassist_cached = True  # type: ignore[attr-defined]
    utils.signature = signature


# -- a page read by its keys ------------------------------------------------------------------------


class KeyedPageData(TableQuerysetData):
    """A queryset's rows for a table, a page read in two steps: the keys of the page's rows, then those rows.

    The first query selects only the primary key, so the database sorts and skips narrow rows (from an
    index where it has one) instead of whole rows with their joined records and counted subqueries: on
    the needs with no assistance yet, 6,700 of 10,000 needs, SQLite sorted every wide row for a page of
    25. The second reads the 25 rows by key with everything the queryset adds (annotations, related
    records, prefetched themes). One query more per page, whatever the number of rows; the rows come in
    the order of the first, where rows that sort alike are in the order of their keys (newest first). Counting, sorting and the export (every row, no page) are the queryset's own.
    """

    def __getitem__(self, key: Any) -> Any:
        if not isinstance(key, slice):
            return super().__getitem__(key)
        return _KeyedRows(self.data, key)


def _tie_broken(queryset: Any) -> Any:
    """``queryset`` with its rows' keys, newest first, as the last sorting key: rows that sort alike (the many needs
    no request answers, sorted by requests) keep one order, so each is on one page and one only."""
    ordering = list(queryset.query.order_by)
    names = {"pk", queryset.model._meta.pk.name}
    if ordering and all(isinstance(o, str) for o in ordering) and not names & {o.lstrip("-") for o in ordering}:
        return queryset.order_by(*ordering, "-pk")
    return queryset


class _KeyedRows:
    """The rows of one slice of a queryset, read by their keys when first used (as a sliced queryset is)."""

    def __init__(self, queryset: Any, key: slice) -> None:
        self.queryset, self.key = queryset, key
        self._rows: list[Any] | None = None

    def rows(self) -> list[Any]:
        if self._rows is None:
            keys = list(_tie_broken(self.queryset).values_list("pk", flat=True)[self.key])
            found = {row.pk: row for row in self.queryset.order_by().filter(pk__in=keys)} if keys else {}
            self._rows = [found[k] for k in keys if k in found]  # a row removed between the two queries is left out
        return self._rows

    def __iter__(self) -> Any:
        return iter(self.rows())

    def __len__(self) -> int:
        return len(self.rows())

    def __getitem__(self, index: Any) -> Any:
        return self.rows()[index]


# -- dates without a template per cell -------------------------------------------------------------
# django-tables2's date columns are template columns: each cell compiles and renders the template
# ``{{ value|date:"..."|default:default }}``, which on a page of 25 or 50 rows is a good share of the
# time the table takes. These two write the same text straight from the ``date`` filter. Registered
# with django-tables2's column library, they are also what a table's ``Meta.fields`` gives a date field.


template_localtime = vars(timezone)["template_localtime"]  # what the ``date`` filter sees (not in django-stubs)


def _date_cell(value: Any, fmt: str, default: Any) -> str:
    # As the template did: the filter sees an aware date and time in the current time zone, and escaping follows.
    return conditional_escape(date_filter(template_localtime(value), fmt) or default)


@library.register
class DateColumn(tables.DateColumn):
    """A date (``format`` as for Django's ``date`` filter; the short date format by default), the ISO date in
    exports, as ``django_tables2.DateColumn`` writes them."""

    def __init__(self, format: str | None = None, short: bool = True, *args: Any, **kwargs: Any) -> None:
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(self.format, short, *args, **kwargs)

    def render(self, value: Any, bound_column: Any, **kwargs: Any) -> str:
        return _date_cell(value, self.format, bound_column.default)


@library.register  # after DateColumn: a DateTimeField is a DateField too, and the library tries the last first
class DateTimeColumn(tables.DateTimeColumn):
    """A date and time in the current time zone (``format`` as for Django's ``date`` filter), ISO in exports,
    as ``django_tables2.DateTimeColumn`` writes them."""

    def __init__(self, format: str | None = None, short: bool = True, *args: Any, **kwargs: Any) -> None:
        self.format = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
        super().__init__(self.format, short, *args, **kwargs)

    def render(self, value: Any, bound_column: Any, **kwargs: Any) -> str:
        return _date_cell(value, self.format, bound_column.default)
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
    timestamp = DateTimeColumn(format="Y-m-d H:i:s")
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
    timestamp = DateTimeColumn(format="Y-m-d H:i:s")
    label = tables.Column(verbose_name=_("Event"), accessor="label", order_by=("type",))

    class Meta:
        model = DomainEvent
        fields = ("timestamp", "label", "user_repr", "object_repr", "data", "request_id")

    def render_data(self, record):
        return readable.describe(readable.model_of(record), record.data)

    def value_data(self, record):
        return self.render_data(record)
