"""The library's own searchable types: legislation provisions, case law, publications."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from ctassist.library.choices import LegislationKind, LegislationStatus, Outcome, PublicationKind
from ctassist.library.models import CaseLaw, Provision, Publication
from ctassist.library.search import registry


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


def register_all() -> None:
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
