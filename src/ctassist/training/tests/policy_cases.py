from ctassist.core.testing import EVERYONE, OFFICIALS, UNODC, PolicyCase, Urls
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
)
from ctassist.training.tests import factories

UNODC_ONLY = {"view": UNODC, "add": UNODC, "change": UNODC, "delete": UNODC}
PUBLIC_READ = {"view": EVERYONE, "add": UNODC, "change": UNODC, "delete": UNODC}
OWN_STATE_READS = {"view": UNODC | {"focal_point"}, "add": UNODC, "change": UNODC, "delete": UNODC}


def _module(actors):
    return factories.services.save_module(acting_user=None, course=factories.make_course(), position=1, title="Module")


def _attendance(actors):
    nomination = factories.enrolled(actors)
    factories.services.record_attendance(
        acting_user=None, session=nomination.session, present={nomination.pk: nomination.session.days()[:1]}
    )
    return nomination.attendance.first()


CASES = [
    PolicyCase(Course, make=lambda a: factories.make_course(), allowed=PUBLIC_READ,
               urls=Urls.named(page="training:course_detail", api="course")),
    PolicyCase(Course, make=lambda a: factories.make_course(code="draft", status="draft"), allowed=UNODC_ONLY,
               label="training.Course (draft)", urls=Urls.named(page="training:course_detail", api="course")),
    PolicyCase(CourseModule, make=_module, allowed=PUBLIC_READ, urls=Urls.named(api="coursemodule")),
    PolicyCase(Session, make=factories.make_session, allowed=OWN_STATE_READS,
               urls=Urls.named(page="training:session_detail", api="trainingsession")),
    PolicyCase(SeatAllocation, make=lambda a: factories.make_session(a).seats.get(), allowed=OWN_STATE_READS,
               urls=Urls.named(api="seatallocation")),
    PolicyCase(Person, make=lambda a: factories.nominate(a, factories.make_session(a)).person,
               allowed={"view": UNODC | {"focal_point"}, "add": UNODC | {"focal_point"},
                        "change": UNODC | {"focal_point"}, "delete": UNODC},
               urls=Urls.named(page="training:person_detail", api="trainedperson")),
    PolicyCase(Nomination, make=lambda a: factories.nominate(a, factories.make_session(a)),
               allowed={"view": UNODC | {"focal_point"}, "add": UNODC | {"focal_point"},
                        "change": UNODC | {"focal_point"}, "delete": UNODC | {"focal_point"}, "decide": UNODC},
               urls=Urls.named(api="nomination")),
    PolicyCase(Nomination, make=factories.enrolled, label="training.Nomination (enrolled)",
               allowed={"view": UNODC | {"focal_point"}, "add": UNODC | {"focal_point"}, "change": UNODC,
                        "delete": UNODC, "decide": UNODC},
               urls=Urls.named(api="nomination")),
    PolicyCase(Attendance, make=_attendance, allowed=OWN_STATE_READS, urls=Urls.named(api="attendance")),
    PolicyCase(Certificate, make=lambda a: factories.certified(a).certificate, allowed=OWN_STATE_READS,
               urls=Urls.named(page="training:certificate_detail", api="certificate")),
    # The roster: every official reads it; contact details are UNODC's (and the partner's, for its own experts).
    PolicyCase(Trainer, make=lambda a: factories.make_trainer(a),
               allowed={"view": OFFICIALS, "add": UNODC, "change": UNODC, "contact": UNODC},
               urls=Urls.named(page="training:trainer_detail", api="trainer")),
    PolicyCase(Trainer, make=factories.partner_expert, label="training.Trainer (the partner's expert)",
               allowed={"view": OFFICIALS, "add": UNODC, "change": UNODC, "contact": UNODC | {"partner"}},
               urls=Urls.named(page="training:trainer_detail", api="trainer")),
    PolicyCase(SessionTrainer, make=factories.session_trainer, allowed=OWN_STATE_READS,
               urls=Urls.named(api="sessiontrainer")),
]  # fmt: skip
