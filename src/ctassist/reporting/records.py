"""The records behind a figure: for each model a figure may count, how to list its rows.

A figure stores the model and ids of the records it counted; this page lists exactly those rows,
through the policy of the model's own area (a user never sees rows beyond their own view).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Listing:
    headers: tuple[Any, ...]
    related: tuple[str, ...]
    order: tuple[str, ...]
    row: Callable[[Any], list[Any]]
    link: Callable[[Any], str]


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


LISTINGS: dict[str, Listing] = {
    "assistance.activity": Listing(
        (_("Starts"), _("Activity"), _("Type"), _("Status")),
        (),
        ("start_date", "id"),
        lambda a: [_day(a.start_date), a.title, a.get_type_display(), a.get_status_display()],
        lambda a: _url("assistance:activity_detail", a.pk),
    ),
    "assistance.participantcount": Listing(
        (_("Activity"), _("State"), _("Sex"), _("Agency"), _("Participants")),
        ("activity", "state"),
        ("activity__start_date", "activity_id", "id"),
        lambda c: [c.activity.title, c.state.name, c.get_sex_display(), c.get_agency_display(), c.count],
        lambda c: _url("assistance:activity_detail", c.activity_id),
    ),
    "geo.state": Listing(
        (_("State"), _("Regional group"), _("Region")),
        (),
        ("name",),
        lambda s: [s.name, s.get_regional_group_display(), s.m49_region],
        lambda s: _url("reporting:profile", s.iso3),
    ),
    "treaties.participation": Listing(
        (_("Instrument"), _("State"), _("Consent"), _("Date")),
        ("instrument", "state"),
        ("instrument__position", "consent_date", "state__name"),
        lambda p: [p.instrument.short_name, p.state.name, p.get_consent_kind_display(), _day(p.consent_date)],
        lambda p: _url("treaties:instrument_detail", p.instrument.code),
    ),
    "library.publication": Listing(
        (_("Publication"), _("Kind"), _("Year")),
        (),
        ("-year", "title"),
        lambda p: [p.title, p.get_kind_display(), p.year],
        lambda p: _url("library:publication_detail", p.pk),
    ),
    "library.legislativereview": Listing(
        (_("Review"), _("State"), _("Finalised on")),
        ("state",),
        ("finalised_on", "id"),
        lambda r: [r.title, r.state.name, _day(r.finalised_on)],
        lambda r: _url("library:review_detail", r.pk),
    ),
    "funding.contribution": Listing(
        (_("Donor"), _("Kind"), _("Received on"), _("USD"), _("In kind (USD)")),
        ("donor__organisation",),
        ("donor__organisation__name", "received_on", "id"),
        lambda c: [
            c.donor.organisation.name,
            c.get_kind_display(),
            _day(c.received_on),
            c.usd_amount if c.usd_amount is not None else "",
            c.in_kind_value_usd if c.in_kind_value_usd is not None else "",
        ],
        lambda c: _url("funding:contribution_detail", c.pk),
    ),
}


def records_for(user: Any, figure: dict[str, Any]):
    """The queryset of the records behind ``figure`` that ``user`` may see, and how to list them."""
    listing = LISTINGS[figure["model"]]
    model = apps.get_model(figure["model"])
    queryset = model._default_manager.restrict(user, "view").filter(pk__in=figure["ids"]).order_by(*listing.order)
    if listing.related:
        queryset = queryset.select_related(*listing.related)
    return listing, queryset
