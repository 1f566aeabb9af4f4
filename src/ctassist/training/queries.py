"""Read-side questions of the training area: verification, duplicates, transcripts, learning results."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Lower

from ctassist.training.choices import NominationStatus
from ctassist.training.models import Certificate, Nomination, Person, Session, SessionTrainer, Trainer
from ctassist.training.policies import CONTACT


@dataclass(frozen=True)
class Verification:
    """What the public verification page may say about a certificate, and nothing more."""

    name: str
    course: str
    date: datetime.date
    valid: bool


def verify(code: str) -> Verification | None:
    """The certificate with this code, as the anonymous verification page shows it; ``None`` if unknown."""
    cleaned = "".join((code or "").split()).upper()
    if not cleaned or len(cleaned) > 20:
        return None
    # Deliberately not policy-restricted: the code is the credential, and only these four facts leave.
    row = (
        Certificate.objects.filter(code=cleaned)
        .values("nomination__person__full_name", "nomination__session__course__title", "issued_on", "revoked_at")
        .first()
    )
    if row is None:
        return None
    return Verification(
        name=row["nomination__person__full_name"],
        course=row["nomination__session__course__title"],
        date=row["issued_on"],
        valid=row["revoked_at"] is None,
    )


def duplicate_candidates(people: QuerySet) -> list[tuple[Person, Person]]:
    """Pairs of live records of one State with the same name (case and spacing aside) but different identifiers."""
    live = people.filter(merged_into__isnull=True, erased_at__isnull=True).annotate(key=Lower("full_name"))
    groups: dict[tuple[int, str], list[Person]] = {}
    for person in live.select_related("state").order_by("id"):
        key = (person.state_id, " ".join(person.full_name.lower().split()))
        groups.setdefault(key, []).append(person)
    return [(group[0], other) for group in groups.values() if len(group) > 1 for other in group[1:]]


def transcript(person: Person) -> QuerySet:
    """The sessions a person was enrolled in, oldest first, with course, dates, scores and certificate."""
    return (
        Nomination.objects.filter(person=person, status=NominationStatus.ACCEPTED)
        .select_related("session__course", "session__activity", "certificate")
        .annotate(days_present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("session__activity__start_date", "id")
    )


@dataclass(frozen=True)
class Results:
    enrolled: int
    tested: int
    pre: Decimal | None
    post: Decimal | None
    gain: Decimal | None
    satisfaction: Decimal | None


def _results(nominations: QuerySet) -> Results:
    enrolled = nominations.filter(status=NominationStatus.ACCEPTED)
    tested = enrolled.filter(pre_score__isnull=False, post_score__isnull=False)
    figures = tested.aggregate(pre=Avg("pre_score"), post=Avg("post_score"), gain=Avg(F("post_score") - F("pre_score")))
    satisfaction = enrolled.aggregate(s=Avg("satisfaction"))["s"]

    def rounded(value: Any) -> Decimal | None:
        return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))

    return Results(
        enrolled=enrolled.count(), tested=tested.count(), pre=rounded(figures["pre"]), post=rounded(figures["post"]),
        gain=rounded(figures["gain"]), satisfaction=rounded(satisfaction),
    )  # fmt: skip


def session_results(session: Session) -> Results:
    """The knowledge gain (average post- minus pre-test score of those tested twice) and satisfaction."""
    return _results(Nomination.objects.filter(session=session))


def course_results(course: Any) -> Results:
    return _results(Nomination.objects.filter(session__course=course))


def test_scores(user: Any, activity_ids: list[int]) -> list[dict[str, Any]]:
    """Enrolments in the sessions of these activities tested before and after the course (one query).

    Each row: id (the nomination), activity_id, course (title), pre and post scores; only accepted
    nominations with both scores recorded, and only those ``user`` may see.
    """
    from ctassist.core.policy import VIEW

    return [
        {**row, "pre": float(row["pre"]), "post": float(row["post"])}
        for row in Nomination.objects.restrict(user, VIEW)
        .filter(
            status=NominationStatus.ACCEPTED,
            session__activity_id__in=activity_ids,
            pre_score__isnull=False,
            post_score__isnull=False,
        )
        .values(
            "id", pre=F("pre_score"), post=F("post_score"), activity_id=F("session__activity_id"),
            course=F("session__course__title"),
        )
        .order_by("session__activity_id", "id")
    ]  # fmt: skip


# -- the trainers' roster --------------------------------------------------------------------------


def trainer_list_queryset() -> QuerySet:
    """Trainers with the number of sessions they delivered and the participants' average rating (one query)."""
    return Trainer.objects.select_related("organisation").annotate(
        sessions_delivered=Count("sessions", distinct=True), average_rating=Avg("sessions__rating")
    ).order_by("full_name", "id")


def sessions_delivered(trainer: Trainer, user: Any) -> list[SessionTrainer]:
    """The sessions the trainer delivered that ``user`` may see, latest first, with role and rating."""
    visible = Session.objects.restrict(user).values("pk")
    return list(
        SessionTrainer.objects.restrict(user)
        .filter(trainer=trainer, session__in=visible)
        .select_related("session__course", "session__activity")
        .order_by("-session__activity__start_date", "-id")
    )


def session_trainers(session: Session, user: Any) -> list[SessionTrainer]:
    return list(SessionTrainer.objects.restrict(user).filter(session=session).select_related("trainer"))


def contact_visible(user: Any) -> set[int]:
    """The trainers whose contact details ``user`` may read (one query; empty for most)."""
    return set(Trainer.objects.restrict(user, CONTACT).values_list("pk", flat=True))
