"""Mandate paragraphs are found through the library's one search box, and stay current on re-ingest."""

import pytest
from django.urls import reverse

from ctassist.core.search import registry
from ctassist.core.testing import require_shared
from ctassist.mandates.tests.factories import CORPUS, ingest_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _corpus_present():
    require_shared(CORPUS)


def test_paragraphs_are_searchable_with_their_themes(client):
    ingest_path(CORPUS / "A_RES_74_175.txt")
    response = client.get(reverse("library:search"), {"q": "biometric"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "A/RES/74/175" in body and "#op9" in body
    api = client.get("/api/library/search/", {"q": "biometric", "type": "mandate"}).json()
    assert api["total"] >= 1 and all(hit["type"] == "mandate" for hit in api["hits"])


def test_reingesting_replaces_the_documents(actors):
    first = ingest_path(CORPUS / "A_RES_74_175.txt").resolution
    count = registry.store().model.objects.filter(doc_type="mandate").count()
    assert count == first.paragraphs.count()
    ingest_path(CORPUS / "A_RES_74_175.txt")
    assert registry.store().model.objects.filter(doc_type="mandate").count() == count
