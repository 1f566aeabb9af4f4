from ctassist.core import audit
from ctassist.core.events import CoreEvent
from ctassist.core.models import ChangeLogEntry, DomainEvent, SystemFlag
from ctassist.core.policy import VIEW
from ctassist.core.testing import ADMIN_ONLY, UNODC, PolicyCase


def _change(actors):
    return audit.log_change(acting_user=actors.officer, obj=actors.state, action="update", before={})


def _event(actors):
    return audit.emit(CoreEvent.SIGNED_IN, acting_user=actors.focal_point, obj=actors.focal_point)


CASES = [
    PolicyCase(ChangeLogEntry, make=_change, allowed={VIEW: UNODC}),
    PolicyCase(DomainEvent, make=_event, allowed={VIEW: UNODC}),
    PolicyCase(
        SystemFlag,
        make=lambda a: SystemFlag.objects.create(key="test", value=True),
        allowed={VIEW: ADMIN_ONLY, "change": ADMIN_ONLY},
    ),
]
