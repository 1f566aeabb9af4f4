from ctassist.core.testing import NOBODY, UNODC, PolicyCase, Urls
from ctassist.funding.models import ActivityCharge, Contribution, ContributionStep, Donor, Project
from ctassist.funding.tests import factories

UNODC_ONLY = {"view": UNODC, "add": UNODC, "change": UNODC, "delete": UNODC}
DONOR_READS = {"view": UNODC | {"donor"}, "add": UNODC, "change": UNODC, "delete": UNODC}
# A project of the test donor that names Kenya: the donor and Kenya's focal point read it.
FUNDED_IN_STATE = {"view": UNODC | {"donor", "focal_point"}, "add": UNODC, "change": UNODC, "delete": UNODC}


def _funded_project(actors):
    project = factories.make_project(actors)
    factories.contribute(factories.donor_of(actors), project=project)
    return project


def _project_other_state_other_donor(actors):
    project = factories.make_project(actors, code="P-OTHER", states=[actors.other_state])
    factories.contribute(factories.other_donor(), project=project)
    return project


def _charge_other_state(actors):
    return factories.funded_activity(actors, states=[actors.other_state])[2]


def _receipt(donor):
    return ContributionStep.objects.get(contribution=factories.contribute(donor), status="received")


DONOR_URLS = Urls.named(api="donor")
CONTRIBUTION_URLS = Urls.named(page="funding:contribution_detail", api="contribution")
PROJECT_URLS = Urls.named(page="funding:project_detail", api="project")
CHARGE_URLS = Urls.named(api="activitycharge")

CASES = [
    PolicyCase(Donor, make=factories.donor_of, allowed=DONOR_READS, urls=DONOR_URLS),
    PolicyCase(
        Donor,
        make=lambda a: factories.other_donor(),
        allowed=UNODC_ONLY,
        label="funding.Donor (another)",
        urls=DONOR_URLS,
    ),  # fmt: skip
    PolicyCase(
        Contribution,
        make=lambda a: factories.contribute(factories.donor_of(a)),
        allowed=DONOR_READS,
        urls=CONTRIBUTION_URLS,
    ),  # fmt: skip
    PolicyCase(
        Contribution,
        make=lambda a: factories.contribute(factories.other_donor(), status="pledged"),
        allowed=UNODC_ONLY,
        label="funding.Contribution (another donor's)",
        urls=CONTRIBUTION_URLS,
    ),
    PolicyCase(ContributionStep, make=lambda a: _receipt(factories.donor_of(a)), allowed=DONOR_READS),
    PolicyCase(
        ContributionStep,
        make=lambda a: _receipt(factories.other_donor()),
        allowed=UNODC_ONLY,
        label="funding.ContributionStep (another donor's receipt)",
    ),
    PolicyCase(Project, make=_funded_project, allowed=FUNDED_IN_STATE, urls=PROJECT_URLS),
    PolicyCase(
        Project,
        make=_project_other_state_other_donor,
        allowed={"view": UNODC | {"other_focal_point"}, "add": UNODC, "change": UNODC, "delete": UNODC},
        label="funding.Project (another donor's, other State)",
        urls=PROJECT_URLS,
    ),
    PolicyCase(
        Project,
        make=lambda a: factories.make_project(a, code="P-NONE", states=[]),
        allowed=UNODC_ONLY,
        label="funding.Project (no State, no donor)",
        urls=PROJECT_URLS,
    ),
    PolicyCase(
        ActivityCharge, make=lambda a: factories.funded_activity(a)[2], allowed=FUNDED_IN_STATE, urls=CHARGE_URLS
    ),  # fmt: skip
    PolicyCase(
        ActivityCharge,
        make=_charge_other_state,
        allowed={"view": UNODC | {"donor", "other_focal_point"}, "add": UNODC, "change": UNODC, "delete": UNODC},
        label="funding.ActivityCharge (activity in the other State)",
        urls=CHARGE_URLS,
    ),
]

__all__ = ["CASES", "NOBODY"]
