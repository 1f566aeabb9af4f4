import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctassist.core.search import search
from ctassist.library import queries, services
from ctassist.library.choices import Incorporation
from ctassist.library.tests.factories import law
from ctassist.treaties.models import Instrument


def test_ranking_facets_and_filters(actors):
    law(
        actors.state,
        title="Demonstration Terrorist Financing Act",
        provisions=[("Section 2", "Financing", "Financing of terrorism: funds for terrorism financing.")],
    )
    law(
        actors.other_state,
        title="Demonstration Aviation Act",
        kind="transport",
        language="fr",
        themes=("border-management",),
        instruments=("hague-1970",),
        provisions=[("Article 1", "", "Seizure of aircraft. Financing is mentioned once.")],
    )
    anyone = actors.user("anonymous")
    r = search("financing", user=anyone)
    assert r.total == 2
    assert r.hits[0].state_iso3 == "KEN"  # more and title matches rank first
    assert r.hits[0].score >= r.hits[1].score
    assert {f.value: f.count for f in r.facets["state"]} == {"KEN": 1, "PER": 1}
    assert {f.value for f in r.facets["theme"]} == {"terrorism-financing", "border-management"}
    assert {f.value: f.count for f in r.facets["instrument"]} == {"financing-1999": 1, "hague-1970": 1}
    assert search("financing", {"state": ["PER"]}, user=anyone).hits[0].state_iso3 == "PER"
    assert search("financing", {"theme": "border-management"}, user=anyone).total == 1
    assert search("financing", {"language": "fr", "kind": "transport"}, user=anyone).total == 1
    assert search("financing -aircraft", user=anyone).total == 1
    assert search('"seizure of aircraft" OR nothingatall', user=anyone).total == 1
    assert search("financ*", user=anyone).total == 2
    assert search("", {"state": "KEN"}, sort="date", user=anyone).total == 1
    paged = search("financing", page=2, page_size=1, user=anyone)
    assert paged.pages == 2 and len(paged.hits) == 1 and paged.has_previous


def test_index_follows_changes_and_visibility(actors):
    proposed = law(actors.state, acting_user=actors.focal_point, provisions=[("Section 1", "", "Zebrafish provision.")])
    assert search("zebrafish", user=actors.user("anonymous")).total == 0
    assert search("zebrafish", user=actors.other_focal_point).total == 0
    assert search("zebrafish", user=actors.focal_point).total == 1
    assert search("zebrafish", user=actors.officer).total == 1
    services.publish_legislation(acting_user=actors.officer, legislation=proposed)
    assert search("zebrafish", user=actors.user("anonymous")).total == 1
    provision = proposed.provisions.get()
    services.update_provision(acting_user=actors.officer, provision=provision, text="Okapi provision.")
    assert search("zebrafish", user=actors.officer).total == 0
    assert search("okapi", user=actors.officer).total == 1
    services.delete_legislation(acting_user=actors.officer, legislation=proposed)
    assert search("okapi", user=actors.officer).total == 0


def test_chinese_and_other_languages_stay_findable(actors):
    law(actors.state, language="zh", provisions=[("第一条", "", "资助恐怖主义的行为构成犯罪。")])
    law(actors.state, language="ru", provisions=[("Статья 5", "", "Финансирование терроризма наказывается.")])
    assert search("恐怖主义", user=None).total == 1
    assert search("финансирование", user=None).total == 1


def test_focal_point_cannot_propose_for_another_state(actors):
    with pytest.raises(PermissionDenied):
        law(actors.other_state, acting_user=actors.focal_point)
    with pytest.raises(PermissionDenied):
        services.publish_legislation(
            acting_user=actors.focal_point, legislation=law(actors.state, acting_user=actors.focal_point)
        )


def test_review_through_to_gap_report_and_comparison(actors):
    from ctassist.treaties import services as treaty_services

    financing = Instrument.objects.get(code="financing-1999")
    treaty_services.record_action(
        acting_user=None,
        state=actors.state,
        instrument=financing,
        kind="ratification",
        date=__import__("datetime").date(2003, 1, 1),
    )
    statute = law(actors.state)
    review = services.start_review(acting_user=actors.officer, state=actors.state, instruments=[financing])
    items = list(review.items.all())
    assert len(items) == 21 and items[0].article == "Art. 2(1)(a)"
    with pytest.raises(ValidationError):
        services.assess_item(
            acting_user=actors.officer, item=items[0], status=Incorporation.FULLY
        )  # no provision cited
    with pytest.raises(PermissionDenied):
        services.assess_item(acting_user=actors.focal_point, item=items[0], status=Incorporation.NOT)
    section5 = statute.provisions.get(label="Section 5")
    services.assess_item(acting_user=actors.officer, item=items[0], status=Incorporation.FULLY, provisions=[section5])
    services.assess_item(
        acting_user=actors.officer,
        item=items[1],
        status=Incorporation.PARTLY,
        provisions=[section5],
        comment="Purpose element narrower.",
    )
    with pytest.raises(ValidationError):
        services.finalise_review(acting_user=actors.officer, review=review)  # items unassessed
    for item in items[2:]:
        services.assess_item(acting_user=actors.officer, item=item, status=Incorporation.NOT)
    services.finalise_review(acting_user=actors.officer, review=review)
    with pytest.raises(ValidationError):
        services.assess_item(acting_user=actors.officer, item=items[0], status=Incorporation.NOT)
    report = queries.gap_report(review)
    assert report[0].counts == {"fully": 1, "partly": 1, "not": 19}
    assert len(report[0].gaps) == 20
    comparison = queries.compare(actors.officer, financing, items[0].item_key)
    assert comparison.parties_reviewed == 1 and comparison.parties_incorporating == 1
    assert queries.compare(actors.partner, financing, items[0].item_key).rows == []


@pytest.mark.parametrize("role,status", [("anonymous", 200), ("partner", 200), ("officer", 200)])
def test_search_page_and_api(client, actors, role, status):
    law(actors.state)
    if role != "anonymous":
        client.force_login(actors.user(role))
    assert client.get("/library/", {"q": "funds"}).status_code == status
    assert client.get("/library/", {"q": '"broken'}).status_code == 200
    response = client.get("/api/library/search/", {"q": "funds", "state": "KEN"})
    assert response.status_code == 200 and response.json()["total"] == 1
    bad = client.get("/api/library/search/", {"q": "terrorism OR"})
    assert bad.status_code == 400 and "OR" in bad.json()["error"]


@pytest.mark.parametrize(
    "role,expected",
    [("anonymous", 302), ("partner", 403), ("other_focal_point", 404), ("focal_point", 200), ("officer", 200)],
)
def test_review_page_per_role(client, actors, role, expected):
    review = services.start_review(
        acting_user=None, state=actors.state, instruments=[Instrument.objects.get(code="hague-1970")]
    )
    if role != "anonymous":
        client.force_login(actors.user(role))
    assert client.get(f"/library/reviews/{review.pk}/").status_code == expected


def test_upload_preview_then_save(client, actors):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctassist.library.models import Legislation

    client.force_login(actors.focal_point)
    data = {
        "state": actors.state.pk,
        "title": "Demonstration Upload Act",
        "kind": "counter-terrorism",
        "language": "en",
    }
    upload = SimpleUploadedFile("law.txt", b"Section 1 Title\nText one.\nSection 2 Other\nText two.")
    preview = client.post("/library/legislation/upload/", {**data, "file": upload})
    assert preview.status_code == 200 and len(preview.context["preview"]) == 2
    assert not Legislation.objects.exists()
    bad = client.post("/library/legislation/upload/", {**data, "file": SimpleUploadedFile("x.txt", b"\x00\x01" * 50)})
    assert bad.status_code == 400 and not Legislation.objects.exists()
    saved = client.post(
        "/library/legislation/upload/", {**data, "text": preview.context["form"].data["text"], "confirm": "1"}
    )
    assert saved.status_code == 302
    law_ = Legislation.objects.get()
    assert law_.status == "proposed" and law_.provisions.count() == 2
