from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctassist.mandates.parser import ParseError, parse_text
from ctassist.mandates.parser.readers import read_bytes

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


class ResolutionUploadForm(forms.Form):
    """A resolution's published text: ODS text or Markdown, Word (.docx) or PDF with a text layer."""

    file = forms.FileField(
        label=_("Resolution file"),
        help_text=_("The published text as .txt, .md, .docx or .pdf (with a text layer), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUFFIXES:
            raise ValidationError(_("Upload a .txt, .md, .docx or .pdf file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 10 MB; a resolution is far smaller."))
        name = Path(upload.name).name
        try:
            text = read_bytes(upload.read(), name, suffix)
            self.parsed = parse_text(text, source=name)
        except ParseError as exc:
            raise ValidationError(str(exc)) from None
        self.text, self.source_name = text, name
        return upload


class ConfirmIngestForm(forms.Form):
    """The text read at the preview, sent back to be parsed again and saved."""

    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    source_name = forms.CharField(widget=forms.HiddenInput, max_length=255)

    def clean(self):
        data = super().clean()
        if "text" in data and "source_name" in data:
            try:
                self.parsed = parse_text(data["text"], source=data["source_name"])
            except ParseError as exc:
                raise ValidationError(str(exc)) from None
        return data


class CompareForm(forms.Form):
    old = forms.ChoiceField(label=_("Earlier version"))
    new = forms.ChoiceField(label=_("Later version"))

    def __init__(self, *args, resolutions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.symbol, f"{r.symbol} ({r.adopted_on:%Y})" if r.adopted_on else r.symbol) for r in resolutions]
        for name in ("old", "new"):
            self.fields[name].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("old") == data.get("new"):
            raise ValidationError(_("Choose two different resolutions."))
        return data


class SeriesForm(forms.Form):
    body = forms.ChoiceField(label=_("Series"), required=False)

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b, b) for b in bodies]
