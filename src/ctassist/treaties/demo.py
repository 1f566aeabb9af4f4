"""Generated participation for demonstration databases.

The figures are invented: each State joins each instrument with a chance close to the
depositary's count where one is recorded, else one that grows with the years in force
(:func:`demo_share`). The acts obey the instrument's own law, as a
depositary would accept them (:func:`plan_acts`): a signature only within the signature
period its final clauses set (``periods``), a ratification, acceptance or approval only
after a signature, an accession only once the signature period has closed (or the
instrument has entered into force, where signature stays open until then), every date
after adoption and not in the future. Where the signature period is not known, no
signature is generated, only accessions. No successions are generated. Every row is
marked ``is_demo`` and says so in its source.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from ctassist.core import audit
from ctassist.core.demo import DEMO_SOURCE, mark_demo_data_present
from ctassist.core.events import CoreEvent
from ctassist.geo.models import State
from ctassist.treaties.choices import ActionKind
from ctassist.treaties.models import Instrument, Participation, ParticipationAction, StatusImport
from ctassist.treaties.periods import SignaturePeriod, signature_period
from ctassist.treaties.services import recompute

_AFTER_SIGNATURE = [ActionKind.RATIFICATION] * 8 + [ActionKind.ACCEPTANCE, ActionKind.APPROVAL]
LAST_DAY = datetime.date(2026, 6, 30)


def accession_opens(instrument: Instrument, period: SignaturePeriod | None) -> datetime.date:
    """The first day generated data let a State accede: once signature has closed (or on entry into force)."""
    start = instrument.concluded_date + datetime.timedelta(days=30)
    if period is not None:
        start = max(start, period.closes or period.opens)
    if instrument.entry_into_force and (period is None or period.closes is None):
        start = max(start, instrument.entry_into_force)
    return start


def plan_acts(rng: random.Random, instrument: Instrument, period: SignaturePeriod | None, *, joins: bool,
              last_day: datetime.date) -> list[tuple[str, datetime.date]]:  # fmt: skip
    """The generated acts of one State: a signature within the period, then consent; or accession; or nothing."""
    signs = period is not None and rng.random() < 0.6
    if signs and period is not None:
        sign_end = min(period.closes or last_day, last_day)
        if sign_end < period.opens:
            signs = False
        else:
            signature = _random_day(rng, period.opens, sign_end)
            if not joins:
                return [(ActionKind.SIGNATURE, signature)]
            consent = _random_day(rng, signature + datetime.timedelta(days=30), last_day)
            if consent > last_day:
                return [(ActionKind.SIGNATURE, signature)]
            return [(ActionKind.SIGNATURE, signature), (rng.choice(_AFTER_SIGNATURE), consent)]
    if not joins:
        return []
    start = accession_opens(instrument, period)
    if start > last_day:
        return []
    return [(ActionKind.ACCESSION, _random_day(rng, start, last_day))]


def demo_share(instrument: Instrument, today: datetime.date) -> float:
    """The share of States that join ``instrument`` in generated data (invented, labelled demonstration).

    Where the depositary's count is recorded (``parties_reported``, with its source), close to it;
    where it is unverified, a share that grows with the years the instrument has been in force, as
    the counts of the older conventions do: a tenth before entry into force, up to nine tenths.
    """
    reported = instrument.parties_reported_number
    if reported:
        return min(0.97, reported / 195)
    if instrument.entry_into_force is None or instrument.entry_into_force > today:
        return 0.1
    years = (today - instrument.entry_into_force).days / 365.25
    return min(0.9, 0.25 + 0.015 * years)


def _random_day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@transaction.atomic
def generate(*, seed: int = 1963, acting_user=None) -> int:
    """Replace demonstration participation with a fresh generated set; returns rows written."""
    rng = random.Random(seed)
    Participation.objects.filter(is_demo=True).delete()
    real = set(Participation.objects.values_list("state_id", "instrument_id"))
    states = list(State.objects.order_by("iso3"))
    actions = []
    participations = []
    imported = set(StatusImport.objects.values_list("instrument_id", flat=True))
    last_day = min(LAST_DAY, timezone.localdate())
    for instrument in Instrument.objects.order_by("position"):
        if instrument.pk in imported:
            continue  # its status comes from the depositary's table: never mixed with generated rows
        share = demo_share(instrument, last_day)
        period = signature_period(instrument)
        for state in states:
            if (state.pk, instrument.pk) in real:
                continue
            roll = rng.random()
            if roll > share + 0.05:
                continue
            planned = plan_acts(rng, instrument, period, joins=roll <= share, last_day=last_day)
            if planned:
                participation = Participation(state=state, instrument=instrument, is_demo=True, source=DEMO_SOURCE)
                participations.append((participation, planned))
    Participation.objects.bulk_create([p for p, _ in participations])
    for participation, planned in participations:
        for kind, day in planned:
            actions.append(ParticipationAction(participation=participation, kind=kind, date=day, source=DEMO_SOURCE))
    ParticipationAction.objects.bulk_create(actions)
    by_id = {p.pk: p for p, _ in participations}
    for participation in by_id.values():
        participation._prefetched_objects_cache = {"actions": []}
    for action in actions:
        by_id[action.participation_id]._prefetched_objects_cache["actions"].append(action)
    for participation in by_id.values():
        recompute(participation)
    Participation.objects.bulk_update(
        by_id.values(), ["status", "signature_date", "consent_kind", "consent_date"], batch_size=500
    )
    mark_demo_data_present()
    # Generated rows are written in bulk; one event records the generation instead of a log entry per row.
    audit.emit(CoreEvent.DEMO_DATA_GENERATED, acting_user=acting_user, what="participation", rows=len(by_id), seed=seed)
    return len(by_id)


def run(*, scale: int, seed: int) -> str:
    """Participation does not grow with scale: every State × instrument pair is already covered."""
    return f"{generate(seed=seed)} participation rows (all States × instruments)"
