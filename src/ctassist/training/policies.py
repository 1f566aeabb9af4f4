"""Who reaches what in the training area.

- UNODC staff (administrators, programme officers): everything.
- The catalogue: published courses and their modules are public; drafts are UNODC's.
- Sessions are seen by whoever sees their activity (``assistance.policies``); changed by UNODC.
- Personal data (people, nominations, attendance, certificates): UNODC and the focal points
  of the person's own State, nobody else. A focal point nominates its State's officials and may
  change or withdraw a nomination until UNODC has decided it; only UNODC decides (``decide``).
  Erasing a person (``delete``) is UNODC's, on request.
- A seat allocation: UNODC, and the focal point of the State it is for.
- Anyone may verify a certificate by its code (``queries.verify``), which shows name, course and
  date and nothing else; that path reads no policy-restricted data on the user's behalf.
- The trainers' roster (and who delivered which session, with the ratings): every official reads
  it to staff a session; UNODC keeps it. A trainer's contact details (``contact``) are UNODC's and,
  for its own experts, the partner entity's; nobody else's.
"""

from django.db.models import Q

from ctassist.assistance.models import Activity
from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, DELETE, NONE, VIEW, Policy, register
from ctassist.training.choices import EDITABLE, CourseStatus
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

DECIDE = "decide"
CONTACT = "contact"


class _CataloguePolicy(Policy):
    path = ""

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        if action == VIEW:
            return Q(**{f"{self.path}status": CourseStatus.PUBLISHED})
        return NONE


@register(Course)
class CoursePolicy(_CataloguePolicy):
    pass


@register(CourseModule)
class CourseModulePolicy(_CataloguePolicy):
    path = "course__"


@register(Session)
class SessionPolicy(Policy):
    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        if action != VIEW or not roles.is_official(user):
            return NONE
        rule = Activity.objects.restrict(user, VIEW)
        return Q(activity__in=rule.values("pk"))


@register(SeatAllocation)
class SeatAllocationPolicy(Policy):
    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        state_id = roles.state_id_of(user)
        if state_id and action == VIEW:
            return Q(state_id=state_id)
        return NONE


@register(Person)
class PersonPolicy(Policy):
    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        state_id = roles.state_id_of(user)
        if state_id and action in (VIEW, ADD, CHANGE):
            return Q(state_id=state_id, erased_at__isnull=True)
        return NONE


@register(Nomination)
class NominationPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, DELETE, DECIDE)

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        state_id = roles.state_id_of(user)
        if not state_id or action == DECIDE:
            return NONE
        mine = Q(state_id=state_id)
        if action in (VIEW, ADD):
            return mine
        return mine & Q(status__in=EDITABLE)


class _EnrolmentPart(Policy):
    path = "nomination__"

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        state_id = roles.state_id_of(user)
        if state_id and action == VIEW:
            return Q(**{f"{self.path}state_id": state_id})
        return NONE


@register(Attendance)
class AttendancePolicy(_EnrolmentPart):
    pass


@register(Certificate)
class CertificatePolicy(_EnrolmentPart):
    pass


@register(Trainer)
class TrainerPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, CONTACT)

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        if action == VIEW and roles.is_official(user):
            return ALL
        if action == CONTACT and roles.role_of(user) == roles.PARTNER and roles.organisation_id_of(user):
            return Q(organisation_id=roles.organisation_id_of(user))
        return NONE


@register(SessionTrainer)
class SessionTrainerPolicy(Policy):
    """Who delivered a session: read by whoever sees the session, set by UNODC."""

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        if action == VIEW and roles.is_official(user):
            return Q(session__in=Session.objects.restrict(user, VIEW).values("pk"))
        return NONE
