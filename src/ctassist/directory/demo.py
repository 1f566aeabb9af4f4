"""Generated directory entries for demonstration databases.

Nothing here is real: every entry is ``is_demo``, names of people are
obvious placeholders ("Demo Contact 07"), e-mail addresses use the reserved
example.org domain (RFC 2606) and telephone numbers the fictional
+1 613 555 0100–0199 range (NANP numbers 555-01XX are reserved for fiction).
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from ctassist.core import audit
from ctassist.core.demo import mark_demo_data_present
from ctassist.core.events import CoreEvent
from ctassist.directory import services
from ctassist.directory.choices import AuthorityType, Channel, EntryStatus
from ctassist.directory.models import ContactPerson, DirectoryEntry
from ctassist.geo.models import State

# (type, chance a State has designated one)
_TYPES = [
    (AuthorityType.MLA, 1.0),
    (AuthorityType.EXTRADITION, 0.7),
    (AuthorityType.CT_COORDINATION, 0.5),
    (AuthorityType.FIU, 0.6),
    (AuthorityType.E_EVIDENCE, 0.35),
    (AuthorityType.INTERPOL_NCB, 0.5),
    (AuthorityType.PIU, 0.2),
    (AuthorityType.PROSECUTION, 0.3),
]
_ENGLISH = {
    AuthorityType.MLA: "Central Authority for Mutual Legal Assistance",
    AuthorityType.EXTRADITION: "Central Authority for Extradition",
    AuthorityType.CT_COORDINATION: "National Counter-Terrorism Coordination Office",
    AuthorityType.FIU: "Financial Intelligence Unit",
    AuthorityType.E_EVIDENCE: "24/7 Cybercrime and Electronic Evidence Contact Point",
    AuthorityType.INTERPOL_NCB: "INTERPOL National Central Bureau",
    AuthorityType.PIU: "Passenger Information Unit",
    AuthorityType.PROSECUTION: "Office of the Public Prosecutor",
}
_LOCAL = {
    "es": {
        AuthorityType.MLA: "Autoridad Central de Asistencia Judicial Recíproca",
        AuthorityType.EXTRADITION: "Autoridad Central de Extradición",
        AuthorityType.CT_COORDINATION: "Oficina Nacional de Coordinación contra el Terrorismo",
        AuthorityType.FIU: "Unidad de Inteligencia Financiera",
        AuthorityType.E_EVIDENCE: "Punto de Contacto 24/7 para Pruebas Electrónicas",
        AuthorityType.INTERPOL_NCB: "Oficina Central Nacional de INTERPOL",
        AuthorityType.PIU: "Unidad de Información sobre Pasajeros",
        AuthorityType.PROSECUTION: "Fiscalía General",
    },
    "fr": {
        AuthorityType.MLA: "Autorité centrale pour l’entraide judiciaire",
        AuthorityType.EXTRADITION: "Autorité centrale en matière d’extradition",
        AuthorityType.CT_COORDINATION: "Bureau national de coordination de la lutte antiterroriste",
        AuthorityType.FIU: "Cellule de renseignement financier",
        AuthorityType.E_EVIDENCE: "Point de contact 24/7 pour la preuve électronique",
        AuthorityType.INTERPOL_NCB: "Bureau central national d’INTERPOL",
        AuthorityType.PIU: "Unité d’information passagers",
        AuthorityType.PROSECUTION: "Parquet général",
    },
    "pt": {
        AuthorityType.MLA: "Autoridade Central para a Cooperação Jurídica Internacional",
        AuthorityType.EXTRADITION: "Autoridade Central para a Extradição",
        AuthorityType.CT_COORDINATION: "Gabinete Nacional de Coordenação Antiterrorismo",
        AuthorityType.FIU: "Unidade de Informação Financeira",
        AuthorityType.E_EVIDENCE: "Ponto de Contacto 24/7 para a Prova Digital",
        AuthorityType.INTERPOL_NCB: "Gabinete Central Nacional da INTERPOL",
        AuthorityType.PIU: "Unidade de Informação de Passageiros",
        AuthorityType.PROSECUTION: "Procuradoria-Geral",
    },
    "ru": {
        AuthorityType.MLA: "Центральный орган по взаимной правовой помощи",
        AuthorityType.EXTRADITION: "Центральный орган по выдаче",
        AuthorityType.CT_COORDINATION: "Национальный антитеррористический координационный центр",
        AuthorityType.FIU: "Подразделение финансовой разведки",
        AuthorityType.E_EVIDENCE: "Круглосуточный контактный пункт по электронным доказательствам",
        AuthorityType.INTERPOL_NCB: "Национальное центральное бюро Интерпола",
        AuthorityType.PIU: "Подразделение информации о пассажирах",
        AuthorityType.PROSECUTION: "Генеральная прокуратура",
    },
}
_SPANISH = "ARG BOL CHL COL CRI CUB DOM ECU SLV GTM HND MEX NIC PAN PRY PER ESP URY VEN GNQ"
_FRENCH = "FRA SEN CIV MLI BFA NER TCD CMR GAB COG COD BEN TGO GIN MDG HTI MCO BDI CAF DJI COM"
_STATE_LANGUAGE = {
    **dict.fromkeys(_SPANISH.split(), "es"),
    **dict.fromkeys(_FRENCH.split(), "fr"),
    **dict.fromkeys(["BRA", "PRT", "AGO", "MOZ", "CPV", "GNB", "STP", "TLS"], "pt"),
    **dict.fromkeys(["RUS", "BLR", "KAZ", "KGZ"], "ru"),
}
_DEMO_SUFFIX = {"fr": " (démo)", "ru": " (демо)"}
_TIME_ZONES = {
    "KEN": "Africa/Nairobi",
    "PER": "America/Lima",
    "FRA": "Europe/Paris",
    "RUS": "Europe/Moscow",
    "BRA": "America/Sao_Paulo",
    "MEX": "America/Mexico_City",
    "NGA": "Africa/Lagos",
    "EGY": "Africa/Cairo",
    "IND": "Asia/Kolkata",
    "IDN": "Asia/Jakarta",
    "PAK": "Asia/Karachi",
    "ZAF": "Africa/Johannesburg",
    "ESP": "Europe/Madrid",
    "ARG": "America/Argentina/Buenos_Aires",
    "COL": "America/Bogota",
    "SEN": "Africa/Dakar",
    "MAR": "Africa/Casablanca",
    "JOR": "Asia/Amman",
    "PHL": "Asia/Manila",
    "USA": "America/New_York",
    "GBR": "Europe/London",
    "DEU": "Europe/Berlin",
    "ITA": "Europe/Rome",
    "AUT": "Europe/Vienna",
    "JPN": "Asia/Tokyo",
    "CHN": "Asia/Shanghai",
    "AUS": "Australia/Sydney",
    "TUR": "Europe/Istanbul",
    "SAU": "Asia/Riyadh",
    "KAZ": "Asia/Almaty",
    "UGA": "Africa/Kampala",
    "TZA": "Africa/Dar_es_Salaam",
    "ETH": "Africa/Addis_Ababa",
    "MLI": "Africa/Bamako",
}
_CHANNELS = {
    AuthorityType.MLA: [Channel.DIRECT, Channel.DIPLOMATIC, Channel.EMAIL],
    AuthorityType.EXTRADITION: [Channel.DIPLOMATIC, Channel.INTERPOL],
    AuthorityType.E_EVIDENCE: [Channel.EMAIL, Channel.SECURE_PLATFORM, Channel.DIRECT],
    AuthorityType.INTERPOL_NCB: [Channel.INTERPOL, Channel.SECURE_PLATFORM],
    AuthorityType.FIU: [Channel.SECURE_PLATFORM, Channel.DIRECT],
}
_TITLES = ["Head of the central authority", "Legal officer", "Senior prosecutor", "Duty officer", "Liaison officer"]
_REQUIREMENTS = (
    "Demonstration text. A request must state the authority making it, the subject and nature of the "
    "investigation, a summary of the facts, the assistance sought and the time limit. Attach a translation "
    "into an accepted language. Requests for coercive measures need dual criminality."
)


def _phone(rng: random.Random) -> str:
    return f"+1 613 555 01{rng.randint(0, 99):02d}"


@transaction.atomic
def generate_directory(*, seed: int = 2017, acting_user=None, today: datetime.date | None = None) -> int:
    """Replace the demonstration entries with a fresh generated set; returns entries written."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    # Generated rows are replaced and written in bulk, with one event for the lot (below), not a log entry each.
    DirectoryEntry.objects.filter(is_demo=True).delete()
    entries: list[DirectoryEntry] = []
    people: list[tuple[DirectoryEntry, list[ContactPerson]]] = []
    person_number = 0
    for state in State.objects.order_by("iso3"):
        language = _STATE_LANGUAGE.get(state.iso3)
        must = state.iso3 in {"KEN", "PER"}
        for kind, chance in _TYPES:
            if not must and rng.random() > chance * 0.8:
                continue
            slug = kind.value.replace("-", "")
            iso = state.iso3.lower()
            accepted = (
                ["en"] + ([language] if language else []) + (["fr"] if rng.random() < 0.25 and language != "fr" else [])
            )
            roll = rng.random()
            status = EntryStatus.DRAFT if roll < 0.04 else EntryStatus.PUBLISHED
            # A fifth of the published entries were last verified over a year ago: they show as stale.
            age = rng.randint(380, 900) if rng.random() < 0.2 else rng.randint(5, 330)
            entry = DirectoryEntry(
                state=state,
                authority_type=kind,
                name=f"{_ENGLISH[kind]} (demonstration)",
                name_local=(_LOCAL[language][kind] + _DEMO_SUFFIX.get(language, " (demo)")) if language else "",
                address=f"{rng.randint(1, 99)} Example Street\nPlaceholder City\n{state.name} (demonstration address)",
                telephones="\n".join(_phone(rng) for _ in range(rng.randint(1, 2))),
                emails=f"{slug}.{iso}@example.org"
                + (f"\nurgent.{slug}.{iso}@example.org" if rng.random() < 0.4 else ""),
                website=f"https://{iso}.example.org/{slug}",
                office_hours=rng.choice(["Mon–Fri 08:00–17:00", "Mon–Thu 09:00–16:00, Fri 09:00–12:00", "24/7"]),
                time_zone=_TIME_ZONES.get(state.iso3, ""),
                languages_accepted=",".join(accepted),
                channels_accepted=",".join(_CHANNELS.get(kind, [Channel.DIRECT, Channel.DIPLOMATIC])),
                accepts_un_conventions=rng.choice([True, True, True, False, None]),
                urgent_by_email=rng.choice([True, True, False, None]),
                requirements=_REQUIREMENTS if kind in {AuthorityType.MLA, AuthorityType.EXTRADITION} else "",
                legislation=f"Mutual Legal Assistance Act (demonstration) https://{iso}.example.org/laws/mla-act"
                if kind == AuthorityType.MLA
                else "",
                status=status,
                last_verified_on=today - datetime.timedelta(days=age) if status == EntryStatus.PUBLISHED else None,
                is_demo=True,
            )
            entry.full_clean(exclude=["state"], validate_unique=False)
            entries.append(entry)
            persons = []
            for _index in range(rng.randint(1, 2)):
                person_number += 1
                persons.append(
                    ContactPerson(
                        name=f"Demo Contact {person_number:04d}",
                        title=rng.choice(_TITLES) + " (demonstration)",
                        email=f"contact{person_number:04d}@example.org",
                        telephone=_phone(rng),
                        languages=",".join(accepted[: rng.randint(1, len(accepted))]),
                        position=len(persons),
                    )
                )
            people.append((entry, persons))
    DirectoryEntry.objects.bulk_create(entries, batch_size=500)
    contacts = []
    for entry, persons in people:
        for person in persons:
            person.entry = entry
            contacts.append(person)
    ContactPerson.objects.bulk_create(contacts, batch_size=500)
    _propose_demo_revision()
    mark_demo_data_present()
    # Generated rows are written in bulk; one event records the generation instead of a log entry per row.
    audit.emit(CoreEvent.DEMO_DATA_GENERATED, acting_user=acting_user, what="directory", rows=len(entries), seed=seed)
    return len(entries)


def _propose_demo_revision() -> None:
    """One proposed revision (Kenya's MLA authority) so the publication step can be seen."""
    original = DirectoryEntry.objects.filter(
        is_demo=True, state__iso3="KEN", authority_type=AuthorityType.MLA, status=EntryStatus.PUBLISHED
    ).first()
    if original is None:
        return
    services.propose_revision(
        acting_user=None,
        entry=original,
        fields={
            "office_hours": "Mon–Fri 08:30–16:30 (proposed change)",
            "telephones": original.telephones + "\n+1 613 555 0199",
        },
    )


def run_directory_demo(*, scale: int, seed: int) -> str:
    """The directory does not grow with scale: every State already has its authorities."""
    count = generate_directory(seed=seed)
    return f"{count} directory entries (demonstration: example.org addresses, +1 613 555 01xx numbers)"
