"""Right-to-left pages: isolated runs, mirrored layout, charts in the reading order."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from ctassist.core import charts

CSS = (Path(__file__).resolve().parents[1] / "static" / "core" / "ctassist.css").read_text()


def _x_labels(svg: str) -> list[str]:
    axis = svg[svg.index('class="axis x') :]
    axis = axis[: axis.index('class="axis y')] if 'class="axis y' in axis else axis
    return re.findall(r"<text[^>]*>([^<]+)</text>", axis)


@pytest.mark.parametrize("chart", [charts.bar_chart, charts.line_chart])
def test_charts_run_right_to_left_in_arabic(chart):
    labels, series = ["2020", "2021", "2022"], {"Requests": [1, 2, 1500]}
    with translation.override("en"):
        english = chart("Requests", labels, series)
    with translation.override("ar"):
        arabic = chart("Requests", labels, series)
    first = [label for label in _x_labels(english) if label in labels]
    assert first == labels
    assert [label for label in _x_labels(arabic) if label in labels] == list(reversed(labels))


def test_chart_values_use_the_languages_separators():
    with translation.override("fr"):
        svg = charts.bar_chart("Demandes", ["2024"], {"Demandes": [1500]})
    assert "1\u202f500" in svg


def test_the_stylesheet_has_no_physical_left_right_outside_the_rtl_rules():
    # Logical properties mirror by themselves; a physical one would keep its side in Arabic.
    rules = [line for line in CSS.splitlines() if not line.lstrip().startswith("[dir=rtl]")]
    physical = [
        r for r in rules if re.search(r"(margin|padding|border)-(left|right)|\bfloat:|text-align: (left|right)", r)
    ]
    assert physical == []


def test_the_stylesheet_isolates_mixed_direction_runs():
    assert "bdi, .isolate { unicode-bidi: isolate; }" in CSS
    assert re.search(r"\[dir=rtl\] :is\([^)]*\.breadcrumbs a[^{]*\{ unicode-bidi: plaintext; \}", CSS)
    assert "[dir=rtl] :is(code, kbd, samp, pre, .ref) { direction: ltr; unicode-bidi: isolate; }" in CSS
    assert "unicode-bidi: plaintext" in CSS
    assert "[dir=rtl] .mirror-rtl { transform: scaleX(-1); }" in CSS and ".mirror-rtl { display: inline-block; }" in CSS


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left_and_isolate_the_user_name(client, actors):
    client.force_login(actors.focal_point)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert re.search(r'class="user-link"><bdi>[^<]+</bdi>', page)


def test_arrows_in_these_apps_templates_turn_round_in_arabic():
    """Browsers do not mirror ‹ and › by themselves (checked in Chromium): each sits in a mirror-rtl span."""
    package = Path(__file__).resolve().parents[2]
    bare = []
    for app in ("core", "accounts", "assistance", "directory", "geo"):
        for template in (package / app).glob("templates/**/*.html"):
            text = re.sub(r'<span class="mirror-rtl" aria-hidden="true">[‹›]</span>', "", template.read_text())
            if re.search("[‹›←→]", text):
                bare.append(str(template.relative_to(package)))
    assert bare == []
