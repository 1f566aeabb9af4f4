"""Forms validate what people type; views hand the cleaned data to services."""

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.accounts.models import Organisation
from ctassist.assistance.choices import Language, RequestStatus
from ctassist.assistance.models import (
    Activity,
    ActivityPartner,
    AssistanceRequest,
    Evaluation,
    Indicator,
    Participant,
    ParticipantCount,
    RequestAttachment,
    Theme,
)
from ctassist.assistance.services import ACTIVITY_FIELDS, REQUEST_FIELDS, funding_link
from ctassist.core import roles
from ctassist.core.forms import IsoDateInput
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument

DATE = IsoDateInput()


def version_field() -> forms.IntegerField:
    """The version the editor loaded, sent back so that the service refuses a stale save."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class RequestForm(forms.ModelForm):
    """A request as the State asks it. UNODC staff choose the State and record the letter.

    Fields a draft may leave empty but a submission needs (themes, needs) say so in their help.
    """

    required_css_class = "required"

    languages = forms.MultipleChoiceField(
        choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("Preferred languages")
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Themes")
    )
    instruments = forms.ModelMultipleChoiceField(
        Instrument.objects.all(), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        label=_("Instruments concerned"),
    )  # fmt: skip
    version = version_field()

    class Meta:
        model = AssistanceRequest
        fields = ("state", *REQUEST_FIELDS, "themes", "instruments")
        widgets = {
            "letter_date": DATE,
            "period_start": DATE,
            "period_end": DATE,
            "needs": forms.Textarea(attrs={"rows": 6}),
            "beneficiary_institutions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not roles.is_unodc(user):
            # A focal point asks for its own State, through the portal.
            del self.fields["state"]
            del self.fields["channel"]
            del self.fields["letter_reference"]
            del self.fields["letter_date"]
            del self.fields["mandate_refs"]
        else:
            self.fields["state"].queryset = State.objects.order_by("name")
        if self.instance.pk:
            self.fields.pop("state", None)
            self.fields["version"].initial = self.instance.version
            self.initial.setdefault("languages", self.instance.languages)
        for name in ("themes", "needs"):
            self.fields[name].help_text = _("Needed to submit the request; a draft may leave it empty.")

    def service_fields(self) -> dict:
        """The keyword arguments of ``create_request``/``update_request`` the form fills in."""
        data = {k: v for k, v in self.cleaned_data.items() if k in (*REQUEST_FIELDS, "themes", "instruments")}
        data["languages"] = list(self.cleaned_data.get("languages") or [])
        return data


class TransitionForm(forms.Form):
    """One workflow step, with its own comment box: what the step tells the State (a reason where one is due)."""

    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = version_field()

    def __init__(self, *args, step=None, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        if step is not None:
            field = self.fields["reason"]
            field.widget.attrs["id"] = f"comment-{step.name}"
            if who in step.reason_required:
                field.label = _("Reason (required)")
                field.widget.attrs["required"] = True
            elif who == "state":
                field.label = _("Comment for UNODC (optional)")
            else:
                field.label = _("Comment for the State (optional)")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    """Give the request to a UNODC officer (empty: nobody)."""

    officer: forms.ModelChoiceField = OfficerChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("Assigned officer"), empty_label=_("Nobody")
    )
    reason = forms.CharField(label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        officer = cast(forms.ModelChoiceField, self.fields["officer"])
        officer.queryset = User.objects.filter(role__in=[roles.ADMIN, roles.OFFICER], is_active=True).order_by(
            "last_name", "first_name", "username"
        )



class AttachmentForm(forms.ModelForm):
    class Meta:
        model = RequestAttachment
        fields = ("title", "file")


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ("rating", "summary", "lessons", "evaluated_on")
        widgets = {"evaluated_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(forms.ModelForm):
    required_css_class = "required"
    version = version_field()

    class Meta:
        model = Activity
        fields = (*ACTIVITY_FIELDS, "states", "themes", "requests")
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "themes": forms.CheckboxSelectMultiple,
            "states": forms.SelectMultiple(attrs={"size": 8}),
            "requests": forms.SelectMultiple(attrs={"size": 6}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outputs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["states"].queryset = State.objects.order_by("name")
        # Requests that may still be answered, plus those already linked.
        answerable = Q(status__in=[RequestStatus.ACCEPTED, RequestStatus.PLANNED, RequestStatus.IN_DELIVERY])
        if self.instance.pk:
            answerable |= Q(pk__in=self.instance.requests.values("pk"))
        self.fields["requests"].queryset = (
            AssistanceRequest.objects.restrict(user).filter(answerable).select_related("state").order_by("-id")
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        preselected = self.initial.get("states") or []
        if preselected and not self.instance.pk:
            names = ", ".join(s.name for s in State.objects.filter(pk__in=preselected).order_by("name"))
            self.fields["states"].help_text = _("Preselected from the request: %(states)s.") % {"states": names}
        link = funding_link()
        if link is not None:
            self.fields["funding_project"] = forms.TypedChoiceField(
                choices=[("", _("None yet")), *link.choices(user)],
                coerce=int,
                empty_value=None,
                required=False,
                label=_("Funding project"),
                help_text=_("The project that pays for the activity; it joins the project's charges."),
            )
            if self.instance.pk:
                self.initial.setdefault("funding_project", link.current(self.instance))
        # The former free-text reference, kept only where it matched no project.
        if not self.instance.funding_project_ref:
            self.fields.pop("funding_project_ref", None)

    def service_fields(self) -> dict:
        """The keyword arguments of ``create_activity``/``update_activity`` the form fills in."""
        wanted = (*ACTIVITY_FIELDS, "states", "themes", "requests", "funding_project")
        return {k: v for k, v in self.cleaned_data.items() if k in wanted}


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ActivityPartner
        fields = ("organisation", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(kind=OrganisationKind.PARTNER)


class CountForm(forms.ModelForm):
    class Meta:
        model = ParticipantCount
        fields = ("state", "sex", "agency", "count")

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        if activity is not None and activity.pk:
            self.fields["state"].queryset = activity.states.order_by("name")

    def validate_unique(self):
        pass  # the service sets the cell, whether it exists or not


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ("full_name", "state", "sex", "agency", "institution", "email", "consent")

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].required = True
        if activity is not None and activity.pk:
            self.fields["state"].queryset = activity.states.order_by("name")


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ("name", "unit", "baseline", "target", "actual", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
