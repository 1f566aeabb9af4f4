"""Forms: what officials type when they look up a treaty basis, draft a request and follow a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.cooperation.choices import NEXT, Assistance, CaseStatus, Direction, Offence, RequestKind
from ctassist.cooperation.drafting import Step
from ctassist.cooperation.models import CooperationRequest
from ctassist.directory import queries as directory_queries
from ctassist.directory.models import DirectoryEntry
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument


class BasisForm(forms.Form):
    requesting = forms.ModelChoiceField(queryset=State.objects.all(), to_field_name="iso3", label=_("Requesting State"))
    requested = forms.ModelChoiceField(queryset=State.objects.all(), to_field_name="iso3", label=_("Requested State"))
    offence = forms.ChoiceField(choices=Offence.choices, label=_("Offence"))
    date = forms.DateField(label=_("On"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("The day the States must both be party (today if empty)."))  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("requesting") and data.get("requesting") == data.get("requested"):
            self.add_error("requested", _("The requested State must differ from the requesting State."))
        data["date"] = data.get("date") or timezone.localdate()
        return data


class CreateForm(forms.Form):
    kind = forms.ChoiceField(choices=RequestKind.choices, label=_("Kind of request"))
    direction = forms.ChoiceField(choices=Direction.choices, label=_("Direction"), initial=Direction.OUTGOING)
    counterpart = forms.ModelChoiceField(
        queryset=State.objects.all(), label=_("Other State"),
        help_text=_("The requested State of an outgoing request, the requesting State of an incoming one."),
    )  # fmt: skip
    received_on = forms.DateField(
        label=_("Received on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For an incoming request."),
    )  # fmt: skip

    def __init__(self, *args: Any, state: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if state is not None:
            self.fields["counterpart"].queryset = State.objects.exclude(pk=state.pk)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("direction") == Direction.INCOMING and not data.get("received_on"):
            self.add_error("received_on", _("Give the date the request was received."))
        if data.get("received_on") and data["received_on"] > timezone.localdate():
            self.add_error("received_on", _("The date is in the future."))
        return data


class StepForm(forms.Form):
    """The fields of one drafting step, built from the model's fields."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, step: Step, request: CooperationRequest, user: Any, **kwargs: Any):
        self.step = step
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("version", request.version)
        super().__init__(*args, **kwargs)
        for name in step.fields:
            model_field: Any = CooperationRequest._meta.get_field(name)
            if name == "assistance":
                field: forms.Field = forms.MultipleChoiceField(
                    choices=Assistance.choices, required=False, label=model_field.verbose_name,
                    widget=forms.CheckboxSelectMultiple,
                )  # fmt: skip
                initial.setdefault(name, request.assistance_codes)
            elif name == "requested_authority":
                entries = directory_queries.authorities_for_request(user, request.requested_state, request.kind)
                field = forms.ModelChoiceField(
                    queryset=DirectoryEntry.objects.filter(pk__in=[e.pk for e in entries]),
                    required=False, label=model_field.verbose_name,
                    help_text=_("Published entries of the requested State's directory."),
                )  # fmt: skip
                initial.setdefault(name, request.requested_authority_id)
            elif name == "instruments":
                field = forms.ModelMultipleChoiceField(
                    queryset=Instrument.objects.all(), required=False, label=model_field.verbose_name,
                    to_field_name="code", widget=forms.CheckboxSelectMultiple,
                )  # fmt: skip
                initial.setdefault(name, [i.code for i in request.instruments.all()])
            else:
                field = model_field.formfield()
                field.required = False
                if isinstance(model_field.formfield(), forms.DateField):
                    field.widget = forms.DateInput(attrs={"type": "date"})
                initial.setdefault(name, getattr(request, name))
            self.fields[name] = field

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "instruments")}

    def instruments(self) -> Any:
        return self.cleaned_data.get("instruments") if "instruments" in self.fields else None


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=[c for c in CaseStatus.choices if c[0] != CaseStatus.DRAFTED], label=_("New status"))
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note or grounds"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a refusal: its grounds."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, request: CooperationRequest | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if request is not None:
            allowed = set(NEXT.get(request.status, ()))
            self.fields["to"].choices = [c for c in CaseStatus.choices if c[0] in allowed]  # type: ignore[attr-defined]
            self.fields["version"].initial = request.version


class ShareForm(forms.Form):
    shared = forms.BooleanField(label=_("Share with UNODC for assistance"), required=False)
    reason = forms.CharField(label=_("Assistance sought from UNODC"), required=False, max_length=500)
