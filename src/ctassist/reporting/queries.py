"""The reporting area's read-only computations: dashboards and country profiles.

Reporting owns no records of the areas it reports on. Each figure comes from the read API of
the area that owns the rows (``<area>.queries``), which applies that area's policy and rules
(what counts as delivered, received, a gap, a party); this module only arranges the results.
The Secretary-General's report composes the same functions (``reporting.builder``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps

from ctassist.assistance import queries as assistance
from ctassist.assistance.choices import RequestStatus, Sex
from ctassist.directory import queries as directory
from ctassist.geo import queries as geo
from ctassist.library import queries as library
from ctassist.needs import queries as needs
from ctassist.treaties import queries as treaties
from ctassist.treaties.choices import Status

if TYPE_CHECKING:
    from ctassist.geo.models import State

try:
    from ctassist.funding import queries as funding
except ImportError:  # the funding area is optional: without it the report and dashboards say so
    funding = None  # type: ignore[assignment]


def funding_available() -> bool:
    """Whether the funding area is installed (its figures are left out otherwise)."""
    return funding is not None and apps.is_installed("ctassist.funding")


# -- dashboards ----------------------------------------------------------------------------------


def ratifications_by_year(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    by_year = treaties.consents_by_year(user)
    if not by_year:
        return [], {}
    years = list(range(min(by_year), max(by_year) + 1))
    empty = {"ratification": 0, "accession": 0}
    return [str(y) for y in years], {
        "Ratifications (incl. acceptance, approval, succession)": [
            by_year.get(y, empty)["ratification"] for y in years
        ],
        "Accessions": [by_year.get(y, empty)["accession"] for y in years],
    }


def activities_by_theme_and_region(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    """Delivered activities per theme (rows) and M49 region of the States concerned (series)."""
    return assistance.delivered_by_theme_and_region(user)


def participants_by_sex(user: Any) -> tuple[list[str], dict[str, list[int]]]:
    by_year = assistance.trained_by_year_and_sex(user)
    years = list(by_year)
    return [str(y) for y in years], {
        "Women": [by_year[y].get(Sex.WOMEN, 0) for y in years],
        "Men": [by_year[y].get(Sex.MEN, 0) for y in years],
        "Not recorded": [by_year[y].get(Sex.NOT_RECORDED, 0) for y in years],
    }


def contributions_by_donor(user: Any) -> tuple[list[str], dict[str, list[float]]] | None:
    if not funding_available():
        return None
    rows = funding.received_by_donor(user)
    return [r["donor"] for r in rows], {
        "Financial (USD)": [float(r["usd"] or 0) for r in rows],
        "In kind, valued (USD)": [float(r["in_kind_usd"] or 0) for r in rows],
    }


# -- country profiles ----------------------------------------------------------------------------


def country_profile(user: Any, state: State) -> dict[str, Any]:
    """Everything a country profile shows, each part through its own area's read API (fixed queries)."""
    instruments = treaties.state_instruments(user, state)
    library_records = library.state_library(user, state)
    assisted = assistance.state_assistance(user, state)
    authorities = directory.state_authorities(user, state)
    demo = (
        any(i["is_demo"] for i in instruments)
        or library_records["demo"]
        or assisted["demo"]
        or any(a["is_demo"] for a in authorities or [])
    )
    return {
        "demo": demo,
        "state": geo.state_summary(state),
        "instruments": instruments,
        "parties": sum(1 for i in instruments if i["status_code"] == Status.PARTY),
        "reviews": library_records["reviews"],
        "gaps": library_records["gaps"],
        "requests": {
            **assisted["requests"],
            # (label in the active language, count), in the workflow's order.
            "by_status_shown": [
                (str(label), assisted["requests"]["by_status"][code])
                for code, label in RequestStatus.choices
                if code in assisted["requests"]["by_status"]
            ],
        },
        "activities": assisted["activities"],
        "trained": assisted["trained"],
        "legislation": library_records["legislation"],
        "cases": library_records["cases"],
        "authorities": authorities,
        # The State's identified needs, to those who may see them.
        "needs": needs.state_needs(user, state),
    }


# -- the report's own records ----------------------------------------------------------------------


def primary_sections(user: Any) -> dict[int, str]:
    """The primary sections officers set, by activity id (one query; UNODC only sees them)."""
    from ctassist.reporting.models import PrimarySection  # this area's model; the module loads before models

    return dict(PrimarySection.objects.restrict(user, "view").values_list("activity_id", "section"))
