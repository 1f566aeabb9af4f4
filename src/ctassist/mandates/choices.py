"""Enumerations of the mandates app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.taxonomy import ADDRESSEES, THEMES


class ParagraphKind(models.TextChoices):
    PREAMBLE = "preamble", _("Preambular paragraph")
    OPERATIVE = "operative", _("Operative paragraph")
    DRAFT_PREAMBLE = "draft-preamble", _("Preambular paragraph of the recommended draft")
    DRAFT_OPERATIVE = "draft-operative", _("Operative paragraph of the recommended draft")


OPERATIVE_KINDS = (ParagraphKind.OPERATIVE, ParagraphKind.DRAFT_OPERATIVE)
DRAFT_KINDS = (ParagraphKind.DRAFT_PREAMBLE, ParagraphKind.DRAFT_OPERATIVE)

# The taxonomy is plain Python (the tagger uses it without Django); these are its choices.
THEME_CHOICES = [(code, _(label)) for code, label in THEMES]  # noqa: INT001 - labels come from the taxonomy
ADDRESSEE_CHOICES = [(code, _(label)) for code, label in ADDRESSEES]  # noqa: INT001
