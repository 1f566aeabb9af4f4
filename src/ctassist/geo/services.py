"""Loading and changing the States reference data."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.db import transaction

from ctassist.core import audit
from ctassist.core import services as core
from ctassist.geo.choices import Membership, RegionalGroup
from ctassist.geo.events import GeoEvent
from ctassist.geo.models import State, StateAlias
from ctassist.geo.names import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE = (
    "UN Statistics Division M49 table; UN regional groups (2019); official names from mledoze/countries "
    "(ODbL) — see geo/data/SOURCES.md"
)
_GROUPS = {str(label): value for value, label in RegionalGroup.choices}
_GROUPS.update(
    {
        "African Group": "african",
        "Asia-Pacific Group": "asia-pacific",
        "Eastern European Group": "eastern-european",
        "Latin American and Caribbean Group": "grulac",
        "Western European and Others Group": "weog",
        "": "none",
    }
)


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _state_fields(row: dict[str, str], membership: str) -> dict[str, Any]:
    group_text = row["un_regional_group"]
    note = row.get("regional_group_note", "")
    if ";" in group_text:
        # Türkiye: WEOG for elections, attends Asia-Pacific meetings (see SOURCES.md).
        group_text = row.get("un_regional_group_mledoze") or group_text.split(";")[-1].strip()
        note = "Sits in the Western European and Others Group for elections; attends Asia-Pacific Group meetings"
    return {
        "name": row["m49_country_or_area"],
        "official_name": row["name_official_mledoze"],
        "iso2": row["iso_alpha2"],
        "m49": row["m49_code"].zfill(3),
        "m49_region": row["m49_region"],
        "m49_subregion": row["m49_subregion"],
        "m49_intermediate_region": row["m49_intermediate_region"],
        "regional_group": _GROUPS[group_text],
        "regional_group_note": note,
        "membership": membership,
        "ldc": row["ldc"] == "1",
        "lldc": row["lldc"] == "1",
        "sids": row["sids"] == "1",
        "source": SOURCE,
    }


@transaction.atomic
def load_states(*, acting_user: Any = None) -> dict[str, int]:
    """Create or update the 195 States and their name variants from the shipped tables.

    Each row is logged; the command that loads the reference data announces the load as one event.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0, "aliases": 0}
    rows = [(r, Membership.MEMBER) for r in _read("member_states.csv")]
    rows += [(r, Membership.OBSERVER) for r in _read("observer_states.csv")]
    existing = {s.iso3: s for s in State.objects.all()}
    for row, membership in rows:
        fields = _state_fields(row, membership)
        state = existing.get(row["iso_alpha3"])
        if state is None:
            core.save(State(iso3=row["iso_alpha3"], **fields), acting_user=acting_user)
            counts["created"] += 1
            continue
        before = audit.snapshot(state)
        for name, value in fields.items():
            setattr(state, name, value)
        changed = core.save(state, acting_user=acting_user, before=before)
        counts["updated" if changed else "unchanged"] += 1
    by_iso3 = {s.iso3: s for s in State.objects.all()}
    known = set(StateAlias.objects.values_list("normalized", flat=True))
    for row in _read("name_variants.csv"):
        key = normalize(row["name"])
        if key in known:
            continue
        core.save(StateAlias(state=by_iso3[row["iso3"]], name=row["name"], normalized=key), acting_user=acting_user)
        known.add(key)
        counts["aliases"] += 1
    return counts


@transaction.atomic
def add_alias(*, acting_user: Any, state: State, name: str) -> StateAlias:
    """Teach the system another name for a State (for example one met in an import)."""
    alias = StateAlias(state=state, name=name.strip(), normalized=normalize(name))
    core.save(alias, acting_user=acting_user, event=GeoEvent.ALIAS_ADDED, details={"state": state.iso3})
    return alias
