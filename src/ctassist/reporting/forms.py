import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.mandates import queries as mandates
from ctassist.mandates.models import Resolution
from ctassist.reporting.choices import ReportSection


def default_period() -> tuple[datetime.date, datetime.date]:
    """The last two full calendar years."""
    year = timezone.localdate().year
    return datetime.date(year - 2, 1, 1), datetime.date(year - 1, 12, 31)


class ReportForm(forms.Form):
    resolution = forms.ModelChoiceField(
        queryset=Resolution.objects.none(), label=_("Resolution"), to_field_name="symbol"
    )
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = mandates.resolutions_to_report_on(user)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("period_end", _("A report covers at most five years."))
        return data


class PrimarySectionForm(forms.Form):
    """An officer's choice of the section an activity is counted in (the activity by its number)."""

    activity = forms.IntegerField(label=_("Activity number"), min_value=1)
    section = forms.ChoiceField(label=_("Count it in"), choices=ReportSection.choices)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_activity(self):
        from ctassist.assistance.models import Activity  # the record the override is about

        activity = Activity.objects.restrict(self.user, "view").filter(pk=self.cleaned_data["activity"]).first()
        if activity is None:
            raise forms.ValidationError(_("No activity with this number is visible to you."))
        return activity


class NarrativeForm(forms.Form):
    """One text box per part of the report, the version the officer loaded, and what changed."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in parts:
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 6, "class": "narrative"}),
            )
        self.part_keys = [key for key, _heading in parts]

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.part_keys}


class NarrativeStepForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class NarrativeReturnForm(NarrativeStepForm):
    comments = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}))
