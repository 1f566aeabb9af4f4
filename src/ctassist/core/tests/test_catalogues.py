"""The five translation catalogues: complete, faithful to the English, and up to date with the sources.

A catalogue entry that is missing or fuzzy shows English on the page; one whose placeholders differ
from the English raises (or silently drops a value) when it is formatted; one whose HTML differs breaks
the markup. And a catalogue that lags behind the sources leaves the newest strings untranslated.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import django
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from django.conf import settings

from ctassist.core.catalogues import catalogue_sources

PACKAGE_DIR = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "es", "ar", "zh_Hans", "ru")

# %(name)s, %s, %d, %.1f … (but not the escaped %%) and str.format's {name} / {0}.
PYTHON_FORMAT = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACE_FORMAT = re.compile(r"(?<!\{)\{[A-Za-z_0-9.]*\}(?!\})")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _catalogue(lang: str) -> Catalog:
    with (settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=lang)


CATALOGUES = {lang: _catalogue(lang) for lang in LANGUAGES}


def _messages(lang: str) -> list[Message]:
    return [m for m in CATALOGUES[lang] if m.id]


def _ids(message: Message) -> tuple[str, ...]:
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    return tuple(str(i) for i in ids)


def _strings(message: Message) -> tuple[str, ...]:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(s or "" for s in strings)


def _placeholders(text: str) -> Counter[str]:
    text = text.replace("%%", "")
    return Counter(PYTHON_FORMAT.findall(text)) + Counter(BRACE_FORMAT.findall(text))


def _tags(text: str) -> Counter[str]:
    return Counter(HTML_TAG.findall(text))


def _where(lang: str, message: Message) -> str:
    context = f" (context {message.context!r})" if message.context else ""
    return f"{lang}: {_ids(message)[0]!r}{context}"


def test_the_five_catalogues_are_sources_of_the_suite():
    found = {p.parent.parent.name for p in catalogue_sources()}
    assert found == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_is_missing_or_fuzzy(lang):
    problems = []
    for message in _messages(lang):
        if message.fuzzy:
            problems.append(f"fuzzy: {_where(lang, message)}")
        elif not all(s.strip() for s in _strings(message)):
            problems.append(f"untranslated: {_where(lang, message)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_those_of_the_english(lang):
    problems = []
    for message in _messages(lang):
        ids, strings = _ids(message), _strings(message)
        if len(ids) == 1:
            if _placeholders(strings[0]) != _placeholders(ids[0]):
                problems.append(f"{_where(lang, message)} → {strings[0]!r}")
            continue
        # Plurals: a form may leave the count implicit ("one result" rather than "1 result"), but no
        # form may bring in a value the English does not pass, and the general form names them all.
        allowed = set(_placeholders(ids[0])) | set(_placeholders(ids[1]))
        for form in strings:
            if not set(_placeholders(form)) <= allowed:
                problems.append(f"{_where(lang, message)} → {form!r}")
        if set(_placeholders(strings[-1])) != set(_placeholders(ids[1])):
            problems.append(f"{_where(lang, message)} (last plural form) → {strings[-1]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_tags_are_those_of_the_english(lang):
    problems = []
    for message in _messages(lang):
        english = _tags(_ids(message)[-1])
        for form in _strings(message):
            if _tags(form) != english:
                problems.append(f"{_where(lang, message)} → {form!r}")
    assert not problems, "\n".join(problems)


def test_placeholder_check_sees_a_drift():
    """The checks above would catch what they are meant to catch."""
    assert _placeholders("%(count)s entries of %(state)s") != _placeholders("%(count)s entrées de %(etat)s")
    assert _placeholders("{name} and 50%% more") == Counter({"{name}": 1})
    assert _tags("<strong>Demo.</strong> Text") != _tags("<b>Démo.</b> Texte")


def _django_es_plural() -> str:
    po = Path(django.__file__).parent / "conf" / "locale" / "es" / "LC_MESSAGES" / "django.po"
    with po.open("rb") as handle:
        return read_po(handle, locale="es").plural_expr


def _plural_function(expr: str):
    # A C expression of n; Python's gettext module compiles it safely (it accepts only that grammar).
    import gettext

    return gettext.c2py(expr)


def _arabic(n: int) -> int:
    if n == 0:
        return 0
    if n == 1:
        return 1
    if n == 2:
        return 2
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5


def _russian(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


EXPECTED_PLURALS = {
    "ar": (6, _arabic),
    "ru": (3, _russian),
    "zh_Hans": (1, lambda n: 0),
    "fr": (2, lambda n: int(n > 1)),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms(lang):
    catalogue = CATALOGUES[lang]
    choose = _plural_function(catalogue.plural_expr)
    if lang == "es":
        # Spanish as Django's own catalogue has it (one, many for millions, other), so the two agree.
        expected_expr = _django_es_plural()
        expected = _plural_function(expected_expr)
        assert catalogue.num_plurals == 3
    else:
        count, expected = EXPECTED_PLURALS[lang]
        assert catalogue.num_plurals == count
    for n in [*range(250), 1000, 1001, 1000000, 2000000]:
        assert choose(n) == expected(n), f"{lang}: n={n}"
    for message in _messages(lang):
        if isinstance(message.id, tuple):
            assert len(_strings(message)) == catalogue.num_plurals, _where(lang, message)


def _msgids(catalogue: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, _ids(m)[0]) for m in catalogue if m.id}


def test_catalogues_are_up_to_date_with_the_sources(tmp_path):
    """``make messages`` run now would add no message: every string in the sources is in the catalogues.

    Run on a copy of the sources (makemessages rewrites the catalogue it finds), for French; the five
    catalogues hold the same messages (checked below).
    """
    if shutil.which("xgettext") is None:
        message = "xgettext (GNU gettext) is not installed; makemessages cannot run"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; in CI that is a failure (.ci/run installs gettext)")
        pytest.skip(message)
    copy = tmp_path / "ctassist"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc", "static", "migrations")
    )
    script = (
        "import django, sys\n"
        "from pathlib import Path\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.management import call_command\n"
        "settings.LOCALE_PATHS = [Path.cwd() / 'locale']\n"
        "call_command('makemessages', locale=['fr'], no_obsolete=True, ignore_patterns=['*/tests/*'], verbosity=0)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ctassist.config.settings_test"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=copy, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    with (copy / "locale" / "fr" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        regenerated = read_po(handle, locale="fr")
    new = _msgids(regenerated) - _msgids(CATALOGUES["fr"])
    assert not new, "not in the catalogues (run `make messages`, then translate): " + "; ".join(
        repr(i) for _, i in sorted(new, key=str)
    )


def test_the_five_catalogues_hold_the_same_messages():
    english = _msgids(CATALOGUES["fr"])
    for lang in LANGUAGES:
        assert _msgids(CATALOGUES[lang]) == english, lang
