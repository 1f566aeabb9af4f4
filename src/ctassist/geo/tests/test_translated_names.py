import pytest
from django.utils import translation

from ctassist.geo.models import State
from ctassist.geo.translated import M49, name_source, state_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Kenya"), ("fr", "Kenya"), ("es", "Kenia"), ("ar", "كينيا"), ("zh-hans", "肯尼亚"), ("ru", "Кения")],
)
def test_a_state_is_named_in_the_active_language(language, expected):
    kenya = State.objects.get(iso3="KEN")
    with translation.override(language):
        assert str(kenya) == expected


def test_english_keeps_the_m49_name_and_says_so():
    assert state_name("Bolivia (Plurinational State of)", "BO", "en") == "Bolivia (Plurinational State of)"
    assert name_source("BO", "en") == M49
    assert name_source("BO", "ru").startswith("Unicode CLDR via Babel")


def test_an_unknown_code_falls_back_to_the_m49_name():
    assert state_name("Nowhere", "XX", "ar") == "Nowhere"
    assert name_source("XX", "ar") == M49
