from ctassist.core.testing import PolicyCase
from ctassist.geo.tests.policy_cases import PUBLIC_REFERENCE
from ctassist.mandates import services
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
from ctassist.mandates.parser import parse_file, parse_text
from ctassist.mandates.tests.factories import DOCUMENTS


def _resolution(actors) -> Resolution:
    path = DOCUMENTS / "A_RES_100_902.md"
    parsed = parse_file(path)
    return services.ingest(acting_user=None, parsed=parsed, source_name=path.name, raw_text="").resolution


def _naming_instrument(actors) -> ParagraphInstrument:
    """The test resolution with a preambular paragraph that names the Terrorist Financing Convention."""
    path = DOCUMENTS / "A_RES_100_902.md"
    text = path.read_text(encoding="utf-8").replace(
        "the Declaration on Lighthouses,", "the International Convention for the Suppression of the Financing of Terrorism,", 1
    )
    services.ingest(acting_user=None, parsed=parse_text(text, source=path.name), source_name=path.name, raw_text=text)
    return ParagraphInstrument.objects.get(instrument__code="financing-1999")


CASES = [
    PolicyCase(Resolution, make=_resolution, allowed=PUBLIC_REFERENCE),
    PolicyCase(Paragraph, make=lambda a: _resolution(a).paragraphs.first(), allowed=PUBLIC_REFERENCE),
    PolicyCase(Footnote, make=lambda a: _resolution(a).footnote_set.first(), allowed=PUBLIC_REFERENCE),
    PolicyCase(Annex, make=lambda a: _resolution(a).annexes.first(), allowed=PUBLIC_REFERENCE),
    PolicyCase(Citation, make=lambda a: _resolution(a).citations.first(), allowed=PUBLIC_REFERENCE),
    PolicyCase(
        ParagraphTheme,
        make=lambda a: ParagraphTheme.objects.filter(paragraph__resolution=_resolution(a)).first(),
        allowed=PUBLIC_REFERENCE,
    ),
    PolicyCase(
        ParagraphAddressee,
        make=lambda a: ParagraphAddressee.objects.filter(paragraph__resolution=_resolution(a)).first(),
        allowed=PUBLIC_REFERENCE,
    ),
    PolicyCase(ParagraphInstrument, make=_naming_instrument, allowed=PUBLIC_REFERENCE),
]
