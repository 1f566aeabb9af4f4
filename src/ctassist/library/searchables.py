"""The library's part of search: the document store, its searchable types, and facet labels.

The library owns the table search documents are written to (``SearchDocument``,
whose full-text structures migration 0002 creates); the engine is in ``core.search``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from ctassist.core.search import registry
from ctassist.geo.choices import RegionalGroup
from ctassist.library.choices import Language, LegislationKind, LegislationStatus, Outcome, PublicationKind
from ctassist.library.models import CaseLaw, Provision, Publication, SearchDocument
from ctassist.treaties.models import Instrument

# Names of the full-text structures over ``library_searchdocument`` (migration 0002).
FULLTEXT_PREFIX = "library_search"


def instrument_codes(item) -> list[str]:
    """Instrument codes of an item, read once per instance (provisions share their law's)."""
    cached = getattr(item, "_instrument_codes", None)
    if cached is None:
        cached = [i.code for i in item.instruments.all()]
        item._instrument_codes = cached
    return cached


def build_provision(provision: Provision) -> registry.DocumentData:
    law = provision.legislation
    reference = provision.label + (f" – {provision.heading}" if provision.heading else "")
    return registry.DocumentData(
        title=law.title,
        reference=reference,
        body=provision.text,
        url=provision.get_absolute_url(),
        language=law.language,
        state=law.state,
        kind=law.kind,
        date=law.adopted_on or law.in_force_on,
        themes=law.themes,
        instruments=instrument_codes(law),
        is_public=law.status == LegislationStatus.PUBLISHED,
        owner_state_id=law.state_id,
        is_demo=law.is_demo,
    )


def build_case(case: CaseLaw) -> registry.DocumentData:
    return registry.DocumentData(
        title=case.title,
        reference=" ".join(p for p in (case.court, case.case_number) if p),
        body="\n".join(p for p in (case.summary, case.offences) if p),
        url=case.get_absolute_url(),
        language=case.language,
        state=case.state,
        kind=case.outcome,
        date=case.decided_on,
        themes=case.themes,
        instruments=instrument_codes(case),
        is_demo=case.is_demo,
    )


def build_publication(publication: Publication) -> registry.DocumentData:
    return registry.DocumentData(
        title=publication.title,
        reference=f"{publication.get_kind_display()}, {publication.year}",
        body="\n".join(p for p in (publication.summary, publication.text) if p),
        url=publication.get_absolute_url(),
        language=publication.language,
        kind=publication.kind,
        date=datetime.date(publication.year, 1, 1),
        year=publication.year,
        themes=publication.themes,
        instruments=instrument_codes(publication),
        is_demo=publication.is_demo,
    )


def _instrument_labels() -> dict[str, str]:
    return dict(Instrument.objects.values_list("code", "short_name"))


def _regional_group_labels() -> dict[str, Any]:  # lazy labels
    return dict(RegionalGroup.choices)


def register_all() -> None:
    registry.set_store(SearchDocument, prefix=FULLTEXT_PREFIX)
    registry.register_labels("instrument", _instrument_labels)
    registry.register_labels("regional_group", _regional_group_labels)
    registry.register_labels("language", lambda: dict(Language.choices))
    registry.register(
        registry.SearchableType(
            "provision",
            _("Legislation"),
            Provision,
            build_provision,
            order=10,
            kind_labels=dict(LegislationKind.choices),
        )
    )
    registry.register(
        registry.SearchableType("case", _("Case law"), CaseLaw, build_case, order=20, kind_labels=dict(Outcome.choices))
    )
    registry.register(
        registry.SearchableType(
            "publication",
            _("Publications"),
            Publication,
            build_publication,
            order=30,
            kind_labels=dict(PublicationKind.choices),
        )
    )
