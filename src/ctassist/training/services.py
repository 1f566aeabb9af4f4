"""Every change in the training area, written through ``core.services`` (validated, logged, checked).

The path: publish a course → open a session (an assistance activity) with seats per State →
a focal point nominates → UNODC accepts (a seat is free) or puts on the waiting list, or
declines → attendance and test scores → certificates for those who meet the course's rule.
The activity's participant table follows the enrolments (:func:`sync_counts`).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.assistance import services as assistance_services
from ctassist.assistance.choices import ActivityType
from ctassist.assistance.models import Activity, ParticipantCount
from ctassist.core import audit, policy, roles
from ctassist.core.services import delete, lock, save
from ctassist.geo.models import State
from ctassist.training.choices import EDITABLE, CourseStatus, NominationStatus, TrainerRole
from ctassist.training.events import TrainingEvent
from ctassist.training.models import (
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Nomination,
    Person,
    SeatAllocation,
    Session,
    SessionTrainer,
    Trainer,
    normalise_identifier,
)

COURSE_FIELDS = (
    "code", "title", "summary", "objectives", "languages", "delivery_mode", "duration_hours", "status",
    "min_attendance_percent", "min_post_score",
)  # fmt: skip
SESSION_TYPES = (ActivityType.TRAINING, ActivityType.ELEARNING, ActivityType.WORKSHOP)
PERSON_FIELDS = ("full_name", "function", "agency", "agency_name", "sex", "email", "phone", "language", "consent")
DECIDE = "decide"
ERASED = "—"


def _known(fields: Mapping[str, Any], allowed: Iterable[str], kind: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {kind} fields: {sorted(unknown)}")


# -- the catalogue ---------------------------------------------------------------------------------


@transaction.atomic
def save_course(
    *,
    acting_user: Any,
    course: Course | None = None,
    expected_version: int | None = None,
    themes: Iterable | None = None,
    instruments: Iterable | None = None,
    materials: Iterable | None = None,
    is_demo: bool = False,
    **fields: Any,
) -> Course:
    """Create a course, or change one from the version its editor loaded."""
    _known(fields, COURSE_FIELDS, "course")
    m2m = {"themes": themes, "instruments": instruments, "materials": materials}
    if course is None:
        course = Course(is_demo=is_demo, **fields)
        save(course, acting_user=acting_user, m2m=m2m, event=TrainingEvent.COURSE_SAVED)
        return course
    policy.enforce(acting_user, policy.CHANGE, course)
    current = lock(course, expected_version=expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    save(current, acting_user=acting_user, before=before, m2m=m2m, event=TrainingEvent.COURSE_SAVED)
    return current


@transaction.atomic
def save_module(*, acting_user: Any, course: Course, module: CourseModule | None = None, **fields: Any) -> CourseModule:
    _known(fields, ("position", "title", "objectives", "duration_hours"), "module")
    module = module or CourseModule(course=course)
    for name, value in fields.items():
        setattr(module, name, value)
    save(module, acting_user=acting_user, event=TrainingEvent.MODULE_SAVED, details={"course": course.pk})
    return module


def remove_module(*, acting_user: Any, module: CourseModule) -> None:
    delete(module, acting_user=acting_user, event=TrainingEvent.MODULE_REMOVED, details={"course": module.course_id})


# -- sessions and seats ----------------------------------------------------------------------------


@transaction.atomic
def open_session(
    *,
    acting_user: Any,
    course: Course,
    activity: Activity,
    language: str,
    nomination_deadline: datetime.date | None = None,
    seats: Mapping[Any, int] | None = None,
    is_demo: bool = False,
) -> Session:
    """Make a training activity a session of a published course, with seats per State."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    errors: dict[str, str] = {}
    if course.status != CourseStatus.PUBLISHED:
        errors["course"] = _("Only a published course has sessions.")
    if activity.type not in SESSION_TYPES:
        errors["activity"] = _("Choose a training course, e-learning or workshop activity.")
    elif Session.objects.filter(activity=activity).exists():
        errors["activity"] = _("This activity is already a session of a course.")
    if course.languages and language not in course.languages:
        errors["language"] = _("The course is not given in this language.")
    if errors:
        raise ValidationError(errors)
    session = Session(
        course=course, activity=activity, language=language, nomination_deadline=nomination_deadline, is_demo=is_demo
    )
    save(session, acting_user=acting_user, event=TrainingEvent.SESSION_OPENED, details={"activity": activity.pk})
    for state, count in (seats or {}).items():
        set_seats(acting_user=acting_user, session=session, state=state, seats=count)
    return session


@transaction.atomic
def set_seats(*, acting_user: Any, session: Session, state: Any, seats: int) -> SeatAllocation | None:
    """Give a State ``seats`` places in the session (0 takes its allocation away)."""
    policy.enforce(acting_user, policy.CHANGE, session)
    row = SeatAllocation.objects.filter(session=session, state=state).first()
    details = {"state": state.iso3, "seats": seats}
    if seats == 0:
        if row is not None:
            taken = _taken(session, state)
            if taken:
                raise ValidationError(
                    {"seats": _("%(n)s participants of this State are enrolled; decline them first.") % {"n": taken}}
                )
            delete(row, acting_user=acting_user, event=TrainingEvent.SEATS_SET, details=details)
        return None
    if seats < _taken(session, state):
        raise ValidationError({"seats": _("Fewer seats than participants already enrolled for this State.")})
    row = row or SeatAllocation(session=session, state=state)
    row.seats = seats
    save(row, acting_user=acting_user, event=TrainingEvent.SEATS_SET, details=details)
    assistance_services.ensure_state(acting_user=acting_user, activity=session.activity, state=state)
    _promote(acting_user, session, state)
    return row


def _taken(session: Session, state: Any) -> int:
    return Nomination.objects.filter(session=session, state=state, status=NominationStatus.ACCEPTED).count()


def seats_left(session: Session, state: Any) -> int:
    allocation = SeatAllocation.objects.filter(session=session, state=state).first()
    return max(0, (allocation.seats if allocation else 0) - _taken(session, state))


# -- people and nominations ------------------------------------------------------------------------


def _resolve(person: Person) -> Person:
    """The record a merged duplicate now points to (followed to its end)."""
    seen = set()
    while person.merged_into_id and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


@transaction.atomic
def nominate(
    *, acting_user: Any, session: Session, state: Any = None, identifier: str, is_demo: bool = False, **fields: Any
) -> Nomination:
    """A State nominates one official to a session; the person is matched on ``identifier``.

    A focal point nominates for its own State (``state`` is theirs); UNODC names the State.
    A person already recorded under the identifier is reused (their details brought up to date);
    one recorded for another State is refused, as is a second nomination to the same session.
    """
    _known(fields, PERSON_FIELDS, "person")
    own_state = roles.state_id_of(acting_user)
    if own_state:
        state = State.objects.get(pk=own_state)
    if state is None:
        raise ValidationError({"state": _("Say which State nominates.")})
    if not session.nominations_open or (
        session.nomination_deadline and timezone.localdate() > session.nomination_deadline
    ):
        raise ValidationError(_("Nominations to this session are closed."))
    if not SeatAllocation.objects.filter(session=session, state=state).exists():
        raise ValidationError({"state": _("This State has no seats in the session.")})
    if not fields.get("consent"):
        raise ValidationError({"consent": _("A person is nominated only with their consent to the processing of their data.")})
    key = normalise_identifier(identifier)
    person = Person.objects.filter(identifier=key).first()
    if person is not None:
        person = _resolve(person)
        if person.state_id != state.pk or person.erased_at is not None:
            raise ValidationError({"identifier": _("This identifier is recorded for someone else; ask UNODC.")})
        before = audit.snapshot(person)
    else:
        person, before = Person(state=state, identifier=key, is_demo=is_demo), None
    for name, value in fields.items():
        setattr(person, name, value)
    if not person.consent_date:
        person.consent_date = timezone.localdate()
    save(person, acting_user=acting_user, before=before)
    if Nomination.objects.filter(session=session, person=person).exists():
        raise ValidationError({"identifier": _("This person is already nominated to the session.")})
    nomination = Nomination(session=session, person=person, state=state, nominated_by=_author(acting_user))
    save(nomination, acting_user=acting_user, event=TrainingEvent.NOMINATED, details={"session": session.pk})
    return nomination


def _author(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


@transaction.atomic
def decide(
    *, acting_user: Any, nomination: Nomination, decision: str, reason: str = "", expected_version: int | None = None
) -> Nomination:
    """UNODC accepts a nomination (enrolled if the State has a free seat, else waiting list) or declines it."""
    policy.enforce(acting_user, DECIDE, nomination)
    current = lock(nomination, expected_version=expected_version, required=False)
    if current.status not in (NominationStatus.NOMINATED, NominationStatus.WAITLISTED, NominationStatus.ACCEPTED):
        raise ValidationError(_("This nomination was withdrawn or declined; it cannot be decided again."))
    before = audit.snapshot(current)
    if decision == NominationStatus.ACCEPTED:
        if current.status == NominationStatus.ACCEPTED:
            return current
        free = seats_left(current.session, current.state)
        current.status = NominationStatus.ACCEPTED if free else NominationStatus.WAITLISTED
    elif decision == NominationStatus.DECLINED:
        current.status = NominationStatus.DECLINED
    else:
        raise ValidationError({"decision": _("Accept or decline.")})
    current.reason = reason
    current.decided_at = timezone.now()
    save(
        current, acting_user=acting_user, before=before, action=DECIDE, event=TrainingEvent.NOMINATION_DECIDED,
        details={"status": current.status},
    )  # fmt: skip
    if before["status"] == NominationStatus.ACCEPTED:
        _promote(acting_user, current.session, current.state)
    sync_counts(acting_user=acting_user, session=current.session)
    return current


@transaction.atomic
def withdraw(*, acting_user: Any, nomination: Nomination, reason: str = "") -> Nomination:
    """The State (or UNODC) withdraws a nomination not yet accepted."""
    policy.enforce(acting_user, policy.CHANGE, nomination)
    current = lock(nomination, expected_version=None, required=False)
    if current.status not in EDITABLE:
        raise ValidationError(_("Only a nomination not yet accepted or declined can be withdrawn."))
    before = audit.snapshot(current)
    current.status, current.reason = NominationStatus.WITHDRAWN, reason
    save(current, acting_user=acting_user, before=before, event=TrainingEvent.NOMINATION_WITHDRAWN)
    return current


def _promote(acting_user: Any, session: Session, state: Any) -> None:
    """Enrol people from the waiting list, first nominated first, while the State has free seats."""
    for waiting in Nomination.objects.filter(session=session, state=state, status=NominationStatus.WAITLISTED):
        if not seats_left(session, state):
            break
        before = audit.snapshot(waiting)
        waiting.status, waiting.decided_at = NominationStatus.ACCEPTED, timezone.now()
        save(waiting, acting_user=acting_user, before=before, action=DECIDE, event=TrainingEvent.NOMINATION_DECIDED,
             details={"status": waiting.status, "from_waiting_list": True})  # fmt: skip
    sync_counts(acting_user=acting_user, session=session)


def enrolment_counts(session: Session) -> Counter:
    """(State id, sex, agency) → the number enrolled."""
    rows = Nomination.objects.filter(session=session, status=NominationStatus.ACCEPTED).values_list(
        "state_id", "person__sex", "person__agency"
    )
    return Counter(rows)


@transaction.atomic
def sync_counts(*, acting_user: Any, session: Session) -> None:
    """Make the activity's participant table say what the enrolments say (only the cells that differ)."""
    activity = session.activity
    wanted = enrolment_counts(session)
    if not wanted and not has_enrolments(activity):
        return
    stored = {(c.state_id, c.sex, c.agency): c for c in ParticipantCount.objects.filter(activity=activity)}
    states = {s.pk: s for s in State.objects.filter(pk__in={k[0] for k in (*wanted, *stored)})}
    for key in set(wanted) | set(stored):
        count = wanted.get(key, 0)
        if key in stored and stored[key].count == count:
            continue
        state_id, sex, agency = key
        assistance_services.set_participant_count(
            acting_user=acting_user, activity=activity, state=states[state_id], sex=sex, agency=agency, count=count,
            derived=True,
        )  # fmt: skip


@assistance_services.register_count_source
def has_enrolments(activity: Activity) -> bool:
    """An activity's counts are derived from enrolments once UNODC has decided a nomination to its session."""
    return Nomination.objects.filter(
        session__activity=activity, status=NominationStatus.ACCEPTED
    ).exists() or Nomination.objects.filter(session__activity=activity, decided_at__isnull=False).exists()


# -- attendance and results ------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, acting_user: Any, session: Session, present: Mapping[int, Iterable[datetime.date]]) -> int:
    """Record, for each enrolled nomination id, the days it was present (every other day: absent)."""
    policy.enforce(acting_user, policy.CHANGE, session)
    enrolled = {n.pk: n for n in session.nominations.filter(status=NominationStatus.ACCEPTED)}
    unknown = set(present) - set(enrolled)
    if unknown:
        raise ValidationError(_("Not enrolled in this session: %(ids)s") % {"ids": ", ".join(map(str, sorted(unknown)))})
    days = session.days()
    changed = 0
    stored = {(a.nomination_id, a.day): a for a in Attendance.objects.filter(nomination__session=session)}
    for pk, nomination in enrolled.items():
        there = set(present.get(pk, ()))
        outside = there - set(days)
        if outside:
            raise ValidationError({"day": _("The day is not a day of the session.")})
        for day in days:
            row = stored.get((pk, day))
            if row is None and pk not in present:
                continue
            row = row or Attendance(nomination=nomination, day=day)
            was = None if row.pk is None else row.present
            row.present = day in there
            if was != row.present:
                save(row, acting_user=acting_user, event=TrainingEvent.ATTENDANCE_RECORDED)
                changed += 1
    return changed


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@transaction.atomic
def record_results(
    *, acting_user: Any, nomination: Nomination, pre_score: Any = None, post_score: Any = None,
    satisfaction: int | None = None,
) -> Nomination:  # fmt: skip
    """Pre- and post-test scores (0-100) and satisfaction (1-5) of one enrolled participant."""
    policy.enforce(acting_user, policy.CHANGE, nomination.session)
    if not nomination.enrolled:
        raise ValidationError(_("Only enrolled participants have results."))
    current = lock(nomination, expected_version=None, required=False)
    before = audit.snapshot(current)
    current.pre_score, current.post_score = _decimal(pre_score), _decimal(post_score)
    current.satisfaction = satisfaction
    save(current, acting_user=acting_user, before=before, action=policy.VIEW, event=TrainingEvent.RESULTS_RECORDED)
    return current


# -- certificates ----------------------------------------------------------------------------------


def completion_problems(nomination: Nomination) -> list[str]:
    """Why the nomination does not (yet) meet its course's completion rule; empty when it does."""
    course = nomination.session.course
    if not nomination.enrolled:
        return [_("not enrolled")]
    problems = []
    days = len(nomination.session.days())
    attended = sum(1 for a in nomination.attendance.all() if a.present)
    if attended * 100 < course.min_attendance_percent * days:
        problems.append(_("attended %(n)s of %(days)s days") % {"n": attended, "days": days})
    if course.min_post_score is not None and (nomination.post_score is None or nomination.post_score < course.min_post_score):
        problems.append(_("post-test score below %(score)s") % {"score": course.min_post_score})
    return problems


@transaction.atomic
def issue_certificates(*, acting_user: Any, session: Session, on: datetime.date | None = None) -> list[Certificate]:
    """A certificate for every enrolled participant who meets the course's rule and has none yet."""
    policy.enforce(acting_user, policy.CHANGE, session)
    issued = []
    queryset = session.nominations.filter(status=NominationStatus.ACCEPTED, certificate__isnull=True)
    for nomination in queryset.select_related("person", "session__course").prefetch_related("attendance"):
        if completion_problems(nomination):
            continue
        language = nomination.person.language
        if language not in (nomination.session.course.languages or [language]):
            language = nomination.session.language
        certificate = Certificate(nomination=nomination, issued_on=on or timezone.localdate(), language=language)
        save(certificate, acting_user=acting_user, event=TrainingEvent.CERTIFICATE_ISSUED,
             details={"nomination": nomination.pk})  # fmt: skip
        issued.append(certificate)
    return issued


@transaction.atomic
def revoke_certificate(*, acting_user: Any, certificate: Certificate, reason: str) -> Certificate:
    policy.enforce(acting_user, policy.CHANGE, certificate)
    current = lock(certificate, expected_version=None, required=False)
    if current.revoked_at is not None:
        raise ValidationError(_("This certificate is already revoked."))
    before = audit.snapshot(current)
    current.revoked_at, current.revocation_reason = timezone.now(), reason.strip()
    save(current, acting_user=acting_user, before=before, event=TrainingEvent.CERTIFICATE_REVOKED)
    return current


# -- one person, once ------------------------------------------------------------------------------


@transaction.atomic
def merge_people(*, acting_user: Any, keep: Person, duplicate: Person) -> Person:
    """The review step of deduplication: ``duplicate``'s nominations move to ``keep``, which it now points to."""
    policy.enforce(acting_user, policy.DELETE, duplicate)
    policy.enforce(acting_user, policy.CHANGE, keep)
    if keep.pk == duplicate.pk or duplicate.merged_into_id:
        raise ValidationError(_("Choose two different records that are not merged yet."))
    if keep.state_id != duplicate.state_id:
        raise ValidationError(_("The two records are of different States."))
    clash = Nomination.objects.filter(person=keep, session__in=duplicate.nominations.values("session"))
    if clash.exists():
        raise ValidationError(_("Both records are nominated to the same session; withdraw or decline one first."))
    for nomination in duplicate.nominations.all():
        before = audit.snapshot(nomination)
        nomination.person = keep
        save(nomination, acting_user=acting_user, before=before, action=policy.VIEW, event=TrainingEvent.PEOPLE_MERGED)
    before = audit.snapshot(duplicate)
    duplicate.merged_into = keep
    save(duplicate, acting_user=acting_user, before=before, action=policy.VIEW, event=TrainingEvent.PEOPLE_MERGED,
         details={"kept": keep.pk})  # fmt: skip
    return keep


@transaction.atomic
def erase_person(*, acting_user: Any, person: Person) -> Person:
    """Erase a person's personal data on request (or at the end of the retention period).

    Sex, agency type and State stay, so the counts of people trained stay true; certificates keep
    their codes but verify without a name.
    """
    policy.enforce(acting_user, policy.DELETE, person)
    before = audit.snapshot(person)
    person.full_name = ERASED
    person.identifier = f"erased-{person.pk}"
    person.function = person.agency_name = person.email = person.phone = ""
    person.erased_at = timezone.now()
    save(person, acting_user=acting_user, before=before, action=policy.VIEW, event=TrainingEvent.PERSON_ERASED)
    return person


def erase_expired(*, acting_user: Any, retention_days: int, today: datetime.date | None = None) -> int:
    """Erase the people whose last session ended more than ``retention_days`` ago."""
    limit = (today or timezone.localdate()) - datetime.timedelta(days=retention_days)
    people = Person.objects.filter(erased_at__isnull=True, merged_into__isnull=True).annotate(
        last=Max("nominations__session__activity__end_date")
    )
    expired = [p for p in people if p.last is None or p.last < limit]
    for person in expired:
        erase_person(acting_user=acting_user, person=person)
    return len(expired)


# -- sessions after opening ------------------------------------------------------------------------

SESSION_FIELDS = ("language", "nominations_open", "nomination_deadline", "satisfaction_notes", "follow_up_notes")


@transaction.atomic
def update_session(*, acting_user: Any, session: Session, expected_version: int | None, **fields: Any) -> Session:
    """Change a session's nomination settings and its reaction and follow-up notes from the version loaded."""
    _known(fields, SESSION_FIELDS, "session")
    policy.enforce(acting_user, policy.CHANGE, session)
    current = lock(session, expected_version=expected_version)
    if "language" in fields and current.course.languages and fields["language"] not in current.course.languages:
        raise ValidationError({"language": _("The course is not given in this language.")})
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    save(current, acting_user=acting_user, before=before, event=TrainingEvent.SESSION_UPDATED)
    return current


# -- the trainers' roster --------------------------------------------------------------------------

TRAINER_FIELDS = ("full_name", "kind", "organisation", "expertise", "languages", "availability", "email", "phone",
                  "active")  # fmt: skip


@transaction.atomic
def save_trainer(
    *,
    acting_user: Any,
    trainer: Trainer | None = None,
    expected_version: int | None = None,
    themes: Iterable | None = None,
    instruments: Iterable | None = None,
    is_demo: bool = False,
    **fields: Any,
) -> Trainer:
    """Put a trainer or expert on the roster, or change one from the version its editor loaded."""
    _known(fields, TRAINER_FIELDS, "trainer")
    organisation = fields.get("organisation")
    if organisation is not None and organisation.kind != OrganisationKind.PARTNER:
        raise ValidationError({"organisation": _("An expert comes from a partner entity.")})
    m2m = {"themes": themes, "instruments": instruments}
    if trainer is None:
        trainer = Trainer(is_demo=is_demo, **fields)
        save(trainer, acting_user=acting_user, m2m=m2m, event=TrainingEvent.TRAINER_SAVED)
        return trainer
    policy.enforce(acting_user, policy.CHANGE, trainer)
    current = lock(trainer, expected_version=expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    save(current, acting_user=acting_user, before=before, m2m=m2m, event=TrainingEvent.TRAINER_SAVED)
    return current


@transaction.atomic
def assign_trainer(
    *, acting_user: Any, session: Session, trainer: Trainer, role: str = TrainerRole.LEAD, rating: Any = None
) -> SessionTrainer:
    """Record that ``trainer`` delivers (or delivered) ``session`` in ``role``; ``rating`` once participants rated it."""
    policy.enforce(acting_user, policy.CHANGE, session)
    if not trainer.active and not SessionTrainer.objects.filter(session=session, trainer=trainer).exists():
        raise ValidationError({"trainer": _("%(name)s is no longer on the roster.") % {"name": trainer.full_name}})
    row = SessionTrainer.objects.filter(session=session, trainer=trainer).first()
    before = audit.snapshot(row) if row is not None else None
    row = row or SessionTrainer(session=session, trainer=trainer)
    row.role, row.rating = role, _decimal(rating)
    save(row, acting_user=acting_user, before=before, event=TrainingEvent.TRAINER_ASSIGNED,
         details={"session": session.pk, "trainer": trainer.pk})  # fmt: skip
    return row


@transaction.atomic
def unassign_trainer(*, acting_user: Any, part: SessionTrainer) -> None:
    delete(part, acting_user=acting_user, event=TrainingEvent.TRAINER_UNASSIGNED,
           details={"session": part.session_id, "trainer": part.trainer_id})  # fmt: skip
