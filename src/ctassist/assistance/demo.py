"""Generated requests, activities and participants for demonstration databases.

Everything here is invented and marked ``is_demo``; titles and needs say
"(demonstration)", people have obviously fictional names and example.org
addresses. Scale 1 is about one large programme year's worth of volume
(300 requests, 600 activities, 15,000 participants) spread over several years.
Rows are written in bulk: one domain event records the generation instead of
a change-log entry per row.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from ctassist.accounts import services as account_services
from ctassist.accounts.choices import OrganisationKind, Role
from ctassist.accounts.models import Organisation, User
from ctassist.assistance.choices import (
    ActivityStatus,
    ActivityType,
    AgencyType,
    Channel,
    Modality,
    PartnerRole,
    Priority,
    Rating,
    RequestStatus,
    Scope,
    Sex,
)
from ctassist.assistance.models import (
    Activity,
    ActivityPartner,
    AssistanceRequest,
    Evaluation,
    Indicator,
    Participant,
    ParticipantCount,
    Theme,
)
from ctassist.core import audit
from ctassist.core.demo import mark_demo_data_present
from ctassist.core.events import CoreEvent
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument

PARTNERS = [
    ("CTED", "Counter-Terrorism Committee Executive Directorate (demonstration record)"),
    ("OCT", "UN Office of Counter-Terrorism (demonstration record)"),
    ("INTERPOL", "INTERPOL (demonstration record)"),
    ("ICAO", "International Civil Aviation Organization (demonstration record)"),
    ("IMO", "International Maritime Organization (demonstration record)"),
    ("IAEA", "International Atomic Energy Agency (demonstration record)"),
    ("UNESCO", "UNESCO (demonstration record)"),
    ("IPU", "Inter-Parliamentary Union (demonstration record)"),
    ("", "Demonstration partner entity"),  # the demonstration partner account's organisation
]
FIRST = ["Alex", "Sam", "Noor", "Kim", "Ola", "Rin", "Tamar", "Luca", "Ines", "Kofi", "Mei", "Ivan", "Zara", "Omar"]
LAST = ["Placeholder", "Sampleton", "Testwell", "Fictivo", "Demoski", "Examplar", "Mockford", "Dummett"]
TYPE_THEMES = {
    ActivityType.LEGISLATIVE_DRAFTING: "Legislative drafting support on {theme}",
    ActivityType.LEGISLATIVE_REVIEW: "Review of national legislation: {theme}",
    ActivityType.WORKSHOP: "National workshop on {theme}",
    ActivityType.TRAINING: "Training course: {theme}",
    ActivityType.MENTORING: "Mentoring programme on {theme}",
    ActivityType.STUDY_VISIT: "Study visit on {theme}",
    ActivityType.ELEARNING: "E-learning module: {theme}",
    ActivityType.NEEDS_ASSESSMENT: "Needs assessment: {theme}",
    ActivityType.PUBLICATION: "Handbook on {theme}",
    ActivityType.CONFERENCE: "Regional conference on {theme}",
}
TYPE_WEIGHTS = [8, 7, 20, 25, 6, 5, 8, 8, 5, 8]
START = datetime.date(2021, 1, 1)


def _partners() -> list[Organisation]:
    found = []
    for acronym, name in PARTNERS:
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = account_services.create_organisation(
                acting_user=None, kind=OrganisationKind.PARTNER, name=name, acronym=acronym, is_demo=True
            )
        found.append(org)
    return found


# Programme officers the requests are assigned to, besides the ``demo-officer`` sign-in when it exists
# (``setup_demo`` makes the demonstration accounts first). They cannot sign in (no password).
DEMO_OFFICERS = [("demo-officer-a", "Demo", "Officer A"), ("demo-officer-b", "Demo", "Officer B")]
UNODC_DEMO_NAME = "UNODC Terrorism Prevention Branch"  # the demonstration accounts' organisation too


def _officers() -> list[User]:
    unodc = Organisation.objects.filter(name=UNODC_DEMO_NAME).first() or account_services.create_organisation(
        acting_user=None, kind=OrganisationKind.UNODC, name=UNODC_DEMO_NAME, is_demo=True
    )
    found = list(User.objects.filter(username="demo-officer", is_active=True))
    for username, first_name, last_name in DEMO_OFFICERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.create_user(
                acting_user=None, username=username, role=Role.OFFICER, organisation=unodc, password=None,
                email=f"{username}@example.org", first_name=first_name, last_name=last_name, is_demo=True,
            )  # fmt: skip
        if user.is_active and user.role == Role.OFFICER:
            found.append(user)
    return found


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59))))


def _status_for_age(age: int, rng: random.Random) -> str:
    roll = rng.random()
    if age < 21:
        return (
            RequestStatus.DRAFT
            if roll < 0.15
            else (RequestStatus.SUBMITTED if roll < 0.75 else RequestStatus.UNDER_REVIEW)
        )
    if age < 60:
        if roll < 0.1:
            return RequestStatus.DECLINED
        return RequestStatus.UNDER_REVIEW if roll < 0.35 else RequestStatus.ACCEPTED
    if roll < 0.06:
        return RequestStatus.DECLINED
    if roll < 0.1:
        return RequestStatus.WITHDRAWN
    if age < 240:
        return RequestStatus.PLANNED if roll < 0.6 else RequestStatus.IN_DELIVERY
    return RequestStatus.EVALUATED if age > 420 and roll < 0.7 else RequestStatus.COMPLETED


@transaction.atomic
def generate(*, scale: int = 1, seed: int = 2026, acting_user=None) -> dict[str, int]:
    rng = random.Random(seed)
    today = timezone.localdate()
    # Activities' links, evaluations and attachments go with the requests.
    AssistanceRequest.objects.filter(is_demo=True).delete()
    Activity.objects.filter(is_demo=True).delete()
    states = list(State.objects.order_by("iso3"))
    weights = [5 if s.iso3 in {"KEN", "PER"} else (2 if s.ldc else 1) for s in states]
    themes = list(Theme.objects.order_by("position"))
    delivery_themes = [t for t in themes if t.code not in {"contributions", "reporting", "designated-authorities"}]
    instruments = list(Instrument.objects.order_by("position"))
    partners = _partners()
    officers = _officers()
    assigning = random.Random(seed + 1)  # its own sequence: the rest of the data stays as the seed made it
    span = (today - START).days

    # -- requests
    requests: list[AssistanceRequest] = []
    request_themes: list[tuple[int, list[Theme]]] = []
    for i in range(300 * scale):
        state = rng.choices(states, weights)[0]
        chosen = rng.sample(delivery_themes, rng.choice([1, 1, 2, 2, 3]))
        # A live pipeline: some requests are recent (waiting for review), the rest spread over the years.
        recent = rng.random() < 0.15
        submitted = today - datetime.timedelta(days=rng.randint(1, 60) if recent else rng.randint(1, span))
        age = (today - submitted).days
        status = _status_for_age(age, rng)
        channel = rng.choice([Channel.PORTAL, Channel.PORTAL, Channel.NOTE_VERBALE, Channel.LETTER])
        req = AssistanceRequest(
            state=state,
            title=f"{rng.choice(['Assistance with', 'Support for', 'Capacity building on'])} "
            f"{chosen[0].label.lower()} (demonstration)",
            channel=channel,
            letter_reference="" if channel == Channel.PORTAL else f"DEMO/NV/{submitted.year}/{i:05d}",
            letter_date=None if channel == Channel.PORTAL else submitted - datetime.timedelta(days=rng.randint(3, 20)),
            beneficiary_institutions=rng.choice(
                [
                    "Office of the Director of Public Prosecutions",
                    "Ministry of Justice",
                    "National Police Service",
                    "Financial Intelligence Unit",
                    "Border Management Authority",
                    "Judicial Training Institute",
                ]
            ),  # fmt: skip
            needs=f"Demonstration text: the State asks for help on {', '.join(t.label.lower() for t in chosen)}.",
            priority=rng.choice(Priority.values),
            languages=rng.choice([["en"], ["fr"], ["es"], ["ar"], ["ru"], ["en", "fr"], ["zh"]]),
            period_start=submitted + datetime.timedelta(days=60),
            period_end=submitted + datetime.timedelta(days=rng.randint(180, 540)),
            status=status,
            submitted_at=None if status == RequestStatus.DRAFT else _aware(submitted, rng),
            is_demo=True,
        )
        if status not in (RequestStatus.DRAFT, RequestStatus.SUBMITTED):
            req.review_started_at = _aware(submitted + datetime.timedelta(days=rng.randint(2, 12)), rng)
        if status not in (RequestStatus.DRAFT, RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW):
            req.decided_at = _aware(submitted + datetime.timedelta(days=rng.randint(13, min(59, max(13, age)))), rng)
        if status == RequestStatus.DECLINED:
            req.decline_reason = "Demonstration: already covered by another entity's programme."
        if status == RequestStatus.WITHDRAWN:
            req.withdrawal_reason = "Demonstration: the State's priorities changed."
        if status in (RequestStatus.COMPLETED, RequestStatus.EVALUATED, RequestStatus.WITHDRAWN):
            req.closed_at = _aware(today - datetime.timedelta(days=rng.randint(1, max(1, age - 200))), rng)
        # Requests in review and beyond have an officer; a few submitted ones are already taken too.
        if officers and status != RequestStatus.DRAFT and (status != RequestStatus.SUBMITTED or assigning.random() < 0.3):
            req.assigned_officer = assigning.choice(officers)
        requests.append(req)
        request_themes.append((i, chosen))
    AssistanceRequest.objects.bulk_create(requests, batch_size=1000)
    Through = AssistanceRequest.themes.through
    Through.objects.bulk_create(
        [Through(assistancerequest_id=requests[i].pk, theme_id=t.pk) for i, chosen in request_themes for t in chosen],
        batch_size=2000,
    )
    InstrumentThrough = AssistanceRequest.instruments.through
    InstrumentThrough.objects.bulk_create(
        [
            InstrumentThrough(assistancerequest_id=r.pk, instrument_id=inst.pk)
            for r in requests
            if rng.random() < 0.4
            for inst in rng.sample(instruments, rng.randint(1, 3))
        ],
        batch_size=2000,
    )

    # -- activities answering requests, then regional and global ones
    activities: list[Activity] = []
    links: list[tuple[int, list[int], list[int], list[Theme]]] = []  # (activity index, request pks, state pks, themes)
    answering = [RequestStatus.PLANNED, RequestStatus.IN_DELIVERY, RequestStatus.COMPLETED, RequestStatus.EVALUATED]
    by_index = dict(request_themes)
    for i, req in enumerate(requests):
        if req.status not in answering:
            continue
        for _n in range(rng.choice([1, 1, 2, 2, 3])):
            activity_type = rng.choices(ActivityType.values, TYPE_WEIGHTS)[0]
            submitted = req.submitted_at.date()
            if req.status in (RequestStatus.COMPLETED, RequestStatus.EVALUATED):
                latest = max(40, (today - submitted).days - 30)
                start = submitted + datetime.timedelta(days=rng.randint(30, latest))
                status = ActivityStatus.COMPLETED
            elif req.status == RequestStatus.IN_DELIVERY:
                start = today - datetime.timedelta(days=rng.randint(0, 4))
                status = ActivityStatus.IN_DELIVERY
            else:
                start = today + datetime.timedelta(days=rng.randint(7, 150))
                status = ActivityStatus.PLANNED
            activities.append(_activity(rng, activity_type, start, status, Scope.NATIONAL, req.state, by_index[i]))
            links.append((len(activities) - 1, [req.pk], [req.state_id], by_index[i]))
    while len(activities) < 600 * scale:
        activity_type = rng.choices(ActivityType.values, TYPE_WEIGHTS)[0]
        scope = rng.choice([Scope.REGIONAL, Scope.REGIONAL, Scope.GLOBAL, Scope.NATIONAL])
        start = START + datetime.timedelta(days=rng.randint(0, span + 180))
        status = (
            ActivityStatus.COMPLETED if start + datetime.timedelta(days=5) < today
            else ActivityStatus.PLANNED if start > today else ActivityStatus.IN_DELIVERY
        )  # fmt: skip
        if rng.random() < 0.03:
            status = ActivityStatus.CANCELLED
        anchor = rng.choices(states, weights)[0]
        if scope == Scope.NATIONAL:
            chosen_states = [anchor]
        else:
            region = [s for s in states if s.m49_region == anchor.m49_region] if scope == Scope.REGIONAL else states
            chosen_states = rng.sample(region, min(len(region), rng.randint(3, 9)))
        chosen_themes = rng.sample(delivery_themes, rng.choice([1, 2]))
        activities.append(_activity(rng, activity_type, start, status, scope, anchor, chosen_themes))
        links.append((len(activities) - 1, [], [s.pk for s in chosen_states], chosen_themes))
    Activity.objects.bulk_create(activities, batch_size=1000)
    a_requests, a_states, a_themes = Activity.requests.through, Activity.states.through, Activity.themes.through
    a_requests.objects.bulk_create(
        [a_requests(activity_id=activities[i].pk, assistancerequest_id=r) for i, reqs, _s, _t in links for r in reqs],
        batch_size=2000,
    )
    a_states.objects.bulk_create(
        [a_states(activity_id=activities[i].pk, state_id=s) for i, _r, sts, _t in links for s in sts], batch_size=2000
    )
    a_themes.objects.bulk_create(
        [a_themes(activity_id=activities[i].pk, theme_id=t.pk) for i, _r, _s, ths in links for t in ths],
        batch_size=2000,
    )
    partner_rows = []
    for activity in activities:
        if rng.random() < 0.45:
            for org in rng.sample(partners, rng.randint(1, 2)):
                partner_rows.append(
                    ActivityPartner(activity=activity, organisation=org, role=rng.choice(PartnerRole.values))
                )
    ActivityPartner.objects.bulk_create(partner_rows, batch_size=2000)

    # -- participants: counts per State × sex × agency, a few named records
    states_of = defaultdict(list)
    by_pk = {s.pk: s for s in states}
    for i, _r, sts, _t in links:
        states_of[i] = sts
    eligible = [
        i for i, a in enumerate(activities)
        if a.status in (ActivityStatus.COMPLETED, ActivityStatus.IN_DELIVERY) and a.type != ActivityType.PUBLICATION
    ]  # fmt: skip
    target = 15000 * scale
    shares = [rng.uniform(0.5, 1.5) for _ in eligible]
    factor = target / max(1.0, sum(shares))
    counts: list[ParticipantCount] = []
    named: list[Participant] = []
    total_people = 0
    for share, i in zip(shares, eligible, strict=True):
        activity = activities[i]
        people = max(1, round(share * factor))
        total_people += people
        cells: dict[tuple[int, str, str], int] = defaultdict(int)
        agencies = rng.sample(AgencyType.values, rng.randint(2, 4))
        women_share = rng.uniform(0.2, 0.55)
        for _p in range(people):
            state_id = rng.choice(states_of[i])
            roll = rng.random()
            sex = Sex.NOT_RECORDED if roll < 0.05 else (Sex.WOMEN if roll < 0.05 + women_share else Sex.MEN)
            cells[(state_id, sex, rng.choice(agencies))] += 1
        for (state_id, sex, agency), n in cells.items():
            counts.append(
                ParticipantCount(activity=activity, state_id=state_id, sex=sex, agency=agency, count=n, is_demo=True)
            )
        if rng.random() < 0.06:
            for k, ((state_id, sex, agency), _n) in enumerate(list(cells.items())[:12]):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                named.append(
                    Participant(
                        activity=activity, state_id=state_id, full_name=f"{first} {last} (demo)", sex=sex,
                        agency=agency, institution=f"{by_pk[state_id].name}: {AgencyType(agency).label} (demo)",
                        email=f"{first.lower()}.{last.lower()}.{activity.pk}.{k}@example.org", consent=True,
                        consent_date=activity.start_date, is_demo=True,
                    )
                )  # fmt: skip
    ParticipantCount.objects.bulk_create(counts, batch_size=5000)
    Participant.objects.bulk_create(named, batch_size=2000)

    # -- results and evaluations
    indicators = []
    for activity in activities:
        if activity.status != ActivityStatus.COMPLETED or rng.random() > 0.5:
            continue
        if activity.type in (ActivityType.LEGISLATIVE_DRAFTING, ActivityType.LEGISLATIVE_REVIEW):
            indicators.append(
                Indicator(activity=activity, name="Draft laws submitted to parliament", unit="laws", baseline=0,
                          target=1, actual=rng.choice([0, 1, 1, 2]), is_demo=True)
            )  # fmt: skip
        else:
            baseline = rng.randint(35, 60)
            indicators.append(
                Indicator(activity=activity, name="Knowledge test: average score", unit="%", baseline=baseline,
                          target=baseline + 20, actual=baseline + rng.randint(5, 35), is_demo=True)
            )  # fmt: skip
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    evaluations = [
        Evaluation(
            request=r,
            rating=rng.choices(Rating.values, [3, 5, 2, 1])[0],
            is_demo=True,
            summary="Demonstration evaluation: the activities answered most of the needs stated.",
            evaluated_on=(r.closed_at or timezone.now()).date(),
        )  # fmt: skip
        for r in requests
        if r.status == RequestStatus.EVALUATED
    ]
    Evaluation.objects.bulk_create(evaluations, batch_size=2000)
    mark_demo_data_present()
    summary = {
        "requests": len(requests),
        "activities": len(activities),
        "participants": total_people,
        "count_rows": len(counts),
        "named": len(named),
    }
    audit.emit(
        CoreEvent.DEMO_DATA_GENERATED, acting_user=acting_user, what="assistance", seed=seed, scale=scale, **summary
    )
    return summary


def _activity(rng, activity_type, start, status, scope, state, themes) -> Activity:
    online = activity_type == ActivityType.ELEARNING or rng.random() < 0.12
    length = 0 if activity_type == ActivityType.PUBLICATION else rng.randint(1, 5)
    if activity_type == ActivityType.MENTORING:
        length = rng.randint(20, 90)
    title = TYPE_THEMES[activity_type].format(theme=themes[0].label.lower())
    where = f" ({state.name})" if scope == Scope.NATIONAL else ""
    return Activity(
        title=f"{title}{where} (demonstration)"[:250],
        type=activity_type,
        status=status,
        start_date=start,
        end_date=start + datetime.timedelta(days=length),
        modality=Modality.ONLINE if online else Modality.IN_PERSON,
        place="" if online else f"Capital of {state.name} (demo)",
        scope=scope,
        outputs="Demonstration output: officials trained; recommendations delivered."
        if status == ActivityStatus.COMPLETED
        else "",
        is_demo=True,
    )


def run(*, scale: int, seed: int) -> str:
    counts = generate(scale=scale, seed=seed)
    return (
        f"{counts['requests']} requests, {counts['activities']} activities, {counts['participants']} participants "
        f"({counts['count_rows']} count rows, {counts['named']} named)"
    )
