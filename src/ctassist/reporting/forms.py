import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.mandates import queries as mandates
from ctassist.mandates.models import Resolution


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
