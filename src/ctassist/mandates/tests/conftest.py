import pytest

from ctassist.core.testing import require_shared
from ctassist.mandates.tests.factories import CORPUS, ingest_corpus


@pytest.fixture
def corpus(db):
    """The five real resolutions of the shared corpus, ingested (see ``core.testing.require_shared``)."""
    require_shared(CORPUS)
    return ingest_corpus()
