"""Charts rendered on the server as SVG (pygal), so pages work offline and print.

In a right-to-left language the category axis runs from right to left (the first year or category
at the right, as an Arabic reader expects), and values are written with the language's separators.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from pygal.style import Style

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1b2733",
    foreground_strong="#1b2733",
    foreground_subtle="#5b6b7a",
    colors=("#1f5fa8", "#c2571a", "#2e7d4f", "#7a3ea1", "#a11f4a", "#4d6b00"),
    font_family="inherit",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
)


def _value(value: float | None) -> str:
    if value is None:
        return ""
    return formats.number_format(value, None if float(value) != int(value) else 0, use_l10n=True, force_grouping=True)


def _reading_order(
    labels: Sequence[str], series: dict[str, Sequence[float]]
) -> tuple[list[str], dict[str, list[float]]]:
    """Labels and values in the page's reading order: reversed for a right-to-left language."""
    if get_language_bidi():
        return list(reversed(labels)), {name: list(reversed(values)) for name, values in series.items()}
    return list(labels), {name: list(values) for name, values in series.items()}


# pygal writes its configuration in an inline <script> (for its own tooltip script, which we do not load):
# the Content Security Policy blocks inline scripts, so it is dropped.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
# Each bar or dot: its shape, then its value and label as <desc> elements.
_POINT = re.compile(
    r'(<g class="(?:bar|dots)">)(.*?)<desc class="value">(?P<value>.*?)</desc>(?P<rest>.*?)</g>', re.S
)
_X_LABEL = re.compile(r'<desc class="x_label">(.*?)</desc>', re.S)


def _with_titles(svg: str) -> str:
    """A <title> on every bar and dot ("label: value"): the browser's own tooltip, with no script."""

    def titled(match: re.Match[str]) -> str:
        label = _X_LABEL.search(match.group("rest"))
        text = f"{label.group(1)}: {match.group('value')}" if label else match.group("value")
        # The <desc> texts are already escaped by pygal.
        return (
            f"{match.group(1)}<title>{text}</title>{match.group(2)}"
            f'<desc class="value">{match.group("value")}</desc>{match.group("rest")}</g>'
        )

    return _POINT.sub(titled, svg)


def _render(chart: pygal.graph.graph.Graph) -> SafeString:
    svg = _with_titles(_SCRIPT.sub("", chart.render(is_unicode=True)))
    return mark_safe(svg)  # noqa: S308 - pygal escapes labels and values itself


def line_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float]]) -> SafeString:
    chart = pygal.Line(
        style=_STYLE,
        height=320,
        width=800,
        show_dots=False,
        js=[],
        disable_xml_declaration=True,
        x_label_rotation=0,
        show_minor_x_labels=False,
        fill=False,
        title=title,
        explicit_size=False,
        truncate_label=-1,
        show_legend=len(series) > 1,
        value_formatter=_value,
    )
    ordered_labels, ordered = _reading_order(labels, series)
    chart.x_labels = ordered_labels
    chart.x_labels_major = ordered_labels[:: max(1, len(ordered_labels) // 10)]
    for name, values in ordered.items():
        chart.add(name, values)
    return _render(chart)


def bar_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float]]) -> SafeString:
    chart = pygal.Bar(
        style=_STYLE,
        height=320,
        width=800,
        js=[],
        disable_xml_declaration=True,
        title=title,
        truncate_label=-1,
        show_legend=len(series) > 1,
        value_formatter=_value,
    )
    ordered_labels, ordered = _reading_order(labels, series)
    chart.x_labels = ordered_labels
    for name, values in ordered.items():
        chart.add(name, values)
    return _render(chart)
