"""Forms every area shares: the upload and confirmation steps of the one import pipeline."""

from __future__ import annotations

from typing import Any

from django import forms
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
    """Yes/no filters say "Any" rather than "Unknown"."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.NullBooleanSelect) and not isinstance(field.widget, AnyYesNoSelect):
            field.widget = AnyYesNoSelect(attrs=field.widget.attrs)


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
