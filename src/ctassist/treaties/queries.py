"""Read-only views of participation: the matrix, parties over time, gaps.

Each function runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ctassist.geo.models import State
from ctassist.treaties.choices import Status
from ctassist.treaties.models import Instrument, Participation


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

        return KIND_MARKERS.get(self.consent_kind, "")


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


def build_matrix(user: Any, states: QuerySet[State], instruments: QuerySet[Instrument], sort: str = "name") -> Matrix:
    """All chosen States × all chosen instruments, in three queries."""
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
