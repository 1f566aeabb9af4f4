"""Helpers that build training records through the services, as users would."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ctassist.assistance import services as assistance_services
from ctassist.training import services
from ctassist.training.models import Course, Nomination, Session

START = datetime.date(2025, 3, 10)


def make_course(*, code="ct-legal-1", status="published", **fields) -> Course:
    fields.setdefault("title", "Counter-terrorism legal framework (test)")
    fields.setdefault("objectives", "Explain the universal instruments\nApply them to a case")
    fields.setdefault("languages", ["en", "fr"])
    fields.setdefault("delivery_mode", "face_to_face")
    fields.setdefault("duration_hours", Decimal("21"))
    return services.save_course(acting_user=None, code=code, status=status, **fields)


def make_session(actors, *, course=None, seats=None, days=3, place="Nairobi") -> Session:
    course = course or Course.objects.filter(code="ct-legal-1").first() or make_course()
    activity = assistance_services.create_activity(
        acting_user=None, title=f"{course.title} session", type="training", start_date=START,
        end_date=START + datetime.timedelta(days=days - 1), place=place,
    )  # fmt: skip
    return services.open_session(
        acting_user=None, course=course, activity=activity, language="en",
        seats=seats if seats is not None else {actors.state: 2},
    )  # fmt: skip


def person_fields(n=1, **fields):
    base = {
        "identifier": f"official{n}@justice.example", "full_name": f"Official Number{n}", "function": "Prosecutor",
        "agency": "prosecution", "agency_name": "Office of the Prosecutor", "sex": "women" if n % 2 else "men",
        "email": f"official{n}@justice.example", "phone": "+254 700 000 000", "language": "en", "consent": True,
    }  # fmt: skip
    base.update(fields)
    return base


def nominate(actors, session, n=1, *, user="focal_point", **fields) -> Nomination:
    acting = actors.user(user)
    state = None if user == "focal_point" or user == "other_focal_point" else actors.state
    return services.nominate(acting_user=acting, session=session, state=state, **person_fields(n, **fields))


def enrolled(actors, session=None, n=1) -> Nomination:
    session = session or make_session(actors)
    nomination = nominate(actors, session, n)
    return services.decide(acting_user=actors.officer, nomination=nomination, decision="accepted")


def certified(actors) -> Nomination:
    nomination = enrolled(actors)
    session = nomination.session
    services.record_attendance(acting_user=actors.officer, session=session, present={nomination.pk: session.days()})
    services.issue_certificates(acting_user=actors.officer, session=session)
    nomination.refresh_from_db()
    return nomination


def make_trainer(actors=None, *, full_name="Amina Trainer", kind="consultant", **fields):
    fields.setdefault("expertise", "Criminalisation of terrorist financing; drafting legislation")
    fields.setdefault("languages", ["en", "fr"])
    fields.setdefault("email", "amina.trainer@example.org")
    fields.setdefault("phone", "+1 555 0100")
    return services.save_trainer(acting_user=None, full_name=full_name, kind=kind, **fields)


def partner_expert(actors):
    return make_trainer(actors, full_name="Partner Expert", kind="partner_expert",
                        organisation=actors.organisations["partner"])  # fmt: skip


def session_trainer(actors):
    return services.assign_trainer(acting_user=None, session=make_session(actors), trainer=make_trainer(actors),
                                   role="lead", rating="4.5")  # fmt: skip
