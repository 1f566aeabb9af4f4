"""Read-only computations on States and regions, for the areas that compose them (reporting)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ctassist.geo.models import State


def states_by_id(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """id, name, ISO3 code and regional group of these States, by id in name order (one query).

    States are public reference data: no policy narrows them.
    """
    return {
        s["id"]: s
        for s in State.objects.filter(pk__in=list(ids)).values("id", "name", "iso3", "regional_group").order_by("name")
    }


def state_summary(state: State) -> dict[str, Any]:
    """The heading of a State's profile: names, ISO3 code, regional group and M49 region."""
    return {
        "name": state.display_name,  # in the active language (``geo.translated``)
        "official_name": state.official_name,
        "iso3": state.iso3,
        "regional_group": state.get_regional_group_display(),
        "region": f"{state.m49_subregion}, {state.m49_region}",
    }
