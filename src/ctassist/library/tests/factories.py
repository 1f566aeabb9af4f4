"""Small builders for library tests."""

import datetime

from ctassist.library import services
from ctassist.library.extraction import ProvisionDraft
from ctassist.treaties.models import Instrument


def law(
    state,
    *,
    title="Demonstration Counter-Terrorism Act",
    acting_user=None,
    provisions=None,
    language="en",
    kind="counter-terrorism",
    themes=("terrorism-financing",),
    instruments=("financing-1999",),
    adopted=None,
):
    drafts = [
        ProvisionDraft(label, heading, text)
        for label, heading, text in (
            provisions
            or [
                ("Section 1", "Short title", "This Act may be cited as the Demonstration Counter-Terrorism Act."),
                (
                    "Section 5",
                    "Financing of terrorism",
                    "A person who provides or collects funds intending that they be used "
                    "to carry out a terrorist act commits an offence.",
                ),
                (
                    "Section 12(3)",
                    "Liability of legal persons",
                    "A body corporate is liable where its manager commits an offence under section 5.",
                ),
            ]
        )
    ]
    return services.create_legislation(
        acting_user=acting_user,
        state=state,
        title=title,
        kind=kind,
        language=language,
        adopted_on=adopted or datetime.date(2015, 3, 1),
        themes=list(themes),
        instruments=list(Instrument.objects.filter(code__in=instruments)),
        provisions=drafts,
    )
