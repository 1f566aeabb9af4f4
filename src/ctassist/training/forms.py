"""Forms of the training area; each valid form is handed to one service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.accounts.models import Organisation
from ctassist.assistance.choices import Language
from ctassist.assistance.models import Activity, Theme
from ctassist.core.policy import CHANGE
from ctassist.geo.models import State
from ctassist.library.models import Publication
from ctassist.training.choices import NominationStatus, TrainerRole
from ctassist.training.models import Course, CourseModule, Person, Trainer
from ctassist.treaties.models import Instrument


class CourseForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    languages = forms.MultipleChoiceField(label=_("languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)  # fmt: skip
    themes = forms.ModelMultipleChoiceField(label=_("themes"), queryset=Theme.objects.all(), required=False)
    instruments = forms.ModelMultipleChoiceField(
        label=_("instruments covered"), queryset=Instrument.objects.all(), required=False
    )
    materials = forms.ModelMultipleChoiceField(label=_("materials"), queryset=Publication.objects.all(), required=False)

    class Meta:
        model = Course
        fields = ["code", "title", "summary", "objectives", "languages", "delivery_mode", "duration_hours", "status",
                  "min_attendance_percent", "min_post_score", "themes", "instruments", "materials"]  # fmt: skip


class ModuleForm(forms.ModelForm):
    class Meta:
        model = CourseModule
        fields = ["position", "title", "objectives", "duration_hours"]


class SessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.none())
    activity = forms.ModelChoiceField(label=_("activity"), queryset=Activity.objects.none())
    language = forms.ChoiceField(label=_("language of delivery"), choices=Language.choices)
    nomination_deadline = forms.DateField(label=_("nominations close on"), required=False,
                                          widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        course_field: Any = self.fields["course"]
        activity_field: Any = self.fields["activity"]
        course_field.queryset = Course.objects.restrict(user).filter(status="published")
        activity_field.queryset = Activity.objects.restrict(user, CHANGE).filter(training_session__isnull=True)


class SeatsForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all(), to_field_name="iso3")
    seats = forms.IntegerField(label=_("seats"), min_value=0, max_value=500)


class NominationForm(forms.ModelForm):
    identifier = forms.CharField(label=_("stable identifier"), max_length=200,
                                 help_text=_("An official e-mail address or staff number that stays the same from one training to the next."))  # fmt: skip
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all(), required=False,
                                   help_text=_("UNODC only: the State that nominates."))  # fmt: skip
    consent = forms.BooleanField(label=_("consented to the processing of their data"), required=True)

    class Meta:
        model = Person
        fields = ["identifier", "full_name", "function", "agency", "agency_name", "sex", "email", "phone", "language",
                  "consent"]  # fmt: skip

    def __init__(self, *args: Any, states: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        state_field: Any = self.fields["state"]
        if states is None:
            del self.fields["state"]
        else:
            state_field.queryset = states

    def validate_unique(self) -> None:
        """The identifier matches an existing person on purpose; the service decides."""


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=[
        (NominationStatus.ACCEPTED, _("Accept")), (NominationStatus.DECLINED, _("Decline"))])  # fmt: skip
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=True, max_length=2000)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)


class ResultsForm(forms.Form):
    pre_score = forms.DecimalField(label=_("pre-test score"), min_value=0, max_value=100, decimal_places=2,
                                   required=False)  # fmt: skip
    post_score = forms.DecimalField(label=_("post-test score"), min_value=0, max_value=100, decimal_places=2,
                                    required=False)  # fmt: skip
    satisfaction = forms.IntegerField(label=_("satisfaction (1-5)"), min_value=1, max_value=5, required=False)


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)
    duplicate = forms.IntegerField(widget=forms.HiddenInput)




class TrainerForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    languages = forms.MultipleChoiceField(label=_("languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)  # fmt: skip
    themes = forms.ModelMultipleChoiceField(label=_("themes"), queryset=Theme.objects.all(), required=False)
    instruments = forms.ModelMultipleChoiceField(label=_("instruments"), queryset=Instrument.objects.all(),
                                                 required=False)  # fmt: skip

    class Meta:
        model = Trainer
        fields = ["full_name", "kind", "organisation", "expertise", "themes", "instruments", "languages",
                  "availability", "email", "phone", "active"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        organisation: Any = self.fields["organisation"]
        organisation.queryset = Organisation.objects.filter(kind=OrganisationKind.PARTNER).order_by("name")


class TrainerAssignForm(forms.Form):
    trainer = forms.ModelChoiceField(label=_("trainer"), queryset=Trainer.objects.filter(active=True))
    role = forms.ChoiceField(label=_("role"), choices=TrainerRole.choices)
    rating = forms.DecimalField(label=_("participants' rating (1-5)"), required=False, min_value=1, max_value=5,
                                decimal_places=2)  # fmt: skip
