"""From reviews to needs: a finalised review proposes its gaps; the officer confirms or discards each."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctassist.core.services import TransitionRefused
from ctassist.library import services as library_services
from ctassist.needs import services
from ctassist.needs.choices import NeedSource, NeedStatus
from ctassist.needs.models import Need
from ctassist.needs.tests.factories import finalised_review

pytestmark = pytest.mark.django_db


def test_a_finalised_review_proposes_its_not_and_partly_incorporated_items(actors):
    review = finalised_review(actors, gaps=2, partly=1)
    proposed = Need.objects.filter(review=review).order_by("review_item__position")
    assert proposed.count() == 3
    assert {n.status for n in proposed} == {NeedStatus.PROPOSED}
    assert {n.source for n in proposed} == {NeedSource.LEGISLATIVE_REVIEW}
    assert {n.state_id for n in proposed} == {actors.state.pk}
    first = proposed[0]
    assert first.title.startswith(f"{first.review_item.instrument.short_name}, {first.review_item.article}: ")
    assert [i.code for i in first.instruments.all()] == ["financing-1999"]
    partly = proposed[2]
    assert "partly incorporated" in partly.description and "Narrower than the Convention." in partly.description


def test_finalising_again_after_reopening_does_not_propose_twice(actors):
    review = finalised_review(actors, gaps=2, partly=0)
    library_services.reopen_review(acting_user=actors.officer, review=review, reason="New law")
    library_services.finalise_review(acting_user=actors.officer, review=review)
    assert Need.objects.filter(review=review).count() == 2


def test_the_officer_confirms_or_discards_a_proposal(actors):
    review = finalised_review(actors, gaps=2, partly=0)
    keep, drop = Need.objects.filter(review=review).order_by("id")
    services.change_status(acting_user=actors.officer, need=keep, to=NeedStatus.OPEN)
    with pytest.raises(ValidationError) as caught:
        services.change_status(acting_user=actors.officer, need=drop, to=NeedStatus.DISCARDED)
    assert "reason" in caught.value.message_dict
    services.change_status(acting_user=actors.officer, need=drop, to=NeedStatus.DISCARDED, reason="Covered elsewhere.")
    keep.refresh_from_db()
    drop.refresh_from_db()
    assert (keep.status, drop.status) == (NeedStatus.OPEN, NeedStatus.DISCARDED)


def test_a_focal_point_sees_proposals_but_does_not_decide_them(actors):
    review = finalised_review(actors, gaps=1, partly=0)
    need = Need.objects.get(review=review)
    assert Need.objects.restrict(actors.focal_point).filter(pk=need.pk).exists()
    with pytest.raises(TransitionRefused):
        services.change_status(acting_user=actors.focal_point, need=need, to=NeedStatus.OPEN)
    with pytest.raises(PermissionDenied):
        services.update_need(acting_user=actors.focal_point, need=need, expected_version=need.version, title="Mine")
    need.refresh_from_db()
    assert need.status == NeedStatus.PROPOSED


def test_a_review_with_no_gaps_proposes_nothing(actors):
    review = finalised_review(actors, gaps=0, partly=0)
    assert not Need.objects.filter(review=review).exists()
