"""Forms every area shares: the upload and confirmation steps of the one import pipeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData
from django.utils.translation import gettext_lazy as _


class IsoDateInput(forms.DateInput):
    """A date typed as ``YYYY-MM-DD`` whatever the browser's locale, with the format shown in the user's language.

    A browser's own date picker (``type="date"``) shows and parses dates in the browser's locale, not the
    page's; this text input says the format in the page's language (the hint is translated) and keeps the
    digits left-to-right inside Arabic. Dates in the language's own numeric form are accepted too (the
    ``DATE_INPUT_FORMATS`` of ``core/formats``).
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        defaults = {
            # Translators: the format of a date typed in a form: four digits of the year, month, day.
            "placeholder": _("YYYY-MM-DD"),
            "inputmode": "numeric",
            "dir": "ltr",
            "autocomplete": "off",
            "size": "10",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or "%Y-%m-%d")


class AnyYesNoSelect(forms.NullBooleanSelect):
    """A yes/no filter: "Any" (no filter), "Yes" or "No" (Django's own says "Unknown" for the first)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        # Translators: the choice of a yes/no filter that filters nothing (either answer).
        self.choices = [("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]


# Query parameters of a list page that are not filters.
NOT_FILTERS = frozenset({"sort", "page", "per_page", "export", "_export"})


def filters_in_use(form: forms.BaseForm, data: Any) -> bool:
    """Whether the query string sets any of ``form``'s filters (a range's ``_min``/``_after`` parts count)."""
    names = set(form.fields)
    for key, values in data.lists():
        if key in NOT_FILTERS:
            continue
        base = key if key in names else key.rsplit("_", 1)[0]
        if base in names and any(v.strip() not in ("", "unknown") for v in values):
            return True
    return False


def humane_filter_widgets(form: forms.BaseForm) -> None:
    """Yes/no filters say "Any" rather than "Unknown"; the widgets are written by :class:`QuickWidgetRenderer`."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.NullBooleanSelect) and not isinstance(field.widget, AnyYesNoSelect):
            field.widget = AnyYesNoSelect(attrs=field.widget.attrs)
    form.renderer = quick_renderer()


# -- widgets written without templates ---------------------------------------------------------------
# A list page's filter form has selects of dozens of options (themes, instruments, States' groups) and
# groups of checkboxes; Django renders every option through two included templates, which made the
# form a third of the needs list's time. The renderer below writes Django's own widget templates
# (``django/forms/widgets/...``) in Python, character for character (``core/tests/test_quick_widgets.py``
# compares them), and leaves every other template (the form's and the fields' layout, any widget it does
# not know) to the templates. A project template overriding one of these widget templates would not be
# seen by it: list the name in ``QuickWidgetRenderer.templates_kept``.

_W = "django/forms/widgets/"
_INPUT_ONLY = {f"{_W}{name}.html" for name in (
    "text", "number", "email", "url", "password", "hidden", "search", "tel", "color", "date", "datetime", "time",
    "checkbox",
)}  # fmt: skip
_OPTION_TEMPLATES = {f"{_W}select_option.html", f"{_W}checkbox_option.html", f"{_W}radio_option.html"}
_CONTEXT = Context(autoescape=True)


class _UseTemplate(Exception):
    """Something the Python writer does not reproduce exactly: render the template instead."""


def _out(value: Any) -> str:
    """``{{ value }}``."""
    if callable(value):  # a template would call it
        raise _UseTemplate
    return render_value_in_context(value, _CONTEXT)


def _out_s(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` (the filter keeps a safe string safe)."""
    if callable(value):
        raise _UseTemplate
    text = stringformat(value, "s")
    return render_value_in_context(text if not isinstance(value, SafeData) else _safe(text), _CONTEXT)


def _safe(text: str) -> str:
    from django.utils.safestring import mark_safe

    return mark_safe(text)  # noqa: S308 - stringformat of a safe string, as the template filter does


def _attrs(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in widget["attrs"].items():
        if value is not False:
            parts.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_out_s(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/input.html``."""
    value = f' value="{_out_s(widget.get("value", ""))}"' if widget.get("value", "") is not None else ""
    return f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{value}{_attrs(widget)}>\n'


def _option(option: dict[str, Any]) -> str:
    """The included template of one option of a select or of a group of checkboxes or radio buttons."""
    name = option["template_name"]
    if name == f"{_W}select_option.html":
        return f'<option value="{_out_s(option["value"])}"{_attrs(option)}>{_out(option["label"])}</option>\n'
    if name not in _OPTION_TEMPLATES:
        raise _UseTemplate
    # checkbox_option.html and radio_option.html include input_option.html, each adding a line end.
    html = _input(option)
    if option["wrap_label"]:
        label_for = f' for="{_out(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
        html = f"<label{label_for}>{html} {_out(option['label'])}</label>"
    return html + "\n\n"


def _select(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/select.html``."""
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget)}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/multiple_input.html`` (checkbox_select.html and radio.html include it)."""
    attrs = widget["attrs"]
    id_ = f' id="{_out(attrs["id"])}"' if attrs.get("id") else ""
    css = f' class="{_out(attrs["class"])}"' if attrs.get("class") else ""
    parts = [f"<div{id_}{css}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_out(group)}</label>")
        for option in options:
            parts.append("<div>\n    " + _option(option) + "</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


_WRITERS = {
    f"{_W}select.html": _select,
    f"{_W}checkbox_select.html": _multiple_input,
    f"{_W}radio.html": _multiple_input,
    **dict.fromkeys(_INPUT_ONLY, _input),
}


class QuickWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the common widgets (inputs, selects, checkbox and radio groups)
    written directly: the same HTML, without rendering two templates for every option."""

    templates_kept: frozenset[str] = frozenset()

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        writer = _WRITERS.get(template_name)
        widget = context.get("widget") if writer is not None and template_name not in self.templates_kept else None
        if widget is not None:
            try:
                return writer(widget).strip()  # type: ignore[misc]
            except _UseTemplate:
                pass
        return super().render(template_name, context, request=request)


_RENDERER: list[QuickWidgetRenderer] = []


def quick_renderer() -> QuickWidgetRenderer:
    """The one :class:`QuickWidgetRenderer` (its template engine is made once)."""
    if not _RENDERER:
        _RENDERER.append(QuickWidgetRenderer())
    return _RENDERER[0]


class ImportUploadForm(forms.Form):
    """A file to upload, or the table pasted as text."""

    file = forms.FileField(label=_("File"), required=False, help_text=_("CSV, tab-separated text or XLSX."))
    text = forms.CharField(
        label=_("Or paste the table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("Copied from a spreadsheet or a web page: cells separated by tabs, commas or aligned columns."),
    )
    allow_text = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.allow_text:
            del self.fields["text"]
            self.fields["file"].required = True

    def clean(self):
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file, or paste the table."))
        return data

    def meta(self) -> dict[str, str]:
        """Values to carry to the confirmation step with the table (extra fields of subclasses)."""
        return {}


class ImportConfirmForm(forms.Form):
    """The signed table of the preview, sent back to apply it."""

    table = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False, label=_("I confirm the consequences shown above."))


class ColumnMappingForm(forms.Form):
    """Which column of the table holds each field the importer reads; optionally saved under a name."""

    raw = forms.CharField(widget=forms.HiddenInput)
    save_as = forms.CharField(
        label=_("Save this mapping as"),
        required=False,
        max_length=120,
        help_text=_("A name for the source, e.g. “ICAO status list”, to reuse the mapping with its next table."),
    )

    def __init__(self, *args, fields=(), header=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.mapping_fields = list(fields)
        choices = [("", _("— not in the table —"))] + [(str(i), h or f"#{i + 1}") for i, h in enumerate(header)]
        for field in self.mapping_fields:
            self.fields[f"col_{field.key}"] = forms.ChoiceField(
                label=field.label, choices=choices, required=False
            )
        self.order_fields([f"col_{f.key}" for f in self.mapping_fields] + ["save_as", "raw"])

    @staticmethod
    def initial_for(mapping):
        return {f"col_{key}": ("" if index is None else str(index)) for key, index in mapping.items()}

    def mapping(self) -> dict:
        data = self.cleaned_data
        return {f.key: (int(data[f"col_{f.key}"]) if data.get(f"col_{f.key}") not in (None, "") else None)
                for f in self.mapping_fields}  # fmt: skip
