"""The body of every table, written in one pass: ``{% load ctassist_tables %}{% table_body table %}``.

django-tables2's own template walks each cell in template code (a loop step, three lookups for the
cell's attributes, a test of the column's ``localize``, the value): on a page of 25 or 50 rows of ten
columns that is most of the time a table takes. This writes the same markup, row by row and cell
by cell, from the same pieces (``row.items()``; the column's ``td`` attributes, worked out once per
column unless a function of the record or value sets them; the row's attributes; the table's empty
text), with the same escaping and localisation as ``{{ cell }}``, ``{{ cell|localize }}`` and
``{{ cell|unlocalize }}``.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django import template
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize, unlocalize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _cell(column: Any, cell: Any, context: template.Context) -> str:
    if column.localize is None:
        return render_value_in_context(cell, context)
    return render_value_in_context(localize(cell) if column.localize else unlocalize(cell), context)


def _computed(value: Any) -> bool:
    """Whether attributes hold a function (django-tables2 calls it for each cell, with the record and value)."""
    if isinstance(value, dict):
        return any(_computed(v) for v in value.values())
    return callable(value)


def _fixed_cells(table: Any) -> set[str]:
    """The columns whose cells' attributes are the same on every row: worked out once, not once per cell."""
    if type(table).get_column_class_names is not tables.Table.get_column_class_names:
        return set()  # the table adds classes of its own: ask it for each cell
    fixed = set()
    for column in table.columns:
        attrs = {**table.attrs, **column.column.attrs}  # as django-tables2's BoundColumn.attrs merges them
        if not _computed(attrs.get("td", attrs.get("cell", {}))):
            fixed.add(column.name)
    return fixed


@register.simple_tag(takes_context=True)
def table_body(context: template.Context, table: Any) -> SafeString:
    """``<tbody>`` with the rows of the table's page (all its rows when it is not paginated)."""
    parts: list[str] = [format_html("<tbody {}>", table.attrs["tbody"].as_html())]
    fixed, opening = _fixed_cells(table), dict[str, str]()
    rows = 0
    for row in table.paginated_rows:
        rows += 1
        parts.append(format_html("<tr {}>", row.attrs.as_html()))
        for column, cell in row.items():  # items() sets the column's current record and value, which attrs read
            td = opening.get(column.name)
            if td is None:
                td = format_html("<td {}>", column.attrs["td"].as_html())
                if column.name in fixed:
                    opening[column.name] = td
            parts.append(td)
            parts.append(_cell(column, cell, context))
            parts.append("</td>")
        parts.append("</tr>")
    if not rows and table.empty_text:
        parts.append(format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), table.empty_text))
    parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped or built by format_html
