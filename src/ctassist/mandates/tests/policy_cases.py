from ctassist.core.testing import PolicyCase
from ctassist.geo.tests.policy_cases import PUBLIC_REFERENCE
from ctassist.mandates import services
from ctassist.mandates.models import (
    Annex,
    Citation,
    Footnote,
    Paragraph,
    ParagraphAddressee,
    ParagraphTheme,
    Resolution,
)
from ctassist.mandates.parser import parse_file
from ctassist.mandates.tests.factories import DOCUMENTS


def _resolution(actors) -> Resolution:
    path = DOCUMENTS / "A_RES_100_902.md"
    parsed = parse_file(path)
    return services.ingest(acting_user=None, parsed=parsed, source_name=path.name, raw_text="").resolution


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
]
