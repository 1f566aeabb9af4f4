import datetime

from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import UNODC, PolicyCase
from ctassist.reporting.models import Report


def _report(actors) -> Report:
    from ctassist.reporting.tests.conftest import make_resolution

    return Report.objects.create(
        resolution=make_resolution("A/RES/99/999"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        requested_by=actors.officer,
    )


CASES = [
    PolicyCase(Report, make=_report, allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}),
]
