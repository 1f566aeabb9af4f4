"""Forms validate what people type; views hand the cleaned data to services."""

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.accounts.models import Organisation
from ctassist.assistance.models import Activity, Theme
from ctassist.funding.choices import STATUS_ORDER, ContributionStatus
from ctassist.funding.models import Contribution, Donor, Project
from ctassist.geo.models import State

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def version_field() -> forms.IntegerField:
    """The version the editor loaded, sent back so that the service refuses a stale save."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class ContributionForm(forms.ModelForm):
    """Record a contribution (financial or in kind). The USD equivalent is computed, never typed."""

    class Meta:
        model = Contribution
        fields = (
            "donor",
            "reference",
            "kind",
            "status",
            "pledged_on",
            "committed_on",
            "received_on",
            "currency",
            "amount",
            "usd_rate",
            "rate_date",
            "earmarking",
            "project",
            "theme",
            "region",
            "in_kind_description",
            "in_kind_value_usd",
            "notes",
        )
        widgets = {
            "pledged_on": DATE,
            "committed_on": DATE,
            "received_on": DATE,
            "rate_date": DATE,
            "in_kind_description": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = Donor.objects.restrict(user).select_related("organisation")
        if "status" in self.fields:
            # Instalments and cancellations are recorded on the contribution afterwards.
            status = cast(forms.ChoiceField, self.fields["status"])
            status.choices = [(s.value, s.label) for s in (ContributionStatus.PLEDGED, *ADVANCE_TO)]
        self.fields["project"].queryset = Project.objects.restrict(user)
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["currency"].widget.attrs.update({"size": 4, "style": "text-transform:uppercase"})
        self.fields["rate_date"].required = False
        self.fields["rate_date"].help_text = _("Leave empty for today's rate (the day it is entered).")

    def clean_currency(self):
        return (self.cleaned_data.get("currency") or "").strip().upper()

    def clean(self):
        data = super().clean() or {}
        if data.get("kind") == "in_kind" and data.get("amount") is None:
            # The form's financial defaults (USD, rate 1) do not apply to support in kind.
            data.update(currency="", usd_rate=None, rate_date=None)
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("donor")
        return data


class ContributionEditForm(ContributionForm):
    """Correct a contribution's details. Its donor is fixed and its status moves with the advance form."""

    version = version_field()

    class Meta(ContributionForm.Meta):
        fields = tuple(f for f in ContributionForm.Meta.fields  # type: ignore[assignment]
                       if f not in ("donor", "status", "committed_on", "received_on"))  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["project"].queryset = Project.objects.restrict(user)
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["currency"].widget.attrs.update({"size": 4, "style": "text-transform:uppercase"})
        self.fields["version"].initial = self.instance.version

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


ADVANCE_TO = (ContributionStatus.COMMITTED, ContributionStatus.RECEIVED)


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(choices=[(s.value, s.label) for s in ADVANCE_TO], label=_("New status"))
    on = forms.DateField(widget=DATE, label=_("On"))

    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if current in STATUS_ORDER:
            later = STATUS_ORDER[STATUS_ORDER.index(current) + 1 :]
            self.fields["to"].choices = [(s.value, s.label) for s in later if s in ADVANCE_TO]


class ReceiptForm(forms.Form):
    """One instalment of a financial contribution, at the exchange rate of its day."""

    amount = forms.DecimalField(max_digits=16, decimal_places=2, min_value=Decimal("0.01"), label=_("Amount received"))
    on = forms.DateField(widget=DATE, label=_("Received on"))
    usd_rate = forms.DecimalField(
        max_digits=18, decimal_places=8, min_value=Decimal("0.00000001"), required=False,
        label=_("Exchange rate to USD"), help_text=_("US dollars for one unit of the currency on the day of receipt."),
    )  # fmt: skip


class CancelForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason for the cancellation"))
    on = forms.DateField(widget=DATE, label=_("Cancelled on"))


class DonorForm(forms.ModelForm):
    class Meta:
        model = Donor
        fields = ("type", "state")


class DonorCreateForm(forms.ModelForm):
    class Meta:
        model = Donor
        fields = ("organisation", "type", "state")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Organisations of kind donor that have no donor profile yet.
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = Organisation.objects.filter(kind=OrganisationKind.DONOR, donor_profile__isnull=True)


class ChargeEditForm(forms.Form):
    amount_usd = forms.DecimalField(max_digits=16, decimal_places=2, min_value=0.01, label=_("Amount (USD)"))
    charged_on = forms.DateField(widget=DATE, label=_("Charged on"))


class ProjectForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Themes")
    )
    states = forms.ModelMultipleChoiceField(
        State.objects.all(), required=False, widget=forms.SelectMultiple(attrs={"size": 8}), label=_("States")
    )

    version = version_field()

    class Meta:
        model = Project
        fields = ("code", "title", "description", "start_date", "end_date", "budget_usd", "themes", "states")
        widgets = {"start_date": DATE, "end_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.initial.setdefault("themes", list(self.instance.themes.all()))
            self.initial.setdefault("states", list(self.instance.states.all()))
        else:
            del self.fields["version"]

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ChargeForm(forms.Form):
    activity = forms.ModelChoiceField(
        Activity.objects.none(), label=_("Activity number"), widget=forms.NumberInput(attrs={"min": 1})
    )
    amount_usd = forms.DecimalField(max_digits=16, decimal_places=2, min_value=0.01, label=_("Amount (USD)"))
    charged_on = forms.DateField(widget=DATE, label=_("Charged on"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.restrict(user).order_by("-start_date")
