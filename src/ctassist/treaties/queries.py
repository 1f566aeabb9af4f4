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
    """Each instrument ``user`` may see, in order, with ``state``'s participation in it (two queries).

    ``status_code`` is a :class:`~ctassist.treaties.choices.Status` value (``"none"`` without participation).
    """
    participations = {p.instrument_id: p for p in Participation.objects.restrict(user).filter(state=state).order_by()}
    out = []
    for instrument in Instrument.objects.restrict(user).order_by("position"):
        p = participations.get(instrument.pk)
        out.append(
            {
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
