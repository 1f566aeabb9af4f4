import pytest

from ctassist.mandates.tests.factories import CORPUS, ingest_corpus


@pytest.fixture
def corpus(db):
    """The five real resolutions of the shared corpus, ingested (skips where the corpus is absent)."""
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present beside the repository")
    return ingest_corpus()
