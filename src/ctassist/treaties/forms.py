from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_TABLE_BYTES = 2 * 1024 * 1024


class ParticipationImportForm(forms.Form):
    """Upload a CSV or paste a table copied from the UN Treaty Collection page."""

    file = forms.FileField(
        label=_("CSV or text file"), required=False, help_text=_("A participant table saved as CSV or text (UTF-8).")
    )
    text = forms.CharField(
        label=_("Or paste the table"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_("Copy the table from the status page, header line included."),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = (data.get("text") or "").strip()
        if upload and text:
            raise ValidationError(_("Upload a file or paste a table, not both."))
        if upload:
            if upload.size > MAX_TABLE_BYTES:
                raise ValidationError(_("The file is larger than 2 MB; a participant table is far smaller."))
            raw = upload.read()
            if b"\x00" in raw:
                raise ValidationError(_("The file is binary; save the table as CSV or text."))
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(_("The file is not UTF-8 text; save it as CSV UTF-8.")) from None
            data["source_name"] = upload.name
        else:
            data["source_name"] = "pasted table"
        if not text.strip():
            raise ValidationError(_("Upload a file or paste a table."))
        data["table"] = text
        return data


class ConfirmImportForm(forms.Form):
    table = forms.CharField(widget=forms.HiddenInput)
    source_name = forms.CharField(widget=forms.HiddenInput, max_length=200)


class RecordActionForm(forms.Form):
    """One act of a State towards an instrument, entered by UNODC staff from a depositary notification."""

    instrument = forms.ModelChoiceField(queryset=None, label=_("Instrument"))
    kind = forms.ChoiceField(label=_("Act"))
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    effective_date = forms.DateField(
        label=_("Takes effect"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a denunciation: the date it takes effect."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a reservation, declaration or objection: its text."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where this comes from, e.g. the depositary notification's reference."),
    )

    def __init__(self, *args, instruments=None, **kwargs):
        from ctassist.treaties.choices import ActionKind

        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments
        self.fields["kind"].choices = ActionKind.choices
