from django import forms
from django.utils.translation import gettext_lazy as _


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
