"""What each role may do with needs, their follow-up and the sharing log (the generic permission suite)."""

from ctassist.assistance.tests.factories import make_activity
from ctassist.core.policy import ADD, CHANGE, VIEW
from ctassist.core.testing import NOBODY, UNODC, PolicyCase, Urls
from ctassist.needs import services
from ctassist.needs.choices import NeedSource, NeedStatus
from ctassist.needs.models import AssessmentAnswer, FollowUp, Need, SelfAssessment, SharingDecision
from ctassist.needs.policies import CONFIRM, SHARE, SUBMIT, VALIDATE
from ctassist.needs.tests.factories import TODAY_FOLLOW_UP, make_assessment, make_need, submitted_assessment

FOCAL = frozenset({"focal_point"})
PARTNER = frozenset({"partner"})
DONOR = frozenset({"donor"})

NEED_URLS = Urls.named(page="needs:need_detail", api="need")
FOLLOW_UP_URLS = Urls.named(api="needfollowup")
SHARING_URLS = Urls.named(api="needsharingdecision")
ASSESSMENT_URLS = Urls.named(page="needs:assessment_detail", api="selfassessment")
ANSWER_URLS = Urls.named(api="assessmentanswer")
OTHER_FOCAL = frozenset({"other_focal_point"})

# A need of the actors' State (Kenya): UNODC and Kenya's focal point, nobody else.
OWN = {VIEW: UNODC | FOCAL, ADD: UNODC | FOCAL, CHANGE: UNODC | FOCAL, SHARE: FOCAL, CONFIRM: NOBODY}


def cted(actors):
    return make_need(actors, NeedSource.CTED_ASSESSMENT)


def cted_shared_with_partner(actors):
    need = cted(actors)
    services.share_need(acting_user=actors.focal_point, need=need, organisation=actors.organisations["partner"])
    return need


def cted_shared_with_donor(actors):
    need = cted(actors)
    services.share_need(acting_user=actors.focal_point, need=need, organisation=actors.organisations["donor"])
    return need


def cted_answered_by_partners_activity(actors):
    need = cted(actors)
    services.link_activity(acting_user=None, need=need, activity=make_activity(actors))
    return need


def fatf_answered_by_partners_activity(actors):
    need = make_need(actors, NeedSource.OTHER_MECHANISM)
    services.link_activity(acting_user=None, need=need, activity=make_activity(actors))
    return need


def proposed(actors):
    return make_need(actors, NeedSource.LEGISLATIVE_REVIEW, status=NeedStatus.PROPOSED)


def follow_up(actors, make=cted):
    need = make(actors)
    return services.add_follow_up(acting_user=None, need=need, **TODAY_FOLLOW_UP)


def sharing_decision(actors):
    need = cted(actors)
    return services.share_need(acting_user=actors.focal_point, need=need, organisation=actors.organisations["partner"])


CASES = [
    PolicyCase(Need, make=cted, allowed=OWN, label="needs.Need (CTED source)", urls=NEED_URLS),
    PolicyCase(Need, make=cted_shared_with_partner, allowed={**OWN, VIEW: OWN[VIEW] | PARTNER},
               label="needs.Need (CTED, shared with the partner by name)", urls=NEED_URLS),
    PolicyCase(Need, make=cted_shared_with_donor, allowed={**OWN, VIEW: OWN[VIEW] | DONOR},
               label="needs.Need (CTED, shared with the donor by name)", urls=NEED_URLS),
    PolicyCase(Need, make=cted_answered_by_partners_activity, allowed=OWN,
               label="needs.Need (CTED, answered by the partner's activity: still not shared)", urls=NEED_URLS),
    PolicyCase(Need, make=fatf_answered_by_partners_activity, allowed={**OWN, VIEW: OWN[VIEW] | PARTNER},
               label="needs.Need (FATF, answered by the partner's activity)", urls=NEED_URLS),
    PolicyCase(Need, make=lambda a: make_need(a, NeedSource.EVALUATION, state=a.other_state),
               allowed={VIEW: UNODC | {"other_focal_point"}, ADD: UNODC | {"other_focal_point"},
                        CHANGE: UNODC | {"other_focal_point"}, SHARE: frozenset({"other_focal_point"}),
                        CONFIRM: NOBODY},
               label="needs.Need (another State's)", urls=NEED_URLS),
    PolicyCase(Need, make=proposed, allowed={**OWN, CHANGE: UNODC, CONFIRM: UNODC},
               label="needs.Need (proposed by a review)", urls=NEED_URLS),
    PolicyCase(FollowUp, make=follow_up, allowed={VIEW: UNODC | FOCAL, ADD: UNODC | FOCAL},
               label="needs.FollowUp (CTED need)", urls=FOLLOW_UP_URLS),
    PolicyCase(FollowUp, make=lambda a: follow_up(a, cted_shared_with_partner),
               allowed={VIEW: UNODC | FOCAL | PARTNER, ADD: UNODC | FOCAL},
               label="needs.FollowUp (CTED need shared with the partner)", urls=FOLLOW_UP_URLS),
    PolicyCase(SharingDecision, make=sharing_decision, allowed={VIEW: UNODC | FOCAL, ADD: FOCAL},
               label="needs.SharingDecision", urls=SHARING_URLS),
    # Self-assessments: the State's own focal point and UNODC; never another State, a partner or a donor.
    PolicyCase(SelfAssessment, make=make_assessment,
               allowed={VIEW: UNODC | FOCAL, ADD: FOCAL, CHANGE: FOCAL, SUBMIT: FOCAL, VALIDATE: NOBODY},
               label="needs.SelfAssessment (draft)", urls=ASSESSMENT_URLS),
    PolicyCase(SelfAssessment, make=submitted_assessment,
               allowed={VIEW: UNODC | FOCAL, ADD: FOCAL, CHANGE: NOBODY, SUBMIT: NOBODY, VALIDATE: UNODC},
               label="needs.SelfAssessment (submitted)", urls=ASSESSMENT_URLS),
    PolicyCase(SelfAssessment, make=lambda a: make_assessment(a, state=a.other_state),
               allowed={VIEW: UNODC | OTHER_FOCAL, ADD: OTHER_FOCAL, CHANGE: OTHER_FOCAL,
                        SUBMIT: OTHER_FOCAL, VALIDATE: NOBODY},
               label="needs.SelfAssessment (another State's)", urls=ASSESSMENT_URLS),
    PolicyCase(AssessmentAnswer, make=lambda a: make_assessment(a).answers.first(),
               allowed={VIEW: UNODC | FOCAL, CHANGE: FOCAL}, label="needs.AssessmentAnswer (draft)", urls=ANSWER_URLS),
    PolicyCase(AssessmentAnswer, make=lambda a: submitted_assessment(a).answers.first(),
               allowed={VIEW: UNODC | FOCAL, CHANGE: NOBODY}, label="needs.AssessmentAnswer (submitted)",
               urls=ANSWER_URLS),
]  # fmt: skip
