"""Fixtures for the whole suite.

The test database gets the shipped reference data (States, instruments) once
per session; each test runs in a transaction that is rolled back.
"""

import pytest

from ctassist.accounts.testing import make_actors


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from ctassist.geo.services import load_states
    from ctassist.treaties.services import load_instruments

    with django_db_blocker.unblock():
        load_states(acting_user=None)
        load_instruments(acting_user=None)


@pytest.fixture(scope="session", autouse=True)
def _catalogues():
    """Pages are tested in every language: compile the catalogues that lag behind their source."""
    from ctassist.core.catalogues import compile_all

    compile_all()


@pytest.fixture
def actors(db):
    """A State (Kenya), another State (Peru) and one user per role."""
    return make_actors()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
