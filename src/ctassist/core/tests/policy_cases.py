from ctassist.core import audit
from ctassist.core.events import CoreEvent
from ctassist.core.importing import save_mapping_profile
from ctassist.core.models import ChangeLogEntry, ColumnMapping, DomainEvent, Job, Notification, SystemFlag
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.services import notify
from ctassist.core.testing import ADMIN_ONLY, OFFICIALS, UNODC, PolicyCase, Urls


def _change(actors):
    return audit.log_change(acting_user=actors.officer, obj=actors.state, action="update", before={})


def _event(actors):
    return audit.emit(CoreEvent.SIGNED_IN, acting_user=actors.focal_point, obj=actors.focal_point)


def _notification(actors):
    (note,) = notify([actors.focal_point], lambda: ("Request submitted", "Body"), link="/")
    return note


CASES = [
    # Each user their own notifications: not UNODC, not the other State, not the donor or partner.
    PolicyCase(Notification, make=_notification, allowed={VIEW: frozenset({"focal_point"}),
                                                           CHANGE: frozenset({"focal_point"})}),  # fmt: skip
    PolicyCase(ChangeLogEntry, make=_change, allowed={VIEW: UNODC}),
    PolicyCase(DomainEvent, make=_event, allowed={VIEW: UNODC}),
    PolicyCase(
        SystemFlag,
        make=lambda a: SystemFlag.objects.create(key="test", value=True),
        allowed={VIEW: ADMIN_ONLY, "change": ADMIN_ONLY},
    ),
    PolicyCase(
        ColumnMapping,
        make=lambda a: save_mapping_profile("participation", "ICAO status list", ["State"], {"state": 0},
                                            acting_user=a.officer),  # fmt: skip
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC},
    ),
    PolicyCase(
        Job,
        make=lambda a: Job.objects.create(kind="page-export", title="Export", owner=a.focal_point),
        allowed={VIEW: frozenset({"focal_point"}), ADD: OFFICIALS},
        urls=Urls.named(page="core:job"),
    ),
]
