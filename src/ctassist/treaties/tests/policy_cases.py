import datetime

from ctassist.core.testing import PolicyCase
from ctassist.geo.tests.policy_cases import PUBLIC_REFERENCE
from ctassist.treaties import services
from ctassist.treaties.models import Instrument, Participation, ParticipationAction, StatusImport


def _action(actors):
    instrument = Instrument.objects.get(code="financing-1999")
    return services.record_action(
        acting_user=None, state=actors.state, instrument=instrument, kind="ratification", date=datetime.date(2001, 5, 3)
    )


def _status_import(actors):
    return services.record_status_import(
        Instrument.objects.get(code="hostages-1979"), acting_user=None, as_at=datetime.date(2024, 4, 18)
    )


CASES = [
    PolicyCase(Instrument, make=lambda a: Instrument.objects.get(code="tokyo-1963"), allowed=PUBLIC_REFERENCE),
    PolicyCase(Participation, make=lambda a: _action(a).participation, allowed=PUBLIC_REFERENCE),
    PolicyCase(ParticipationAction, make=_action, allowed=PUBLIC_REFERENCE),
    PolicyCase(StatusImport, make=_status_import, allowed=PUBLIC_REFERENCE),
]
