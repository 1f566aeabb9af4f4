"""A small, hand-counted world for the report: one invented resolution, activities either side of the
period's boundaries, participants by sex, ratifications and contributions.

Period: 1 January 2024 – 31 December 2024.

Expected (counted by hand):
- OP 1 (UNODC, training): activities a1 (1 Jan 2024, Kenya) and a2 (31 Dec 2024, Peru) → 2;
  women 3 + 2 = 5, men 5 + 1 = 6; States 2 (African Group 1, GRULAC 1).
  Outside: a3 (31 Dec 2023), a4 (1 Jan 2025), a5 (planned).
- OP 2 (UNODC, ratification): a6 (theme ratification, legislative drafting) and a7 (other theme,
  linked by its request's mandate reference "A/RES/99/901 op 2") → 2; legislative 1.
  Ratifications in the period: 2 (Kenya ratification 5 May 2024, Peru accession 31 Dec 2024);
  outside: one in 2023.
- OP 3 (Member States only) and OP 5 (the report itself): no section.
- OP 4 (donors, contributions): received in the period 1 (USD 50,000); one received in 2023 and one
  pledge in 2024 are not counted.
- Whole report: 4 activities, 2 States... (a6 and a7 are in Kenya too) → States 2; women 5, men 6.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client

from ctassist.assistance import services as assistance
from ctassist.assistance.models import Theme
from ctassist.mandates.models import Paragraph, ParagraphAddressee, ParagraphTheme, Resolution
from ctassist.treaties import services as treaties
from ctassist.treaties.models import Instrument

START, END = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
D = datetime.date


def make_resolution(symbol: str = "A/RES/99/901") -> Resolution:
    resolution = Resolution.objects.create(symbol=symbol, title="Invented resolution (test)", adopted_on=D(2023, 12, 1))
    spec = [
        (1, ["unodc"], ["training"], "Requests UNODC to train officials."),
        (2, ["unodc"], ["ratification"], "Requests UNODC to assist States in ratifying the instruments."),
        (3, ["member-states"], ["training"], "Urges Member States to train their officials."),
        (4, ["donors"], ["contributions"], "Expresses appreciation to the States that funded the work."),
        (5, ["secretary-general"], ["reporting"], "Requests the Secretary-General to report."),
    ]
    for position, (number, who, themes, text) in enumerate(spec, start=1):
        p = Paragraph.objects.create(
            resolution=resolution, kind="operative", position=position, number=number, text=text
        )
        for w in who:
            ParagraphAddressee.objects.create(paragraph=p, addressee=w)
        for t in themes:
            ParagraphTheme.objects.create(paragraph=p, theme=t)
    return resolution


def make_activity(states, theme, start, *, status="completed", type="training", title=None, requests=(), **fields):
    return assistance.create_activity(
        acting_user=None,
        title=title or f"{type} {theme} {start}",
        type=type,
        status=status,
        start_date=start,
        end_date=start,
        place="Nairobi",
        states=states,
        themes=list(Theme.objects.filter(code=theme)),
        requests=list(requests),
        **fields,
    )


def count(activity, state, sex, n, agency="police"):
    assistance.set_participant_count(acting_user=None, activity=activity, state=state, sex=sex, agency=agency, count=n)


@pytest.fixture
def world(actors):
    kenya, peru = actors.state, actors.other_state
    resolution = make_resolution()
    a1 = make_activity([kenya], "training", D(2024, 1, 1), title="Boundary start (a1)")
    count(a1, kenya, "women", 3)
    count(a1, kenya, "men", 5)
    a2 = make_activity([peru], "training", D(2024, 12, 31), title="Boundary end (a2)")
    count(a2, peru, "women", 2, agency="judiciary")
    count(a2, peru, "men", 1, agency="judiciary")
    count(a2, peru, "not_recorded", 4, agency="judiciary")
    a3 = make_activity([kenya], "training", D(2023, 12, 31), title="Before (a3)")
    count(a3, kenya, "women", 100)
    a4 = make_activity([kenya], "training", D(2025, 1, 1), title="After (a4)")
    a5 = make_activity([kenya], "training", D(2024, 6, 1), status="planned", title="Planned (a5)")
    a6 = make_activity(
        [kenya],
        "ratification",
        D(2024, 3, 1),
        type="legislative_drafting",
        title="Drafting (a6)",
        outputs="Draft law submitted to parliament.",
    )
    request = assistance.create_request(
        acting_user=None,
        state=kenya,
        title="Linked request",
        needs="Help.",
        themes=list(Theme.objects.filter(code="border-management")),
        mandate_refs="A/RES/99/901 op 2",
    )
    a7 = make_activity([kenya], "border-management", D(2024, 7, 1), title="Linked (a7)", requests=[request])

    instruments = list(Instrument.objects.filter(concluded_date__lt=D(2000, 1, 1)).order_by("position")[:3])
    r1 = treaties.record_action(
        acting_user=None, state=kenya, instrument=instruments[0], kind="ratification", date=D(2024, 5, 5)
    )
    r2 = treaties.record_action(
        acting_user=None, state=peru, instrument=instruments[1], kind="accession", date=D(2024, 12, 31)
    )
    treaties.record_action(
        acting_user=None, state=kenya, instrument=instruments[2], kind="accession", date=D(2023, 5, 5)
    )

    from ctassist.funding.tests.factories import contribute, donor_of

    donor = donor_of(actors)
    c1 = contribute(donor, amount="50000", received_on=D(2024, 4, 1))
    contribute(
        donor,
        amount="7000",
        pledged_on=D(2023, 1, 1),
        committed_on=D(2023, 2, 1),
        received_on=D(2023, 6, 1),
        rate_date=D(2023, 1, 1),
    )
    contribute(donor, amount="90000", status="pledged", pledged_on=D(2024, 2, 1))
    return SimpleNamespace(
        resolution=resolution,
        a1=a1,
        a2=a2,
        a3=a3,
        a4=a4,
        a5=a5,
        a6=a6,
        a7=a7,
        r1=r1.participation,
        r2=r2.participation,
        c1=c1,
        instruments=instruments,
    )


@pytest.fixture
def client_for(actors):
    def build(role):
        client = Client()
        if role != "anonymous":
            client.force_login(actors.user(role))
        return client

    return build


@pytest.fixture
def built(world, actors, django_capture_on_commit_callbacks):
    """The report on the invented resolution for 2024, requested by the officer and built by the task."""
    from ctassist.reporting import services

    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    report.refresh_from_db()
    return report
