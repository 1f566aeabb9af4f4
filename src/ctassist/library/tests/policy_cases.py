from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import EVERYONE, NOBODY, UNODC, PolicyCase
from ctassist.library import services
from ctassist.library.models import (
    CaseLaw,
    Legislation,
    LegislativeReview,
    Provision,
    Publication,
    ReviewItem,
    SearchDocument,
)
from ctassist.library.policies import FINALISE, PUBLISH
from ctassist.library.tests.factories import law
from ctassist.treaties.models import Instrument

PUBLIC = {VIEW: EVERYONE, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}
OWN_PROPOSAL = UNODC | {"focal_point"}


def _proposed(actors):
    return law(actors.state, acting_user=actors.focal_point)


def _review(actors):
    return services.start_review(
        acting_user=None, state=actors.state, instruments=[Instrument.objects.get(code="hague-1970")]
    )


REVIEW = {VIEW: OWN_PROPOSAL, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}

CASES = [
    PolicyCase(
        Legislation,
        make=lambda a: law(a.state),
        allowed={**PUBLIC, PUBLISH: UNODC},
        label="library.Legislation published",
    ),
    PolicyCase(
        Legislation,
        make=_proposed,
        allowed={VIEW: OWN_PROPOSAL, ADD: OWN_PROPOSAL, CHANGE: OWN_PROPOSAL, DELETE: OWN_PROPOSAL, PUBLISH: UNODC},
        label="library.Legislation proposed",
    ),
    PolicyCase(Provision, make=lambda a: law(a.state).provisions.first(), allowed=PUBLIC),
    PolicyCase(
        Provision,
        make=lambda a: _proposed(a).provisions.first(),
        allowed={VIEW: OWN_PROPOSAL, ADD: OWN_PROPOSAL, CHANGE: OWN_PROPOSAL, DELETE: OWN_PROPOSAL},
        label="library.Provision proposed",
    ),
    PolicyCase(
        CaseLaw,
        make=lambda a: services.save_case(
            acting_user=None,
            state=a.state,
            title="Demo v. Demo",
            court="Demo Court",
            decided_on="2020-01-01",
            summary="s",
        ),
        allowed=PUBLIC,
    ),
    PolicyCase(
        Publication,
        make=lambda a: services.save_publication(acting_user=None, title="Demo guide", kind="guide", year=2020),
        allowed=PUBLIC,
    ),
    PolicyCase(
        SearchDocument,
        make=lambda a: SearchDocument.objects.get(doc_type="provision", object_id=law(a.state).provisions.first().pk),
        allowed={VIEW: EVERYONE, ADD: NOBODY, CHANGE: NOBODY, DELETE: NOBODY},
    ),
    PolicyCase(
        SearchDocument,
        make=lambda a: SearchDocument.objects.get(doc_type="provision", object_id=_proposed(a).provisions.first().pk),
        allowed={VIEW: OWN_PROPOSAL, ADD: NOBODY, CHANGE: NOBODY, DELETE: NOBODY},
        label="library.SearchDocument proposed",
    ),
    PolicyCase(LegislativeReview, make=_review, allowed={**REVIEW, FINALISE: UNODC}),
    PolicyCase(ReviewItem, make=lambda a: _review(a).items.first(), allowed=REVIEW),
]
