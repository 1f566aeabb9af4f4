"""Read-only views of participation: the matrix, parties over time, gaps.

Each function runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ctassist.geo.models import State
from ctassist.treaties.choices import Status
from ctassist.treaties.models import Instrument, Participation, StatusImport


@dataclass
class Cell:
    status: str = Status.NONE
    consent_date: datetime.date | None = None
    consent_kind: str = ""
    signature_date: datetime.date | None = None
    is_demo: bool = False

    @property
    def marker(self) -> str:
        from ctassist.treaties.choices import KIND_MARKERS

        return KIND_MARKERS.get(self.consent_kind, "")  # type: ignore[call-overload]  # keys are ActionKind (str)


@dataclass
class MatrixRow:
    state: State
    cells: list[Cell]
    parties: int = 0


@dataclass
class Matrix:
    instruments: list[Instrument]
    rows: list[MatrixRow]
    has_demo: bool = False
    totals: list[int] = field(default_factory=list)


SORTS = {
    "name": ("State name", lambda row: row.state.name),
    "-parties": ("Most instruments joined", lambda row: (-row.parties, row.state.name)),
    "parties": ("Fewest instruments joined", lambda row: (row.parties, row.state.name)),
    "region": ("M49 region", lambda row: (row.state.m49_region, row.state.name)),
    "group": ("Regional group", lambda row: (row.state.regional_group, row.state.name)),
}


def build_matrix(user: Any, states: Any, instruments: Any, sort: str = "name") -> Matrix:
    """All chosen States × all chosen instruments, in three queries (``states``, ``instruments``: querysets)."""
    state_list = list(states.restrict(user))
    instrument_list = list(instruments.restrict(user))
    column = {inst.pk: i for i, inst in enumerate(instrument_list)}
    rows = {s.pk: MatrixRow(state=s, cells=[Cell() for _ in instrument_list]) for s in state_list}
    has_demo = False
    found = (
        Participation.objects.restrict(user)
        .filter(state__in=[s.pk for s in state_list], instrument__in=list(column))
        .values_list("state_id", "instrument_id", "status", "consent_date", "consent_kind", "signature_date", "is_demo")
    )
    for state_id, instrument_id, status, consent, kind, signature, is_demo in found:
        row = rows[state_id]
        row.cells[column[instrument_id]] = Cell(status, consent, kind, signature, is_demo)
        has_demo = has_demo or is_demo
        if status == Status.PARTY:
            row.parties += 1
    ordered = sorted(rows.values(), key=SORTS.get(sort, SORTS["name"])[1])
    totals = [sum(1 for r in ordered if r.cells[i].status == Status.PARTY) for i in range(len(instrument_list))]
    return Matrix(instruments=instrument_list, rows=ordered, has_demo=has_demo, totals=totals)


def parties_by_year(user: Any, instrument: Instrument) -> tuple[list[str], list[int]]:
    """Number of parties at the end of each year since adoption."""
    rows = (
        Participation.objects.restrict(user)
        .filter(instrument=instrument, consent_date__isnull=False)
        .values_list("consent_date", "denunciation_effective_date")
    )
    joined: Counter[int] = Counter()
    left: Counter[int] = Counter()
    for consent, leaves in rows:
        joined[consent.year] += 1
        if leaves:
            left[leaves.year] += 1
    first = instrument.concluded_date.year
    last = timezone.localdate().year
    labels, values, running = [], [], 0
    for year in range(first, last + 1):
        running += joined[year] - left[year]
        labels.append(str(year))
        values.append(running)
    return labels, values


def with_party_counts(instruments: QuerySet[Instrument]) -> QuerySet[Instrument]:
    return instruments.annotate(
        party_count=Count("participations", filter=Q(participations__status=Status.PARTY)),
        demo_count=Count("participations", filter=Q(participations__is_demo=True)),
    )


def states_not_party(user: Any, instrument: Instrument) -> QuerySet[State]:
    """States that are not (or no longer) parties to an instrument."""
    parties = Participation.objects.restrict(user).filter(instrument=instrument, status=Status.PARTY)
    return State.objects.restrict(user).exclude(pk__in=parties.values("state_id")).order_by("name")


def instruments_not_joined(user: Any, state: State) -> QuerySet[Instrument]:
    joined = Participation.objects.restrict(user).filter(state=state, status=Status.PARTY)
    return Instrument.objects.restrict(user).exclude(pk__in=joined.values("instrument_id")).order_by("position")


def state_timeline(user: Any, state: State) -> list[Any]:
    from ctassist.treaties.models import ParticipationAction

    return list(
        ParticipationAction.objects.restrict(user)
        .filter(participation__state=state)
        .select_related("participation__instrument")
        .order_by("date", "id")
    )


DEPOSITARY, DEMO, RECORDED, NONE = "depositary", "demo", "recorded", "none"


@dataclass
class Provenance:
    """Where the status of one instrument shown here comes from, said in words."""

    kind: str
    text: str
    as_at: datetime.date | None = None
    record: StatusImport | None = None

    @property
    def is_demo(self) -> bool:
        return self.kind == DEMO


def _day(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "j F Y")


def describe(record: StatusImport | None, *, demo: bool, recorded: bool) -> Provenance:
    if demo:
        return Provenance(DEMO, _("Demonstration data"))
    if record is not None:
        values = {"depositary": record.get_depositary_display(), "imported": _day(record.imported_at)}
        if record.as_at:
            text = _("Status from the depositary (%(depositary)s), as at %(as_at)s, imported on %(imported)s") % {
                **values, "as_at": _day(record.as_at)}  # fmt: skip
        else:
            text = _("Status from the depositary (%(depositary)s), imported on %(imported)s; the table does not say "
                     "when its status was taken") % values  # fmt: skip
        return Provenance(DEPOSITARY, text, record.as_at, record)
    if recorded:
        return Provenance(RECORDED, _("Recorded act by act by UNODC staff; no depositary table imported"))
    return Provenance(NONE, _("No status recorded"))


def provenances(user: Any, instruments: Any) -> dict[int, Provenance]:
    """instrument id → its :class:`Provenance`, in three queries whatever the number of instruments."""
    ids = [i.pk for i in instruments]
    latest: dict[int, StatusImport] = {}
    for record in StatusImport.objects.restrict(user).filter(instrument_id__in=ids).order_by("-imported_at", "-id"):
        latest.setdefault(record.instrument_id, record)
    rows = (
        Participation.objects.restrict(user).filter(instrument_id__in=ids).values("instrument_id")
        .annotate(demo=Count("id", filter=Q(is_demo=True)), total=Count("id"))
    )  # fmt: skip
    counts = {r["instrument_id"]: (r["demo"], r["total"]) for r in rows}
    return {
        pk: describe(latest.get(pk), demo=counts.get(pk, (0, 0))[0] > 0, recorded=counts.get(pk, (0, 0))[1] > 0)
        for pk in ids
    }


def provenance(user: Any, instrument: Instrument) -> Provenance:
    return provenances(user, [instrument])[instrument.pk]


# -- the read API other areas compose (the reporting area). Each function reads through the policy
# for ``user`` and returns plain data.


def consents_given(user: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Consents to be bound (ratification, accession, acceptance, approval, succession) given in [start, end].

    Each row: id, consent_date, consent_kind, state_id, state__name, state__iso3, instrument_id,
    instrument__code, instrument__short_name, instrument__position; in instrument order, then date
    (one query).
    """
    return list(
        Participation.objects.restrict(user)
        .filter(consent_date__range=(start, end))
        .values(
            "id",
            "state_id",
            "instrument_id",
            "consent_date",
            "consent_kind",
            "state__name",
            "state__iso3",
            "instrument__code",
            "instrument__short_name",
            "instrument__position",
        )
        .order_by("instrument__position", "consent_date", "state__name")
    )


def consents_by_year(user: Any) -> dict[int, dict[str, int]]:
    """{year: {"ratification": n, "accession": n}}; acceptance, approval and succession count as ratification."""
    from django.db.models.functions import ExtractYear  # only this function groups by year

    from ctassist.treaties.choices import ActionKind  # this area's own choices, not imported above

    rows = (
        Participation.objects.restrict(user)
        .exclude(consent_date=None)
        .annotate(y=ExtractYear("consent_date"))
        .values("y", "consent_kind")
        .annotate(n=Count("pk"))
        .order_by("y")
    )
    by_year: dict[int, Counter] = {}
    for r in rows:
        kind = "accession" if r["consent_kind"] == ActionKind.ACCESSION else "ratification"
        by_year.setdefault(r["y"], Counter())[kind] += r["n"]
    return {year: {"ratification": c["ratification"], "accession": c["accession"]} for year, c in by_year.items()}


def state_instruments(user: Any, state: State) -> list[dict[str, Any]]:
    """Each instrument ``user`` may see, in order, with ``state``'s participation in it (five queries: two here, three for the sources).

    ``status_code`` is a :class:`~ctassist.treaties.choices.Status` value (``"none"`` without participation).
    """
    participations = {p.instrument_id: p for p in Participation.objects.restrict(user).filter(state=state).order_by()}
    instrument_list = list(Instrument.objects.restrict(user).order_by("position"))
    sources = provenances(user, instrument_list)
    out = []
    for instrument in instrument_list:
        p = participations.get(instrument.pk)
        out.append(
            {
                "source": sources[instrument.pk].text,
                "as_at": sources[instrument.pk].as_at,
                "is_demo": bool(p and p.is_demo),
                "code": instrument.code,
                "name": instrument.short_name,
                "status": p.get_status_display() if p else "—",
                "status_code": p.status if p else "none",
                "signature_date": p.signature_date if p else None,
                "consent_date": p.consent_date if p else None,
                "consent_kind": p.get_consent_kind_display() if p and p.consent_kind else "",
            }
        )
    return out


# -- cooperation between two States (issue 17): who is bound with whom, and what they reserved ----------


@dataclass
class SharedInstrument:
    """An instrument two States are both party to on a day, with each one's participation."""

    instrument: Instrument
    first: Participation
    second: Participation


def instruments_in_force_between(
    user: Any, first: State, second: State, day: datetime.date, codes: list[str] | None = None
) -> list[SharedInstrument]:
    """The instruments both States are party to on ``day`` (consented on or before it, not denounced by then).

    One query; ``codes`` limits the instruments looked at.
    """
    rows = (
        Participation.objects.restrict(user)
        .filter(consent_date__lte=day)  # the rule of ParticipationQuerySet.parties_on
        .exclude(denunciation_effective_date__lte=day)
        .filter(state__in=[first.pk, second.pk])
        .select_related("instrument", "state")
    )
    if codes is not None:
        rows = rows.filter(instrument__code__in=codes)
    by_instrument: dict[int, dict[int, Participation]] = {}
    for participation in rows:
        by_instrument.setdefault(participation.instrument_id, {})[participation.state_id] = participation
    shared = [
        SharedInstrument(parts[first.pk].instrument, parts[first.pk], parts[second.pk])
        for parts in by_instrument.values()
        if first.pk in parts and second.pk in parts
    ]
    return sorted(shared, key=lambda s: (s.instrument.position, s.instrument.concluded_date))


def reservations_standing(user: Any, participations: list[Participation], day: datetime.date) -> list[Any]:
    """Reservations and declarations made on or before ``day`` in these participations (one query).

    Withdrawals are returned too (kind ``reservation-withdrawn``) so that callers can match them
    to the reservation they withdraw; the actions come ordered by date.
    """
    from ctassist.treaties.choices import ActionKind
    from ctassist.treaties.models import ParticipationAction

    kinds = [ActionKind.RESERVATION, ActionKind.DECLARATION, ActionKind.WITHDRAWAL_OF_RESERVATION]
    return list(
        ParticipationAction.objects.restrict(user)
        .filter(participation__in=[p.pk for p in participations], kind__in=kinds)
        .filter(Q(date__isnull=True) | Q(date__lte=day))
        .select_related("participation__state", "participation__instrument")
        .order_by("date", "id")
    )
