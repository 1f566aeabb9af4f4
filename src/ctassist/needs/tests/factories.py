"""Helpers that build needs through the services, as users would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ctassist.assistance.tests.factories import make_request, themes
from ctassist.library import services as library_services
from ctassist.library.choices import Incorporation
from ctassist.library.tests.factories import law
from ctassist.needs import services
from ctassist.needs.choices import NeedSource
from ctassist.treaties.models import Instrument

LAST_YEAR = timezone.localdate() - datetime.timedelta(days=365)


def source_fields(actors, source, state=None):
    """The fields each source needs, for a need of ``state`` (the actors' State by default)."""
    state = state or actors.state
    if source in (NeedSource.CTED_ASSESSMENT, NeedSource.CTED_VISIT, NeedSource.EVALUATION):
        return {"source_reference": "REF-2025/7", "source_date": LAST_YEAR}
    if source == NeedSource.OTHER_MECHANISM:
        return {"source_reference": "Mutual evaluation report 2024", "source_date": LAST_YEAR, "mechanism": "FATF"}
    if source == NeedSource.STATE_REQUEST:
        return {"source_request": make_request(actors, state)}
    if source == NeedSource.LEGISLATIVE_REVIEW:
        review = library_services.start_review(
            acting_user=None, state=state, instruments=[Instrument.objects.get(code="financing-1999")]
        )
        return {"review": review}
    raise AssertionError(source)


def make_need(actors, source=NeedSource.CTED_ASSESSMENT, *, state=None, acting_user=None, **fields):
    state = state or actors.state
    data = {**source_fields(actors, source, state), **fields}
    data.setdefault("title", "Criminalise the financing of terrorist travel")
    data.setdefault("themes", themes("terrorism-financing"))
    return services.record_need(acting_user=acting_user, state=state, source=source, **data)


def finalised_review(actors, gaps=2, partly=1):
    """A final review of the actors' State: ``gaps`` items not incorporated, ``partly`` partly, the rest n/a."""
    review = library_services.start_review(
        acting_user=actors.officer, state=actors.state, instruments=[Instrument.objects.get(code="financing-1999")]
    )
    items = list(review.items.all())
    for index, item in enumerate(items):
        status = Incorporation.NOT if index < gaps else Incorporation.NOT_APPLICABLE
        if gaps <= index < gaps + partly:
            status = Incorporation.PARTLY
        provisions = []
        if status == Incorporation.PARTLY:
            provisions = [_provision(actors)]
        library_services.assess_item(acting_user=actors.officer, item=item, status=status, provisions=provisions,
                                     comment="Narrower than the Convention." if provisions else "")  # fmt: skip
    library_services.finalise_review(acting_user=actors.officer, review=review)
    return review


def _provision(actors):
    return law(actors.state).provisions.first()


TODAY_FOLLOW_UP = {"done_on": LAST_YEAR, "action": "Workshop on the draft law", "done_by": "Ministry of Justice"}


def make_assessment(actors, state=None, code="hostages-1979"):
    """A draft self-assessment started by the focal point of ``state`` (the actors' State by default)."""
    state = state or actors.state
    author = actors.focal_point if state == actors.state else actors.other_focal_point
    return services.start_assessment(acting_user=author, state=state, instrument=Instrument.objects.get(code=code))


def answer_all(actors, assessment, gaps=2, partly=1):
    """The focal point answers every item: ``gaps`` not incorporated, ``partly`` partly, the rest fully."""
    provision = law(assessment.state).provisions.first()
    for index, answer in enumerate(assessment.answers.order_by("position")):
        status = Incorporation.NOT if index < gaps else Incorporation.FULLY
        if gaps <= index < gaps + partly:
            status = Incorporation.PARTLY
        services.answer_item(acting_user=actors.focal_point, answer=answer, status=status,
                             provisions=[] if status == Incorporation.NOT else [provision],
                             comment="Draft amendment before Parliament." if status == Incorporation.PARTLY else "")  # fmt: skip
    return assessment


def submitted_assessment(actors):
    assessment = answer_all(actors, make_assessment(actors))
    return services.submit_assessment(acting_user=actors.focal_point, assessment=assessment)
