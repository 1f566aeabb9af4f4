"""The list pages' quicker rendering writes exactly what the templates it replaces wrote.

- ``QuickWidgetRenderer`` (filter forms): every widget it writes in Python gives the same characters as
  Django's widget templates, whatever the attributes, choices, groups, selection, escaping and language.
- ``{% table_body %}`` (every table): the same rows, cells, attributes, localisation and empty text as
  django-tables2's template.
- ``core.tables.DateColumn``/``DateTimeColumn``: the same text as django-tables2's template columns.
- ``BaseModel.get_<field>_display``: Django's label, in each language.
- django-tables2's cached reading of render methods' arguments: the same arguments as ``inspect`` reads.
"""

from __future__ import annotations

import datetime

import django_tables2 as tables
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ctassist.core.forms import AnyYesNoSelect, IsoDateInput, QuickWidgetRenderer, quick_renderer
from ctassist.core.tables import DateColumn, DateTimeColumn

TEMPLATES = DjangoTemplates()

CHOICES = [
    ("", "---------"),
    ("a", "Alpha & <b>omega</b>"),
    ("b", mark_safe("<em>safe</em> label")),  # noqa: S308 - a test of how a safe label is written
    ("q\"uote", "Quote's"),
    (3, 3),
    (
        "Group <1>",
        [("g1", "In group"), ("g2", "Également")],
    ),
]


def widgets():
    return {
        "select": (forms.Select(choices=CHOICES), "b"),
        "select none chosen": (forms.Select(choices=CHOICES), None),
        "select with attrs": (forms.Select(choices=CHOICES, attrs={"class": "x y", "data-autosubmit": True}), "a"),
        "select multiple": (forms.SelectMultiple(choices=CHOICES), ["a", "g2"]),
        "null boolean": (forms.NullBooleanSelect(), True),
        "any yes no": (AnyYesNoSelect(), None),
        "checkboxes": (forms.CheckboxSelectMultiple(choices=CHOICES), ["q\"uote", "g1"]),
        "checkboxes with class": (forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"class": "inline"}), []),
        "radio": (forms.RadioSelect(choices=CHOICES), 3),
        "text": (forms.TextInput(attrs={"placeholder": "Type <here>", "required": True, "disabled": False}), "x\"y"),
        "text empty": (forms.TextInput(), None),
        "text safe": (forms.TextInput(), mark_safe("<i>v</i>")),  # noqa: S308 - as above
        "number": (forms.NumberInput(attrs={"min": 0, "step": 0.5}), 12345.5),
        "email": (forms.EmailInput(), "someone@example.org"),
        "hidden": (forms.HiddenInput(), "42"),
        "checkbox": (forms.CheckboxInput(), True),
        "checkbox off": (forms.CheckboxInput(), False),
        "date": (IsoDateInput(), datetime.date(2026, 3, 1)),
        "url": (forms.URLInput(), "https://example.org/?a=1&b=2"),
    }


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("name", list(widgets()))
def test_each_widget_is_written_as_its_template_writes_it(name, language):
    widget, value = widgets()[name]
    with translation.override(language):
        expected = widget.render("field", value, attrs={"id": "id_field"}, renderer=TEMPLATES)
        written = widget.render("field", value, attrs={"id": "id_field"}, renderer=quick_renderer())
    assert written == expected
    assert written  # something was written


def test_a_widget_without_an_id_is_written_as_its_template_writes_it():
    for name, (widget, value) in widgets().items():
        assert widget.render("f", value, renderer=quick_renderer()) == widget.render("f", value, renderer=TEMPLATES), name


def test_the_python_writer_is_used_for_the_widgets_it_knows():
    calls = []

    class Counting(QuickWidgetRenderer):
        def get_template(self, template_name):
            calls.append(template_name)
            return super().get_template(template_name)

    forms.Select(choices=CHOICES).render("f", "a", renderer=Counting())
    forms.CheckboxSelectMultiple(choices=CHOICES).render("f", ["a"], renderer=Counting())
    assert calls == []
    forms.Textarea().render("f", "text", renderer=Counting())  # not one it writes: the template
    assert calls == ["django/forms/widgets/textarea.html"]


def test_a_kept_template_is_rendered_by_the_template():
    class Keeping(QuickWidgetRenderer):
        templates_kept = frozenset({"django/forms/widgets/select.html"})

    calls = []

    class Counting(Keeping):
        def get_template(self, template_name):
            calls.append(template_name)
            return super().get_template(template_name)

    html = forms.Select(choices=CHOICES).render("f", "a", renderer=Counting())
    assert "django/forms/widgets/select.html" in calls
    assert html == forms.Select(choices=CHOICES).render("f", "a", renderer=TEMPLATES)


class _Form(forms.Form):
    q = forms.CharField(label="Text <contains>", required=False)
    status = forms.MultipleChoiceField(choices=CHOICES[1:4], widget=forms.CheckboxSelectMultiple, required=False)
    kind = forms.ChoiceField(choices=CHOICES, required=False, help_text="Pick one & go")
    answered = forms.NullBooleanField(widget=AnyYesNoSelect, required=False)
    count = forms.IntegerField(required=False)


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_a_whole_filter_form_with_its_errors_is_written_as_the_templates_write_it(language):
    data = {"q": "x<y", "status": ["a", "b"], "kind": "g2", "answered": "true", "count": "not a number"}
    with translation.override(language):
        plain, quick = _Form(data, renderer=TEMPLATES), _Form(data)
        quick.renderer = quick_renderer()
        assert not quick.is_valid() and not plain.is_valid()
        assert quick.as_div() == plain.as_div()


# -- tables ---------------------------------------------------------------------------------------


class _Table(tables.Table):
    name = tables.Column(attrs={"td": {"class": "name", "data-value": lambda value: value}})
    amount = tables.Column(attrs={"td": {"class": "num"}})
    localized = tables.Column(accessor="amount", localize=True, verbose_name="Localised")
    unlocalized = tables.Column(accessor="amount", localize=False, verbose_name="Unlocalised")
    html = tables.Column(empty_values=())
    when = DateColumn(format="j M Y")
    stamp = DateTimeColumn(format="Y-m-d H:i")
    day = tables.DateColumn(format="j M Y", verbose_name="Day (django-tables2)")
    moment = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="Moment (django-tables2)")

    class Meta:
        row_attrs = {"data-row": lambda record: record["name"]}
        attrs = {"tbody": {"class": "body"}}

    def render_html(self, record):
        return mark_safe(f"<b>{record['amount']}</b>") if record["amount"] else "<plain>"  # noqa: S308


def _rows():
    stamp = datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC)
    return [
        {"name": "A & B", "amount": 1234567.5, "when": datetime.date(2026, 2, 1), "stamp": stamp,
         "day": datetime.date(2026, 2, 1), "moment": stamp},
        {"name": "<C>", "amount": 0, "when": None, "stamp": None, "day": None, "moment": None},
    ]  # fmt: skip


def _render(table, template_name):
    request = RequestFactory().get("/")
    table.template_name = template_name
    return Template("{% load django_tables2 %}{% render_table table %}").render(
        Context({"table": table, "request": request})
    )


def _normal(html):
    import re

    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.django_db  # the table's template runs the context processors
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_table_body_writes_what_django_tables2_writes(language, settings):
    settings.USE_THOUSAND_SEPARATOR = True  # so the localised and unlocalised cells differ
    with translation.override(language), timezone.override("Europe/Vienna"):
        ours = _render(_Table(_rows()), "core/table.html")
        theirs = _render(_Table(_rows()), "django_tables2/table.html")
    # The same markup; only the line breaks and indentation between the tags differ.
    assert _normal(ours) == _normal(theirs)
    assert 'data-row="A &amp; B"' in ours and "<b>1234567.5</b>" in ours and "&lt;plain&gt;" in ours


@pytest.mark.django_db
def test_date_columns_write_what_django_tables2_writes():
    with translation.override("fr"), timezone.override("Asia/Tokyo"):
        html = _render(_Table(_rows()), "core/table.html")
    # 23:30 UTC on 31 January is 08:30 on 1 February in Tokyo, for both kinds of column.
    assert html.count("2026-02-01 08:30") == 2
    assert html.count("1 Fév 2026") == 2  # the month in French, as the ``date`` filter writes it


@pytest.mark.django_db
def test_an_empty_table_writes_its_empty_text():
    table = _Table([], empty_text="Nothing <here>")
    ours, theirs = _render(table, "core/table.html"), _render(_Table([], empty_text="Nothing <here>"),
                                                             "django_tables2/table.html")  # fmt: skip
    assert _normal(ours) == _normal(theirs)
    assert 'colspan="9">Nothing &lt;here&gt;' in ours


def test_date_column_exports_keep_the_iso_form():
    table = _Table(_rows())
    values = list(table.as_values())
    header = values[0]
    first = dict(zip(header, values[1], strict=True))
    assert first["When"] == "2026-02-01"
    assert first["Stamp"].startswith("2026-01-31 23:30")


def test_model_date_fields_get_the_quick_columns():
    from ctassist.core.models import Notification

    class NotificationTable(tables.Table):
        class Meta:
            model = Notification
            fields = ("created_at", "read_at")

    assert type(NotificationTable.base_columns["created_at"]) is DateTimeColumn


# -- choice labels and render arguments -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "es", "ar", "zh-hans", "ru"])
def test_choice_labels_are_djangos(language):
    from django.db.models import Model

    from ctassist.needs.choices import NeedSource, NeedStatus
    from ctassist.needs.models import Need

    with translation.override(language):
        for source in [*NeedSource.values, "not-a-choice"]:
            need = Need(source=source, status=NeedStatus.OPEN)
            assert need.get_source_display() == Model._get_FIELD_display(need, Need._meta.get_field("source"))
            assert need.get_status_display() == str(NeedStatus.OPEN.label)


def test_render_arguments_are_read_as_inspect_reads_them():
    from django_tables2 import utils

    class T(tables.Table):
        a = tables.Column()

        def render_a(self, value, record):
            return value

    def plain(value, **kwargs):
        return value

    table = T([{"a": 1}])
    assert getattr(utils.signature, "ctassist_cached", False)
    for fn in (table.render_a, plain, table.columns["a"].column.render, lambda record: record):
        assert utils.signature(fn) == utils.signature(fn)  # the cached answer, twice
    assert utils.signature(table.render_a) == (("value", "record"), None)
    assert utils.signature(plain) == (("value",), "kwargs")
    assert utils.signature(T([{"a": 2}]).render_a) == (("value", "record"), None)  # another table's method
