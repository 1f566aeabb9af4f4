"""The sources of an instrument's facts, for its page: ``{% load treaty_facts %}{% fact_sources instrument as cited %}``.

``cited.adoption``, ``cited.entry_into_force``, ``cited.depositary``, ``cited.parties`` (None while
the count is unverified), ``cited.signature_period`` (the article of the final clauses, linked to the
depositary's page) and ``cited.status`` (the depositary's status page: where to check a count).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import template

from ctassist.treaties.models import Instrument
from ctassist.treaties.periods import signature_period
from ctassist.treaties.sources import Source, sources_for

register = template.Library()


@dataclass(frozen=True)
class Cited:
    status: Source | None
    adoption: Source | None
    entry_into_force: Source | None
    depositary: Source | None
    parties: Source | None
    signature_period: Source | None
    parties_as_at: datetime.date | None


@register.simple_tag
def fact_sources(instrument: Instrument) -> Cited:
    found = sources_for(instrument.code)
    status = found.get("status")
    period = signature_period(instrument)
    as_at = None
    if instrument.parties_reported and instrument.parties_as_of:
        try:
            as_at = datetime.date.fromisoformat(instrument.parties_as_of)
        except ValueError:
            as_at = None
    return Cited(
        status=status,
        adoption=found.get("adoption"),
        entry_into_force=found.get("entry_into_force"),
        depositary=found.get("depositary"),
        parties=found.get("parties") if instrument.parties_reported else None,
        signature_period=Source("signature_period", period.article, status.url) if period and status else None,
        parties_as_at=as_at,
    )
