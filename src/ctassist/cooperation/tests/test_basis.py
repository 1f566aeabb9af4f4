"""The treaty basis between two States: participation on the day, cooperation articles, reservations."""

import datetime

from ctassist.cooperation.choices import ArticleKind
from ctassist.cooperation.queries import cited_articles, treaty_basis
from ctassist.cooperation.tests.conftest import join, reserve

D = datetime.date


def test_both_party_gives_the_instrument_with_its_cooperation_articles(both_in_bombings):
    a = both_in_bombings
    basis = treaty_basis(None, a.state, a.other_state, "bombing", D(2024, 1, 1))
    assert basis.codes == ["bombings-1997"]
    rows = {(r.article.kind, r.article.article) for r in basis.instruments[0].articles}
    assert rows == {
        (ArticleKind.OFFENCE, "2"),
        (ArticleKind.AUT_DEDERE, "8"),
        (ArticleKind.EXTRADITION, "9"),
        (ArticleKind.MLA, "10"),
    }
    assert basis.missing == []


def test_pairs_with_different_participation(actors, third_state):
    # Kenya and Peru share the Financing Convention; France and Kenya share only the Hostages Convention.
    join(actors.state, "financing-1999", D(2003, 6, 1))
    join(actors.other_state, "financing-1999", D(2001, 11, 10))
    join(actors.state, "hostages-1979", D(1990, 1, 2))
    join(third_state, "hostages-1979", D(2000, 6, 9))
    assert treaty_basis(None, actors.state, actors.other_state, "financing", D(2024, 1, 1)).codes == ["financing-1999"]
    assert treaty_basis(None, actors.state, actors.other_state, "hostage-taking", D(2024, 1, 1)).codes == []
    assert treaty_basis(None, actors.state, third_state, "hostage-taking", D(2024, 1, 1)).codes == ["hostages-1979"]
    assert treaty_basis(None, actors.state, third_state, "financing", D(2024, 1, 1)).codes == []
    # An instrument only one State joined is reported as missing, saying who is party.
    missing = treaty_basis(None, actors.state, third_state, "financing", D(2024, 1, 1)).missing
    assert [(i.code, first, second) for i, first, second in missing] == [("financing-1999", True, False)]


def test_a_state_not_yet_party_on_the_chosen_date(actors):
    join(actors.state, "financing-1999", D(2003, 6, 1))
    join(actors.other_state, "financing-1999", D(2010, 11, 10))
    assert treaty_basis(None, actors.state, actors.other_state, "financing", D(2008, 1, 1)).codes == []
    assert treaty_basis(None, actors.state, actors.other_state, "financing", D(2010, 11, 10)).codes == [
        "financing-1999"
    ]


def test_a_denunciation_ends_the_basis_when_it_takes_effect(actors):
    from ctassist.treaties import services as treaty_services
    from ctassist.treaties.models import Instrument

    join(actors.state, "hague-1970", D(1977, 1, 11))
    join(actors.other_state, "hague-1970", D(1978, 3, 28))
    treaty_services.record_action(
        acting_user=None, state=actors.other_state, instrument=Instrument.objects.get(code="hague-1970"),
        kind="denunciation", date=D(2020, 1, 1), effective_date=D(2020, 7, 1),
    )  # fmt: skip
    assert treaty_basis(None, actors.state, actors.other_state, "aircraft-seizure", D(2020, 3, 1)).codes == [
        "hague-1970"
    ]
    assert treaty_basis(None, actors.state, actors.other_state, "aircraft-seizure", D(2021, 1, 1)).codes == []


def test_a_reservation_to_the_cooperation_article_is_shown_on_that_article(both_in_bombings):
    a = both_in_bombings
    reserve(a.other_state, "bombings-1997", D(2003, 6, 10),
            "Peru does not consider itself bound by article 10, paragraph 1 (test text).")  # fmt: skip
    reserve(a.state, "bombings-1997", D(2005, 3, 1), "Kenya is not bound by article 20, paragraph 1 (test text).")
    basis = treaty_basis(None, a.state, a.other_state, "bombing", D(2024, 1, 1))
    by_article = {r.article.article: r.reservations for r in basis.instruments[0].articles}
    assert [r.state.iso3 for r in by_article["10"]] == ["PER"]
    assert by_article["9"] == [] and by_article["8"] == []
    # The dispute-settlement reservation names no cooperation article: it is listed apart.
    assert [r.state.iso3 for r in basis.instruments[0].other_reservations] == ["KEN"]


def test_a_reservation_made_after_the_date_or_withdrawn_does_not_apply(both_in_bombings):
    a = both_in_bombings
    reserve(a.other_state, "bombings-1997", D(2015, 1, 1), "Reservation to article 9 (test text).")
    reserve(a.other_state, "bombings-1997", D(2019, 1, 1), "Withdraws the reservation to article 9 (test text).",
            kind="reservation-withdrawn")  # fmt: skip

    def on(day):
        basis = treaty_basis(None, a.state, a.other_state, "bombing", day)
        return {r.article.article: len(r.reservations) for r in basis.instruments[0].articles}["9"]

    assert on(D(2014, 1, 1)) == 0
    assert on(D(2016, 1, 1)) == 1
    assert on(D(2020, 1, 1)) == 0


def test_cited_articles_reads_the_usual_wordings():
    assert cited_articles("not bound by article 10, paragraph 1") == {"10"}
    assert cited_articles("articles 7 and 8 of the Convention") == {"7", "8"}
    assert cited_articles("l'article 3 bis") == {"3bis"}
    assert cited_articles("no article named") == set()
