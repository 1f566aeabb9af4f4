"""The read API each area offers the reporting area: its own rules, through its own policy."""

from __future__ import annotations

import pytest

from ctassist.assistance import queries as assistance
from ctassist.directory import queries as directory
from ctassist.funding import queries as funding
from ctassist.geo import queries as geo
from ctassist.library import queries as library
from ctassist.library.models import LegislativeReview, ReviewItem
from ctassist.mandates import queries as mandates
from ctassist.mandates.models import Resolution
from ctassist.reporting.tests.conftest import END, START, D
from ctassist.treaties import queries as treaties

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, links",
    [
        ("A/RES/74/175 op 12", {("74/175", 12)}),
        ("74/175 OP 12; A/RES/72/194, para. 3", {("74/175", 12), ("72/194", 3)}),
        ("A/RES/74/175 paragraph 9", {("74/175", 9)}),
        ("see the resolution", set()),
        ("", set()),
    ],
)
def test_mandate_links(text, links):
    assert assistance.mandate_links(text) == links


def test_delivered_activities_are_completed_and_start_in_the_period(world, actors):
    rows = assistance.delivered_activities(actors.officer, START, END)
    assert set(rows) == {world.a1.pk, world.a2.pk, world.a6.pk, world.a7.pk}
    assert rows[world.a7.pk].links == {("99/901", 2)}
    assert rows[world.a1.pk].states == [actors.state.pk]
    assert assistance.delivered_activities(actors.donor, START, END) == {}


def test_trained_by_year_and_sex(world, actors):
    assert assistance.trained_by_year_and_sex(actors.officer) == {
        2023: {"women": 100},
        2024: {"women": 5, "men": 6, "not_recorded": 4},
    }


def test_paragraphs_for_report_follow_the_rule(world):
    assert [p["number"] for p in mandates.paragraphs_for_report(world.resolution)] == [1, 2, 4]


def test_resolutions_to_report_on_are_general_assembly_ones(world, actors):
    Resolution.objects.create(symbol="E/RES/2099/1", title="Council (test)")
    symbols = set(mandates.resolutions_to_report_on(actors.officer).values_list("symbol", flat=True))
    assert "A/RES/99/901" in symbols and "E/RES/2099/1" not in symbols


def test_consents_given_and_by_year(world, actors):
    rows = treaties.consents_given(actors.officer, START, END)
    # In the instruments' order (r1 is for the first instrument, r2 for the second); 2023's is left out.
    assert [r["id"] for r in rows] == [world.r1.pk, world.r2.pk]
    by_year = treaties.consents_by_year(actors.officer)
    assert by_year[2024]["ratification"] >= 1 and by_year[2024]["accession"] >= 1
    assert set(by_year[2024]) == {"ratification", "accession"}


def test_reviews_finalised_count_not_and_partly_as_gaps(world, actors):
    review = LegislativeReview.objects.create(state=actors.state, title="R", status="final", finalised_on=D(2024, 6, 1))
    for n, status in enumerate(["not", "partly", "fully", "n/a", ""], start=1):
        ReviewItem.objects.create(review=review, instrument=world.instruments[0], item_key=f"k{n}", position=n,
                                  category="offence", article="Art.", requirement="R.", status=status)  # fmt: skip
    assert [(r["id"], r["gaps"]) for r in library.reviews_finalised(actors.officer, START, END)] == [(review.pk, 2)]
    assert library.reviews_finalised(actors.donor, START, END) == []
    profile = library.state_library(actors.officer, actors.state)
    assert [g["status"] for g in profile["gaps"]] == ["not", "partly"]


def test_received_contributions_never_count_pledges(world, actors):
    rows = funding.received_contributions(actors.officer, START, END)
    assert [r["id"] for r in rows] == [world.c1.pk]
    assert rows[0]["financial"] and not rows[0]["in_kind"]
    assert funding.pledged_total(actors.officer, START, END) == 90000


def test_state_authorities_hidden_from_those_who_see_no_entry(world, actors):
    from django.contrib.auth.models import AnonymousUser

    assert directory.state_authorities(AnonymousUser(), actors.state) is None


def test_states_by_id(actors):
    states = geo.states_by_id({actors.other_state.pk, actors.state.pk})
    assert [s["iso3"] for s in states.values()] == ["KEN", "PER"]  # in name order
