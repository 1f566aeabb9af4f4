"""Mandates are public data: everyone reads them; only UNODC staff ingest or change them."""

from ctassist.core.policy import PublicReferencePolicy, register
from ctassist.mandates.models import (
    Annex,
    Citation,
    Footnote,
    Paragraph,
    ParagraphAddressee,
    ParagraphInstrument,
    ParagraphTheme,
    Resolution,
)

for _model in (Resolution, Paragraph, Footnote, Annex, Citation, ParagraphTheme, ParagraphAddressee, ParagraphInstrument):

    @register(_model)
    class _Policy(PublicReferencePolicy):
        pass
