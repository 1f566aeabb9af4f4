import datetime

from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import UNODC, PolicyCase, Urls
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection, Report


def _report(actors) -> Report:
    from ctassist.reporting.tests.conftest import make_resolution

    return Report.objects.create(
        resolution=make_resolution("A/RES/99/999"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        requested_by=actors.officer,
        status="done",
        content={"chapters": [], "figures": {}, "notes": [], "summary": ["A summary."]},
    )


def _narrative(actors) -> Narrative:
    narrative = Narrative.objects.create(report=_report(actors))
    NarrativeVersion.objects.create(narrative=narrative, number=1, texts={"summary": "A summary."})
    return narrative


def _version(actors) -> NarrativeVersion:
    return _narrative(actors).versions.get()


def _primary_section(actors) -> PrimarySection:
    from ctassist.reporting.tests.conftest import make_activity

    activity = make_activity([actors.state], "training", datetime.date(2024, 3, 1), title="Overridden")
    return PrimarySection.objects.create(activity=activity, section="gender")


CASES = [
    PolicyCase(Report, make=_report, allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}),
    PolicyCase(
        Narrative,
        make=_narrative,
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC, "transition": UNODC},
        urls=Urls.named(page="reporting:narrative_detail", api="report-narrative"),
    ),
    PolicyCase(
        Narrative,
        make=_narrative,
        label="narrative editor",
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC, "transition": UNODC},
        urls=Urls.named(page="reporting:narrative_edit"),
    ),
    PolicyCase(
        Narrative,
        make=_narrative,
        label="narrative comparison",
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC, "transition": UNODC},
        urls=Urls.named(page="reporting:narrative_compare"),
    ),
    PolicyCase(
        NarrativeVersion,
        make=_version,
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC},
        urls=Urls.named(api="report-narrative-version"),
    ),
    PolicyCase(
        PrimarySection,
        make=_primary_section,
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC},
        urls=Urls.named(page="reporting:primary_section_edit", api="report-primary-section"),
    ),
]
