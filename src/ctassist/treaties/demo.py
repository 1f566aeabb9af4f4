"""Generated participation for demonstration databases.

The figures are invented: each State joins each instrument with a chance
close to the instrument's reported share of parties, on a random date after
adoption. Every row is marked ``is_demo`` and says so in its source.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from ctassist.core import audit
from ctassist.core.demo import DEMO_SOURCE, mark_demo_data_present
from ctassist.core.events import CoreEvent
from ctassist.geo.models import State
from ctassist.treaties.choices import ActionKind
from ctassist.treaties.models import Instrument, Participation, ParticipationAction, StatusImport
from ctassist.treaties.services import recompute

_KINDS = [ActionKind.RATIFICATION] * 6 + [ActionKind.ACCESSION] * 3 + [ActionKind.ACCEPTANCE, ActionKind.APPROVAL]
LAST_DAY = datetime.date(2026, 6, 30)


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
    for instrument in Instrument.objects.order_by("position"):
        if instrument.pk in imported:
            continue  # its status comes from the depositary's table: never mixed with generated rows
        share = min(0.97, (instrument.parties_reported_number or 60) / 195)
        opened = instrument.concluded_date
        for state in states:
            if (state.pk, instrument.pk) in real:
                continue
            roll = rng.random()
            if roll > share + 0.05:
                continue
            participation = Participation(state=state, instrument=instrument, is_demo=True, source=DEMO_SOURCE)
            kind = rng.choice(_KINDS)
            consent = _random_day(rng, opened + datetime.timedelta(days=30), LAST_DAY) if roll <= share else None
            signature = None
            if kind == ActionKind.RATIFICATION or consent is None:
                signature = _random_day(rng, opened, min(opened + datetime.timedelta(days=700), consent or LAST_DAY))
            planned = []
            if signature:
                planned.append((ActionKind.SIGNATURE, signature))
            if consent:
                planned.append((kind, consent))
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
