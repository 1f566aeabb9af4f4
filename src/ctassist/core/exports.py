"""Tabular exports in the formats the field uses (CSV, XLSX), one way for every page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import tablib
from django.http import HttpResponse

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


def _clean(value: Any) -> Any:
    # Spreadsheet programs execute cells that start with these characters.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def table_response(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, filename: str, title: str = "Data"
) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {fmt!r}.")
    dataset = tablib.Dataset(headers=[str(h) for h in headers], title=title[:31])
    width = len(headers)
    for row in rows:
        cells = [_clean(v) for v in row][:width]
        dataset.append(cells + [""] * (width - len(cells)))
    body = dataset.export(fmt)
    if isinstance(body, str):
        body = "\ufeff" + body  # a BOM so spreadsheet programs read UTF-8 names right
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
