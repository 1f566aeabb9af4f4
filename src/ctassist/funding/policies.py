"""Who reaches what in the funding area.

- UNODC staff (administrators, programme officers): everything.
- A donor: its own donor profile and contributions, the projects its contributions are earmarked
  to, and those projects' activity charges (and, through ``assistance.policies``, the activities).
  It does not see other donors or their contributions, even on projects it co-funds.
- A State's focal point: the projects that deliver to its State (the project names its State, or
  pays for an activity concerning it) and the charges for activities concerning its State. Never
  donors' contributions or donor profiles (conservative: the amounts are the donors' to disclose).
- Partners and the public: nothing (the public sees no funding data, not even totals).
"""

from django.db.models import Q

from ctassist.assistance.policies import register_donor_activities
from ctassist.core import roles
from ctassist.core.policy import ALL, NONE, VIEW, Policy, register
from ctassist.funding.models import ActivityCharge, Contribution, ContributionStep, Donor, Project


def donor_org_id(user):
    """The organisation a donor user acts for, or None."""
    if roles.role_of(user) != roles.DONOR:
        return None
    return roles.organisation_id_of(user)


def projects_of_donor(org_id):
    """Subquery: ids of the projects the donor's contributions are earmarked to."""
    return Contribution.objects.filter(donor__organisation_id=org_id, project__isnull=False).values("project_id")


@register_donor_activities
def activities_of_donor(org_id):
    """Subquery: ids of the activities charged to projects the donor's contributions are earmarked to."""
    return ActivityCharge.objects.filter(project_id__in=projects_of_donor(org_id)).values("activity_id")


def projects_of_state(state_id):
    """Subquery: ids of the projects that deliver to a State."""
    return Project.objects.filter(Q(states=state_id) | Q(charges__activity__states=state_id)).values("pk")


class _DonorsOwn(Policy):
    """UNODC records these; a donor's staff read their own organisation's, through ``organisation_path``."""

    organisation_path = "organisation_id"

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        org = donor_org_id(user)
        if org and action == VIEW:
            return Q(**{self.organisation_path: org})
        return NONE


@register(Donor)
class DonorPolicy(_DonorsOwn):
    organisation_path = "organisation_id"


@register(Contribution)
class ContributionPolicy(_DonorsOwn):
    organisation_path = "donor__organisation_id"


@register(ContributionStep)
class ContributionStepPolicy(_DonorsOwn):
    """The steps of a contribution go with it: UNODC records them; a donor reads its own."""

    organisation_path = "contribution__donor__organisation_id"


class _ReadByDonorsAndStates(Policy):
    """UNODC records these; a donor reads those of its projects (``of_donor``), a State's focal point
    those that deliver to its State (``of_state``)."""

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        if action != VIEW:
            return NONE
        org = donor_org_id(user)
        if org:
            return self.of_donor(org)
        state_id = roles.state_id_of(user)
        if state_id:
            return self.of_state(state_id)
        return NONE

    def of_donor(self, org_id) -> Q:
        raise NotImplementedError

    def of_state(self, state_id) -> Q:
        raise NotImplementedError


@register(Project)
class ProjectPolicy(_ReadByDonorsAndStates):
    def of_donor(self, org_id) -> Q:
        return Q(pk__in=projects_of_donor(org_id))

    def of_state(self, state_id) -> Q:
        return Q(pk__in=projects_of_state(state_id))


@register(ActivityCharge)
class ActivityChargePolicy(_ReadByDonorsAndStates):
    def of_donor(self, org_id) -> Q:
        return Q(project_id__in=projects_of_donor(org_id))

    def of_state(self, state_id) -> Q:
        from ctassist.assistance.models import Activity

        return Q(activity_id__in=Activity.objects.filter(states=state_id).values("pk"))
