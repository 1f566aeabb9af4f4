"""The States reference data and resolving their names."""

import pytest
from django.core.exceptions import PermissionDenied

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.geo.events import GeoEvent
from ctassist.geo.models import State, StateAlias
from ctassist.geo.names import normalize, resolve, strip_footnote_markers
from ctassist.geo.services import add_alias, load_states

pytestmark = pytest.mark.django_db


def test_193_members_and_2_observers_with_codes():
    assert State.objects.filter(membership="member").count() == 193
    assert set(State.objects.filter(membership="observer").values_list("iso3", flat=True)) == {"VAT", "PSE"}
    kenya = State.objects.get(iso3="KEN")
    assert (kenya.iso2, kenya.m49, kenya.m49_region, kenya.regional_group) == ("KE", "404", "Africa", "african")
    assert State.objects.get(iso3="AFG").ldc and State.objects.get(iso3="FJI").sids
    assert all(s.source for s in State.objects.all())


def test_regional_groups_add_up():
    counts = {
        g: State.objects.filter(regional_group=g).count()
        for g in ["african", "asia-pacific", "eastern-european", "grulac", "weog", "none"]
    }
    assert counts == {"african": 54, "asia-pacific": 55, "eastern-european": 23, "grulac": 33, "weog": 29, "none": 1}
    assert "Asia-Pacific" in State.objects.get(iso3="TUR").regional_group_note


def test_loading_again_changes_nothing():
    counts = load_states(acting_user=None)
    assert counts["created"] == 0 and counts["updated"] == 0 and counts["unchanged"] == 195


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Bolivia", "BOL"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United Kingdom", "GBR"),
        ("United States of America", "USA"),
        ("Russian Federation", "RUS"),
        ("Viet Nam", "VNM"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Netherlands", "NLD"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Czech Republic", "CZE"),
        ("Albania 2", "ALB"),
        ("Bahrain3,4", "BHR"),
        ("Belgium⁵", "BEL"),
        ("  GAMBIA  ", "GMB"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("KEN", "KEN"),
        ("Republic of Kenya", "KEN"),
    ],
)
def test_resolve_any_name_documents_use(name, iso3):
    assert resolve(name).iso3 == iso3


@pytest.mark.parametrize("name", ["Cook Islands", "European Union", "", "   ", "Atlantis"])
def test_unknown_names_resolve_to_none(name):
    assert resolve(name) is None


def test_normalisation():
    assert normalize("The Bahamas") == normalize("Bahamas")
    assert strip_footnote_markers("Chile 12,14*") == "Chile"


def test_loading_again_writes_no_change_log():
    logged = ChangeLogEntry.objects.count()
    load_states(acting_user=None)
    assert ChangeLogEntry.objects.count() == logged


def test_a_new_name_variant_is_logged_announced_and_resolved(actors):
    with pytest.raises(PermissionDenied):
        add_alias(acting_user=actors.focal_point, state=actors.state, name="Jamhuri ya Kenya (test)")
    assert resolve("Jamhuri ya Kenya (test)") is None
    alias = add_alias(acting_user=actors.officer, state=actors.state, name="Jamhuri ya Kenya (test)")
    assert resolve("Jamhuri ya Kenya (test)") == actors.state
    assert ChangeLogEntry.objects.filter(object_id=str(alias.pk), action="create", object_repr=alias.name).exists()
    event = DomainEvent.objects.get(type=GeoEvent.ALIAS_ADDED)
    assert event.user == actors.officer and event.data == {"state": "KEN"}
    assert StateAlias.objects.filter(normalized=alias.normalized).count() == 1
