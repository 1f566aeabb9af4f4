"""Generated courses, sessions, trained people, results, certificates and trainers for demonstration databases.

Runs after the assistance generator (order 35 > 30): some of its demonstration training activities become
sessions of three demonstration courses. Everything is invented and marked ``is_demo``: course codes start
with ``demo-``, people and trainers are fictional, their e-mail addresses use ``example.org`` and their
telephone numbers the reserved ``+1 555 01xx`` range. Written through the services, so the enrolments
derive the activities' participant counts as they would for real sessions.

The assistance generator deletes its activities (and with them the sessions and enrolments) when it runs
again; certificates protect enrolments, so :func:`remove` (order 29, before it) takes the demonstration
certificates away first.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from ctassist.assistance.models import Activity, Theme
from ctassist.core import audit
from ctassist.core import services as core_services
from ctassist.core.events import CoreEvent
from ctassist.training import services
from ctassist.training.choices import NominationStatus
from ctassist.training.events import TrainingEvent
from ctassist.training.models import Certificate, Course, Trainer
from ctassist.treaties.models import Instrument

COURSES = [
    {
        "code": "demo-ct-legal-framework",
        "title": "The universal legal framework against terrorism (demonstration course)",
        "summary": "Five days on what the universal instruments require of national criminal law.",
        "objectives": "Identify the offences the universal instruments require\n"
        "Apply the 'extradite or prosecute' obligation to a case\n"
        "Use mutual legal assistance and its safeguards",
        "languages": ["en", "fr", "es"], "delivery_mode": "face_to_face", "duration_hours": Decimal("30"),
        "themes": ["ratification", "rule-of-law"], "instruments": ["bombings-1997", "financing-1999", "nuclear-terrorism-2005"],
        "modules": ["The universal instruments and their offences", "Jurisdiction and 'extradite or prosecute'",
                    "International cooperation in criminal matters", "Human rights and the rule of law"],
    },
    {
        "code": "demo-cft-investigations",
        "title": "Investigating and prosecuting the financing of terrorism (demonstration course)",
        "summary": "Financial investigations, from the suspicious transaction report to the courtroom.",
        "objectives": "Trace funds with financial intelligence\nBuild a financing case that meets article 2\n"
        "Freeze and confiscate assets lawfully",
        "languages": ["en", "fr", "ar"], "delivery_mode": "blended", "duration_hours": Decimal("24"),
        "themes": ["terrorism-financing"], "instruments": ["financing-1999"], "min_post_score": Decimal("60"),
        "modules": ["Financial intelligence units and reporting", "Proving the offence", "Freezing and confiscation"],
    },
    {
        "code": "demo-aviation-maritime",
        "title": "Offences against civil aviation and maritime navigation (demonstration e-learning)",
        "summary": "A self-paced module on the aviation and maritime instruments.",
        "objectives": "Distinguish the offences of the aviation and maritime instruments\n"
        "Establish jurisdiction over offences on board",
        "languages": ["en", "es", "ru", "zh"], "delivery_mode": "online", "duration_hours": Decimal("8"),
        "themes": ["ratification", "critical-infrastructure"], "instruments": ["hague-1970", "montreal-1971", "sua-1988"],
        "modules": ["Aviation", "Maritime navigation and fixed platforms"],
    },
]
FIRST = ["Amina", "Carlos", "Leila", "Jonas", "Mei", "Olga", "Kofi", "Sara", "Ivan", "Fatima", "Diego", "Nadia",
         "Samuel", "Aiko", "Youssef", "Elena", "Tariq", "Grace", "Pedro", "Lina"]  # fmt: skip
LAST = ["Mwangi", "Quispe", "Haddad", "Novak", "Chen", "Petrova", "Mensah", "Lindqvist", "Sokolov", "Diallo",
        "Rojas", "Karimi", "Okafor", "Tanaka", "Benali", "Popescu", "Rahman", "Achieng", "Silva", "Moreau"]  # fmt: skip
FUNCTIONS = [("prosecution", "Prosecutor", "Office of the Director of Public Prosecutions"),
             ("judiciary", "Judge", "High Court"), ("police", "Investigator", "Anti-Terrorism Police Unit"),
             ("fiu", "Analyst", "Financial Reporting Centre"), ("ministry", "Legal adviser", "Ministry of Justice")]  # fmt: skip
TRAINERS = [
    ("Demonstration trainer: Hélène Dubois", "unodc_staff", "Counter-terrorism legal framework; criminal procedure",
     ["fr", "en"], ["ratification", "rule-of-law"]),
    ("Demonstration trainer: Rashid Al-Amin", "consultant", "Financial investigations and asset recovery",
     ["ar", "en"], ["terrorism-financing"]),
    ("Demonstration trainer: María López", "consultant", "International cooperation in criminal matters",
     ["es", "en"], ["international-cooperation"]),
    ("Demonstration trainer: Wang Li", "unodc_staff", "Aviation and maritime security offences", ["zh", "en"],
     ["critical-infrastructure"]),
]  # fmt: skip


def _themes(codes: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(code__in=codes))


def _course(spec: dict) -> Course:
    spec = dict(spec)
    modules = spec.pop("modules")
    themes, instruments = _themes(spec.pop("themes")), list(Instrument.objects.filter(code__in=spec.pop("instruments")))
    course = Course.objects.filter(code=spec["code"]).first()
    if course is not None:
        return course
    course = services.save_course(acting_user=None, status="published", themes=themes, instruments=instruments,
                                  is_demo=True, **spec)  # fmt: skip
    for position, title in enumerate(modules, start=1):
        services.save_module(acting_user=None, course=course, position=position, title=title)
    return course


def _trainers() -> list[Trainer]:
    found = []
    for n, (name, kind, expertise, languages, themes) in enumerate(TRAINERS):
        trainer = Trainer.objects.filter(full_name=name, is_demo=True).first()
        if trainer is None:
            trainer = services.save_trainer(
                acting_user=None, full_name=name, kind=kind, expertise=expertise, languages=languages,
                availability="Demonstration: available on request", email=f"trainer{n + 1}@example.org",
                phone=f"+1 555 01{n + 10:02d}", themes=_themes(themes), is_demo=True,
            )  # fmt: skip
        found.append(trainer)
    return found


@transaction.atomic
def remove(*, acting_user=None) -> int:
    """Take away the demonstration certificates, so that the enrolments can go with their activities."""
    certificates = list(Certificate.objects.filter(nomination__session__is_demo=True))
    for certificate in certificates:
        core_services.delete(certificate, acting_user=acting_user, event=TrainingEvent.CERTIFICATE_REVOKED,
                             details={"demonstration": True}, check=False)  # fmt: skip
    return len(certificates)


@transaction.atomic
def generate(*, scale: int = 1, seed: int = 2026, acting_user=None) -> dict[str, int]:
    rng = random.Random(seed)
    courses = [_course(spec) for spec in COURSES]
    trainers = _trainers()
    activities = list(
        Activity.objects.filter(is_demo=True, type__in=services.SESSION_TYPES, training_session__isnull=True)
        .prefetch_related("states")
        .order_by("start_date", "pk")[: 6 * scale]
    )
    counts: dict[str, Any] = {"courses": len(courses), "trainers": len(trainers), "sessions": 0, "enrolled": 0, "certificates": 0}
    serial = 0  # identifiers are per State: the same demonstration official is found again on the next run
    for index, activity in enumerate(activities):
        states = list(activity.states.all())[:3]
        if not states:
            continue
        course = courses[index % len(courses)]
        session = services.open_session(acting_user=acting_user, course=course, activity=activity,
                                        language=course.languages[0], seats=dict.fromkeys(states, 4),
                                        is_demo=True)  # fmt: skip
        services.assign_trainer(acting_user=acting_user, session=session, trainer=trainers[index % len(trainers)],
                                rating=Decimal(rng.randint(35, 50)) / 10)  # fmt: skip
        counts["sessions"] += 1
        for state in states:
            for _n in range(rng.randint(3, 5)):  # a fifth nominee waits for a free seat
                serial += 1
                agency, function, agency_name = rng.choice(FUNCTIONS)
                nomination = services.nominate(
                    acting_user=acting_user, session=session, state=state, is_demo=True,
                    identifier=f"demo-{state.iso3.lower()}-{serial}@example.org",
                    email=f"demo-{state.iso3.lower()}-{serial}@example.org",
                    full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", function=function, agency=agency,
                    agency_name=agency_name, sex=rng.choice(["women", "men"]), phone=f"+1 555 01{serial % 100:02d}",
                    language=course.languages[0], consent=True,
                )  # fmt: skip
                services.decide(acting_user=acting_user, nomination=nomination, decision=NominationStatus.ACCEPTED)
        enrolled = list(session.nominations.filter(status=NominationStatus.ACCEPTED))
        counts["enrolled"] += len(enrolled)
        days = session.days()
        services.record_attendance(acting_user=acting_user, session=session, present={
            n.pk: [d for d in days if rng.random() < 0.92] for n in enrolled})  # fmt: skip
        for nomination in enrolled:
            pre = rng.randint(30, 65)
            services.record_results(acting_user=acting_user, nomination=nomination, pre_score=pre,
                                    post_score=min(100, pre + rng.randint(5, 35)),
                                    satisfaction=rng.choice([3, 4, 4, 5, 5]))  # fmt: skip
        counts["certificates"] += len(services.issue_certificates(acting_user=acting_user, session=session,
                                                                  on=activity.end_date))  # fmt: skip
    audit.emit(CoreEvent.DEMO_DATA_GENERATED, acting_user=acting_user, what="training", seed=seed, scale=scale,
               **counts)  # fmt: skip
    return counts


def run_remove(*, scale: int, seed: int) -> str:
    return f"{remove()} demonstration certificates removed before the activities are generated again"


def run(*, scale: int, seed: int) -> str:
    counts = generate(scale=scale, seed=seed)
    return (
        f"{counts['courses']} courses, {counts['sessions']} sessions, {counts['enrolled']} people enrolled, "
        f"{counts['certificates']} certificates, {counts['trainers']} trainers"
    )
