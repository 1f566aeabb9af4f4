"""The steps of drafting a request, and the essential elements a request may not be finalised without."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ctassist.cooperation.choices import ELECTRONIC, RequestKind


@dataclass(frozen=True)
class Step:
    slug: str
    title: Any
    fields: tuple[str, ...]
    kinds: tuple[str, ...] = (RequestKind.MLA, RequestKind.EXTRADITION)


STEPS = (
    Step("authority", _("Authorities"), ("requesting_authority", "requested_authority", "channel", "language")),
    Step("basis", _("Legal basis"), ("offence", "basis_date", "instruments", "other_basis")),
    Step("facts", _("Facts, offence and penalties"), ("facts", "offence_date", "offence_description", "penalties")),
    Step("assistance", _("Assistance sought"), ("assistance", "assistance_details", "data_identifiers"),
         kinds=(RequestKind.MLA,)),
    Step("person", _("Person sought"), ("person_sought", "person_location", "warrant_reference"),
         kinds=(RequestKind.EXTRADITION,)),
    Step("handling", _("Confidentiality and urgency"),
         ("confidential", "confidentiality_reasons", "urgent", "urgency_reasons", "reply_by")),
)  # fmt: skip
STEP_BY_SLUG = {s.slug: s for s in STEPS}


def steps_for(kind: str) -> list[Step]:
    return [s for s in STEPS if kind in s.kinds]


def step_of(field: str) -> Step:
    return next(s for s in STEPS if field in s.fields)


@dataclass(frozen=True)
class Missing:
    """An essential element that is missing or wrong: the step and field it belongs to, and what to do."""

    field: str
    message: str

    @property
    def step(self) -> Step:
        return step_of(self.field)

    def __str__(self) -> str:
        return f"{self.step.title}: {self.message}"


def missing_elements(request: Any, basis_codes: list[str] | None, authority_languages: list[str],
                     authority_channels: list[str]) -> list[Missing]:  # fmt: skip
    """What a request still lacks before it can be finalised, in step order.

    ``basis_codes``: the instruments the treaty basis finds for the request's States, offence and date
    (``None`` when the offence is not yet chosen); ``authority_*``: what the chosen authority accepts.
    """
    out: list[Missing] = []

    def need(field: str, message: Any) -> None:
        out.append(Missing(field, str(message)))

    if not request.requesting_authority.strip():
        need("requesting_authority", _("Name the authority that makes the request."))
    if not request.requested_authority_id:
        need("requested_authority", _("Choose the central authority of the requested State from the directory."))
    if not request.channel:
        need("channel", _("Choose how the request will be transmitted."))
    elif authority_channels and request.channel not in authority_channels:
        need("channel", _("The requested authority does not accept this channel."))
    if not request.language:
        need("language", _("Choose the language of the request."))
    elif authority_languages and request.language not in authority_languages:
        need("language", _("The requested authority does not accept requests in this language."))
    if not request.offence:
        need("offence", _("Choose the offence."))
    chosen = [i.code for i in request.instruments.all()] if request.pk else []
    if not chosen and not request.other_basis.strip():
        need("instruments", _("Choose at least one instrument as legal basis, or describe another basis."))
    if basis_codes is not None:
        outside = [c for c in chosen if c not in basis_codes]
        if outside:
            need("instruments", _("Not a basis between these States for this offence on that date: %(codes)s.")
                 % {"codes": ", ".join(outside)})  # fmt: skip
    if not request.facts.strip():
        need("facts", _("Summarise the facts."))
    if not request.offence_description.strip():
        need("offence_description", _("Give the legal qualification of the acts."))
    if not request.penalties.strip():
        need("penalties", _("Give the penalties."))
    if request.kind == RequestKind.MLA:
        codes = request.assistance_codes
        if not codes:
            need("assistance", _("Say what assistance is sought."))
        if not request.assistance_details.strip():
            need("assistance_details", _("Describe the assistance sought and how it relates to the facts."))
        if any(c in ELECTRONIC for c in codes) and not request.data_identifiers.strip():
            need("data_identifiers", _("Identify the data (accounts, addresses, period) for electronic evidence."))
    if request.kind == RequestKind.EXTRADITION:
        if not request.person_sought.strip():
            need("person_sought", _("Identify the person sought."))
        if not request.warrant_reference.strip():
            need("warrant_reference", _("Give the arrest warrant or judgment."))
    if request.confidential and not request.confidentiality_reasons.strip():
        need("confidentiality_reasons", _("Explain why the request must be kept confidential."))
    if request.urgent and not request.urgency_reasons.strip():
        need("urgency_reasons", _("Explain why the request is urgent."))
    return out
