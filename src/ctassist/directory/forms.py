"""Forms: validation of what officials type or upload."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.accounts.models import Organisation
from ctassist.directory import validation
from ctassist.directory.choices import Channel, Language
from ctassist.directory.models import CONTACT_FIELDS, EDITABLE_FIELDS, DirectoryEntry, split_codes
from ctassist.geo.models import State

_TRISTATE = forms.NullBooleanSelect


class EntryForm(forms.ModelForm):
    """The entry's own fields and its contact persons (``contacts``, a formset validated with it).

    The State is chosen by UNODC and fixed for a focal point. ``version`` carries the
    version of the entry the editor loaded (``core.services.lock`` compares it).
    """

    state = forms.ModelChoiceField(queryset=State.objects.all(), label=_("State"), required=False)
    languages_accepted = forms.MultipleChoiceField(
        choices=Language.choices,
        required=False,
        label=_("Languages in which requests are accepted"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    channels_accepted = forms.MultipleChoiceField(
        choices=Channel.choices, required=False, label=_("Channels accepted"), widget=forms.CheckboxSelectMultiple
    )
    website = forms.URLField(label=_("website"), required=False, max_length=400, assume_scheme="https")
    publish_now = forms.BooleanField(
        label=_("Publish now"), required=False, help_text=_("Otherwise it is saved as a draft.")
    )
    # Not required here: the service refuses an edit without it, with a message that says why.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DirectoryEntry
        fields = EDITABLE_FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "telephones": forms.Textarea(attrs={"rows": 2}),
            "emails": forms.Textarea(attrs={"rows": 2}),
            "requirements": forms.Textarea(attrs={"rows": 5}),
            "legislation": forms.Textarea(attrs={"rows": 3}),
            "accepts_un_conventions": _TRISTATE,
            "urgent_by_email": _TRISTATE,
        }

    def __init__(self, data=None, files=None, *, choose_state: bool = False, may_publish: bool = False, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("languages_accepted", instance.languages)
            initial.setdefault("channels_accepted", instance.channels)
        super().__init__(data, files, **kwargs)
        self.contacts = ContactFormSet(
            data, prefix="contacts", initial=None if data is not None else contact_initial(instance)
        )
        if choose_state:
            self.fields["state"].required = True
        else:
            del self.fields["state"]
        if not may_publish:
            del self.fields["publish_now"]

    # The model stores codes comma-separated; convert before the model's own validation runs.
    def clean_languages_accepted(self) -> str:
        return ",".join(self.cleaned_data["languages_accepted"])

    def clean_channels_accepted(self) -> str:
        return ",".join(self.cleaned_data["channels_accepted"])

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.contacts.is_valid() and valid  # both validated, so both show their errors

    def entry_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def contact_list(self) -> list[dict]:
        return contacts_from(self.contacts)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Title or position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    telephone = forms.CharField(
        label=_("Telephone"), max_length=40, required=False, validators=[validation.validate_phone]
    )
    languages = forms.MultipleChoiceField(
        choices=Language.choices, required=False, label=_("Languages"), widget=forms.SelectMultiple(attrs={"size": 4})
    )

    def clean(self):
        data = super().clean()
        if not data.get("name") and any(data.get(k) for k in ("title", "email", "telephone")):
            raise ValidationError(_("Give the contact person's name."))
        return data


ContactFormSet = forms.formset_factory(ContactForm, extra=2, max_num=20)


def contact_initial(entry: DirectoryEntry | None) -> list[dict]:
    if entry is None or not entry.pk:
        return []
    return [
        {**{k: getattr(c, k) for k in CONTACT_FIELDS}, "languages": split_codes(c.languages)}
        for c in entry.contacts.all()
    ]


def contacts_from(formset) -> list[dict]:
    return [
        {**form.cleaned_data, "languages": ",".join(form.cleaned_data.get("languages") or [])}
        for form in formset.forms
        if form.cleaned_data.get("name")
    ]


class EntryStepForm(forms.Form):
    """A workflow step on an entry (publish, archive, verify, delete) from the page the user read."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GrantAccessForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind__in=[OrganisationKind.PARTNER, OrganisationKind.DONOR], directory_access__isnull=True
        ).order_by("name")
