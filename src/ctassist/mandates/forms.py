import logging
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctassist.mandates.parser import ParseError, parse_text
from ctassist.mandates.parser.readers import read_bytes

logger = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def unreadable(exc: ParseError) -> ValidationError:
    """The one message shown for a file that cannot be read as a resolution."""
    return ValidationError(
        _("%(file)s cannot be stored as a resolution: %(problem)s. Nothing was saved.")
        % {"file": exc.source, "problem": exc.problem}
    )


def parse_upload(data: bytes, name: str, suffix: str) -> tuple[str, object]:
    """(text, parsed) of an uploaded file; ValidationError with one clear message otherwise."""
    try:
        text = read_bytes(data, name, suffix)
        return text, parse_text(text, source=name)
    except ParseError as exc:
        raise unreadable(exc) from None
    except Exception:  # noqa: BLE001 - a parser bug must still give the officer a message, not a 500
        logger.exception("parser failed on %s", name)
        raise ValidationError(
            _("%(file)s could not be read: the parser failed on it. Nothing was saved; please report the file.")
            % {"file": name}
        ) from None
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
        text, self.parsed = parse_upload(upload.read(), name, suffix)
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
                raise unreadable(exc) from None
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
