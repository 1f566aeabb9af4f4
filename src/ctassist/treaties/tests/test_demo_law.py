"""Generated participation obeys each instrument's own law: signature period, adoption, order of acts."""

import datetime
import random
from collections import Counter

import pytest
from django.utils import timezone

from ctassist.treaties import periods
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind
from ctassist.treaties.demo import accession_opens, generate, plan_acts
from ctassist.treaties.models import Instrument, Participation, ParticipationAction

pytestmark = pytest.mark.django_db


def test_every_generated_act_keeps_to_its_instruments_signature_period_and_dates():
    assert generate(seed=1963) > 1000
    today = timezone.localdate()
    instruments = {i.pk: i for i in Instrument.objects.all()}
    by_participation: dict[int, list[ParticipationAction]] = {}
    for action in ParticipationAction.objects.filter(participation__is_demo=True).select_related("participation"):
        by_participation.setdefault(action.participation_id, []).append(action)
    assert by_participation
    kinds = Counter()
    for acts in by_participation.values():
        instrument = instruments[acts[0].participation.instrument_id]
        period = periods.signature_period(instrument)
        signatures = [a for a in acts if a.kind == ActionKind.SIGNATURE]
        consents = [a for a in acts if a.kind in CONSENT_KINDS]
        assert len(signatures) <= 1 and len(consents) <= 1 and len(acts) == len(signatures) + len(consents)
        for act in acts:
            kinds[act.kind] += 1
            where = f"{instrument.code}: {act.kind} {act.date}"
            assert instrument.concluded_date <= act.date <= today, where
            assert act.kind != ActionKind.SUCCESSION, where
        for signature in signatures:
            assert period is not None, f"{instrument.code}: signed although its signature period is unverified"
            assert period.allows(signature.date), f"{instrument.code}: signature {signature.date} outside {period}"
        for consent in consents:
            where = f"{instrument.code}: {consent.kind} {consent.date}"
            if consent.kind in {ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL}:
                assert signatures and signatures[0].date < consent.date, where
            else:
                assert consent.kind == ActionKind.ACCESSION and not signatures, where
                assert consent.date >= accession_opens(instrument, period), where
    assert kinds[ActionKind.SIGNATURE] and kinds[ActionKind.RATIFICATION] and kinds[ActionKind.ACCESSION]


def test_the_signature_periods_come_from_the_final_clauses():
    hostages = Instrument.objects.get(code="hostages-1979")
    period = periods.signature_period(hostages)
    assert (period.opens, period.closes) == (datetime.date(1979, 12, 18), datetime.date(1980, 12, 31))
    assert period.article.startswith("Article 17, paragraph 1")
    nuclear = periods.signature_period(Instrument.objects.get(code="nuclear-terrorism-2005"))
    assert (nuclear.opens, nuclear.closes) == (datetime.date(2005, 9, 14), datetime.date(2006, 12, 31))
    tokyo = Instrument.objects.get(code="tokyo-1963")
    assert periods.signature_period(tokyo).closes == tokyo.entry_into_force  # open until entry into force
    assert periods.signature_period(Instrument.objects.get(code="untoc-2000")) is None  # not in the corpus


def test_kenya_no_longer_signs_the_nuclear_terrorism_convention_before_it_opened():
    generate(seed=1963)
    early = Participation.objects.filter(
        instrument__code="nuclear-terrorism-2005", is_demo=True, signature_date__lt=datetime.date(2005, 9, 14)
    )
    assert not early.exists()


def test_an_unknown_period_means_accession_only():
    instrument = Instrument.objects.get(code="untoc-2000")
    rng = random.Random(3)
    plans = [plan_acts(rng, instrument, None, joins=True, last_day=datetime.date(2026, 6, 30)) for _ in range(50)]
    assert {kind for plan in plans for kind, _day in plan} == {ActionKind.ACCESSION}
