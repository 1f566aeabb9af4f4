from ctassist.library.search import search
from ctassist.library.tests.factories import law


def test_smoke(actors):
    law(actors.state)
    r = search("funds", user=actors.user("anonymous"))
    assert r.error == ""
    assert r.total == 1, r
    assert "<mark>" in r.hits[0].snippet
    assert r.facets["state"][0].value == "KEN"
