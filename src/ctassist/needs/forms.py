"""Forms validate what people type; views hand the cleaned data to services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.accounts.models import Organisation
from ctassist.assistance.forms import version_field
from ctassist.assistance.models import Activity, AssistanceRequest, Theme
from ctassist.core import roles
from ctassist.geo.models import State
from ctassist.library import checklists
from ctassist.library.choices import Incorporation
from ctassist.library.models import LegislativeReview, Provision
from ctassist.needs.choices import NeedStatus
from ctassist.needs.models import Need
from ctassist.needs.services import NEED_FIELDS
from ctassist.treaties.models import Instrument

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FORM_FIELDS = tuple(f for f in NEED_FIELDS if f != "review_item")


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class NeedForm(forms.ModelForm):
    """A need: what, for which State, from which source, who leads, by when."""

    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Themes")
    )
    instruments = forms.ModelMultipleChoiceField(
        Instrument.objects.all(), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        label=_("Instruments concerned"),
    )  # fmt: skip
    version = version_field()

    class Meta:
        model = Need
        fields = ("state", *FORM_FIELDS, "themes", "instruments")
        widgets = {
            "source_date": DATE,
            "target_date": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        state_id = roles.state_id_of(user)
        states = State.objects.restrict(user).order_by("name")
        _choices(self, "state").queryset = states.filter(pk=state_id) if state_id else states
        _choices(self, "review").queryset = LegislativeReview.objects.restrict(user).select_related("state")
        _choices(self, "source_request").queryset = AssistanceRequest.objects.restrict(user).select_related("state")
        if self.instance.pk:
            self.fields.pop("state", None)
            self.fields["version"].initial = self.instance.version
        else:
            self.fields.pop("version")

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in (*FORM_FIELDS, "themes", "instruments")}


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=NeedStatus.choices, label=_("New status"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = version_field()


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label=_("Date"), widget=DATE)
    action = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    done_by = forms.CharField(label=_("By whom"), max_length=250)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               max_length=5000)  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class LinkForm(forms.Form):
    """Add a request or an activity (of the need's State, that the user may see) to those answering the need."""

    assistance_request = forms.ModelChoiceField(AssistanceRequest.objects.none(), required=False, label=_("Request"))
    activity = forms.ModelChoiceField(Activity.objects.none(), required=False, label=_("Activity"))

    def __init__(self, *args: Any, user: Any = None, need: Need | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        requests = AssistanceRequest.objects.restrict(user)
        activities = Activity.objects.restrict(user)
        if need is not None:
            requests = requests.filter(state_id=need.state_id)
            activities = activities.filter(states=need.state_id)
        _choices(self, "assistance_request").queryset = requests.order_by("-id")
        _choices(self, "activity").queryset = activities.order_by("-start_date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("assistance_request") and not data.get("activity"):
            raise forms.ValidationError(_("Choose a request or an activity."))
        return data


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(kind__in=[OrganisationKind.PARTNER, OrganisationKind.DONOR]).order_by("name"),
        label=_("Partner entity or donor"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


# -- self-assessments --------------------------------------------------------------------------


class AssessmentStartForm(forms.Form):
    """The focal point chooses the instrument; the State is their own."""

    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.none())
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state_id = roles.state_id_of(user)
        _choices(self, "state").queryset = State.objects.filter(pk=state_id) if state_id else State.objects.none()
        codes = [code for code, checklist in checklists.checklists().items() if checklist.items]
        _choices(self, "instrument").queryset = Instrument.objects.filter(code__in=codes).order_by("short_name")


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Answer"), choices=Incorporation.choices, required=False)
    provisions = forms.ModelMultipleChoiceField(
        label=_("Provisions of your law that incorporate it"), queryset=Provision.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )  # fmt: skip
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    version = version_field()

    def __init__(self, *args: Any, assessment: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assessment is not None:
            field: Any = self.fields["provisions"]
            field.queryset = Provision.objects.filter(legislation__state_id=assessment.state_id).select_related(
                "legislation"
            )
            field.label_from_instance = lambda p: f"{p.legislation.title} – {p.label}"


class ValidateForm(forms.Form):
    comments = forms.CharField(label=_("Comments to the State"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("validate", _("Validate")), ("return", _("Return with comments"))]
    )
