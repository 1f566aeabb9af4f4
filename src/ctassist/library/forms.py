"""Forms: validation of outside input for uploads, library items and review items."""

from __future__ import annotations

from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.crypto import get_random_string
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from ctassist.core import roles
from ctassist.core.taxonomy import THEMES
from ctassist.geo.models import State
from ctassist.library.choices import Audience, Incorporation, Language, LegislationKind, PublicationKind
from ctassist.library.extraction import MAX_BYTES, ExtractionError, extract_text, split_provisions
from ctassist.library.models import Provision
from ctassist.treaties.models import Instrument

DATE = forms.DateInput(attrs={"type": "date"})
_STAGE_SALT = "ctassist.library.staged-upload"


class _TaggedForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=THEMES, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments"),
        queryset=Instrument.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class _UploadMixin:
    """A file (PDF, DOCX, text) or pasted text; the text can be corrected before saving."""

    def _text_from_upload(self, data):
        upload = data.get("file")
        text = (data.get("text") or "").strip()
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(_("The file is larger than 20 MB."))
            raw = upload.read()
            try:
                text = extract_text(upload.name, raw).strip()
            except ExtractionError as exc:
                self.add_error("file", str(exc))
                return data
            data["raw"] = raw
        if not text:
            raise forms.ValidationError(_("Upload a file or paste the text."))
        data["text"] = text
        return data


class LegislationUploadForm(_UploadMixin, _TaggedForm):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all())
    title = forms.CharField(label=_("Title"), max_length=400)
    kind = forms.ChoiceField(label=_("Kind"), choices=LegislationKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DATE)
    in_force_on = forms.DateField(label=_("In force from"), required=False, widget=DATE)
    amended_on = forms.DateField(label=_("Last amended on"), required=False, widget=DATE)
    source_url = forms.URLField(label=_("Source link"), required=False, assume_scheme="https")
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("File (PDF, Word .docx or text)"), required=False)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Filled from the file; correct it if the extraction went wrong. Lines beginning “Article 5”, "
            "“Section 12(3)”, “§ 4” start a new provision."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not roles.is_unodc(user):
            self.fields["state"].queryset = State.objects.filter(pk=roles.state_id_of(user) or -1)

    def clean(self):
        data = self._text_from_upload(super().clean())
        if data.get("text"):
            data["provisions"] = split_provisions(data["text"])
        return data


class PublicationUploadForm(_UploadMixin, _TaggedForm):
    title = forms.CharField(label=_("Title"), max_length=400)
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicationKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=Language.choices, required=False)
    audience = forms.ChoiceField(label=_("Audience"), choices=[("", "—"), *Audience.choices], required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("File (PDF, Word .docx or text)"), required=False)
    staged = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Extracted text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Indexed for search; correct it if needed."),
    )

    def clean(self):
        data = super().clean()
        if data.get("file") is None and data.get("staged"):
            try:
                data["staged_name"] = signing.loads(data["staged"], salt=_STAGE_SALT, max_age=86400)
            except signing.BadSignature:
                raise forms.ValidationError(_("The uploaded file has expired; upload it again.")) from None
        return self._text_from_upload(data)

    def stage_file(self) -> str:
        """Keep the uploaded file until the user confirms; returns the signed name for the form."""
        upload = self.cleaned_data["file"]
        name = f"library/publications/{get_random_string(10)}-{get_valid_filename(upload.name)[:120]}"
        stored = default_storage.save(name, ContentFile(self.cleaned_data["raw"]))
        self.cleaned_data["staged_name"] = stored
        return signing.dumps(stored, salt=_STAGE_SALT)


class CaseForm(_TaggedForm):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all())
    title = forms.CharField(label=_("Title"), max_length=300)
    court = forms.CharField(label=_("Court"), max_length=200)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    offences = forms.CharField(label=_("Offences"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class ReviewStartForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all())
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments"),
        queryset=Instrument.objects.filter(kind="universal"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class ReviewItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Incorporation.choices, required=False)
    provisions = forms.ModelMultipleChoiceField(
        label=_("Domestic provisions"),
        queryset=Provision.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    assessed_on = forms.DateField(label=_("Assessed on"), required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review is not None:
            self.fields["provisions"].queryset = Provision.objects.filter(
                legislation__state_id=review.state_id
            ).select_related("legislation")
            self.fields["provisions"].label_from_instance = lambda p: f"{p.legislation.title} – {p.label}"
