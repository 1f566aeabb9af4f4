"""API: resolutions, paragraphs (filters), lineage; public reads, fixed query counts."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_resolutions_list_and_detail(api, corpus):
    data = api.get("/api/resolutions/").json()
    assert [r["symbol"] for r in data["results"]] == [
        "A/RES/68/187",
        "E/RES/2015/22",
        "A/RES/70/177",
        "A/RES/72/194",
        "A/RES/74/175",
    ]
    detail = api.get("/api/resolutions/A/RES/74/175/").json()
    assert detail["adopted_on"] == "2019-12-18" and detail["is_demo"] is False
    ops = [p for p in detail["paragraphs"] if p["kind"] == "operative"]
    assert [p["number"] for p in ops] == list(range(1, 31))
    op9 = ops[8]
    assert any(t["code"] == "biometrics" and t["triggers"] for t in op9["themes"])
    assert {a["code"] for a in op9["addressees"]} == {"unodc"}
    assert {"symbol": "A/RES/72/194", "cited": "A/RES/72/194"} in detail["citations"]
    assert api.get("/api/resolutions/A/RES/1/1/").status_code == 404


def test_paragraphs_filter(api, corpus):
    data = api.get("/api/paragraphs/", {"theme": "cbrn", "kind": "operative"}).json()
    assert [(p["resolution"], p["number"]) for p in data["results"]] == [("A/RES/74/175", 20)]
    data = api.get("/api/paragraphs/", {"addressee": "secretary-general", "resolution": "A/RES/72/194"}).json()
    assert {p["number"] for p in data["results"]} >= {19}
    data = api.get("/api/paragraphs/", {"verb": "urges", "resolution": "A/RES/74/175"}).json()
    assert {p["number"] for p in data["results"]} == {1, 27}


def test_lineage(api, corpus):
    data = api.get("/api/lineage/", {"old": "A/RES/72/194", "new": "A/RES/74/175"}).json()
    assert data["counts"]["new"] == 19 and data["counts"]["moved"] == 1
    op30 = next(
        p for p in data["paragraphs"] if p["new"] and p["new"]["kind"] == "operative" and p["new"]["number"] == 30
    )
    assert (op30["status"], op30["old"]["number"], op30["inserted"], op30["deleted"]) == (
        "modified",
        19,
        ["seventy-fifth"],
        ["seventy-third"],
    )
    draft = api.get("/api/lineage/", {"old": "E/RES/2015/22", "new": "A/RES/70/177"}).json()
    assert draft["old_uses_draft"] and draft["counts"]["unchanged"] == 34
    assert api.get("/api/lineage/", {"old": "A/RES/72/194"}).status_code == 400
    assert api.get("/api/lineage/", {"old": "A/RES/72/194", "new": "A/RES/1/1"}).status_code == 404


def test_writes_are_refused(api, corpus, actors):
    assert api.post("/api/resolutions/", {"symbol": "A/RES/1/1"}).status_code in (401, 403, 405)
    api.force_authenticate(actors.officer)
    assert api.delete("/api/resolutions/A/RES/74/175/").status_code == 405


def test_query_counts(api, corpus, django_assert_max_num_queries):
    for params in ({"resolution": "A/RES/68/187"}, {}):
        with django_assert_max_num_queries(7):  # +1 fixed: the instruments each paragraph names
            api.get("/api/paragraphs/", params)
    for symbol in ("A/RES/68/187", "A/RES/74/175"):
        with django_assert_max_num_queries(10):  # +2 fixed: instruments per paragraph and per resolution
            api.get(f"/api/resolutions/{symbol}/")
    with django_assert_max_num_queries(4):
        api.get("/api/resolutions/")
    with django_assert_max_num_queries(8):
        api.get("/api/lineage/", {"old": "A/RES/72/194", "new": "A/RES/74/175"})
