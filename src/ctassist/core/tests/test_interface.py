"""The interface's own rules, checked without a browser.

- No template has an inline event handler (``onclick=``...) or an inline ``<script>``: the Content
  Security Policy (``script-src 'self'``) blocks them, so they would silently not work.
- Charts carry no script (pygal's configuration script is dropped) and their points say their value.
- Yes/no filters say "Any"; an empty list says "nothing matches these filters" only when a filter is set.
- The error pages are the product's own, translated, and the favicon exists.
- The ``ctassist`` command finds the demonstration's settings, or says in one line what to set.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import ctassist
from ctassist.config import cli
from ctassist.core.charts import bar_chart, line_chart
from ctassist.core.forms import AnyYesNoSelect

PACKAGE = Path(ctassist.__file__).resolve().parent
# An attribute named on<something>= inside a tag, and a <script> element without src.
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", re.S)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I)


def product_templates() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*/templates/**/*.html"))


def inline_code(text: str) -> list[str]:
    return [f"handler {m.group(1)}" for m in HANDLER.finditer(text)] + [
        f"inline {m.group(0)}" for m in INLINE_SCRIPT.finditer(text)
    ]


def test_the_scan_sees_handlers_and_inline_scripts():
    assert inline_code('<button type="button" onclick="window.print()">') == ["handler onclick"]
    assert inline_code("<body\n  onload='x()'>") == ["handler onload"]
    assert inline_code("<script>var a = 1;</script>") == ["inline <script>"]
    assert inline_code('<script src="/static/core/ctassist.js" defer></script>') == []
    assert inline_code('<button data-print>Print</button> <p>Click on it</p> <a href="/x?on=1">') == []


def test_no_template_has_an_inline_handler_or_script():
    templates = product_templates()
    assert len(templates) > 50, "the scan found too few templates to be looking in the right place"
    found = {str(p.relative_to(PACKAGE)): inline_code(p.read_text(encoding="utf-8")) for p in templates}
    assert not {k: v for k, v in found.items() if v}


def test_charts_have_no_script_and_their_bars_say_their_value():
    with translation.override("en"):
        bars = bar_chart("Requests", ["2024", "2025"], {"Requests": [3, 1200]})
        lines = line_chart("Parties", ["2024", "2025"], {"A": [1, 2], "B": [2, 3]})
    for svg in (bars, lines):
        assert not inline_code(svg), "a chart carries a script the Content Security Policy would block"
    assert "<title>2024: 3</title>" in bars and "<title>2025: 1,200</title>" in bars


def test_yes_no_filters_say_any(client, db):
    page = client.get(reverse("treaties:state_list")).content.decode()
    assert re.search(r'<select name="ldc"[^>]*>\s*<option value="unknown" selected>Any</option>', page), page[:0]
    assert ">Unknown</option>" not in page
    assert AnyYesNoSelect().choices[0][1] == "Any"
    # "Any" filters nothing: every State is listed with it, as with no value.
    assert client.get(reverse("treaties:state_list"), {"ldc": "unknown"}).context["table"].paginator.count == 195


def test_an_empty_list_says_why(client, db):
    url = reverse("library:case_list")
    unfiltered = client.get(url).content.decode()
    assert "Nothing matches these filters." not in unfiltered
    assert "Nothing is recorded here yet." in unfiltered
    filtered = client.get(url, {"title": "no such case anywhere"}).content.decode()
    assert "Nothing matches these filters." in filtered
    # Sorting or paging is not filtering.
    assert "Nothing matches these filters." not in client.get(url, {"sort": "title"}).content.decode()


def test_the_favicon_exists_and_every_page_names_it(client, db):
    assert finders.find("core/favicon.svg")
    page = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/core/favicon\.svg"', page)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_server_error_page_is_the_products_own_and_translated(lang):
    with translation.override(lang):
        page = render_to_string("500.html")
        expected = translation.gettext("Something went wrong")
    assert f'<html lang="{lang}"' in page and f"<h1>{expected}</h1>" in page
    assert 'href="/static/core/ctassist.css"' in page
    assert not inline_code(page) and "<style" not in page


@override_settings(DEBUG=False)
def test_a_missing_page_is_the_products_404_not_a_technical_page(client, db):
    answer = client.get("/framework/no-such-page/")
    assert answer.status_code == 404
    page = answer.content.decode()
    assert "<h1>Page not found</h1>" in page and "URLconf" not in page and 'class="site-header"' in page


def _cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # The test settings put SECRET_KEY and ALLOWED_HOSTS in this process's environment: not the command's; nor the
    # var folder `make test` exports (the command is run from tmp_path, where ./var is the one meant).
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS", "CTASSIST_VAR_DIR"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(PYTHONPATH=str(PACKAGE.parent), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "ctassist.config.cli", *args],
        env=clean, cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_command_says_in_one_line_what_to_set_without_settings(tmp_path):
    result = _cli(tmp_path, {"CTASSIST_VAR_DIR": str(tmp_path / "var")}, "check")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0] and "make demo" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_finds_the_demos_settings_in_var(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    (var / "demo.env").write_text(
        "# as make demo writes it\nSECRET_KEY=abc-demo-key-not-secret-0123456789-0123456789-0123456789\n"
        "DEBUG=0\nALLOWED_HOSTS=127.0.0.1,localhost\nSECURE_SSL_REDIRECT=0\n"
    )
    # The README's examples run from the checkout, where ./var is the demonstration's.
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY[:12], settings.ALLOWED_HOSTS)"
    result = _cli(tmp_path, {}, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False abc-demo-key ['127.0.0.1', 'localhost']"


def test_the_environment_wins_over_the_demo_file(tmp_path, monkeypatch):
    (tmp_path / "demo.env").write_text("SECRET_KEY=from-file\nALLOWED_HOSTS=file.example.org\n")
    monkeypatch.setenv("CTASSIST_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", cli.DEFAULT_SETTINGS)
    monkeypatch.setenv("ALLOWED_HOSTS", "env.example.org")
    assert cli.prepare_environment() is None
    assert os.environ["SECRET_KEY"] == "from-file" and os.environ["ALLOWED_HOSTS"] == "env.example.org"


def test_the_env_file_reader_skips_comments_and_unquotes():
    path = Path(settings.VAR_DIR) / "test-demo.env"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# comment\n\nA=1\nB = 'two words'\nC=\"x=y\"\nnot a setting\n")
    try:
        assert cli.read_env_file(path) == {"A": "1", "B": "two words", "C": "x=y"}
    finally:
        path.unlink()
