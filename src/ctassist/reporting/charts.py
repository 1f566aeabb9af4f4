"""Charts the dashboards need beyond ``core.charts``: full year labels, horizontal stacked bars."""

from __future__ import annotations

from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString

from ctassist.core.charts import _STYLE, _render


def year_line(title: str, labels: Sequence[str], series: dict[str, Sequence[float]]) -> SafeString:
    chart = pygal.Line(
        style=_STYLE,
        height=340,
        width=900,
        show_dots=False,
        js=[],
        disable_xml_declaration=True,
        title=title,
        truncate_label=-1,
        truncate_legend=-1,
        legend_at_bottom=True,
        show_minor_x_labels=False,
        x_label_rotation=0,
    )
    chart.x_labels = list(labels)
    step = max(1, len(labels) // 12)
    chart.x_labels_major = list(labels)[::step]
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)


def grouped_bar(title: str, labels: Sequence[str], series: dict[str, Sequence[float]]) -> SafeString:
    chart = pygal.Bar(
        style=_STYLE,
        height=340,
        width=900,
        js=[],
        disable_xml_declaration=True,
        title=title,
        truncate_label=-1,
        truncate_legend=-1,
        legend_at_bottom=True,
    )
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)


def horizontal_bar(
    title: str, labels: Sequence[str], series: dict[str, Sequence[float]], stacked: bool = False
) -> SafeString:
    cls = pygal.HorizontalStackedBar if stacked else pygal.HorizontalBar
    chart = cls(
        style=_STYLE,
        height=max(340, 24 * len(labels) + 120),
        width=1300,
        legend_at_bottom_columns=max(1, min(6, len(series))),
        js=[],
        disable_xml_declaration=True,
        title=title,
        truncate_label=-1,
        truncate_legend=-1,
        legend_at_bottom=True,
    )
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)
