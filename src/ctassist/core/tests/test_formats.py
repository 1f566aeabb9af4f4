"""One date format and one number style per language; date inputs independent of the browser's locale."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from ctassist.core.forms import IsoDateInput
from ctassist.core.templatetags.ctassist_l10n import number

DAY = datetime.date(2026, 12, 2)
EXPECTED_DATES = {
    "en": "2 Dec 2026",
    "fr": "2 déc. 2026",
    "es": "2 dic. 2026",
    "ar": "2 ديسمبر 2026",
    "zh-hans": "2026年12月2日",
    "ru": "02.12.2026",
}


@pytest.mark.parametrize("language", list(EXPECTED_DATES))
def test_one_date_format_per_language(language):
    with translation.override(language):
        long = Template("{{ day|date }}").render(Context({"day": DAY}))
        named = Template('{{ day|date:"DATE_FORMAT" }}').render(Context({"day": DAY}))
        short = Template('{{ day|date:"SHORT_DATE_FORMAT" }}').render(Context({"day": DAY}))
        plain = Template("{{ day }}").render(Context({"day": DAY}))
    assert long == named == short == plain == EXPECTED_DATES[language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,234,567.5"), ("fr", "1\u202f234\u202f567,5"), ("es", "1.234.567,5"), ("ru", "1\xa0234\xa0567,5"),
     ("zh-hans", "1,234,567.5"), ("ar", "1,234,567.5")],
)  # fmt: skip
def test_numbers_use_the_languages_separators(language, expected):
    with translation.override(language):
        assert number(Decimal("1234567.5")) == expected
        assert number(1234567.5, 1) == expected
        rendered = Template("{% load ctassist_l10n %}{{ n|number }}").render(Context({"n": 1234567}))
    assert rendered == expected.rsplit(expected[-2], 1)[0]


def test_number_leaves_what_is_not_a_number():
    assert number("n/a") == "n/a"
    assert number(None) == ""
    assert number(True) == "True"


class _Form(forms.Form):
    day = forms.DateField(widget=IsoDateInput())


@pytest.mark.parametrize("language", list(EXPECTED_DATES))
def test_date_inputs_are_iso_in_every_language(language):
    with translation.override(language):
        html = str(_Form(initial={"day": DAY})["day"])
        assert 'type="text"' in html and 'value="2026-12-02"' in html and 'dir="ltr"' in html
        assert _Form({"day": "2026-12-02"}).is_valid()
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


def test_date_input_shows_the_format_in_the_users_language():
    with translation.override("fr"):
        assert 'placeholder="AAAA-MM-JJ"' in str(_Form()["day"])
    with translation.override("ru"):
        assert 'placeholder="ГГГГ-ММ-ДД"' in str(_Form()["day"])


def test_the_languages_own_numeric_form_is_accepted_too():
    with translation.override("ru"):
        form = _Form({"day": "02.12.2026"})
        assert form.is_valid() and form.cleaned_data["day"] == DAY
    with translation.override("fr"):
        form = _Form({"day": "02/12/2026"})
        assert form.is_valid() and form.cleaned_data["day"] == DAY
